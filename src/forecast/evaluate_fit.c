/* SPDX-License-Identifier: MIT */
/*
** evaluate_fit.c: the methods of `parley evaluate --cv` that fit something,
** each fitted on the training folds (every fold but one) and scored on the
** fold held out, so no outcome it is scored on was seen when fitting
** (MODELS.md section 12; docs/models.md):
**   best_baseline   the baseline with the lowest training MAE
**   eum_tuned       EUM's preset and Q (0.5 .. 1) with the lowest training MAE
**   exchange_tuned  the exchange model's number of rounds (1 .. R)
**   X_shrunk        w X + (1 - w) best_baseline, w in 0, 0.05, .., 1 by training MAE
**   status_quo_shrunk  the same with X the status quo where one is recorded (the
**                   best baseline alone elsewhere)
**   ensemble        the stacked ensemble: non-negative weights summing to 1 on the
**                   baselines and models, by least squares (evaluate_stack.c)
**   ensemble_lad    the same weights fitted by least absolute deviations, the
**                   score's own criterion, by iteratively reweighted least squares
** Only methods with a forecast on every issue take part (a status quo is not
** recorded everywhere), but for the status quo's shrinkage.
*/
#include "evaluate_impl.h"
#include "../core/alloc.h"
#include "../core/error_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHRINK_STEPS 20
#define MAX_STACK 16

/* Columns that a fitted method chooses among or combines. */
typedef struct col_set {
    size_t n, c[PL__EV_MAX_COLS];
} col_set;

static int complete(const pl_evaluation *e, size_t c)
{
    for (size_t t = 0; t < e->n_issues; t++)
        if (isnan(pl__ev_at(e, c, t)))
            return 0;
    return 1;
}

/* Complete columns whose kind is kind (any kind but candidates when kind < 0) and whose
   name starts with prefix. */
static void select_cols(const pl_evaluation *e, int kind, const char *prefix, col_set *out)
{
    out->n = 0;
    for (size_t c = 0; c < e->n_cols; c++)
        if ((kind < 0 ? e->col_kind[c] != PL__EV_CANDIDATE : e->col_kind[c] == kind) &&
            strncmp(e->col_name[c], prefix, strlen(prefix)) == 0 && complete(e, c))
            out->c[out->n++] = c;
}

/* w a + (1 - w) b; b alone where a has no forecast. */
static double blend(double a, double b, double w)
{
    return isnan(a) ? b : w * a + (1 - w) * b;
}

/* Training MAE of blend(a, b, w) (b NULL: a alone) on the issues outside fold f. */
static double train_mae(const pl_evaluation *e, size_t f, const double *a, const double *b,
                        double w)
{
    double s = 0;
    size_t n = 0;
    for (size_t t = 0; t < e->n_issues; t++)
        if (e->fold[t] != f) {
            s += fabs((b ? blend(a[t], b[t], w) : a[t]) - e->y[t]);
            n++;
        }
    return n ? s / (double)n : INFINITY;
}

/* The column of set with the lowest training MAE in fold f (the first on ties). */
static size_t choose(const pl_evaluation *e, const col_set *set, size_t f)
{
    size_t best = set->c[0];
    double bm = INFINITY;
    for (size_t j = 0; j < set->n; j++) {
        double m = train_mae(e, f, e->col + set->c[j] * e->n_issues, NULL, 0);
        if (m < bm) {
            bm = m;
            best = set->c[j];
        }
    }
    return best;
}

/* A fitted row, its forecasts all NAN until the folds fill them. */
static pl__ev_row *new_row(pl_evaluation *e, const char *name, const char *what, int kind)
{
    if (e->n_rows == PL__EV_MAX_ROWS)
        return NULL;
    pl__ev_row *r = &e->row[e->n_rows];
    memset(r, 0, sizeof *r);
    if (!(r->fc = pl__mallocarray(e->n_issues ? e->n_issues : 1, sizeof *r->fc)))
        return NULL;
    e->n_rows++;
    snprintf(r->name, sizeof r->name, "%s", name);
    r->what = what;
    r->kind = kind;
    for (size_t t = 0; t < e->n_issues; t++)
        r->fc[t] = NAN;
    return r;
}

