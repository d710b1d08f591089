/* SPDX-License-Identifier: MIT */
/*
** claims_run.c: claims over Monte Carlo draws (draw i is stream i of the
** seed, as in parley stress; counts are integers, so any thread count gives
** the same numbers), and the accessors (the emitter: claims_emit.c).
*/
#include "claims_impl.h"
#include "../core/fmt.h"
#include "parley/scenario.h"
#include "../core/error_int.h"
#include "../core/parallel.h"
#include "../core/scenario_impl.h"
#include "../core/progress.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct job {
    const pl_claims *c;
    const pl_scenario *s;
    uint64_t lo, hi, seed;
    uint64_t *holds, *defined;   /* this job's own counts */
    pl_claim_result *res;
    int rc;
    pl_error err;
} job;

static void *run_job(void *arg)
{
    job *j = arg;
    pl_arena spare; /* one drawn scenario's memory for all the job's draws */
    pl_arena_init(&spare);
    for (uint64_t d = j->lo; d < j->hi && !j->rc; d++) {
        pl_scenario *x = NULL;
        j->rc = pl__scenario_draw_into(&x, j->s, j->seed, d, NULL, &spare, &j->err);
        if (!j->rc)
            j->rc = pl_claims_evaluate(j->c, x, j->res, &j->err);
        for (size_t i = 0; !j->rc && i < j->c->n; i++) {
            j->holds[i] += j->res[i].status == PL_CLAIM_HOLDS;
            j->defined[i] += j->res[i].status <= PL_CLAIM_HOLDS;
        }
        pl__scenario_recycle(x, &spare);
    }
    pl_arena_free(&spare);
    return NULL;
}

/* Draws go in blocks of this many, each shared by the threads, with a progress report after
   each: the reports come at the same draws whatever the thread count. */
#define PL__CLAIMS_BLOCK 32

/* Draws lo..hi-1 on n threads; the first failing job's error. */
static int run_block(job *jobs, size_t n, uint64_t lo, uint64_t hi, pl_error *err)
{
    for (size_t t = 0; t < n; t++)
        jobs[t].lo = lo + (hi - lo) * t / n, jobs[t].hi = lo + (hi - lo) * (t + 1) / n;
    return pl__parallel_first_error(jobs, sizeof *jobs, n, run_job, offsetof(job, rc),
                                    offsetof(job, err), err);
}

int pl_claims_robustness_progress(const pl_claims *c, const pl_scenario *s, uint64_t draws,
                                  uint64_t seed, int threads, const pl_progress *progress,
                                  uint64_t *holds, uint64_t *defined, pl_error *err)
{
    if (!c || !s || !holds || !defined || threads < 1)
        return pl__fail(err, PL_EMISUSE, "pl_claims_robustness: bad argument");
    size_t n = (size_t)threads, N = c->n ? c->n : 1;
    job *jobs = calloc(n, sizeof *jobs);
    uint64_t *counts = calloc(2 * n * N, sizeof *counts);
    pl_claim_result *res = calloc(n * N, sizeof *res);
    int rc = jobs && counts && res ? PL_OK : pl__error_nomem(err);
    for (size_t t = 0; !rc && t < n; t++)
        jobs[t] = (job){c, s, 0, 0, seed, counts + 2 * t * N, counts + (2 * t + 1) * N,
                        res + t * N, 0, {0}};
    for (uint64_t lo = 0; !rc && lo < draws; lo += PL__CLAIMS_BLOCK) {
        uint64_t hi = draws - lo > PL__CLAIMS_BLOCK ? lo + PL__CLAIMS_BLOCK : draws;
        if (!(rc = run_block(jobs, n, lo, hi, err)))
            pl__progress(progress, hi, draws);
    }
    for (size_t i = 0; i < c->n; i++)
        holds[i] = defined[i] = 0;
    for (size_t t = 0; !rc && t < n; t++)
        for (size_t i = 0; i < c->n; i++)
            holds[i] += jobs[t].holds[i], defined[i] += jobs[t].defined[i];
    free(jobs), free(counts), free(res);
    return rc;
}

int pl_claims_robustness(const pl_claims *c, const pl_scenario *s, uint64_t draws,
                         uint64_t seed, int threads, uint64_t *holds, uint64_t *defined,
                         pl_error *err)
{
    return pl_claims_robustness_progress(c, s, draws, seed, threads, NULL, holds, defined, err);
}

size_t pl_claims_count(const pl_claims *c) { return c ? c->n : 0; }
const char *pl_claim_id(const pl_claims *c, size_t i) { return c && i < c->n ? c->c[i].id : NULL; }
const char *pl_claim_text(const pl_claims *c, size_t i)
{
    return c && i < c->n ? c->c[i].claim : NULL;
}
const char *pl_claim_source(const pl_claims *c, size_t i)
{
    return c && i < c->n ? c->c[i].source : NULL;
}

const char *pl_claim_status_name(pl_claim_status st)
{
    static const char *const names[] = {"fails", "holds", "not modelled", "undefined"};
    return (unsigned)st < 4 ? names[st] : "?";
}
