/* SPDX-License-Identifier: MIT */
/*
** settle_rolls.c: pairwise logrolls between the parties (MODELS.md sec. 7).
** For parties A and B, every issue on which both hold different positions is
** divisible between them: s_k = 0 at B's position, 1 at A's. A's stake is
** W_Ak |x_Ak - x_Bk| / 100 (what it gains from getting its way instead of
** B's), B's likewise; with linear loss utilities are linear in s_k, so the
** fractional-knapsack frontier of pl_logroll_compute applies exactly.
** Issues valued by explicit option tables are left out (not divisible).
*/
#include "settlement.h"
#include "../core/error_int.h"

#include <stdlib.h>
#include <string.h>

/* Stakes of parties a and b on the issues they both hold; returns how many. */
static size_t stakes(const pl_settlement *st, size_t a, size_t b, size_t *issue, double *sa,
                     double *sb)
{
    size_t K = 0, A = st->judge[a].actor, B = st->judge[b].actor;
    for (size_t k = 0; k < st->K; k++) {
        double xa, xb, s;
        if (pl_scenario_position(st->s, A, k, &xa, &s) != 1 ||
            pl_scenario_position(st->s, B, k, &xb, &s) != 1 ||
            pl_scenario_values(st->s, A, k) || pl_scenario_values(st->s, B, k) || xa == xb)
            continue;
        double wa = st->w[a * st->K + k], wb = st->w[b * st->K + k];
        if (!(wa + wb > 0))
            continue;
        issue[K] = k;
        sa[K] = wa * fabs(xa - xb) / 100;
        sb[K] = wb * fabs(xa - xb) / 100;
        K++;
    }
    return K;
}

static int cmp_roll(const void *x, const void *y)
{
    const pl__roll *p = x, *q = y;
    if (p->gain != q->gain)
        return p->gain > q->gain ? -1 : 1;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return (p->b > q->b) - (p->b < q->b);
}

int pl__settle_logrolls(pl_settlement *st, pl_error *err)
{
    if (!st->o.logrolls)
        return PL_OK;
    size_t np = st->n * (st->n - 1) / 2;
    st->rolls = calloc(np ? np : 1, sizeof *st->rolls);
    double *sa = malloc(st->K * sizeof *sa), *sb = malloc(st->K * sizeof *sb);
    int rc = st->rolls && sa && sb ? PL_OK : PL_ENOMEM;
    for (size_t a = 0; !rc && a < st->n; a++)
        for (size_t b = a + 1; !rc && b < st->n; b++) {
            pl__roll *r = &st->rolls[st->n_rolls];
            if (!(r->issue = malloc(st->K * sizeof *r->issue))) {
                rc = PL_ENOMEM;
                break;
            }
            r->a = a, r->b = b;
            r->K = stakes(st, a, b, r->issue, sa, sb);
            int lr = r->K < 2 ? PL_EINPUT : pl_logroll_compute(&r->r, r->K, sa, sb, NULL);
            if (lr) {
                free(r->issue);
                memset(r, 0, sizeof *r);
                if (lr == PL_ENOMEM) { /* not "nothing to trade": the answer would be wrong */
                    rc = lr;
                    break;
                }
                continue;  /* nothing to trade with fewer than two issues */
            }
            double ta = 0, tb = 0;
            for (size_t k = 0; k < r->K; k++)
                ta += sa[k], tb += sb[k];
            r->gain = r->r.nash_a + r->r.nash_b - (ta + tb) / 2;
            st->n_rolls++;
            pl__span_report(&st->span, a * st->n + b, st->n * st->n);
        }
    free(sa), free(sb);
    if (rc)
        return pl__error_nomem(err);
    qsort(st->rolls, st->n_rolls, sizeof *st->rolls, cmp_roll);
    while (st->n_rolls > st->o.logrolls) {
        pl__roll *r = &st->rolls[--st->n_rolls];
        free(r->issue);
        pl_logroll_clear(&r->r);
    }
    return PL_OK;
}
