/* SPDX-License-Identifier: MIT */
/*
** credibility.c: can a body act against one of its members (MODELS.md
** section 11, "Can the body act against X?")? X can be overruled iff the
** other members together win. Winning coalitions without X number
** (|W| - eta_X) / 2, a share (1 - P_X) / 2 of all, and the others' power to
** act against X is that count over the 2^(n-1) coalitions of the others.
** When they cannot, the smallest change of rule is: drop X's written veto
** and lower, in the rule needing fewest changes, each quota that the others'
** weight misses to exactly that weight.
*/
#include "power_impl.h"
#include "../core/fmt.h"
#include "../core/error_int.h"

#include <stdio.h>
#include <string.h>

/* Quota changes rule r needs for the others (all but x) to win; -1 if none can do it. */
static long rule_changes(const pl_game *g, size_t r, size_t x, pl_credibility *cr)
{
    size_t k = 0, j = 0;
    for (size_t c = 0; c < g->n_conds; c++) {
        const pl__cond *q = &g->cond[c];
        if (q->rule != r)
            continue;
        int64_t others = q->total - q->w[x];
        if (others <= 0)
            return -1;
        if (q->quota > others && k < sizeof cr->change_cond / sizeof *cr->change_cond) {
            cr->change_cond[k] = j;
            cr->change_from[k] = q->quota;
            cr->change_to[k] = others;
            cr->change_total[k] = q->total;
            cr->change_scale[k] = q->scale;
            k++;
        }
        j++;
    }
    return (long)k;
}

int pl_power_credibility(pl_credibility *cr, const pl_game *g, const pl_power *p, long x,
                         pl_error *err)
{
    memset(cr, 0, sizeof *cr);
    if (!g || !p || x >= (long)g->n)
        return pl__fail(err, PL_EMISUSE, "pl_power_credibility: no member %ld", x);
    for (size_t m = 0; m < g->n; m++)
        if (p->veto[m] && (long)m != x) {
            if (cr->n_blockers < sizeof cr->blocker / sizeof *cr->blocker)
                cr->blocker[cr->n_blockers] = m;
            cr->n_blockers++;
        }
    cr->blocking_with = -1;
    if (x < 0) { /* not a member: never asked */
        cr->can_act = 1;
        cr->share_without = 1;
        cr->act_against = p->act;
        return PL_OK;
    }
    size_t m = (size_t)x;
    cr->member = 1;
    cr->blocking_with = pl_power_blocking_with(p, m, &cr->smallest_blocking);
    cr->formal_veto = g->veto[m];
    cr->veto = p->veto[m];
    cr->can_act = !cr->veto;
    double cp = pl_power_value(p, PL_INDEX_CP, m), abz = pl_power_value(p, PL_INDEX_ABZ, m);
    cr->share_without = (1 - cp) / 2;
    cr->act_against = p->act - abz / 2;
    if (cr->act_against < 0)
        cr->act_against = 0;
    if (cr->can_act)
        return PL_OK;
    cr->drop_veto = cr->formal_veto;
    long best = -1;
    pl_credibility tmp;
    for (size_t r = 0; r < g->n_rules; r++) {
        long k = rule_changes(g, r, m, &tmp);
        if (k >= 0 && (best < 0 || k < best)) {
            best = k;
            cr->rule = r;
            cr->n_changes = (size_t)k;
            memcpy(cr->change_cond, tmp.change_cond, sizeof tmp.change_cond);
            memcpy(cr->change_from, tmp.change_from, sizeof tmp.change_from);
            memcpy(cr->change_to, tmp.change_to, sizeof tmp.change_to);
            memcpy(cr->change_total, tmp.change_total, sizeof tmp.change_total);
            memcpy(cr->change_scale, tmp.change_scale, sizeof tmp.change_scale);
        }
    }
    cr->impossible = best < 0;
    return PL_OK;
}

/* v over scale as the scenario wrote it: whole numbers as integers, scaled ones as decimals. */
static void units_text(int64_t v, int64_t scale, char out[32])
{
    if (scale > 1)
        pl__fmt_double(out, (double)v / (double)scale); /* as the tables print it (C locale) */
    else
        snprintf(out, 32, "%lld", (long long)v);
}

