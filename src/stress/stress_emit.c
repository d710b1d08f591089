/* SPDX-License-Identifier: MIT */
/*
** stress_emit.c: the Monte Carlo summary for the emitters: the robustness
** of each finding in words first, then the inputs, numbers, findings,
** packages and the tornado (sensitivity) table.
*/
#include "stress_impl.h"
#include "../core/fmt.h"
#include "parley/emit.h"
#include "parley/options.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *analysis_name(size_t a)
{
    return pl_option_choice("analyses", (int)a);
}

/* ---- findings in words ------------------------------------------------------ */

/* "(defined in n of N draws)" when some draws leave the metric undefined. */
static const char *defined_note(const pl_stress *st, size_t m, char *buf, size_t size)
{
    uint64_t n = st->acc[m].n;
    if (n == st->draws)
        return "";
    snprintf(buf, size, " (defined in %llu of them)", (unsigned long long)n);
    return buf;
}

static void finding(const pl_stress *st, size_t m, char *buf, size_t size)
{
    const pl__metric *x = &st->plan.m[m];
    const pl__acc *a = &st->acc[m];
    char note[64], pkg[512], top[512];
    unsigned long long N = (unsigned long long)st->draws;
    int n = snprintf(buf, size, "%s", x->text);
    if (n > 0 && buf[0] >= 'a' && buf[0] <= 'z')  /* ASCII: toupper() follows the locale */
        buf[0] = (char)(buf[0] - 'a' + 'A');
    size_t u = n > 0 && (size_t)n < size ? (size_t)n : 0;
    double se, mean = pl_stress_mean(st, m, &se);
    if (x->kind == PL_METRIC_FLAG) {
        int written = x->base != 0, said = written;
        double share = written ? mean : 1 - mean;
        if (share == 0) /* none the written way: say the share the other way */
            said = !written, share = 1;
        char how[96];
        /*
        ** Every draw the same way: the standard error is 0, which says nothing; the exact
        ** one-sided 95% bound does (Clopper & Pearson 1934: with all n of n, the share is at
        ** least 0.05^(1/n); 95.4% at n = 64, 99.7% at 1,000).
        */
        if (share == 1)
            pl__snprintf(how, sizeof how, "all %llu; at least %.1f%% with 95%% confidence",
                         (unsigned long long)a->n, 100 * pow(0.05, 1 / (double)a->n));
        else
            pl__snprintf(how, sizeof how, "standard error %.1f points", 100 * se);
        pl__snprintf(buf + u, size - u, ": %s as written; across %llu draws%s, %s in %.1f%% "
                 "(%s).", isnan(x->base) ? "undefined" : written ? "yes" : "no", N,
                 defined_note(st, m, note, sizeof note), said ? "yes" : "no", 100 * share, how);
    } else if (x->kind == PL_METRIC_PACKAGE) {
        pl__stress_package_words(st, x->base, pkg, sizeof pkg);
        if (a->n_tally)
            pl__stress_package_words(st, a->tally[0].code, top, sizeof top);
        pl__snprintf(buf + u, size - u, ": %s as written; the same in %.1f%% of %llu draws%s; most "
                 "often %s (%.1f%%).", pkg, 100 * pl_stress_agreement(st, m), N,
                 defined_note(st, m, note, sizeof note), a->n_tally ? top : "none",
                 a->n_tally ? 100.0 * (double)a->tally[0].count / (double)a->n : 0.0);
    } else {
        pl__snprintf(buf + u, size - u, ": %.3g as written; across %llu draws%s the median is %.3g "
                 "and 90%% of draws lie between %.3g and %.3g.", x->base, N,
                 defined_note(st, m, note, sizeof note), pl_stress_quantile(st, m, 0.5),
                 pl_stress_quantile(st, m, 0.05), pl_stress_quantile(st, m, 0.95));
    }
}

static void emit_findings(const pl_stress *st, pl_emitter *e)
{
    char buf[1400];
    pl_emit_object_begin(e, "findings", NULL);
    for (size_t m = 0; m < st->plan.M; m++) {
        const pl__metric *x = &st->plan.m[m];
        if (x->analysis == PL_STRESS_FORECAST || !st->acc[m].n)
            continue; /* forecasts are in their table: too many for words */
        finding(st, m, buf, sizeof buf);
        pl_emit_string(e, x->key, buf);
    }
    for (size_t a = 0; a < PL__N_ANALYSES; a++)
        if (st->failures[a]) {
            snprintf(buf, sizeof buf, "%s failed in %llu of %llu draws; its results leave "
                     "those draws out.", analysis_name(a), (unsigned long long)st->failures[a],
                     (unsigned long long)st->draws);
            char key[64];
            snprintf(key, sizeof key, "%s_failures", analysis_name(a));
            pl_emit_string(e, key, buf);
        }
    pl_emit_object_end(e);
}

