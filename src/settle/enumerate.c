/* SPDX-License-Identifier: MIT */
/*
** enumerate.c: the frontier of an additive space by visiting every package
** (MODELS.md sec. 7: "stream outcomes, never store X"). Each thread takes a
** contiguous range of package indices (issue 1 varies slowest) and keeps the
** points no other point seen so far dominates; the threads' candidates are
** then filtered together in range order, so the result is the same for any
** thread count. Used to check the merge, and for win-set counts.
*/
#include "settle_impl.h"
#include "../core/error_int.h"
#include "../core/parallel.h"

#include <stdlib.h>
#include <string.h>

void pl__space_decode(const pl_space *sp, uint64_t idx, uint32_t *w)
{
    for (size_t k = sp->K; k-- > 0;) {
        w[k] = (uint32_t)(idx % sp->m[k]);
        idx /= sp->m[k];
    }
}

int pl__space_walk(const pl_space *sp, uint64_t lo, uint64_t hi, pl__walk_fn fn, void *ctx)
{
    size_t n = sp->n, K = sp->K, last = K - 1, mk = sp->m[last];
    uint32_t *w = calloc(K, sizeof *w);
    double *ps = calloc((K + 1) * n, sizeof *ps), *p = malloc(n * sizeof *p);
    int rc = w && ps && p ? PL_OK : PL_ENOMEM;
    if (!rc)
        pl__space_decode(sp, lo, w);
    for (size_t k = 0; !rc && k < last; k++)
        for (size_t i = 0; i < n; i++)
            ps[(k + 1) * n + i] = ps[k * n + i] + sp->t[i * sp->total + sp->off[k] + w[k]];
    for (uint64_t at = lo; !rc && at < hi;) {
        for (; w[last] < mk && at < hi && !rc; w[last]++, at++) {
            for (size_t i = 0; i < n; i++)
                p[i] = ps[last * n + i] + sp->t[i * sp->total + sp->off[last] + w[last]];
            rc = fn(ctx, at, w, p);
        }
        /* odometer: advance the issues before the last one, refresh prefix sums */
        w[last] = 0;
        size_t k = last;
        while (k-- > 0 && ++w[k] == sp->m[k])
            w[k] = 0;
        for (size_t j = k == (size_t)-1 ? 0 : k; j < last; j++)
            for (size_t i = 0; i < n; i++)
                ps[(j + 1) * n + i] = ps[j * n + i] + sp->t[i * sp->total + sp->off[j] + w[j]];
    }
    free(w), free(ps), free(p);
    return rc;
}

typedef struct job {
    const pl_space *sp;     /* packages of this space, or */
    const double *pts;      /* explicit points */
    uint64_t lo, hi;
    pl__stream s;
} job;

static int offer(void *ctx, uint64_t idx, const uint32_t *w, const double *u)
{
    (void)w;
    pl__stream_offer(ctx, u, idx);
    return ((pl__stream *)ctx)->oom ? PL_ENOMEM : PL_OK;
}

static void *run_job(void *arg)
{
    job *jb = arg;
    if (jb->pts) {
        for (uint64_t i = jb->lo; i < jb->hi && !jb->s.oom; i++)
            pl__stream_offer(&jb->s, jb->pts + i * jb->s.n, i);
    } else if (pl__space_walk(jb->sp, jb->lo, jb->hi, offer, &jb->s)) {
        jb->s.oom = 1;
    }
    pl__stream_flush(&jb->s);
    return NULL;
}

/* Filter the threads' candidates together, in range order, into a frontier. */
static int collect(const pl_space *sp, size_t n, job *jobs, int nt, pl_frontier **out)
{
    size_t N = 0, K = sp ? sp->K : 1, nk = 0, *keep = NULL;
    double *u = NULL;
    uint64_t *idx = NULL;
    int rc = pl__streams_join(&jobs[0].s, sizeof *jobs, (size_t)nt, &u, &idx, &N);
    if (!rc && !(keep = malloc((N ? N : 1) * sizeof *keep)))
        rc = PL_ENOMEM;
    if (!rc)
        rc = pl__nd(n, N, u, keep, &nk, NULL);
    pl_frontier *f = rc ? NULL : pl__frontier_alloc(n, K, nk);
    for (size_t j = 0; f && j < nk; j++) {
        memcpy(f->u + j * n, u + keep[j] * n, n * sizeof *u);
        if (sp)
            pl__space_decode(sp, idx[keep[j]], f->pkg + j * K);
        else
            f->pkg[j] = (uint32_t)idx[keep[j]];
    }
    free(u), free(idx), free(keep);
    *out = f;
    return f ? PL_OK : PL_ENOMEM;
}

int pl__stream_frontier(const pl_space *sp, const double *pts, size_t n, uint64_t N,
                        int threads, pl_frontier **out)
{
    int nt = threads > 1 ? threads : 1;
    nt = nt > 256 ? 256 : nt;
    if ((uint64_t)nt > N)
        nt = N ? (int)N : 1;
    job *jobs = calloc((size_t)nt, sizeof *jobs);
    int rc = jobs ? PL_OK : PL_ENOMEM;
    for (int t = 0; !rc && t < nt; t++) {
        jobs[t].sp = sp;
        jobs[t].pts = pts;
        jobs[t].lo = N * (uint64_t)t / (uint64_t)nt;
        jobs[t].hi = N * (uint64_t)(t + 1) / (uint64_t)nt;
        pl__stream_init(&jobs[t].s, n);
    }
    if (!rc)
        rc = pl__parallel(jobs, sizeof *jobs, (size_t)nt, run_job);
    for (int t = 0; !rc && t < nt; t++)
        if (jobs[t].s.oom)
            rc = PL_ENOMEM;
    if (!rc)
        rc = collect(sp, n, jobs, nt, out);
    for (int t = 0; jobs && t < nt; t++)
        pl__stream_free(&jobs[t].s);
    free(jobs);
    return rc;
}

int pl_frontier_enumerate(pl_frontier **out, const pl_space *sp, const pl_frontier_opts *opts,
                          pl_error *err)
{
    if (!out || !sp)
        return pl__fail(err, PL_EMISUSE, "pl_frontier_enumerate: NULL argument");
    *out = NULL;
    double size = pl_space_size(sp);
    if (size > 9007199254740992.0)
        return pl__fail(err, PL_EINPUT, "the space has %.3g packages; enumeration handles "
                        "at most 2^53 (use the merge for additive spaces)", size);
    pl_frontier *f = NULL;
    if (pl__stream_frontier(sp, NULL, sp->n, (uint64_t)size, opts ? opts->threads : 1, &f))
        return pl__error_nomem(err);
    pl__frontier_floor(f, opts ? opts->floor : NULL);
    if (pl__frontier_sort(f)) {
        pl_frontier_free(f);
        return pl__error_nomem(err);
    }
    *out = f;
    return PL_OK;
}