int pl_credibility_text(const pl_credibility *cr, const pl_game *g, const char *body,
                        const char *xn, char *buf, size_t size)
{
    size_t u = 0;
    if (!cr || !g || !buf || !size)
        return PL_EMISUSE;
    buf[0] = '\0';
    if (!cr->member || cr->can_act) {
        if (!cr->member)
            pl__append(buf, size, &u, "%s%scan act without %s: %s is not a member, so its "
                       "consent is never needed", body ? body : "", body ? " " : "", xn, xn);
        else
            pl__append(buf, size, &u, "%s%scan act against %s: the other members can decide "
                       "without it (%.4g%% of winning coalitions exclude %s)", body ? body : "",
                       body ? " " : "", xn, 100 * cr->share_without, xn);
        for (size_t k = 0; k < cr->n_blockers && k < 8; k++) {
            char nb[PL__NUMBUF];
            pl__append(buf, size, &u, "%s%s", k ? ", " : "; but it cannot act without ",
                       pl__game_name(g, cr->blocker[k], nb, sizeof nb));
        }
        pl__append(buf, size, &u, "%s.", cr->n_blockers > 8 ? " and others" : "");
        return PL_OK;
    }
    pl__append(buf, size, &u, "%s%scannot act against %s: %s can block alone (%s), so every "
               "winning coalition includes it.", body ? body : "", body ? " " : "", xn, xn,
               cr->formal_veto ? "a veto written into the rules" : "through the quota");
    if (cr->impossible) {
        pl__append(buf, size, &u, " No change of quota alone can change this: %s holds all "
                   "the weight of a condition in every rule.", xn);
        return PL_OK;
    }
    pl__append(buf, size, &u, " The smallest change that would allow it:");
    if (cr->drop_veto)
        pl__append(buf, size, &u, " drop %s's veto%s", xn, cr->n_changes ? " and" : ".");
    for (size_t k = 0; k < cr->n_changes; k++) {
        char from[32], to[32], total[32];
        units_text(cr->change_from[k], cr->change_scale[k], from);
        units_text(cr->change_to[k], cr->change_scale[k], to);
        units_text(cr->change_total[k], cr->change_scale[k], total);
        pl__append(buf, size, &u, "%s lower %s %s to %s of %s%s", k ? "," : "",
                   g->n_conds > 1 ? "a quota from" : "the quota from", from, to, total,
                   k + 1 == cr->n_changes ? "." : "");
    }
    return PL_OK;
}

int pl_credibility_emit(const pl_credibility *cr, const pl_game *g, const char *body,
                        const char *xn, pl_emitter *e)
{
    char verdict[1024];
    pl_credibility_text(cr, g, body, xn, verdict, sizeof verdict);
    pl_emit_object_begin(e, "against", "Can the body act against this member?");
    pl_emit_string(e, "target", xn);
    pl_emit_string(e, "verdict", verdict);
    pl_emit_bool(e, "member", cr->member);
    pl_emit_bool(e, "can_act", cr->can_act);
    pl_emit_bool(e, "veto", cr->veto);
    pl_emit_bool(e, "written_veto", cr->formal_veto);
    pl_emit_number(e, "share_of_winning_without", cr->share_without);
    pl_emit_number(e, "power_to_act_against", cr->act_against);
    if (cr->member && cr->blocking_with >= 0) {
        pl_emit_int(e, "minimal_blocking_with", cr->blocking_with);
        pl_emit_int(e, "smallest_blocking_with", (long long)cr->smallest_blocking);
    }
    if (!cr->can_act) {
        pl_emit_object_begin(e, "smallest_change", NULL);
        pl_emit_bool(e, "drop_veto", cr->drop_veto);
        pl_emit_bool(e, "impossible", cr->impossible);
        if (!cr->impossible) {
            static const char *const cols[] = {"rule", "condition", "quota", "new_quota", "total"};
            pl_emit_table_begin(e, "quota_changes", NULL, cols, 5);
            for (size_t k = 0; k < cr->n_changes; k++) {
                pl_emit_row_begin(e);
                pl_emit_int(e, NULL, (long long)cr->rule + 1);
                pl_emit_int(e, NULL, (long long)cr->change_cond[k] + 1);
                pl__emit_units(e, cr->change_from[k], cr->change_scale[k]);
                pl__emit_units(e, cr->change_to[k], cr->change_scale[k]);
                pl__emit_units(e, cr->change_total[k], cr->change_scale[k]);
                pl_emit_row_end(e);
            }
            pl_emit_table_end(e);
        }
        pl_emit_object_end(e);
    }
    return pl_emit_object_end(e);
}
