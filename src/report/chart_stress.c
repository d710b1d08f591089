/* SPDX-License-Identifier: MIT */
/*
** chart_stress.c: the Monte Carlo pictures: each forecast's 5-95% range with
** its median and the value as written; the share of draws in which each
** finding holds; and a tornado chart of the inputs that move the headline
** finding most.
*/
#include "report_impl.h"
#include "../core/fmt.h"
#include "svg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { L = 230, PLOT = 460 };

static int model_of(const char *key)
{
    const char *dot = strrchr(key, '.');
    for (int m = 0; dot && m < PL_MODEL_COUNT; m++)
        if (strcmp(dot + 1, pl_model_name((pl_model)m)) == 0)
            return m;
    return 7;
}

/* "Territory exchange: mean" for the metric key "forecast.TERR.mean". */
static void forecast_label(const pl_report *r, const char *key, char *buf, size_t size)
{
    const char *dot = strrchr(key, '.');
    long k = -1;
    if (dot && dot > key + 9 && (size_t)(dot - key - 9) < 64) {
        char id[64];
        snprintf(id, sizeof id, "%.*s", (int)(dot - key - 9), key + 9);
        k = pl_scenario_issue_index(r->s, id);
    }
    if (k >= 0)
        snprintf(buf, size, "%s: %s", pl_issue_name(pl_scenario_issue(r->s, (size_t)k)), dot + 1);
    else
        snprintf(buf, size, "%s", key + 9);
}

enum { MAX_LEFT = 700 }; /* the widest a label column gets; a longer label is shortened */

/* The left edge that makes room for the widest of the row labels (10 px) of a chart. */
static double left_for(double widest)
{
    return fmax(L, fmin(widest + 20, MAX_LEFT));
}

/* Shorten label (UTF-8) with an ellipsis until it fits the widest label column. */
static void fit(char *label)
{
    size_t len = strlen(label), cut = len;
    while (cut > 0 && pl__svg_text_width(label, 10) + 20 > MAX_LEFT) {
        do
            cut--;
        while (cut > 0 && ((unsigned char)label[cut] & 0xC0) == 0x80); /* a whole character */
        if (cut + sizeof "\u2026" <= len + 1) /* the ellipsis fits where the text was */
            memcpy(label + cut, "\u2026", sizeof "\u2026");
    }
}

static int forecasts_chart(pl_report *r)
{
    const pl_stress *st = r->stress;
    size_t M = pl_stress_n_metrics(st), rows = 0;
    for (size_t m = 0; m < M; m++)
        rows += strncmp(pl_stress_metric_key(st, m), "forecast.", 9) == 0;
    if (!rows)
        return PL_OK;
    double top = 46, row = 16, h = top + row * (double)rows + 50, widest = 0;
    char title[160], cls[32], label[200];
    for (size_t m = 0; m < M; m++)
        if (strncmp(pl_stress_metric_key(st, m), "forecast.", 9) == 0) {
            forecast_label(r, pl_stress_metric_key(st, m), label, sizeof label);
            widest = fmax(widest, pl__svg_text_width(label, 10));
        }
    double left = left_for(widest);
    snprintf(title, sizeof title, "Forecasts over %llu draws: 5-95%% range, median (dot) and "
             "as written (bar)", (unsigned long long)pl_stress_draws(st));
    pl_svg g;
    pl__svg_begin(&g, left + PLOT + 30, h, title, "For each issue and model, the range of the forecast "
                  "between the 5th and 95th percentiles of the draws, its median, and the "
                  "forecast of the scenario as written.");
    pl__svg_text(&g, 10, 20, "start", "ink title", title);
    pl_axis ax = {0, 100, left, left + PLOT};
    size_t k = 0;
    for (size_t m = 0; m < M; m++) {
        const char *key = pl_stress_metric_key(st, m);
        if (strncmp(key, "forecast.", 9) != 0)
            continue;
        double y = top + row * (double)k++ + 8;
        double p5 = pl_stress_quantile(st, m, 0.05), p95 = pl_stress_quantile(st, m, 0.95);
        double p50 = pl_stress_quantile(st, m, 0.5), base = pl_stress_baseline(st, m);
        forecast_label(r, key, label, sizeof label);
        pl__svg_text(&g, left - 8, y + 4, "end", "ink small", label);
        if (isnan(p50))
            continue;
        snprintf(cls, sizeof cls, "line thick c%d", model_of(key));
        pl__svg_line(&g, pl__axis_at(&ax, p5), y, pl__axis_at(&ax, p95), y, cls);
        snprintf(cls, sizeof cls, "c%d", model_of(key));
        char tip[160];
        pl__snprintf(tip, sizeof tip, "%s: median %.3g, 5-95%%: %.3g to %.3g, as written %.3g",
                 key + 9, p50, p5, p95, base);
        pl__svg_circle(&g, pl__axis_at(&ax, p50), y, 4, cls, tip);
        if (!isnan(base))
            pl__svg_line(&g, pl__axis_at(&ax, base), y - 6, pl__axis_at(&ax, base), y + 6,
                         "line thick");
    }
    pl__svg_axis_x(&g, &ax, top + row * (double)rows + 4, 25, "position on the 0-100 scale");
    return pl__report_add_chart(r, "stress", "stress-forecasts.svg", &g);
}

