/* SPDX-License-Identifier: MIT */
/*
** power_emit.c: describe a game and its power indices to an emitter.
*/
#include "power_impl.h"

#include <stdio.h>
#include <string.h>

static const char *const method_names[] = {"auto", "enumerate", "dp", "monte-carlo"};

void pl__emit_units(pl_emitter *e, int64_t v, int64_t scale)
{
    if (scale > 1)
        pl_emit_number(e, NULL, (double)v / (double)scale);
    else
        pl_emit_int(e, NULL, v);
}

static void emit_rules(const pl_game *g, pl_emitter *e)
{
    static const char *const cols[] = {"rule", "condition", "kind", "quota", "total"};
    pl_emit_table_begin(e, "rules", "Rules (a coalition wins if it meets every condition of "
                        "some rule and holds every veto)", cols, 5);
    size_t j = 0;
    for (size_t c = 0; c < g->n_conds; c++) {
        const pl__cond *q = &g->cond[c];
        j = c && g->cond[c - 1].rule == q->rule ? j + 1 : 0;
        pl_emit_row_begin(e);
        pl_emit_int(e, NULL, (long long)q->rule + 1);
        pl_emit_int(e, NULL, (long long)j + 1);
        pl_emit_string(e, NULL, q->count ? "members" : "weight");
        pl__emit_units(e, q->quota, q->scale);
        pl__emit_units(e, q->total, q->scale);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
}

/* One coalition as "{A, B, C}". */
static void coalition_text(const pl_game *g, uint64_t mask, char *buf, size_t size)
{
    size_t u = 0;
    char nb[PL__NUMBUF];
    buf[0] = '\0';
    for (size_t m = 0; m < g->n && u < size; m++)
        if (mask >> m & 1) {
            int k = snprintf(buf + u, size - u, "%s%s", u ? ", " : "{",
                             pl__game_name(g, m, nb, sizeof nb));
            u += k > 0 ? (size_t)k : 0;
        }
    if (u < size)
        snprintf(buf + u, size - u, "%s", u ? "}" : "{}");
}

static void emit_minimal(const pl_power *p, const pl_game *g, int blocking, pl_emitter *e)
{
    char buf[1024];
    pl_emit_string(e, blocking ? "minimal_blocking" : "minimal_winning", p->n_min_text[blocking]);
    if (!p->n_list[blocking])
        return;
    pl_emit_array_begin(e, blocking ? "minimal_blocking_coalitions" : "minimal_winning_coalitions",
                        blocking ? "Minimal blocking coalitions" : "Minimal winning coalitions");
    for (size_t j = 0; j < p->n_list[blocking]; j++) {
        coalition_text(g, p->list[blocking][j], buf, sizeof buf);
        pl_emit_string(e, NULL, buf);
    }
    pl_emit_array_end(e);
}

int pl_power_emit_members(const pl_power *const *ps, const pl_game *const *gs,
                          const char *const *labels, size_t count, pl_emitter *e)
{
    const char *cols[PL_INDEX_COUNT + 6];
    int has[PL_INDEX_COUNT] = {0}, block = 0;
    size_t nc = 0;
    for (size_t j = 0; j < count; j++) {
        for (int k = 0; k < PL_INDEX_COUNT; k++)
            has[k] |= ps[j]->has[k];
        block |= ps[j]->block_with != NULL;
    }
    if (labels)
        cols[nc++] = "body";
    cols[nc++] = "member";
    cols[nc++] = "veto";
    cols[nc++] = "swings";
    for (int k = 0; k < PL_INDEX_COUNT; k++)
        if (has[k])
            cols[nc++] = pl_power_index_name((pl_power_index)k);
    if (block)
        cols[nc++] = "blocking_with";
    pl_emit_table_begin(e, "members", "Voting power of each member", cols, nc);
    for (size_t j = 0; j < count; j++) {
        const pl_power *p = ps[j];
        for (size_t m = 0; m < p->n; m++) {
            char nb[PL__NUMBUF];
            pl_emit_row_begin(e);
            if (labels)
                pl_emit_string(e, NULL, labels[j]);
            pl_emit_string(e, NULL, pl__game_name(gs[j], m, nb, sizeof nb));
            pl_emit_bool(e, NULL, p->veto[m]);
            pl_emit_string(e, NULL, p->swings ? p->swings[m] : NULL);
            for (int k = 0; k < PL_INDEX_COUNT; k++)
                if (p->has[k])
                    pl_emit_number(e, NULL, p->val[k][m]);
                else if (has[k])
                    pl_emit_null(e, NULL);
            if (p->block_with)
                pl_emit_int(e, NULL, p->block_with[m]);
            else if (block)
                pl_emit_null(e, NULL);
            pl_emit_row_end(e);
        }
    }
    return pl_emit_table_end(e);
}

/* The exact fractions, when every computed index has one for every member. */
static void emit_exact(const pl_power *p, const pl_game *g, pl_emitter *e)
{
    const char *cols[PL_INDEX_COUNT + 1];
    size_t nc = 0;
    cols[nc++] = "member";
    for (int k = 0; k < PL_INDEX_COUNT; k++) {
        if (!p->has[k])
            continue;
        for (size_t m = 0; m < p->n; m++)
            if (!p->exact[k] || !p->exact[k][m])
                return;
        cols[nc++] = pl_power_index_name((pl_power_index)k);
    }
    pl_emit_table_begin(e, "exact", "Exact values", cols, nc);
    for (size_t m = 0; m < p->n; m++) {
        char nb[PL__NUMBUF];
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, pl__game_name(g, m, nb, sizeof nb));
        for (int k = 0; k < PL_INDEX_COUNT; k++)
            if (p->has[k])
                pl_emit_string(e, NULL, p->exact[k][m]);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
}

static void emit_monte_carlo(const pl_power *p, pl_emitter *e)
{
    pl_emit_object_begin(e, "monte_carlo", "Monte Carlo (95% Hoeffding half-widths, "
                         "simultaneous over members)");
    pl_emit_int(e, "samples", (long long)p->samples);
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)p->seed);
    pl_emit_string(e, "seed", seed);
    pl_emit_number(e, "halfwidth_shapley_shubik", p->half[PL_INDEX_SS]);
    pl_emit_number(e, "halfwidth_banzhaf_absolute", p->half[PL_INDEX_ABZ]);
    pl_emit_number(e, "halfwidth_act", p->half_act);
    pl_emit_object_end(e);
}

int pl_power_emit_summary(const pl_power *p, const pl_game *g, pl_emitter *e)
{
    pl_emit_string(e, "method", method_names[p->method]);
    pl_emit_int(e, "members", (long long)p->n);
    emit_rules(g, e);
    pl_emit_string(e, "winning_coalitions", p->n_win);
    pl_emit_number(e, "power_to_act", p->act);
    if (p->method == PL_POWER_MONTE_CARLO)
        emit_monte_carlo(p, e);
    else
        emit_exact(p, g, e);
    if (p->n_min_text[0]) {
        emit_minimal(p, g, 0, e);
        emit_minimal(p, g, 1, e);
    }
    if (p->note[0])
        pl_emit_string(e, "note", p->note);
    return PL_OK;
}

int pl_power_emit(const pl_power *p, const pl_game *g, pl_emitter *e)
{
    pl_emit_object_begin(e, "power", "Voting power");
    pl_power_emit_members(&p, &g, NULL, 1, e);
    pl_power_emit_summary(p, g, e);
    return pl_emit_object_end(e);
}
