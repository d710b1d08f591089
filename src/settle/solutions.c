/* SPDX-License-Identifier: MIT */
/*
** solutions.c: bargaining solutions on the rational part of a frontier
** (MODELS.md sec. 7): Nash (1950) and asymmetric Nash (Kalai 1977; Roth
** 1979), Kalai-Smorodinsky (1975) with the ideal point over the rational set,
** egalitarian (Kalai 1977) with leximin ties, weighted utilitarian, and
** GENIUS's "Kalai" variant for comparison only. Every tie is returned.
*/
#include "settle_impl.h"
#include "../core/error_int.h"

#include <stdlib.h>
#include <string.h>

static const char *const names[PL_SOL_COUNT] = {"nash", "nash-asymmetric", "kalai-smorodinsky",
                                                "egalitarian", "utilitarian", "ks-genius"};

const char *pl_solution_name(pl_solution_kind k)
{
    return (unsigned)k < PL_SOL_COUNT ? names[k] : "?";
}

void pl_solution_clear(pl_solution *sol)
{
    if (!sol)
        return;
    free(sol->ties);
    memset(sol, 0, sizeof *sol);
}

static double dval(const double *d, size_t i) { return d ? d[i] : 0; }

static int rational(const pl_frontier *f, size_t j, const double *d)
{
    for (size_t i = 0; i < f->n; i++) {
        double u = f->u[j * f->n + i], di = dval(d, i);
        if (!pl__at_least(u, di))
            return 0;
    }
    return 1;
}

size_t pl_frontier_n_rational(const pl_frontier *f, const double *d)
{
    size_t c = 0;
    for (size_t j = 0; f && j < f->size; j++)
        c += (size_t)rational(f, j, d);
    return c;
}

/* Point j rational, or every point known to be (floored: f was floored at d, pl__solve). */
static int qualifies(const pl_frontier *f, size_t j, const double *d, int floored)
{
    return floored || rational(f, j, d);
}

static int ideal_of(const pl_frontier *f, const double *d, int floored, double *a)
{
    int any = 0;
    for (size_t i = 0; f && i < f->n; i++)
        a[i] = -INFINITY;
    for (size_t j = 0; f && j < f->size; j++) {
        if (!qualifies(f, j, d, floored))
            continue;
        any = 1;
        for (size_t i = 0; i < f->n; i++)
            if (f->u[j * f->n + i] > a[i])
                a[i] = f->u[j * f->n + i];
    }
    return any ? PL_OK : PL_ENOTFOUND;
}

int pl_frontier_ideal(const pl_frontier *f, const double *d, double *a)
{
    return ideal_of(f, d, 0, a);
}

typedef struct ctx {
    const pl_frontier *f;
    const pl_solve_opts *o;
    const double *ideal;
    uint64_t flat;       /* KS: parties with a_i = d_i */
} ctx;

/* Objective of point j; -INFINITY when the point does not qualify. */
static double objective(const ctx *c, pl_solution_kind kind, size_t j)
{
    const pl_frontier *f = c->f;
    const double *u = f->u + j * f->n, *d = c->o ? c->o->d : NULL;
    double v = kind == PL_SOL_NASH ? 1 : kind == PL_SOL_UTILITARIAN ||
               kind == PL_SOL_NASH_ASYM || kind == PL_SOL_KS_GENIUS ? 0 : INFINITY;
    for (size_t i = 0; i < f->n; i++) {
        double g = u[i] - dval(d, i);
        switch (kind) {
        case PL_SOL_NASH:
        case PL_SOL_NASH_ASYM:
            if (!(g > pl__tol(u[i], dval(d, i))))
                return -INFINITY;  /* no gain for party i */
            if (kind == PL_SOL_NASH)
                v *= g;
            else
                v += (c->o && c->o->alpha ? c->o->alpha[i] : 1) * log(g);
            break;
        case PL_SOL_KS:
            if (i < 64 && (c->flat >> i & 1))
                break;
            if (g / (c->ideal[i] - dval(d, i)) < v)
                v = g / (c->ideal[i] - dval(d, i));
            break;
        case PL_SOL_EGALITARIAN:
            v = g < v ? g : v;
            break;
        case PL_SOL_UTILITARIAN:
            v += (c->o && c->o->lambda ? c->o->lambda[i] : 1) * u[i];
            break;
        default:
            for (size_t h = i + 1; h < f->n; h++)
                v -= fabs(u[i] - u[h]);
            break;
        }
    }
    return v == INFINITY ? 1 : v;  /* KS with every party flat: all rational points tie */
}

/* Within tolerance of best: relative for the Nash product, utility scale otherwise. */
static int ties(pl_solution_kind kind, double v, double best)
{
    if (v == -INFINITY)
        return 0;
    if (kind == PL_SOL_NASH)
        return v >= best - 1e-12 * fabs(best);
    return v >= best - pl__tol(v, best);
}