/* A yes/no finding in words, "an agreement zone exists (as written: yes)". */
static int finding_label(const pl_report *r, size_t m, char *buf, size_t size)
{
    double base = pl_stress_baseline(r->stress, m);
    char text[240];
    int rc = pl__prose_plain(text, sizeof text, r->s, pl_stress_metric_text(r->stress, m));
    snprintf(buf, size, "%s (as written: %s)", text, isnan(base) ? "-" : base != 0 ? "yes" : "no");
    fit(buf);
    return rc;
}

static int findings_chart(pl_report *r)
{
    const pl_stress *st = r->stress;
    size_t M = pl_stress_n_metrics(st), rows = 0;
    for (size_t m = 0; m < M; m++)
        rows += pl_stress_metric_kind(st, m) == PL_METRIC_FLAG;
    if (!rows)
        return PL_OK;
    double top = 46, row = 22, h = top + row * (double)rows + 50, widest = 0;
    char label[300];
    int oom = 0;
    for (size_t m = 0; m < M; m++)
        if (pl_stress_metric_kind(st, m) == PL_METRIC_FLAG) {
            oom |= finding_label(r, m, label, sizeof label) != PL_OK;
            widest = fmax(widest, pl__svg_text_width(label, 10));
        }
    double left = left_for(widest);
    pl_svg g;
    pl__svg_begin(&g, left + PLOT + 30, h, "How often each finding holds across the draws",
                  "For each yes/no finding, the share of draws in which it is yes; the label "
                  "says what the scenario as written gives.");
    pl__svg_text(&g, 10, 20, "start", "ink title", "How often each finding holds across the draws");
    pl_axis ax = {0, 1, left, left + PLOT};
    size_t k = 0;
    for (size_t m = 0; m < M; m++) {
        if (pl_stress_metric_kind(st, m) != PL_METRIC_FLAG)
            continue;
        double y = top + row * (double)k++, yes = pl_stress_mean(st, m, NULL);
        g.failed |= oom | (finding_label(r, m, label, sizeof label) != PL_OK);
        pl__svg_text(&g, left - 8, y + 14, "end", "ink small", label);
        pl__svg_rect(&g, left, y + 4, PLOT, 13, "c7 soft");
        if (!isnan(yes)) {
            pl__svg_raw(&g, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"13\" "
                            "class=\"c2\"><title>yes in %.1f%% of the draws</title></rect>",
                        left, y + 4, pl__axis_at(&ax, yes) - left, 100 * yes);
        }
    }
    pl__svg_axis_x(&g, &ax, top + row * (double)rows + 4, 0.25, "share of draws where it is yes");
    return pl__report_add_chart(r, "stress", "stress-findings.svg", &g);
}

static int varies(const pl_stress *st, size_t m)
{
    for (size_t j = 0; j < pl_stress_n_inputs(st); j++)
        if (isfinite(pl_stress_correlation(st, m, j)))
            return 1;
    return 0;
}

/* The headline: durability, else the agreement zone, else the first metric that varies. */
static long headline(const pl_stress *st)
{
    static const char *const keys[] = {"durability.holds", "settle.zone", "settle.nash.ratified"};
    size_t M = pl_stress_n_metrics(st);
    for (size_t k = 0; k < 3; k++)
        for (size_t m = 0; m < M; m++)
            if (strcmp(pl_stress_metric_key(st, m), keys[k]) == 0 && varies(st, m))
                return (long)m;
    for (size_t m = 0; m < M; m++)
        if (varies(st, m))
            return (long)m;
    return -1;
}

typedef struct bar {
    size_t j;
    double r, lo, hi;
} bar;

