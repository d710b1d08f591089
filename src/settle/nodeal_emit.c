/* SPDX-License-Identifier: MIT */
/*
** nodeal_emit.c: the report of what no deal is worth over time (nodeal.c):
** the horizon and discount, then each party's and each ratifying member's
** no-deal value with its parts, and one sentence per party in words. Only
** when the scenario has a no_deal section, so other reports stay as they were.
*/
#include "settlement.h"
#include "../core/fmt.h"
#include "parley/emit.h"

#include <math.h>
#include <stdio.h>

static const char *aid(const pl_settlement *st, long a)
{
    return a >= 0 ? pl_actor_id(pl_scenario_actor(st->s, (size_t)a)) : NULL;
}

static void nodeal_row(const pl_settlement *st, size_t j, pl_emitter *e)
{
    const pl_nodeal *nd = &st->judge[j].nd;
    pl_emit_row_begin(e);
    pl_emit_string(e, NULL, aid(st, (long)st->judge[j].actor));
    pl_emit_string(e, NULL, j < st->n ? "party" : "ratifies");
    pl_emit_number(e, NULL, nd->value);
    pl_emit_number(e, NULL, nd->base);
    pl_emit_string(e, NULL, nd->from);
    pl_emit_number(e, NULL, nd->drift);
    pl_emit_number(e, NULL, nd->cost);
    pl_emit_number(e, NULL, nd->cost_points);
    pl_emit_string(e, NULL, aid(st, nd->cost_from));
    pl_emit_row_end(e);
}

/* "UKR: 0.412: its status quo 0.520, less 0.028 as the status quo drifts and 0.080 for
   the conflict's cost (20 points a year, UKR's)." Parts that are 0 are left out. */
static void nodeal_words(const pl_settlement *st, size_t j, pl_emitter *e)
{
    const pl_nodeal *nd = &st->judge[j].nd;
    char buf[512], key[96];
    size_t u = 0;
    int n = pl__snprintf(buf, sizeof buf, "%.3f: its %s %.3f", nd->value, nd->from, nd->base);
    u += n > 0 ? (size_t)n : 0;
    if (nd->drift != 0 && u < sizeof buf) {
        n = pl__snprintf(buf + u, sizeof buf - u, nd->drift > 0 ? ", less %.3f as the status "
                         "quo drifts away" : ", plus %.3f as the status quo drifts its way",
                         fabs(nd->drift));
        u += n > 0 ? (size_t)n : 0;
    }
    if (nd->cost != 0 && u < sizeof buf) {
        const char *whose = aid(st, nd->cost_from);
        n = pl__snprintf(buf + u, sizeof buf - u, ", less %.3f for the conflict's cost (%g "
                         "points a year, %s's)", nd->cost, nd->cost_points, whose);
        u += n > 0 ? (size_t)n : 0;
    }
    if (nd->time_discount != 1 && u < sizeof buf) {
        n = pl__snprintf(buf + u, sizeof buf - u, ", times %.3f for --time", nd->time_discount);
        u += n > 0 ? (size_t)n : 0;
    }
    if (u + 1 < sizeof buf)
        buf[u] = '.', buf[u + 1] = '\0';
    snprintf(key, sizeof key, "%s", aid(st, (long)st->judge[j].actor));
    pl_emit_string(e, key, buf);
}

void pl__nodeal_emit(const pl_settlement *st, pl_emitter *e)
{
    static const char *const cols[] = {"actor", "role", "no_deal", "static", "from",
                                       "drift_loss", "conflict_cost", "cost_points", "cost_of"};
    if (!st->nj || !st->judge[0].nd.path)
        return;
    const pl_nodeal *first = &st->judge[0].nd;
    pl_emit_object_begin(e, "no_deal", "No deal over time: no_deal = static - drift_loss - "
                         "conflict_cost (utilities; the discounted average over the horizon)");
    pl_emit_number(e, "horizon_years", first->horizon);
    pl_emit_number(e, "discount_per_year", first->discount);
    for (size_t j = 0; j < st->n; j++)
        nodeal_words(st, j, e);
    pl_emit_table_begin(e, "no_deal_parts", "Parties and members of their ratifying bodies", cols, 9);
    for (size_t j = 0; j < st->n_rj; j++)
        nodeal_row(st, j, e);
    pl_emit_table_end(e);
    pl_emit_object_end(e);
}
