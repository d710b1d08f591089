/* SPDX-License-Identifier: MIT */
/*
** durability_emit.c: the durability report: findings in words, the power
** path period by period, and the guarantees.
*/
#include "durability_impl.h"
#include "../core/fmt.h"
#include "parley/emit.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *side_id(const pl_scenario *s, const pl_durability_spec *sp, int side)
{
    return s->actors[sp->side[side]].id;
}

typedef struct view {
    const pl_scenario *s;
    const pl_durability_spec *sp;
} view;

/* "period 3" while a period is a year (the words before periods could be shorter), else
   "year 1.5". */
static void when(const pl_durability_spec *sp, size_t t, char *buf, size_t size)
{
    if (sp->step == 1)
        snprintf(buf, size, "period %zu", t);
    else
        pl__snprintf(buf, size, "year %g", (double)t * sp->step);
}

int pl__durability_power_moves(const pl_durability *d, size_t T, char before[32], char after[32])
{
    pl__snprintf(before, 32, "%.2f", pl_durability_power(d, 0));
    pl__snprintf(after, 32, "%.2f", pl_durability_power(d, T));
    return strcmp(before, after) != 0;
}

static void finding_power(const pl_durability *d, view v, pl_emitter *e)
{
    char buf[512], at[64], before[32], after[32];
    size_t T = pl_durability_periods(d) - 1;
    when(v.sp, T, at, sizeof at);
    /* "becomes 0.30" after "0.30" reads as if something moved: say it stays. */
    int same = !pl__durability_power_moves(d, T, before, after);
    pl__snprintf(buf, sizeof buf, "Without a deal %s would win a war with probability %s; under "
             "the deal's terms this %s %s %s %s.", side_id(v.s, v.sp, 0), before,
             same ? "stays" : "becomes", after, same ? "through" : "by", at);
    pl_emit_string(e, "power", buf);
}

/* "; phased over 3 periods the same shift would not invite war." (years unless a period is one) */
static void phasing_words(const pl_durability_spec *sp, size_t ph, char *buf, size_t size)
{
    if (sp->step == 1)
        snprintf(buf, size, "; phased over %zu period%s the same shift would not invite war.",
                 ph, ph == 1 ? "" : "s");
    else
        pl__snprintf(buf, size, "; phased over %g years the same shift would not invite war.",
                     (double)ph * sp->step);
}

static void finding_commitment(const pl_durability *d, view v, pl_emitter *e)
{
    char buf[512], at[64];
    int side, t = pl_durability_fails_at(d, &side);
    if (t < 0) {
        snprintf(buf, sizeof buf, "The deal is self-enforcing: in no period does either side "
                 "value war above what the deal can credibly give it.");
    } else {
        size_t ph = pl_durability_phasing(d);
        when(v.sp, (size_t)t, at, sizeof at);
        int n = snprintf(buf, sizeof buf, "The deal is not self-enforcing: in %s %s "
                         "values war above the most the deal can credibly give it (a "
                         "commitment problem: the shift of power it locks in)", at,
                         side_id(v.s, v.sp, side));
        if (ph > 0 && n > 0 && (size_t)n < sizeof buf)
            phasing_words(v.sp, ph, buf + n, sizeof buf - (size_t)n);
        else if (n > 0 && (size_t)n < sizeof buf)
            snprintf(buf + n, sizeof buf - (size_t)n, ".");
    }
    pl_emit_string(e, "commitment", buf);
}

