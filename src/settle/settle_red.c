/* SPDX-License-Identifier: MIT */
/*
** settle_red.c: red lines in the settlement (docs/models.md, "Red lines").
** A judge whose red line a package crosses does not accept it, whatever its
** utility: a party leaves it out of its acceptance set, a member of a
** ratifying body votes no. Each judge's red lines become one allowed flag per
** (issue, option), so the per-package test is K lookups.
**
** Since every party must accept a solution, and red lines are per issue, the
** packages within every party's red lines are a product of per-issue option
** sets: the frontier is merged over that smaller space, and its packages are
** mapped back to the full space's options.
*/
#include "settlement.h"
#include "../core/error_int.h"
#include "../core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The judge of actor a, or nj. */
static size_t judge_of(const pl_settlement *st, size_t a)
{
    size_t j = 0;
    while (j < st->nj && st->judge[j].actor != a)
        j++;
    return j;
}

int pl__settle_red_lines(pl_settlement *st, pl_error *err)
{
    const pl_scenario *s = st->s;
    size_t total = st->all->total;
    for (size_t r = 0; r < s->n_red_lines; r++)
        st->n_red += judge_of(st, s->red_lines[r].actor) < st->nj;
    if (!st->n_red)
        return PL_OK;
    st->allow = malloc(pl__mul(st->nj, total));
    st->red = calloc(st->n_red, sizeof *st->red);
    if (!st->allow || !st->red)
        return pl__error_nomem(err);
    memset(st->allow, 1, st->nj * total);
    size_t at = 0;
    for (size_t r = 0; r < s->n_red_lines; r++) {
        const pl_red_line *l = &s->red_lines[r];
        size_t j = judge_of(st, l->actor), k = l->set.issue;
        if (j == st->nj)
            continue;  /* neither a party nor a member of a body: it judges no package */
        pl__red *x = &st->red[at++];
        x->line = l, x->judge = j;
        for (size_t v = 0; v < st->m[k]; v++) {
            unsigned char ok = !pl__optset_has(&l->set, st->at[k][v]);
            st->allow[j * total + st->all->off[k] + v] &= ok;
        }
        for (size_t v = 0; v < st->m[k]; v++)
            x->allowed += (size_t)pl__settle_allows(st, j, k, v);
        st->party_red |= j < st->n;
    }
    return PL_OK;
}

const unsigned char *pl__settle_crossed(const pl_settlement *st, const uint32_t *w,
                                        unsigned char *cr)
{
    if (!st->allow)
        return NULL;
    memset(cr, 0, st->nj);
    for (size_t r = 0; r < st->n_red; r++)
        cr[st->red[r].judge] |= (unsigned char)pl__settle_red_crossed(st, &st->red[r], w);
    return cr;
}

/* 1 if judge j has a red line. */
static int has_red(const pl_settlement *st, size_t j)
{
    for (size_t r = 0; r < st->n_red; r++)
        if (st->red[r].judge == j)
            return 1;
    return 0;
}

size_t pl__settle_n_extra(const pl_settlement *st, size_t n)
{
    size_t c = 0;
    for (size_t j = st->n; j < n; j++)
        c += (size_t)has_red(st, j);
    return c;
}

/* Options of issue k every party allows, into map; their number. */
static size_t within_issue(const pl_settlement *st, size_t k, uint32_t *map)
{
    size_t c = 0;
    for (size_t v = 0; v < st->m[k]; v++) {
        int ok = 1;
        for (size_t i = 0; i < st->n; i++)
            ok &= pl__settle_allows(st, i, k, v);
        if (ok)
            map[c++] = (uint32_t)v;
    }
    return c;
}

/* Issue k's column of the space within the red lines, sp (its options: map[0..sp->m[k])):
   the first n judges' utilities, then one red-line dimension per judge from st->n on who
   has a red line. Written in place: what pl_space_get returns, and 0 or -1, are finite,
   which is all pl_space_set would check. */
static void within_column(const pl_settlement *st, size_t n, size_t k, const uint32_t *map,
                          pl_space *sp)
{
    const pl_space *all = st->all;
    for (size_t v = 0; v < sp->m[k]; v++) {
        size_t o = map[v], x = n, at = sp->off[k] + v;
        for (size_t j = 0; j < n; j++)
            sp->t[j * sp->total + at] = all->t[j * all->total + all->off[k] + o];
        for (size_t j = st->n; j < n && x < sp->n; j++)
            if (has_red(st, j))
                sp->t[x++ * sp->total + at] = pl__settle_allows(st, j, k, o) ? 0 : -1;
    }
}

int pl__settle_within(const pl_settlement *st, size_t n, int extra, pl_space **out,
                      uint32_t *map, pl_error *err)
{
    size_t K = st->K, ne = extra ? pl__settle_n_extra(st, n) : 0;
    size_t *m = calloc(K ? K : 1, sizeof *m);
    *out = NULL;
    if (!m)
        return pl__error_nomem(err);
    int empty = 0;
    for (size_t k = 0; k < K; k++)
        empty |= (m[k] = within_issue(st, k, map + st->all->off[k])) == 0;
    int rc = empty ? PL_OK : pl_space_new(out, n + ne, K, m, err);
    for (size_t k = 0; !empty && !rc && k < K; k++)
        within_column(st, n, k, map + st->all->off[k], *out);
    free(m);
    return rc;
}

void pl__settle_unmap(const pl_settlement *st, pl_frontier *f, const uint32_t *map)
{
    for (size_t p = 0; p < f->size; p++)
        for (size_t k = 0; k < st->K; k++)
            f->pkg[p * st->K + k] = map[st->all->off[k] + f->pkg[p * st->K + k]];
}

int pl__settle_merge_within(pl_settlement *st, const pl_frontier_opts *fo, pl_error *err)
{
    uint32_t *map = malloc((st->all->total ? st->all->total : 1) * sizeof *map);
    pl_space *sp = NULL;
    int rc = map ? pl__settle_within(st, st->n, 0, &sp, map, err) : pl__error_nomem(err);
    if (!rc && !sp && !(st->f = pl__frontier_alloc(st->n, st->K, 0)))
        rc = pl__error_nomem(err);
    else if (!rc && sp && !(rc = pl__frontier_merge(&st->f, sp, fo, &st->span, err)))
        pl__settle_unmap(st, st->f, map);
    pl_space_free(sp);
    free(map);
    return rc;
}
