/* SPDX-License-Identifier: MIT */
/*
** settle_zone.c: win-set counts (MODELS.md sec. 8) by visiting every
** package once: which packages each party likes at least as well as no deal
** (the rational set is where all do), which ones every ratifying body passes
** with probability >= tau, both at once, and for each pair (party a, party r
** with ratifying bodies) the packages a accepts and r's bodies ratify -- e.g.
** "inside Russia's acceptance set and Ukraine's ratification win-set".
** With red lines (settle_red.c), a package crossing a judge's red line is
** out of its acceptance set and its vote is no; for each red line the walk
** also counts the packages it alone removes from its judge's acceptance set,
** and those outside the zone that dropping it alone would let in.
*/
#include "settlement.h"
#include "../core/error_int.h"
#include "../core/parallel.h"
#include "../core/alloc.h"

#include <stdlib.h>
#include <string.h>

typedef struct zone_ctx {
    const pl_settlement *st;
    uint64_t lo, hi;
    unsigned char *acc, *rat;   /* per party: accepts; its bodies ratify */
    unsigned char *pass;        /* per body: passes this package */
    unsigned char *cr;          /* per judge: the package crosses a red line of its */
    pl__winsets ws;             /* this range's counts */
    pl__stream s;               /* frontier of rational and ratifiable packages */
    int rc;
} zone_ctx;

/* 1 if u (and the red lines crossed, cr) is in the zone: rational and ratifiable. */
static int in_zone(const pl_settlement *st, const double *u, const unsigned char *cr)
{
    for (size_t i = 0; i < st->n; i++)
        if ((cr && cr[i]) || !pl__at_least(u[i], st->d[i]))
            return 0;
    for (size_t r = 0; r < st->n_rat; r++) {
        const pl__voter *b = &st->bod[st->rat[r].body];
        if (!b->game || pl__settle_accept(st, b, u, cr) < st->o.tau)
            return 0;
    }
    return 1;
}

/* Per red line: what it alone removes from its judge's acceptance set and from the zone. */
static void red_counts(zone_ctx *c, const uint32_t *w, const double *u, int zone)
{
    const pl_settlement *st = c->st;
    for (size_t r = 0; r < st->n_red; r++) {
        const pl__red *x = &st->red[r];
        size_t j = x->judge;
        if (!pl__settle_red_crossed(st, x, w))
            continue;
        unsigned char other = 0;  /* the judge's other red lines */
        for (size_t q = 0; q < st->n_red; q++)
            if (q != r && st->red[q].judge == j)
                other |= (unsigned char)pl__settle_red_crossed(st, &st->red[q], w);
        double d = st->judge[j].d;  /* st->d holds the parties' only */
        c->ws.rl_removes[r] += !other && u[j] >= d - pl__tol(u[j], d);
        if (zone)
            continue;
        unsigned char was = c->cr[j];
        c->cr[j] = other;
        c->ws.rl_opens[r] += (uint64_t)in_zone(st, u, c->cr);
        c->cr[j] = was;
    }
}

static int visit(void *vctx, uint64_t idx, const uint32_t *w, const double *u)
{
    zone_ctx *c = vctx;
    const pl_settlement *st = c->st;
    pl__winsets *ws = &c->ws;
    const unsigned char *cr = pl__settle_crossed(st, w, c->cr);
    int rational = 1, all = 1;
    for (size_t i = 0; i < st->n; i++) {
        c->acc[i] = pl__at_least(u[i], st->d[i]) && !(cr && cr[i]);
        c->rat[i] = 1;
        rational &= c->acc[i];
        ws->accept[i] += c->acc[i];
    }
    for (size_t b = 0; b < st->n_bod; b++) {  /* each body votes once per package */
        c->pass[b] = st->bod[b].game && pl__settle_accept(st, &st->bod[b], u, cr) >= st->o.tau;
        ws->body[b] += c->pass[b];
    }
    for (size_t r = 0; r < st->n_rat; r++)
        if (!c->pass[st->rat[r].body])
            c->rat[st->rat[r].party] = 0, all = 0;
    for (size_t a = 0; a < st->n; a++)
        for (size_t r = 0; r < st->n; r++)
            ws->pair[a * st->n + r] += c->acc[a] && c->rat[r];
    ws->rational += (uint64_t)rational;
    ws->ratifiable += (uint64_t)all;
    if (cr)
        red_counts(c, w, u, rational && all);
    if (rational && all) {
        ws->zone++;
        pl__stream_offer(&c->s, u, idx);  /* the parties come first among the judges */
    }
    return c->s.oom ? PL_ENOMEM : PL_OK;
}

static void *run_range(void *arg)
{
    zone_ctx *c = arg;
    c->rc = pl__space_walk(c->st->all, c->lo, c->hi, visit, c);
    pl__stream_flush(&c->s);
    if (!c->rc && c->s.oom)
        c->rc = PL_ENOMEM;
    return NULL;
}

/* A win-set record's five arrays (zeroed) in one block, which starts at ws->accept: a stress
   draw's settlement makes one, each zone thread one more; four allocations fewer each. */
