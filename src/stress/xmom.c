/* SPDX-License-Identifier: MIT */
/*
** xmom.c: the inputs' moments of the sensitivity table, shared. Each metric's
** co-moments with the inputs need the inputs' running means and second moments
** over the draws where it is defined (Welford's bivariate update, acc.c).
** Metrics defined in the same draws have the same ones, bit for bit (the same
** operations on the same numbers), so a run keeps one set per group of them
** and folds it once a draw: the group's divisions once, not once per metric.
** A group whose metrics disagree in a draw (some defined, some not) splits:
** the defined ones take a copy and go on with it.
*/
#include "stress_impl.h"
#include "../core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)

/* A new group, a copy of `from` (NULL: zeros). */
static int group_new(pl__groups *G, const pl__xmom *from)
{
    size_t J = G->J;
    pl__xmom *g = &G->g[G->n];
    g->mx = pl__mallocarray(J, sizeof *g->mx);
    g->m2x = pl__mallocarray(J, sizeof *g->m2x);
    g->dx = pl__mallocarray(J, sizeof *g->dx);
    if (!g->mx || !g->m2x || !g->dx) {
        free(g->mx), free(g->m2x), free(g->dx);
        return PL_ENOMEM;
    }
    g->n = from ? from->n : 0;
    for (size_t j = 0; j < J; j++)
        g->mx[j] = from ? from->mx[j] : 0, g->m2x[j] = from ? from->m2x[j] : 0;
    G->n++;
    return PL_OK;
}

int pl__groups_init(pl__groups *G, const pl__metric *m, size_t M, size_t J)
{
    memset(G, 0, sizeof *G);
    G->M = M, G->J = J;
    size_t cap = M ? M : 1;
    G->g = calloc(cap, sizeof *G->g);
    G->of = pl__mallocarray(cap, sizeof *G->of);
    G->def = calloc(cap, 1), G->undef = calloc(cap, 1);
    G->split = pl__mallocarray(cap, sizeof *G->split);
    if (!G->g || !G->of || !G->def || !G->undef || !G->split)
        return PL_ENOMEM;
    int any = 0;
    for (size_t k = 0; k < M; k++) { /* packages keep no co-moments; nor does a run without inputs */
        G->of[k] = m[k].kind == PL_METRIC_PACKAGE || !J ? NONE : 0;
        any |= G->of[k] == 0;
    }
    return any ? group_new(G, NULL) : PL_OK;
}

/* Which groups have defined and undefined members this draw; the mixed ones split. */
static int regroup(pl__groups *G, const double *y)
{
    size_t n0 = G->n;
    memset(G->def, 0, n0), memset(G->undef, 0, n0);
    for (size_t k = 0; k < G->M; k++)
        if (G->of[k] != NONE)
            (isnan(y[k]) ? G->undef : G->def)[G->of[k]] = 1;
    for (size_t g = 0; g < n0; g++) {
        G->split[g] = g;
        if (G->def[g] && G->undef[g]) {
            G->split[g] = G->n;
            if (group_new(G, &G->g[g]))
                return PL_ENOMEM;
            G->def[G->split[g]] = 1, G->undef[g] = 0, G->def[g] = 0;
        }
    }
    for (size_t k = 0; k < G->M; k++)
        if (G->of[k] != NONE && !isnan(y[k]))
            G->of[k] = G->split[G->of[k]];
    return PL_OK;
}

/*
** A metric whose value is its mean so far (ry == 0: one that has not varied yet, such as a
** flag every draw has answered alike) would add dx * ry, a zero, to each co-moment: with
** every dx finite that is +0 or -0, and c + 0 and c + -0 are c for every c but -0 (a NaN
** too: the one NaN operand), which no co-moment ever is (each starts at +0 and a sum is -0
** only when both terms are). So its update is skipped: the same bits, for about a fifth of
** the metrics on the built-in scenario.
*/
int pl__groups_fold(pl__groups *G, pl__acc *acc, const pl__metric *m, const double *row,
                    uint64_t draw)
{
    const double *y = row + G->J;
    if (regroup(G, y))
        return PL_ENOMEM;
    for (size_t g = 0; g < G->n; g++)
        if (G->def[g])
            pl__xmom_add(&G->g[g], row, G->J);
    for (size_t k = 0; k < G->M; k++) {
        double ry = 0;
        if (isnan(y[k]))
            continue;
        if (pl__acc_add_value(&acc[k], &m[k], y[k], draw, &ry))
            return PL_ENOMEM;
        if (G->of[k] != NONE && (ry != 0 || !G->g[G->of[k]].finite))
            pl__acc_add_cov(&acc[k], &G->g[G->of[k]], ry, G->J);
    }
    return PL_OK;
}

void pl__groups_finish(const pl__groups *G, pl__acc *acc)
{
    for (size_t k = 0; k < G->M; k++)
        if (G->of && G->of[k] != NONE) {
            memcpy(acc[k].mx, G->g[G->of[k]].mx, G->J * sizeof *acc[k].mx);
            memcpy(acc[k].m2x, G->g[G->of[k]].m2x, G->J * sizeof *acc[k].m2x);
        }
}

void pl__groups_free(pl__groups *G)
{
    for (size_t g = 0; G->g && g < G->n; g++)
        free(G->g[g].mx), free(G->g[g].m2x), free(G->g[g].dx);
    free(G->g), free(G->of), free(G->def), free(G->undef), free(G->split);
    memset(G, 0, sizeof *G);
}
