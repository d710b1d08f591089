/* SPDX-License-Identifier: MIT */
/*
** evaluate_emit.c: the description of an evaluation: what was scored and
** skipped, a verdict in words, the summary table and (on request) each
** issue's forecasts and errors.
*/
#include "evaluate_impl.h"
#include "../core/fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *kind_name(const pl__ev_row *r)
{
    if (r->kind == PL__EV_BASELINE)
        return r->fitted[0] ? "baseline, chosen in each fold" : "baseline";
    return r->kind == PL__EV_FITTED ? "model, fitted in each fold" : "model";
}

static void emit_summary(const pl_evaluation *e, pl_emitter *em)
{
    static const char *const cols[] = {
        "method", "kind", "n", "mae", "mae_low", "mae_high", "median_ae", "median_ae_low",
        "median_ae_high", "within_10", "within_10_low", "within_10_high", "vs_best_baseline",
        "vs_low", "vs_high", "p_value", "fitted", "what"};
    pl_emit_table_begin(em, "summary", "Errors (0-100 scale) with 95% group-bootstrap "
                        "intervals; within_10 = share of issues within 10 points; vs = MAE "
                        "minus the best baseline's on common issues, p from a sign-flip test "
                        "over groups", cols, sizeof cols / sizeof *cols);
    for (size_t m = 0; m < e->n_rows; m++) {
        const pl__ev_row *r = &e->row[m];
        const pl__ev_score *c = &r->sc;
        const double v[] = {c->mae, c->mae_lo, c->mae_hi, c->mdae, c->mdae_lo, c->mdae_hi,
                            c->w10, c->w10_lo, c->w10_hi, c->diff, c->diff_lo, c->diff_hi,
                            c->p};
        pl_emit_row_begin(em);
        pl_emit_string(em, NULL, r->name);
        pl_emit_string(em, NULL, kind_name(r));
        pl_emit_int(em, NULL, (long long)c->n);
        for (size_t j = 0; j < sizeof v / sizeof *v; j++)
            if (c->n) /* a method that forecasts nothing here has no scores */
                pl_emit_number(em, NULL, v[j]);
            else
                pl_emit_null(em, NULL);
        pl_emit_string(em, NULL, r->fitted[0] ? r->fitted : NULL);
        pl_emit_string(em, NULL, r->what);
        pl_emit_row_end(em);
    }
    pl_emit_table_end(em);
}

static void emit_errors(const pl_evaluation *e, const pl_scenario *s, pl_emitter *em)
{
    const char *cols[3 + 2 * PL__EV_MAX_ROWS];
    char names[PL__EV_MAX_ROWS][PL__EV_NAME + 8];
    size_t nc = 0;
    cols[nc++] = "issue";
    cols[nc++] = "group";
    cols[nc++] = "outcome";
    for (size_t m = 0; m < e->n_rows; m++) {
        snprintf(names[m], sizeof names[m], "%s_error", e->row[m].name);
        cols[nc++] = e->row[m].name;
        cols[nc++] = names[m];
    }
    pl_emit_table_begin(em, "errors", "Per issue: each method's forecast (out of fold when "
                        "fitted) and absolute error", cols, nc);
    for (size_t t = 0; t < e->n_issues; t++) {
        const pl_issue *x = pl_scenario_issue(s, e->issue[t]);
        pl_emit_row_begin(em);
        pl_emit_string(em, NULL, pl_issue_id(x));
        pl_emit_string(em, NULL, pl_issue_group(x));
        pl_emit_number(em, NULL, e->y[t]);
        for (size_t m = 0; m < e->n_rows; m++) {
            double v = e->row[m].fc[t];
            if (isnan(v)) {
                pl_emit_null(em, NULL);
                pl_emit_null(em, NULL);
            } else {
                pl_emit_number(em, NULL, v);
                pl_emit_number(em, NULL, fabs(v - e->y[t]));
            }
        }
        pl_emit_row_end(em);
    }
    pl_emit_table_end(em);
}

