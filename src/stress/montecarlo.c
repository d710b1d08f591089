/* SPDX-License-Identifier: MIT */
/*
** montecarlo.c: the draws of `parley stress`. Draw i always uses stream i of
** the seed (MODELS.md section 13), whatever thread or rank computes it. The
** draws go in blocks of PL__BLOCK: block b belongs to rank b mod ranks, whose
** threads share it in contiguous ranges; rank 0 receives the blocks in order
** and folds every row in draw order. So the summary is the same, bit for
** bit, for any number of threads and ranks.
*/
#include "stress_impl.h"
#include "../core/error_int.h"
#include "../core/parallel.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PL__BLOCK = 256 };

typedef struct job {
    const pl__plan *p;
    uint64_t lo, hi;        /* draws */
    double *rows;
    int rc;
    pl_error err;
} job;

static void *run_job(void *arg)
{
    job *j = arg;
    size_t len = pl__row_len(j->p);
    pl__draw_mem mem = PL__DRAW_MEM_INIT; /* for all the job's draws */
    for (uint64_t d = j->lo; d < j->hi && !j->rc; d++)
        j->rc = pl__plan_draw(j->p, d, j->rows + (d - j->lo) * len, &mem, &j->err);
    pl__draw_mem_free(&mem);
    return NULL;
}

/* Draws lo..hi-1 into rows, on up to `threads` threads (jobs has room for that many). */
static int compute_block(const pl__plan *p, uint64_t lo, uint64_t hi, double *rows, int threads,
                         job *jobs, pl_error *err)
{
    size_t n = (size_t)threads;
    uint64_t count = hi - lo, len = pl__row_len(p);
    if (n > count)
        n = (size_t)count;
    for (size_t t = 0; t < n; t++) {
        uint64_t a = lo + count * t / n, b = lo + count * (t + 1) / n;
        jobs[t] = (job){p, a, b, rows + (a - lo) * len, 0, {0}};
    }
    return pl__parallel_first_error(jobs, sizeof *jobs, n, run_job, offsetof(job, rc),
                                    offsetof(job, err), err);
}

static int fold(pl_stress *st, const double *rows, uint64_t lo, uint64_t hi, pl_error *err)
{
    const pl__plan *p = &st->plan;
    size_t len = pl__row_len(p);
    for (uint64_t d = lo; d < hi; d++) {
        const double *row = rows + (d - lo) * len;
        if (pl__groups_fold(&st->groups, st->acc, p->m, row, d))
            return pl__error_nomem(err);
        for (size_t a = 0; a < PL__N_ANALYSES; a++)
            st->failures[a] += row[p->J + p->M + a] != 0;
        if (p->o.on_draw && p->o.on_draw(p->o.payload, d, row, p->J + p->M))
            return pl__fail(err, PL_EIO, "the per-draw rows could not be stored");
    }
    return PL_OK;
}

static int setup(pl_stress *st, const pl_scenario *s, const pl_stress_opts *o, int root,
                 pl_error *err)
{
    int rc = pl__plan_init(&st->plan, s, o, err);
    if (rc || !root)
        return rc;
    const pl__plan *p = &st->plan;
    st->acc = calloc(p->M ? p->M : 1, sizeof *st->acc);
    st->labels = calloc(p->J ? p->J : 1, sizeof *st->labels);
    st->inputs = calloc(p->J ? p->J : 1, sizeof *st->inputs);
    if (!st->acc || !st->labels || !st->inputs)
        return pl__error_nomem(err);
    for (size_t m = 0; m < p->M; m++)
        if (pl__acc_init(&st->acc[m], &p->m[m], p->J))
            return pl__error_nomem(err);
    if (pl__groups_init(&st->groups, p->m, p->M, p->J))
        return pl__error_nomem(err);
    for (size_t j = 0; j < p->J; j++) {
        char buf[256];
        st->inputs[j] = pl_scenario_uncertain(s, j, buf, sizeof buf);
        if (!(st->labels[j] = strdup(buf)))
            return pl__error_nomem(err);
    }
    return PL_OK;
}

/* Every block: computed by its owner, folded in order by rank 0. */
static int run_blocks(pl_stress *st, const pl_stress_opts *o, int rank, int ranks, double *rows,
                      pl_error *err)
{
    const pl__plan *p = &st->plan;
    size_t len = pl__row_len(p);
    uint64_t N = o->draws, nb = (N + PL__BLOCK - 1) / PL__BLOCK;
    const pl_stress_transport *t = o->transport;
    job *jobs = malloc((size_t)o->threads * sizeof *jobs);
    int rc = jobs ? PL_OK : pl__error_nomem(err);
    for (uint64_t b = 0; b < nb && !rc; b++) {
        int owner = (int)(b % (uint64_t)ranks);
        uint64_t lo = b * PL__BLOCK, hi = lo + PL__BLOCK < N ? lo + PL__BLOCK : N;
        size_t n = (size_t)(hi - lo) * len;
        if (owner == rank)
            rc = compute_block(p, lo, hi, rows, o->threads, jobs, err);
        if (rc)
            break;
        if (rank == 0) {
            if (owner != 0 && t->recv(t->ctx, owner, rows, n))
                rc = pl__fail(err, PL_EIO, "rank %d: its draws could not be received", owner);
            if (!rc)
                rc = fold(st, rows, lo, hi, err);
            if (!rc && o->progress)
                o->progress(o->payload, hi, N);
        } else if (owner == rank && t->send(t->ctx, rows, n)) {
            rc = pl__fail(err, PL_EIO, "rank %d: its draws could not be sent", rank);
        }
    }
    free(jobs);
    return rc;
}