/* ---- tables -------------------------------------------------------------------- */

static void emit_inputs(const pl_stress *st, pl_emitter *e)
{
    static const char *const cols[] = {"input", "dist", "low", "value", "high"};
    pl_emit_table_begin(e, "inputs", "Uncertain inputs (each draw takes one value of each)",
                        cols, 5);
    for (size_t j = 0; j < st->plan.J; j++) {
        const pl_value *v = st->inputs[j];
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, st->labels[j]);
        pl_emit_string(e, NULL, pl_dist_name(v->dist));
        pl_emit_number(e, NULL, v->low);
        pl_emit_number(e, NULL, v->value);
        pl_emit_number(e, NULL, v->high);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
}

static void emit_numbers(const pl_stress *st, pl_emitter *e)
{
    static const char *const cols[] = {"metric", "baseline", "mean", "se", "p5", "p50", "p95",
                                       "min", "max", "draws"};
    pl_emit_table_begin(e, "numbers", "Numbers: baseline (as written) and their distribution "
                        "over the draws (percentiles type 7; se: Monte Carlo standard error)",
                        cols, 10);
    for (size_t m = 0; m < st->plan.M; m++) {
        if (st->plan.m[m].kind != PL_METRIC_NUMBER)
            continue;
        double se, mean = pl_stress_mean(st, m, &se);
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, st->plan.m[m].key);
        pl_emit_number_or_null(e, NULL, st->plan.m[m].base);
        pl_emit_number_or_null(e, NULL, mean);
        pl_emit_number_or_null(e, NULL, se);
        pl_emit_number_or_null(e, NULL, pl_stress_quantile(st, m, 0.05));
        pl_emit_number_or_null(e, NULL, pl_stress_quantile(st, m, 0.5));
        pl_emit_number_or_null(e, NULL, pl_stress_quantile(st, m, 0.95));
        pl_emit_number_or_null(e, NULL, pl_stress_min(st, m));
        pl_emit_number_or_null(e, NULL, pl_stress_max(st, m));
        pl_emit_int(e, NULL, (long long)st->acc[m].n);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
}

static void emit_flags(const pl_stress *st, pl_emitter *e)
{
    static const char *const cols[] = {"finding", "baseline", "share_yes", "se", "agreement",
                                       "draws"};
    pl_emit_table_begin(e, "flags", "Findings: yes/no as written, the share of draws where "
                        "it is yes, and how often a draw agrees with the baseline", cols, 6);
    for (size_t m = 0; m < st->plan.M; m++) {
        if (st->plan.m[m].kind != PL_METRIC_FLAG)
            continue;
        double se, mean = pl_stress_mean(st, m, &se);
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, st->plan.m[m].key);
        if (isnan(st->plan.m[m].base))
            pl_emit_null(e, NULL);
        else
            pl_emit_bool(e, NULL, st->plan.m[m].base != 0);
        pl_emit_number_or_null(e, NULL, mean);
        pl_emit_number_or_null(e, NULL, se);
        pl_emit_number_or_null(e, NULL, pl_stress_agreement(st, m));
        pl_emit_int(e, NULL, (long long)st->acc[m].n);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
}

static void emit_packages(const pl_stress *st, size_t top, pl_emitter *e)
{
    static const char *const cols[] = {"solution", "rank", "package", "draws", "share",
                                       "baseline"};
    char pkg[512];
    pl_emit_table_begin(e, "packages", "Packages: how often each solution picks each package",
                        cols, 6);
    for (size_t m = 0; m < st->plan.M; m++) {
        const pl__acc *a = &st->acc[m];
        if (st->plan.m[m].kind != PL_METRIC_PACKAGE)
            continue;
        for (size_t t = 0; t < a->n_tally && t < top; t++) {
            pl__stress_package_words(st, a->tally[t].code, pkg, sizeof pkg);
            pl_emit_row_begin(e);
            pl_emit_string(e, NULL, st->plan.m[m].key);
            pl_emit_int(e, NULL, (long long)t + 1);
            pl_emit_string(e, NULL, pkg);
            pl_emit_int(e, NULL, (long long)a->tally[t].count);
            pl_emit_number(e, NULL, (double)a->tally[t].count / (double)a->n);
            pl_emit_bool(e, NULL, a->tally[t].code == st->plan.m[m].base);
            pl_emit_row_end(e);
        }
    }
    pl_emit_table_end(e);
}