/*
** The verdict: each method against the best baseline, then the goal fixed in
** advance (issue 20): MAE at most 95% of the best baseline's with the paired
** interval below 0.
*/
static void verdict(const pl_evaluation *e, char *buf, size_t size)
{
    const pl__ev_row *ref = &e->row[e->ref];
    size_t u = (size_t)pl__snprintf(buf, size, "Best baseline: %s (MAE %.2f). ", ref->name,
                                    ref->sc.mae);
    long goal = -1;
    int any = 0;
    for (size_t m = 0; m < e->n_rows && u < size; m++) {
        const pl__ev_row *r = &e->row[m];
        const pl__ev_score *c = &r->sc;
        if (r->kind == PL__EV_BASELINE || !c->n)
            continue;
        const char *how = c->diff_hi < 0 ? "beats it" : c->diff_lo > 0 ? "is worse"
                                                                       : "is not distinguishable";
        int k = pl__snprintf(buf + u, size - u, "%s%s (MAE %.2f) %s (difference %+.2f, 95%% "
                             "interval %+.2f to %+.2f, p %.3f)", any++ ? "; " : "", r->name,
                             c->mae, how, c->diff, c->diff_lo, c->diff_hi, c->p);
        u += k > 0 ? (size_t)k : 0;
        if (c->diff_hi < 0 && c->n == ref->sc.n && c->mae <= 0.95 * ref->sc.mae &&
            (goal < 0 || c->mae < e->row[goal].sc.mae))
            goal = (long)m;
    }
    if (u < size && goal >= 0)
        pl__snprintf(buf + u, size - u, ". Goal (MAE <= 95%% of the best baseline's, interval "
                     "below 0): met by %s.", e->row[goal].name);
    else if (u < size)
        pl__snprintf(buf + u, size - u, ". Goal (MAE <= 95%% of the best baseline's = %.2f, "
                     "interval below 0): not met.", 0.95 * ref->sc.mae);
}

static void emit_cv(const pl_evaluation *e, pl_emitter *em)
{
    char text[160];
    if (!e->n_folds)
        snprintf(text, sizeof text, "none");
    else if (e->o.cv == PL_CV_GROUP)
        snprintf(text, sizeof text, "leave one group (proposal) out: %zu folds", e->n_folds);
    else
        snprintf(text, sizeof text, "%zu folds of whole groups, dealt in an order shuffled by "
                 "the seed", e->n_folds);
    pl_emit_string(em, "cross_validation", text);
    pl_emit_string(em, "fitting", e->n_folds
                   ? "the fitted methods and the best baseline are chosen on the training "
                     "folds and scored on the fold held out"
                   : "none: every method runs with its published defaults; the fitted "
                     "methods (best_baseline, eum_tuned, exchange_tuned, *_shrunk, ensemble) "
                     "need --cv");
}

int pl_evaluation_emit(const pl_evaluation *e, const pl_scenario *s, pl_emitter *em)
{
    char text[8192], seed[32];
    if (!e || !s || !em)
        return PL_EMISUSE;
    pl_emit_object_begin(em, "evaluation", "Forecast accuracy on recorded outcomes");
    pl_emit_int(em, "issues", (long long)e->n_issues);
    pl_emit_int(em, "issues_skipped", (long long)e->n_skipped);
    pl_emit_int(em, "groups", (long long)e->n_groups);
    pl_emit_int(em, "groups_of_one_issue", (long long)e->n_single);
    pl_emit_int(em, "positions_with_salience_0", (long long)e->n_zero_salience);
    pl_emit_int(em, "resamples", (long long)e->o.resamples);
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)e->o.seed);
    pl_emit_string(em, "seed", seed);
    emit_cv(e, em);
    verdict(e, text, sizeof text);
    pl_emit_string(em, "verdict", text);
    pl_emit_object_end(em);
    emit_summary(e, em);
    if (e->o.errors)
        emit_errors(e, s, em);
    return PL_OK;
}