/* Copy column c into r's forecasts on fold f. */
static void predict_fold(const pl_evaluation *e, pl__ev_row *r, size_t f, size_t c)
{
    for (size_t t = 0; t < e->n_issues; t++)
        if (e->fold[t] == f)
            r->fc[t] = pl__ev_at(e, c, t);
}

/* "mean_cs 130, median_cs 7 of 137 folds": how often each column was chosen. */
static void describe_choices(const pl_evaluation *e, const size_t *count, char *buf, size_t size)
{
    size_t u = (size_t)snprintf(buf, size, "chosen on the training folds: ");
    for (size_t c = 0, any = 0; c < e->n_cols && u < size; c++)
        if (count[c])
            u += (size_t)snprintf(buf + u, size - u, "%s%s in %zu", any++ ? ", " : "",
                                  e->col_name[c], count[c]);
    if (u < size)
        snprintf(buf + u, size - u, " of %zu folds", e->n_folds);
}

/* A row that picks, in every fold, the column of set with the lowest training MAE. */
static int choice_row(pl_evaluation *e, const char *name, const char *what, int kind,
                      const col_set *set, size_t *chosen, pl_error *err)
{
    size_t count[PL__EV_MAX_COLS] = {0};
    if (set->n == 0)
        return PL_OK; /* nothing complete to choose from */
    pl__ev_row *r = new_row(e, name, what, kind);
    if (!r)
        return pl__error_nomem(err);
    for (size_t f = 0; f < e->n_folds; f++) {
        size_t c = choose(e, set, f);
        count[c]++;
        predict_fold(e, r, f, c);
        if (chosen)
            chosen[f] = c;
    }
    describe_choices(e, count, r->fitted, sizeof r->fitted);
    return PL_OK;
}

/*
** X_shrunk: w X + (1 - w) (the fold's best baseline), w on a grid, by training MAE;
** where X has no forecast (the status quo), the baseline.
*/
static int shrunk_row(pl_evaluation *e, size_t c, const size_t *base, const char *what,
                      pl_error *err)
{
    char name[PL__EV_NAME];
    snprintf(name, sizeof name, "%.30s_shrunk", e->col_name[c]);
    pl__ev_row *r = new_row(e, name, what, PL__EV_FITTED);
    if (!r)
        return pl__error_nomem(err);
    double lo = 1, hi = 0, sum = 0;
    const double *a = e->col + c * e->n_issues;
    for (size_t f = 0; f < e->n_folds; f++) {
        const double *b = e->col + base[f] * e->n_issues;
        double bw = 0, bm = INFINITY;
        for (int j = 0; j <= SHRINK_STEPS; j++) {
            double w = (double)j / SHRINK_STEPS, m = train_mae(e, f, a, b, w);
            if (m < bm)
                bm = m, bw = w;
        }
        for (size_t t = 0; t < e->n_issues; t++)
            if (e->fold[t] == f)
                r->fc[t] = blend(a[t], b[t], bw);
        lo = fmin(lo, bw), hi = fmax(hi, bw), sum += bw;
    }
    snprintf(r->fitted, sizeof r->fitted, "w: mean %.2f over the folds (%.2f to %.2f)",
             sum / (double)e->n_folds, lo, hi);
    return PL_OK;
}