int pl_stress_run(pl_stress **out, const pl_scenario *s, const pl_stress_opts *o, pl_error *err)
{
    if (!out || !s || !o)
        return pl__fail(err, PL_EMISUSE, "pl_stress_run: NULL argument");
    *out = NULL;
    if (o->draws < 1)
        return pl__fail(err, PL_EINPUT, "stress: the number of draws is 0; expected at least 1");
    if (o->threads < 1 || o->threads > 4096)
        return pl__fail(err, PL_EINPUT, "stress: the number of threads is %d; expected 1 to 4096",
                        o->threads);
    const pl_stress_transport *t = o->transport;
    int rank = t ? t->rank : 0, ranks = t ? t->ranks : 1;
    if (ranks < 1 || rank < 0 || rank >= ranks || (ranks > 1 && (!t->send || !t->recv)))
        return pl__fail(err, PL_EMISUSE, "pl_stress_run: bad transport (rank %d of %d)", rank,
                        ranks);
    pl_stress *st = calloc(1, sizeof *st);
    if (!st)
        return pl__error_nomem(err);
    st->draws = o->draws;
    int rc = setup(st, s, o, rank == 0, err);
    double *rows = rc ? NULL : malloc(PL__BLOCK * pl__row_len(&st->plan) * sizeof *rows);
    if (!rc && !rows)
        rc = pl__error_nomem(err);
    if (!rc)
        rc = run_blocks(st, o, rank, ranks, rows, err);
    free(rows);
    if (!rc && rank == 0)
        pl__groups_finish(&st->groups, st->acc);
    for (size_t m = 0; !rc && rank == 0 && m < st->plan.M; m++)
        if (pl__acc_finish(&st->acc[m]))
            rc = pl__error_nomem(err);
    if (rc || rank != 0) {
        pl_stress_free(st);
        return rc;
    }
    *out = st;
    return PL_OK;
}

void pl_stress_free(pl_stress *st)
{
    if (!st)
        return;
    for (size_t m = 0; st->acc && m < st->plan.M; m++)
        pl__acc_free(&st->acc[m]);
    for (size_t j = 0; st->labels && j < st->plan.J; j++)
        free(st->labels[j]);
    free(st->acc), free(st->labels), free(st->inputs);
    pl__groups_free(&st->groups);
    pl__plan_free(&st->plan);
    free(st);
}

/* ---- getters -------------------------------------------------------------------- */

uint64_t pl_stress_draws(const pl_stress *st) { return st ? st->draws : 0; }
uint64_t pl_stress_seed(const pl_stress *st) { return st ? st->plan.o.seed : 0; }
unsigned pl_stress_analyses(const pl_stress *st) { return st ? st->plan.analyses : 0; }
size_t pl_stress_n_metrics(const pl_stress *st) { return st ? st->plan.M : 0; }

uint64_t pl_stress_failures(const pl_stress *st, unsigned a)
{
    for (size_t i = 0; st && i < PL__N_ANALYSES; i++)
        if (a == 1u << i)
            return st->failures[i];
    return 0;
}

#define METRIC(st, m, dflt) \
    if (!(st) || (m) >= (st)->plan.M) \
        return dflt

const char *pl_stress_metric_key(const pl_stress *st, size_t m)
{
    METRIC(st, m, NULL);
    return st->plan.m[m].key;
}

pl_metric_kind pl_stress_metric_kind(const pl_stress *st, size_t m)
{
    METRIC(st, m, PL_METRIC_NUMBER);
    return st->plan.m[m].kind;
}

double pl_stress_baseline(const pl_stress *st, size_t m)
{
    METRIC(st, m, NAN);
    return st->plan.m[m].base;
}

uint64_t pl_stress_defined(const pl_stress *st, size_t m)
{
    METRIC(st, m, 0);
    return st->acc[m].n;
}

double pl_stress_mean(const pl_stress *st, size_t m, double *se)
{
    METRIC(st, m, NAN);
    const pl__acc *a = &st->acc[m];
    if (se)
        *se = a->n > 1 ? sqrt(a->m2 / (double)(a->n - 1) / (double)a->n) : NAN;
    return a->n ? a->mean : NAN;
}

double pl_stress_quantile(const pl_stress *st, size_t m, double q)
{
    METRIC(st, m, NAN);
    return pl__acc_quantile(&st->acc[m], &st->plan.m[m], q);
}

double pl_stress_min(const pl_stress *st, size_t m)
{
    METRIC(st, m, NAN);
    return st->acc[m].n ? st->acc[m].min : NAN;
}

double pl_stress_max(const pl_stress *st, size_t m)
{
    METRIC(st, m, NAN);
    return st->acc[m].n ? st->acc[m].max : NAN;
}

double pl_stress_agreement(const pl_stress *st, size_t m)
{
    METRIC(st, m, NAN);
    return st->acc[m].n ? (double)st->acc[m].agree / (double)st->acc[m].n : NAN;
}

double pl_stress_correlation(const pl_stress *st, size_t m, size_t j)
{
    METRIC(st, m, NAN);
    const pl__acc *a = &st->acc[m];
    if (j >= st->plan.J || !a->mx || !(a->m2 > 0) || !(a->m2x[j] > 0))
        return NAN;
    return a->cxy[j] / sqrt(a->m2 * a->m2x[j]);
}
