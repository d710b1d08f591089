/* SPDX-License-Identifier: MIT */
/*
** compare.c: a comparison of two sides (compare.h): the input diff, each
** analysis on both sides diffed as trees, the results ranked by the size of
** their change, and their description.
*/
#include "compare_impl.h"
#include "../core/alloc.h"
#include "../core/error_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const analysis_names[PL_COMPARE_COUNT] = {"forecast", "settle", "power",
                                                             "durability", "claims"};

const char *pl_compare_analysis_name(pl_compare_analysis a)
{
    return (unsigned)a < PL_COMPARE_COUNT ? analysis_names[a] : NULL;
}

/* s copied into the arena; NULL stays NULL. *ok cleared when out of memory. */
static const char *copy(pl_arena *arena, const char *s, int *ok)
{
    const char *c = s ? pl_arena_strdup(arena, s) : NULL;
    *ok &= !s || c;
    return c;
}

/* A side's label as the output names it: the caller's (or dflt), then " --proposal NAME" when
   the side judges a proposal, so two proposals on one scenario file are told apart. */
static const char *side_label(pl_arena *arena, const pl_compare_side *x, const char *dflt, int *ok)
{
    const char *l = x->label ? x->label : dflt;
    if (!x->proposal_name)
        return copy(arena, l, ok);
    size_t n = strlen(l) + strlen(" --proposal ") + strlen(x->proposal_name) + 1;
    char *c = pl_arena_alloc(arena, n);
    if (c)
        snprintf(c, n, "%s --proposal %s", l, x->proposal_name);
    *ok &= c != NULL;
    return c;
}

int pl__difflist_add(pl__difflist *l, const char *analysis, const char *what, const char *a,
                     const char *b, double change, double size)
{
    pl_compare_diff *d = pl__grow(l->d, &l->cap, l->n + 1, sizeof *l->d, 16);
    if (!d)
        return PL_ENOMEM;
    l->d = d;
    int ok = 1;
    pl_compare_diff x = {copy(l->arena, analysis, &ok), copy(l->arena, what, &ok),
                         copy(l->arena, a, &ok), copy(l->arena, b, &ok), change, size};
    if (!ok)
        return PL_ENOMEM;
    l->d[l->n++] = x;
    return PL_OK;
}

/* Largest size first; equal sizes keep the order found (index in `at`). */
typedef struct ranked {
    pl_compare_diff d;
    size_t at;
} ranked;

static int by_size(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    if (a->d.size != b->d.size)
        return a->d.size > b->d.size ? -1 : 1;
    return a->at < b->at ? -1 : a->at > b->at;
}

static int rank(pl__difflist *l)
{
    ranked *r = pl__mallocarray(l->n ? l->n : 1, sizeof *r);
    if (!r)
        return PL_ENOMEM;
    for (size_t i = 0; i < l->n; i++)
        r[i] = (ranked){l->d[i], i};
    qsort(r, l->n, sizeof *r, by_size);
    for (size_t i = 0; i < l->n; i++)
        l->d[i] = r[i].d;
    free(r);
    return PL_OK;
}

/* The analyses to run: those asked for (each must be possible on both sides), else every
   one both sides can run. */
static int choose(const pl_compare_side *a, const pl_compare_side *b, unsigned asked,
                  unsigned *out, pl_error *err)
{
    static const char *const why[PL_COMPARE_COUNT] = {
        NULL, NULL, "has no bodies", "has no durability section", "has no claims file"};
    *out = 0;
    for (int an = 0; an < PL_COMPARE_COUNT; an++) {
        int can_a = pl__compare_can_run((pl_compare_analysis)an, a);
        int can_b = pl__compare_can_run((pl_compare_analysis)an, b);
        if (asked & (1u << an) && !(can_a && can_b))
            return pl__fail(err, PL_EINPUT, "%s cannot be compared: %s %s; expected an "
                            "analysis both sides can run", analysis_names[an],
                            !can_a ? (a->label ? a->label : "a") : (b->label ? b->label : "b"),
                            why[an]);
        if ((!asked || asked & (1u << an)) && can_a && can_b)
            *out |= 1u << an;
    }
    return PL_OK;
}

/* Analysis an on both sides, and what changed. */
static int compare_one(pl_compare *c, pl_compare_analysis an, const pl_compare_side *a,
                       const pl_compare_side *b, const pl_compare_opts *opts, pl_error *err)
{
    pl_emitter *e[2] = {NULL, NULL};
    const pl__tnode *t[2] = {NULL, NULL};
    int rc = pl__compare_run(an, a, opts, &e[0], &t[0], err);
    if (!rc)
        rc = pl__compare_run(an, b, opts, &e[1], &t[1], err);
    if (!rc && pl__compare_trees(&c->results, analysis_names[an], t[0], t[1]))
        rc = pl__error_nomem(err);
    pl_emitter_free(e[0]);
    pl_emitter_free(e[1]);
    return rc;
}

static int compute(pl_compare *c, const pl_compare_side *a, const pl_compare_side *b,
                   const pl_compare_opts *opts, pl_error *err)
{
    int ok = 1;
    c->label[0] = side_label(&c->arena, a, "a", &ok);
    c->label[1] = side_label(&c->arena, b, "b", &ok);
    if (!ok)
        return pl__error_nomem(err);
    int rc = pl__compare_inputs(&c->inputs, a, b, err);
    if (!rc)
        rc = choose(a, b, opts->analyses, &c->analyses, err);
    for (int an = 0; !rc && an < PL_COMPARE_COUNT; an++)
        if (c->analyses & (1u << an))
            rc = compare_one(c, (pl_compare_analysis)an, a, b, opts, err);
    if (!rc && rank(&c->results))
        rc = pl__error_nomem(err);
    return rc;
}

int pl_compare_compute(pl_compare **out, const pl_compare_side *a, const pl_compare_side *b,
                       const pl_compare_opts *opts, pl_error *err)
{
    static const pl_compare_opts defaults = PL_COMPARE_OPTS_INIT;
    if (!out || !a || !b || !a->s || !b->s)
        return pl__fail(err, PL_EMISUSE, "pl_compare_compute: a NULL argument or scenario");
    *out = NULL;
    pl_compare *c = calloc(1, sizeof *c);
    if (!c)
        return pl__error_nomem(err);
    pl_arena_init(&c->arena);
    c->inputs.arena = c->results.arena = &c->arena;
    int rc = compute(c, a, b, opts ? opts : &defaults, err);
    if (rc) {
        pl_compare_free(c);
        return rc;
    }
    *out = c;
    return PL_OK;
}

void pl_compare_free(pl_compare *c)
{
    if (!c)
        return;
    free(c->inputs.d);
    free(c->results.d);
    pl_arena_free(&c->arena);
    free(c);
}

size_t pl_compare_n_inputs(const pl_compare *c) { return c ? c->inputs.n : 0; }
size_t pl_compare_n_results(const pl_compare *c) { return c ? c->results.n : 0; }
unsigned pl_compare_analyses(const pl_compare *c) { return c ? c->analyses : 0; }

const pl_compare_diff *pl_compare_input(const pl_compare *c, size_t i)
{
    return c && i < c->inputs.n ? &c->inputs.d[i] : NULL;
}

const pl_compare_diff *pl_compare_result(const pl_compare *c, size_t i)
{
    return c && i < c->results.n ? &c->results.d[i] : NULL;
}