/* What guarantee j does, after "BODY can/cannot act against X". */
static void guarantee_verdict(const pl_durability *d, size_t j, char *buf, size_t size)
{
    int cred, holds;
    double counted, minimum, maximum;
    pl_durability_guarantee(d, j, &cred, &counted, &holds, &minimum, &maximum);
    const char *other = d->s->actors[d->spec->side[1 - d->spec->guarantees[j].protects]].id;
    int plain_holds = pl_durability_fails_at(d, NULL) < 0;
    if (!cred && plain_holds)
        snprintf(buf, size, ", so its guarantee counts for nothing; the deal holds without it.");
    else if (cred && holds)
        pl__snprintf(buf, size, "; with an intervention probability of %.2f the deal holds%s.",
                 counted, plain_holds ? " (as it does without it)" : "");
    else if (isnan(minimum))
        snprintf(buf, size, "%s; no probability of its intervention would make the deal hold.",
                 cred ? "" : ", so its guarantee counts for nothing");
    else if (cred && counted > maximum && minimum > 0)
        pl__snprintf(buf, size, "; at %.2f the guarantee itself shifts so much power that %s would "
                 "rather fight; it must lie between %.3f and %.3f.", counted, other, minimum,
                 maximum);
    else if (cred && counted > maximum)
        pl__snprintf(buf, size, "; at %.2f the guarantee itself shifts so much power that %s would "
                 "rather fight; it must stay at or below %.3f.", counted, other, maximum);
    else if (cred)
        pl__snprintf(buf, size, "; with an intervention probability of %.2f the deal still fails; "
                 "it would need to intervene with probability at least %.3f.", counted, minimum);
    else
        pl__snprintf(buf, size, ", so its guarantee counts for nothing; it would need to intervene "
                 "with probability at least %.3f if it could act at all.", minimum);
}

/* "BODY's guarantee is not counted: the deal does not provide it (...)". */
static void not_provided(const pl_durability *d, view v, size_t j, char *buf, size_t size)
{
    const pl_dguarantee *gu = &v.sp->guarantees[j];
    size_t u = 0;
    int n = snprintf(buf, size, "%s's guarantee is not counted: the deal does not provide it "
                     "(provided_by:", v.s->bodies[gu->body].id);
    for (size_t q = 0; n > 0 && (size_t)n < size - u && q < gu->n_provided; q++) {
        u += (size_t)n;
        n = snprintf(buf + u, size - u, "%s %s \"%s\"", q ? "," : "",
                     v.s->issues[gu->provided[q].issue].id, gu->provided[q].text);
    }
    if (n > 0 && (size_t)n < size - u)
        u += (size_t)n;
    snprintf(buf + u, size - u, ")%s", pl_durability_fails_at(d, NULL) < 0
             ? "; the deal holds without it." : "; without it the deal fails.");
}

static void finding_guarantee(const pl_durability *d, view v, size_t j, pl_emitter *e)
{
    char buf[640], key[96];
    const pl_dguarantee *gu = &v.sp->guarantees[j];
    const char *body = v.s->bodies[gu->body].id;
    int cred;
    pl_durability_guarantee(d, j, &cred, NULL, NULL, NULL, NULL);
    snprintf(key, sizeof key, "guarantee_%s", body);
    if (!pl_durability_guarantee_provided(d, j)) {
        not_provided(d, v, j, buf, sizeof buf);
        pl_emit_string(e, key, buf);
        return;
    }
    int n = snprintf(buf, sizeof buf, "%s %s act against %s", body, cred ? "can" : "cannot",
                     side_id(v.s, v.sp, 1 - (int)gu->protects));
    if (n > 0 && (size_t)n < sizeof buf)
        guarantee_verdict(d, j, buf + n, sizeof buf - (size_t)n);
    pl_emit_string(e, key, buf);
}