static int cmp_bar(const void *a, const void *b)
{
    double x = fabs(((const bar *)a)->r), y = fabs(((const bar *)b)->r);
    return x > y ? -1 : x < y ? 1 : (((const bar *)a)->j > ((const bar *)b)->j) -
                                    (((const bar *)a)->j < ((const bar *)b)->j);
}

static int tornado_chart(pl_report *r)
{
    const pl_stress *st = r->stress;
    long m = headline(st);
    size_t J = pl_stress_n_inputs(st), n = 0;
    bar *bars = m >= 0 ? malloc((J ? J : 1) * sizeof *bars) : NULL;
    if (!bars)
        return m >= 0 ? PL_ENOMEM : PL_OK;
    for (size_t j = 0; j < J; j++)
        if (pl_stress_tornado(st, (size_t)m, j, &bars[n].lo, &bars[n].hi) == PL_OK)
            bars[n].j = j, bars[n].r = pl_stress_correlation(st, (size_t)m, j), n++;
    qsort(bars, n, sizeof *bars, cmp_bar);
    n = n < 10 ? n : 10;
    double mean = pl_stress_mean(st, (size_t)m, NULL), lo = mean, hi = mean;
    for (size_t t = 0; t < n; t++)
        lo = fmin(lo, fmin(bars[t].lo, bars[t].hi)), hi = fmax(hi, fmax(bars[t].lo, bars[t].hi));
    double pad = (hi - lo) * 0.05 + 1e-9, top = 60, row = 24, h = top + row * (double)n + 56;
    char title[300], what[240], label[10][200];
    double widest = 0;
    int oom = 0;
    for (size_t t = 0; t < n; t++) { /* the labels first: the margin makes room for them */
        char input[160];
        oom |= pl__prose_plain(input, sizeof input, r->s, pl_stress_input_label(st, bars[t].j));
        pl__snprintf(label[t], sizeof label[t], "%s (r %.2f)", input, bars[t].r);
        fit(label[t]);
        widest = fmax(widest, pl__svg_text_width(label[t], 10));
    }
    double left = left_for(widest), right = left + PLOT;
    oom |= pl__prose_plain(what, sizeof what, r->s, pl_stress_metric_text(st, (size_t)m));
    snprintf(title, sizeof title, "What moves \"%s\" most", what);
    pl_svg g;
    pl__svg_begin(&g, right + 30, h, title, "Tornado chart: for the inputs most correlated with "
                  "the result, the result's regression line at the input's low (vermillion) and "
                  "high (blue) end, around its mean (the vertical line).");
    g.failed |= oom != 0; /* a label without its names: no chart (PL_ENOMEM) */
    pl__svg_text(&g, 10, 20, "start", "ink title", title);
    pl__svg_text(&g, 10, 38, "start", "ink small", "bars: the result at the input's low "
                 "(vermillion) and high (blue) end; r = correlation over the draws");
    pl_axis ax = {lo - pad, hi + pad, left, right};
    for (size_t t = 0; t < n; t++) {
        double y = top + row * (double)t, xm = pl__axis_at(&ax, mean);
        pl__svg_text(&g, left - 8, y + 15, "end", "ink small", label[t]);
        double xl = pl__axis_at(&ax, bars[t].lo), xh = pl__axis_at(&ax, bars[t].hi);
        pl__svg_rect(&g, fmin(xl, xm), y + 4, fabs(xl - xm), 15, "c5");
        pl__svg_rect(&g, fmin(xh, xm), y + 4, fabs(xh - xm), 15, "c0");
    }
    double xm = pl__axis_at(&ax, mean);
    pl__svg_line(&g, xm, top, xm, top + row * (double)n, "line");
    pl__svg_axis_x(&g, &ax, top + row * (double)n + 4, 0, what);
    char range[96];
    pl__snprintf(range, sizeof range, "%.3g", lo - pad);
    pl__svg_text(&g, left, top + row * (double)n + 20, "start", "ink small", range);
    pl__snprintf(range, sizeof range, "%.3g", hi + pad);
    pl__svg_text(&g, right, top + row * (double)n + 20, "end", "ink small", range);
    free(bars);
    return pl__report_add_chart(r, "stress", "stress-tornado.svg", &g);
}

int pl__chart_stress(pl_report *r)
{
    if (!r->stress)
        return PL_OK;
    int rc = forecasts_chart(r);
    if (!rc)
        rc = findings_chart(r);
    return rc ? rc : tornado_chart(r);
}