typedef struct ranked {
    size_t j;
    double r;
} ranked;

static int cmp_ranked(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    double fa = fabs(a->r), fb = fabs(b->r);
    if (fa != fb)
        return fa > fb ? -1 : 1;
    return (a->j > b->j) - (a->j < b->j);
}

/* The inputs that move metric m most, by |r|; a tornado bar from the regression line. */
static void sensitivity_rows(const pl_stress *st, size_t m, size_t top, ranked *rk,
                             pl_emitter *e)
{
    size_t n = 0;
    for (size_t j = 0; j < st->plan.J; j++) {
        double r = pl_stress_correlation(st, m, j);
        if (isfinite(r))
            rk[n++] = (ranked){j, r};
    }
    qsort(rk, n, sizeof *rk, cmp_ranked);
    for (size_t t = 0; t < n && t < top; t++) {
        size_t j = rk[t].j;
        double lo = NAN, hi = NAN;
        pl_stress_tornado(st, m, j, &lo, &hi);
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, st->plan.m[m].key);
        pl_emit_string(e, NULL, st->labels[j]);
        pl_emit_number(e, NULL, rk[t].r);
        pl_emit_number(e, NULL, rk[t].r * rk[t].r);
        pl_emit_number(e, NULL, lo);
        pl_emit_number(e, NULL, hi);
        pl_emit_row_end(e);
    }
}

static int emit_sensitivity(const pl_stress *st, size_t top, pl_emitter *e)
{
    static const char *const cols[] = {"metric", "input", "r", "variance_share", "at_low",
                                       "at_high"};
    ranked *rk = malloc((st->plan.J ? st->plan.J : 1) * sizeof *rk);
    if (!rk)
        return PL_ENOMEM;
    /* With few draws an input that cannot move a result still correlates with it by chance
       (a war-time hazard "moving" a weighted mean): give the size of that noise, so a small
       |r| is not read as an effect. Under no effect r is about normal with sd 1/sqrt(n). */
    if (st->draws > 0) {
        char note[256];
        double noise = 2 / sqrt((double)st->draws);
        pl__snprintf(note, sizeof note, "with %llu draws an |r| below %.3f (2/sqrt(draws)) is "
                     "within sampling noise: an input that does not move a result shows an |r| "
                     "that large about once in 20", (unsigned long long)st->draws, noise);
        pl_emit_string(e, "sensitivity_noise", note);
    }
    pl_emit_table_begin(e, "sensitivity", "Sensitivity (tornado): the inputs that move each "
                        "result most; r: Pearson correlation over the draws; variance_share: "
                        "r^2, the share of its variance that input explains alone (linear); "
                        "at_low/at_high: the regression line at the input's low and high",
                        cols, 6);
    for (size_t m = 0; m < st->plan.M; m++)
        if (st->plan.m[m].kind != PL_METRIC_PACKAGE)
            sensitivity_rows(st, m, top, rk, e);
    pl_emit_table_end(e);
    free(rk);
    return PL_OK;
}

int pl_stress_emit(const pl_stress *st, size_t top, pl_emitter *e)
{
    if (!st || !e)
        return PL_EMISUSE;
    pl_emit_object_begin(e, "stress", "Stress test (Monte Carlo over the uncertain inputs)");
    emit_findings(st, e);
    pl_emit_int(e, "draws", (long long)st->draws);
    pl_emit_string(e, "seed_note", "draw i uses stream i of the seed (xoshiro256**)");
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)st->plan.o.seed);
    pl_emit_string(e, "seed", seed);
    pl_emit_array_begin(e, "analyses", NULL);
    for (size_t a = 0; a < PL__N_ANALYSES; a++)
        if (st->plan.analyses & (1u << a))
            pl_emit_string(e, NULL, analysis_name(a));
    pl_emit_array_end(e);
    pl_emit_string(e, "percentiles", st->draws <= PL_STRESS_EXACT
                   ? "exact (every value kept)"
                   : "histogram of 4096 bins per number past 65536 draws: each percentile is "
                     "within one bin's spread of exact");
    emit_inputs(st, e);
    emit_numbers(st, e);
    emit_flags(st, e);
    emit_packages(st, top ? top : 5, e);
    int rc = emit_sensitivity(st, top ? top : 3, e);
    pl_emit_object_end(e);
    return rc;
}