static void emit_path(const pl_durability *d, pl_emitter *e)
{
    const pl_commitment *c = &d->plain;
    static const char *const cols[] = {"period", "capability_a", "capability_b", "p_a",
                                       "war_a", "deal_max_a", "war_b", "deal_max_b"};
    static const char *const ycols[] = {"period", "year", "capability_a", "capability_b", "p_a",
                                        "war_a", "deal_max_a", "war_b", "deal_max_b"};
    int years = d->spec->step != 1;  /* a year column only when a period is not one */
    if (years)
        pl_emit_table_begin(e, "path", "Power path (war values and the most a deal can "
                            "credibly give, in pie-years summed over time)", ycols, 9);
    else
        pl_emit_table_begin(e, "path", "Power path (war values and the most a deal can "
                            "credibly give, in pies per period summed over time)", cols, 8);
    for (size_t t = 0; t < pl_durability_periods(d); t++) {
        pl_emit_row_begin(e);
        pl_emit_int(e, NULL, (long long)t);
        if (years)
            pl_emit_number(e, NULL, (double)t * d->spec->step);
        pl_emit_number(e, NULL, d->MA[t]);
        pl_emit_number(e, NULL, d->MB[t]);
        pl_emit_number(e, NULL, pl_durability_power(d, t));
        pl_emit_number(e, NULL, c->war_a[t]);
        pl_emit_number(e, NULL, c->peace_a[t]);
        pl_emit_number(e, NULL, c->war_b[t]);
        pl_emit_number(e, NULL, c->peace_b[t]);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
}

static void emit_guarantees(const pl_durability *d, view v, pl_emitter *e)
{
    static const char *const cols[] = {"body", "protects", "credible", "probability",
                                       "counted", "holds", "minimum", "maximum", "provided"};
    int tied = 0;  /* some guarantee depends on the deal: one more column */
    for (size_t j = 0; j < pl_durability_n_guarantees(d); j++)
        tied |= v.sp->guarantees[j].n_provided > 0;
    pl_emit_table_begin(e, "guarantees", tied ? "Guarantees (minimum and maximum: the "
                        "intervention probabilities between which the deal holds; provided: "
                        "the deal has the options that create it)" : "Guarantees (minimum and "
                        "maximum: the intervention probabilities between which the deal holds)",
                        cols, tied ? 9 : 8);
    for (size_t j = 0; j < pl_durability_n_guarantees(d); j++) {
        int cred, holds;
        double counted, minimum, maximum;
        pl_durability_guarantee(d, j, &cred, &counted, &holds, &minimum, &maximum);
        const pl_dguarantee *gu = &v.sp->guarantees[j];
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, v.s->bodies[gu->body].id);
        pl_emit_string(e, NULL, side_id(v.s, v.sp, (int)gu->protects));
        pl_emit_bool(e, NULL, cred);
        pl_emit_number(e, NULL, gu->probability.value);
        pl_emit_number(e, NULL, counted);
        pl_emit_bool(e, NULL, holds);
        if (isnan(minimum))
            pl_emit_null(e, NULL);
        else
            pl_emit_number(e, NULL, minimum);
        if (isnan(maximum) || isnan(minimum))
            pl_emit_null(e, NULL);
        else
            pl_emit_number(e, NULL, maximum);
        if (tied)
            pl_emit_bool(e, NULL, pl_durability_guarantee_provided(d, j));
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
}

int pl_durability_emit(const pl_durability *d, pl_emitter *e)
{
    if (!d || !e)
        return PL_EMISUSE;
    view v = {d->s, d->spec};
    pl_emit_object_begin(e, "durability", "Durability");
    pl_emit_object_begin(e, "findings", "Findings");
    finding_power(d, v, e);
    finding_commitment(d, v, e);
    for (size_t j = 0; j < pl_durability_n_guarantees(d); j++)
        finding_guarantee(d, v, j, e);
    pl_emit_object_end(e);
    pl_emit_string(e, "side_a", side_id(v.s, v.sp, 0));
    pl_emit_string(e, "side_b", side_id(v.s, v.sp, 1));
    pl_emit_number(e, "discount", v.sp->discount.value);
    if (d->has_range) {
        pl_emit_number(e, "bargaining_range_lo", d->lo);
        pl_emit_number(e, "bargaining_range_hi", d->hi);
    }
    emit_path(d, e);
    if (pl_durability_n_guarantees(d))
        emit_guarantees(d, v, e);
    if (v.s->n_regimes)
        pl__survival_emit(d, e);
    return pl_emit_object_end(e);
}