/* Leximin comparison of j against k for the egalitarian ties: sorted gains, ascending. */
static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int leximin_worse(const ctx *c, size_t j, size_t k, double *gj, double *gk)
{
    const pl_frontier *f = c->f;
    const double *d = c->o ? c->o->d : NULL;
    for (size_t i = 0; i < f->n; i++) {
        gj[i] = f->u[j * f->n + i] - dval(d, i);
        gk[i] = f->u[k * f->n + i] - dval(d, i);
    }
    qsort(gj, f->n, sizeof *gj, cmp_double);
    qsort(gk, f->n, sizeof *gk, cmp_double);
    for (size_t i = 0; i < f->n; i++) {
        if (gj[i] < gk[i] - pl__tol(gj[i], gk[i]))
            return 1;
        if (gj[i] > gk[i] + pl__tol(gj[i], gk[i]))
            return 0;
    }
    return 0;
}

/* Keep only the leximin-best of the egalitarian ties. */
static int leximin(const ctx *c, pl_solution *sol)
{
    double *g = malloc(2 * c->f->n * sizeof *g);
    if (!g)
        return PL_ENOMEM;
    size_t best = sol->ties[0], m = 0;
    for (size_t t = 1; t < sol->n_ties; t++)
        if (leximin_worse(c, best, sol->ties[t], g, g + c->f->n))
            best = sol->ties[t];
    for (size_t t = 0; t < sol->n_ties; t++)
        if (!leximin_worse(c, sol->ties[t], best, g, g + c->f->n))
            sol->ties[m++] = sol->ties[t];
    sol->n_ties = m;
    free(g);
    return PL_OK;
}

int pl_solve(pl_solution *sol, pl_solution_kind kind, const pl_frontier *f,
             const pl_solve_opts *opts, uint64_t *flat, pl_error *err)
{
    return pl__solve(sol, kind, f, opts, flat, 0, err);
}

int pl__solve(pl_solution *sol, pl_solution_kind kind, const pl_frontier *f,
              const pl_solve_opts *opts, uint64_t *flat, int floored, pl_error *err)
{
    if (!sol || !f || (unsigned)kind >= PL_SOL_COUNT)
        return pl__fail(err, PL_EMISUSE, "pl_solve: NULL argument or unknown solution");
    memset(sol, 0, sizeof *sol);
    sol->kind = kind;
    ctx c = {f, opts, NULL, 0};
    const double *d = opts ? opts->d : NULL;
    double *ideal = malloc(f->n * sizeof *ideal);
    size_t *idx = malloc((f->size ? f->size : 1) * sizeof *idx);
    if (!ideal || !idx) {
        free(ideal), free(idx);
        return pl__error_nomem(err);
    }
    /* only KS (and a caller asking for flat) reads the ideal point; the others need only
       know that some point is rational, which the first usually is (stress floors f) */
    int need_ideal = kind == PL_SOL_KS || flat;
    size_t first = 0;
    while (!need_ideal && first < f->size && !qualifies(f, first, d, floored))
        first++;
    if (need_ideal ? ideal_of(f, d, floored, ideal) == PL_OK : first < f->size) {
        for (size_t i = 0; need_ideal && i < f->n && i < 64; i++)
            if (ideal[i] - dval(d, i) <= pl__tol(ideal[i], dval(d, i)))
                c.flat |= (uint64_t)1 << i;
        c.ideal = need_ideal ? ideal : NULL;
        /* each point's objective once (-INFINITY when not rational), then the ties */
        double best = -INFINITY, *val = malloc((f->size ? f->size : 1) * sizeof *val);
        if (!val) {
            free(ideal), free(idx);
            return pl__error_nomem(err);
        }
        for (size_t j = 0; j < f->size; j++) {
            val[j] = qualifies(f, j, d, floored) ? objective(&c, kind, j) : -INFINITY;
            best = val[j] > best ? val[j] : best;
        }
        for (size_t j = 0; best > -INFINITY && j < f->size; j++)
            if (ties(kind, val[j], best))
                idx[sol->n_ties++] = j;
        free(val);
        sol->value = best;
        sol->found = sol->n_ties > 0;
    }
    if (flat)
        *flat = c.flat;
    free(ideal);
    sol->ties = idx;
    if (kind == PL_SOL_EGALITARIAN && sol->n_ties > 1 && leximin(&c, sol)) {
        pl_solution_clear(sol);
        return pl__error_nomem(err);
    }
    return PL_OK;
}

double pl_frontier_distance(const pl_frontier *f, size_t j, const double *u)
{
    if (!f || j >= f->size || !u)
        return NAN;
    double s = 0;
    for (size_t i = 0; i < f->n; i++) {
        double e = f->u[j * f->n + i] - u[i];
        s += e * e;
    }
    return sqrt(s);
}

double pl_frontier_nearest(const pl_frontier *f, const double *u, size_t *at)
{
    double best = INFINITY;
    for (size_t j = 0; f && j < f->size; j++) {
        double x = pl_frontier_distance(f, j, u);
        if (x < best) {
            best = x;
            if (at)
                *at = j;
        }
    }
    return best;
}