static int winsets_alloc(pl__winsets *ws, const pl_settlement *st)
{
    size_t n2 = pl__mul(st->n, st->n), rest = pl__add(st->n, pl__add(st->n_bod + 1,
                                                                      2 * (st->n_red + 1)));
    ws->accept = calloc(pl__add(n2, rest), sizeof *ws->accept);
    if (!ws->accept)
        return PL_ENOMEM;
    ws->pair = ws->accept + st->n;
    ws->body = ws->pair + n2;
    ws->rl_removes = ws->body + st->n_bod + 1;
    ws->rl_opens = ws->rl_removes + st->n_red + 1;
    return PL_OK;
}

static int zone_init(zone_ctx *c, const pl_settlement *st)
{
    memset(c, 0, sizeof *c);
    c->st = st;
    c->acc = malloc(st->n);
    c->rat = malloc(st->n);
    c->pass = malloc(st->n_bod + 1);
    c->cr = malloc(st->nj);
    int rc = winsets_alloc(&c->ws, st);
    pl__stream_init(&c->s, st->n);
    return c->acc && c->rat && c->pass && c->cr && !rc ? PL_OK : PL_ENOMEM;
}

static void zone_free(zone_ctx *c)
{
    free(c->acc), free(c->rat), free(c->pass), free(c->cr);
    free(c->ws.accept); /* the five arrays (winsets_alloc) */
    pl__stream_free(&c->s);
}

/* Sum the ranges' counts (in range order) and filter their candidates together. */
static int gather(pl_settlement *st, zone_ctx *z, int nt)
{
    pl__winsets *ws = &st->ws;
    size_t N = 0, n = st->n, nk = 0, *keep = NULL;
    for (int t = 0; t < nt; t++) {
        ws->rational += z[t].ws.rational;
        ws->ratifiable += z[t].ws.ratifiable;
        ws->zone += z[t].ws.zone;
        for (size_t i = 0; i < n; i++)
            ws->accept[i] += z[t].ws.accept[i];
        for (size_t i = 0; i < n * n; i++)
            ws->pair[i] += z[t].ws.pair[i];
        for (size_t b = 0; b < st->n_bod; b++)
            ws->body[b] += z[t].ws.body[b];
        for (size_t r = 0; r < st->n_red; r++) {
            ws->rl_removes[r] += z[t].ws.rl_removes[r];
            ws->rl_opens[r] += z[t].ws.rl_opens[r];
        }
    }
    double *u = NULL;
    int rc = pl__streams_join(&z[0].s, sizeof *z, (size_t)nt, &u, NULL, &N);
    if (!rc && !(keep = malloc((N ? N : 1) * sizeof *keep)))
        rc = PL_ENOMEM;
    if (!rc)
        rc = pl__nd(n, N, u, keep, &nk, NULL);
    ws->constrained = nk;
    free(u), free(keep);
    return rc;
}

/*
** Walk packages 0..N-1 in blocks (at most PL_ZONE_BLOCKS, each of 2^16 packages or more),
** each shared by the threads, with a progress report after each: the same reports
** whatever the thread count. Counts are sums, the streams keep the same set.
*/
#define PL_ZONE_BLOCKS 64
static int walk_blocks(pl_settlement *st, zone_ctx *z, int nt, uint64_t N)
{
    uint64_t blocks = N >> 16 < PL_ZONE_BLOCKS ? (N >> 16) + 1 : PL_ZONE_BLOCKS;
    int rc = PL_OK;
    for (uint64_t b = 0; !rc && b < blocks; b++) {
        uint64_t lo = N * b / blocks, hi = N * (b + 1) / blocks;
        for (int t = 0; t < nt; t++) {
            z[t].lo = lo + (hi - lo) * (uint64_t)t / (uint64_t)nt;
            z[t].hi = lo + (hi - lo) * (uint64_t)(t + 1) / (uint64_t)nt;
        }
        if (nt > 1)
            rc = pl__parallel(z, sizeof *z, (size_t)nt, run_range);
        else
            run_range(z);
        for (int t = 0; !rc && t < nt; t++)
            rc = z[t].rc;
        pl__span_report(&st->span, b + 1, blocks);
    }
    return rc;
}

int pl__settle_winsets(pl_settlement *st, pl_error *err)
{
    pl__winsets *ws = &st->ws;
    if (winsets_alloc(ws, st))
        return pl__error_nomem(err);
    double size = pl_space_size(st->all);
    if (size > st->o.max_enumerate || size > 9007199254740992.0)
        return PL_OK;
    uint64_t N = (uint64_t)size;
    int nt = st->o.threads > 1 ? (st->o.threads > 256 ? 256 : st->o.threads) : 1;
    zone_ctx *z = calloc((size_t)nt, sizeof *z);
    int rc = z ? PL_OK : PL_ENOMEM;
    for (int t = 0; !rc && t < nt; t++)
        rc = zone_init(&z[t], st);
    if (!rc)
        rc = walk_blocks(st, z, nt, N);
    if (!rc)
        rc = gather(st, z, nt);
    ws->counted = !rc;
    for (int t = 0; z && t < nt; t++)
        zone_free(&z[t]);
    free(z);
    return rc ? pl__error_nomem(err) : PL_OK;
}
