/*
** settle_zone.c: win-set counts (MODELS.md sec. 8) by visiting every
** package once: which packages each party likes at least as well as no deal
** (the rational set is where all do), which ones every ratifying body passes
** with probability >= tau, both at once, and for each pair (party a, party r
** with ratifying bodies) the packages a accepts and r's bodies ratify -- e.g.
** "inside Russia's acceptance set and Ukraine's ratification win-set".
*/
#include "settlement.h"
#include "../core/error_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct zone_ctx {
    pl_settlement *st;
    unsigned char *acc, *rat;   /* per party: accepts; its bodies ratify */
    pl__stream s;               /* frontier of rational and ratifiable packages */
} zone_ctx;

static int visit(void *vctx, uint64_t idx, const uint32_t *w, const double *u)
{
    (void)w;
    zone_ctx *c = vctx;
    pl_settlement *st = c->st;
    pl__winsets *ws = &st->ws;
    int rational = 1, all = 1;
    for (size_t i = 0; i < st->n; i++) {
        c->acc[i] = u[i] >= st->d[i] - pl__tol(u[i], st->d[i]);
        c->rat[i] = 1;
        rational &= c->acc[i];
        ws->accept[i] += c->acc[i];
    }
    for (size_t r = 0; r < st->n_rat; r++)
        if (pl__settle_accept(st, &st->rat[r], u) < st->o.tau)
            c->rat[st->rat[r].party] = 0, all = 0;
    for (size_t a = 0; a < st->n; a++)
        for (size_t r = 0; r < st->n; r++)
            ws->pair[a * st->n + r] += c->acc[a] && c->rat[r];
    ws->rational += (uint64_t)rational;
    ws->ratifiable += (uint64_t)all;
    if (rational && all) {
        ws->zone++;
        pl__stream_offer(&c->s, u, idx);  /* the parties come first among the judges */
    }
    return c->s.oom ? PL_ENOMEM : PL_OK;
}

int pl__settle_winsets(pl_settlement *st, pl_error *err)
{
    pl__winsets *ws = &st->ws;
    ws->accept = calloc(st->n, sizeof *ws->accept);
    ws->pair = calloc(st->n * st->n, sizeof *ws->pair);
    if (!ws->accept || !ws->pair)
        return pl__error_nomem(err);
    double size = pl_space_size(st->all);
    if (size > st->o.max_enumerate)
        return PL_OK;
    zone_ctx c = {st, malloc(st->n), malloc(st->n), {0}};
    pl__stream_init(&c.s, st->n);
    int rc = c.acc && c.rat ? pl__space_walk(st->all, 0, (uint64_t)size, visit, &c) : PL_ENOMEM;
    pl__stream_flush(&c.s);
    rc = rc ? rc : c.s.oom ? PL_ENOMEM : PL_OK;
    /* the stream saw only the parties' utilities (first n judges): filter once more */
    size_t *keep = rc ? NULL : malloc((c.s.size ? c.s.size : 1) * sizeof *keep), nk = 0;
    if (!rc && (!keep || pl__nd(st->n, c.s.size, c.s.u, keep, &nk)))
        rc = PL_ENOMEM;
    ws->constrained = nk;
    ws->counted = !rc;
    free(keep), free(c.acc), free(c.rat);
    pl__stream_free(&c.s);
    return rc ? pl__error_nomem(err) : PL_OK;
}
