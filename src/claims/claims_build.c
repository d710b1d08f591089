/* SPDX-License-Identifier: MIT */
/*
** claims_build.c: a set of claims built from specs (claims_build.h), each
** copied into the set's one arena, so one free releases everything.
*/
#include "claims_impl.h"
#include "../core/error_int.h"
#include "parley/proposal.h"

#include <stdlib.h>
#include <string.h>

const char *const pl__claim_kinds[PL__N_KINDS] = {
    "can_act", "ratification", "self_enforcing", "leverage", "zone", "no_winners",
    "not_modelled"};

int pl__claims_new(pl_claims **out, size_t capacity, pl_error *err)
{
    pl_claims *c = calloc(1, sizeof *c);
    if (!c)
        return pl__error_nomem(err);
    pl_arena_init(&c->arena);
    if (!(c->c = pl_arena_array(&c->arena, capacity ? capacity : 1, sizeof *c->c))) {
        pl_claims_free(c);
        return pl__error_nomem(err);
    }
    c->cap = capacity;
    *out = c;
    return PL_OK;
}

/* A copy of `bytes` bytes in the arena (NULL stays NULL); *ok becomes 0 when out of memory. */
static const void *dup(pl_arena *a, const void *from, size_t bytes, int *ok)
{
    void *p = from ? pl_arena_alloc(a, bytes ? bytes : 1) : NULL;
    if (p)
        memcpy(p, from, bytes);
    else if (from)
        *ok = 0;
    return p;
}

static const char *dup_text(pl_arena *a, const char *from, int *ok)
{
    return from ? dup(a, from, strlen(from) + 1, ok) : NULL;
}

int pl__claims_add(pl_claims *c, const pl__claim_spec *sp, pl_error *err)
{
    if (!c || !sp || !sp->id || !sp->claim || c->n == c->cap)
        return pl__fail(err, PL_EMISUSE, "pl__claims_add: NULL argument or no room");
    pl__claim *to = &c->c[c->n];
    int ok = 1;
    *to = *sp;
    to->id = dup_text(&c->arena, sp->id, &ok);
    to->claim = dup_text(&c->arena, sp->claim, &ok);
    to->source = dup_text(&c->arena, sp->source, &ok);
    to->why = dup_text(&c->arena, sp->why, &ok);
    to->x = dup(&c->arena, sp->x, sp->n_x * sizeof *sp->x, &ok);
    to->issues = dup(&c->arena, sp->issues, sp->n_issues * sizeof *sp->issues, &ok);
    if (!ok)
        return pl__error_nomem(err);
    c->n++;
    return PL_OK;
}

void pl_claims_free(pl_claims *c)
{
    if (!c)
        return;
    pl_arena_free(&c->arena);
    free(c);
}

/* The kinds whose check takes a package: ratification, self_enforcing, no_winners. */
static int takes_package(pl__claim_kind k)
{
    return k == PL__RATIFICATION || k == PL__SELF_ENFORCING || k == PL__NO_WINNERS;
}

int pl_claims_use_proposal(pl_claims *c, const pl_proposal *p, const char *name, size_t *n,
                           pl_error *err)
{
    if (!c || !p || !name)
        return pl__fail(err, PL_EMISUSE, "pl_claims_use_proposal: NULL argument");
    size_t used = 0;
    int ok = 1;
    for (size_t i = 0; i < c->n && ok; i++) {
        pl__claim *to = &c->c[i];
        if (!takes_package(to->kind))
            continue;
        if (to->n_x != pl_proposal_n_issues(p))
            return pl__fail(err, PL_EMISUSE, "pl_claims_use_proposal: the proposal has %zu "
                            "issues, claim '%s' %zu; expected a proposal read against the "
                            "claims' scenario", pl_proposal_n_issues(p), to->id, to->n_x);
        to->x = dup(&c->arena, pl_proposal_points(p), to->n_x * sizeof *to->x, &ok);
        to->package_from = dup_text(&c->arena, name, &ok);
        used++;
    }
    if (n)
        *n = used;
    return ok ? PL_OK : pl__error_nomem(err);
}

const char *pl_claim_package_from(const pl_claims *c, size_t i)
{
    return c && i < c->n ? c->c[i].package_from : NULL;
}