/* The stacked ensemble of the complete baselines and models (lad: by least absolute deviations). */
static int ensemble_row(pl_evaluation *e, const col_set *set, int lad, pl_error *err)
{
    size_t m = set->n < MAX_STACK ? set->n : MAX_STACK, T = e->n_issues;
    size_t Fn = pl__mul(T ? T : 1, m ? m : 1);
    double *F = pl__mallocarray(Fn, sizeof *F);
    double *F2 = lad ? pl__mallocarray(Fn, sizeof *F2) : NULL;
    double *y2 = lad ? pl__mallocarray(T ? T : 1, sizeof *y2) : NULL;
    unsigned char *use = malloc(T ? T : 1);
    double w[MAX_STACK], mean_w[MAX_STACK] = {0};
    int ok = F && use && (!lad || (F2 && y2));
    pl__ev_row *r = ok && m ? new_row(e, lad ? "ensemble_lad" : "ensemble",
                                      lad ? "stacked ensemble: non-negative weights summing to 1 "
                                            "on the baselines and models, fitted by least "
                                            "absolute deviations on the training folds"
                                          : "stacked ensemble: non-negative weights summing to 1 "
                                            "on the baselines and models, fitted by least "
                                            "squares on the training folds",
                                      PL__EV_FITTED) : NULL;
    int rc = r || (ok && !m) ? PL_OK : pl__error_nomem(err);
    for (size_t t = 0; r && t < T; t++)
        for (size_t j = 0; j < m; j++)
            F[t * m + j] = pl__ev_at(e, set->c[j], t);
    for (size_t f = 0; r && !rc && f < e->n_folds; f++) {
        for (size_t t = 0; t < T; t++)
            use[t] = e->fold[t] != f;
        rc = lad ? pl__ev_stack_lad(F, e->y, use, T, m, w, F2, y2)
                 : pl__ev_stack(F, e->y, use, T, m, w);
        if (rc)
            rc = pl__error_nomem(err);
        for (size_t t = 0; !rc && t < T; t++) {
            if (use[t])
                continue;
            double v = 0;
            for (size_t j = 0; j < m; j++)
                v += w[j] * F[t * m + j];
            r->fc[t] = v;
        }
        for (size_t j = 0; j < m; j++)
            mean_w[j] += w[j] / (double)e->n_folds;
    }
    size_t u = r ? (size_t)snprintf(r->fitted, sizeof r->fitted, "mean weights:") : 0;
    for (size_t j = 0; r && j < m && u < sizeof r->fitted; j++)
        if (mean_w[j] >= 0.005)
            u += (size_t)snprintf(r->fitted + u, sizeof r->fitted - u, " %s %.2f",
                                  e->col_name[set->c[j]], mean_w[j]);
    free(F);
    free(F2);
    free(y2);
    free(use);
    return rc;
}

int pl__ev_fit(pl_evaluation *e, pl_error *err)
{
    col_set base, eum, ex, models, all;
    size_t *chosen = pl__mallocarray(e->n_folds, sizeof *chosen);
    if (!chosen)
        return pl__error_nomem(err);
    select_cols(e, PL__EV_BASELINE, "", &base);
    select_cols(e, -1, "", &all);
    select_cols(e, PL__EV_MODEL, "", &models);
    int rc = choice_row(e, "best_baseline", "the baseline with the lowest MAE on the training "
                        "folds", PL__EV_BASELINE, &base, chosen, err);
    if (!rc && base.n)
        e->ref = e->n_rows - 1;
    /* eum's and exchange's candidates with the fixed runs they vary */
    select_cols(e, PL__EV_CANDIDATE, "eum", &eum);
    select_cols(e, PL__EV_CANDIDATE, "exchange_group", &ex);
    for (size_t j = 0; j < models.n; j++) {
        const char *nm = e->col_name[models.c[j]];
        col_set *to = strncmp(nm, "eum", 3) == 0 ? &eum
                      : strcmp(nm, "exchange_group") == 0 ? &ex : NULL;
        if (to)
            to->c[to->n++] = models.c[j];
    }
    if (!rc)
        rc = choice_row(e, "eum_tuned", "Expected Utility Model, preset and Q chosen on the "
                        "training folds", PL__EV_FITTED, &eum, NULL, err);
    if (!rc)
        rc = choice_row(e, "exchange_tuned", "exchange model within each group, rounds chosen "
                        "on the training folds", PL__EV_FITTED, &ex, NULL, err);
    for (size_t j = 0; !rc && base.n && j < models.n; j++)
        rc = shrunk_row(e, models.c[j], chosen, "the model shrunk toward the best baseline: "
                        "w model + (1 - w) baseline, w fitted on the training folds", err);
    /* issue 20's last attempts, fixed before their scores were seen: the status quo's pull */
    for (size_t c = 0; !rc && base.n && c < e->n_cols; c++)
        if (strcmp(e->col_name[c], "status_quo") == 0)
            rc = shrunk_row(e, c, chosen, "the best baseline moved toward the status quo where "
                            "one is recorded: w q + (1 - w) baseline, w fitted on the training "
                            "folds", err);
    if (!rc)
        rc = ensemble_row(e, &all, 0, err);
    /* and stacking by the score's own criterion */
    if (!rc)
        rc = ensemble_row(e, &all, 1, err);
    free(chosen);
    return rc;
}
