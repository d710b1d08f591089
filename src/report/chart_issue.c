/* SPDX-License-Identifier: MIT */
/*
** chart_issue.c: one chart per issue: the scale with its worded points, each
** actor's position as a disc whose area follows its weight (capability x
** salience), the status quo, and every model's forecast; and the EUM's
** rounds (median, mean and each actor's path) when the EUM ran.
*/
#include "report_impl.h"
#include "../core/fmt.h"
#include "svg.h"
#include "parley/smp.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The plot spans PLOT px; the left margin makes room for the longest row label. */
enum { PLOT = 580, LEFT = 110, RIGHT = LEFT + PLOT };

/* The left edge of a plot whose rows are labelled with the actors' names (12 px). */
static double left_for_names(const pl_scenario *s)
{
    double w = 0;
    for (size_t i = 0; i < pl_scenario_n_actors(s); i++)
        w = fmax(w, pl__svg_text_width(pl_actor_name(pl_scenario_actor(s, i)), 12));
    return fmax(LEFT, w + 20);
}

/* A legend entry per model (its colour, its forecast) and the recorded outcome, if any. */
static void model_marks(pl_report *r, pl_svg *g, const pl_axis *ax, size_t k, double top,
                        double bottom)
{
    char buf[96];
    int shown = 0;
    for (int m = 0; r->f && m < PL_MODEL_COUNT; m++) {
        if (!pl_forecast_has(r->f, (pl_model)m))
            continue;
        double v = pl_forecast_value(r->f, k, (pl_model)m), x = pl__axis_at(ax, v);
        snprintf(buf, sizeof buf, "line thick c%d", m);
        pl__svg_line(g, x, top, x, bottom, buf);
        snprintf(buf, sizeof buf, "c%d small", m);
        char label[64];
        pl__snprintf(label, sizeof label, "%s %.4g", pl_model_name((pl_model)m), v);
        pl__svg_text(g, ax->a + 110.0 * shown, top - 6, "start", buf, label);
        shown++;
    }
    const pl_value *o = pl_issue_outcome(pl_scenario_issue(r->s, k));
    if (o) {
        double x = pl__axis_at(ax, o->value);
        char label[64];
        pl__svg_raw(g, "<path d=\"M%.2f %.2f l6 6 l-6 6 l-6 -6 z\" class=\"ink\"/>", x,
                    top - 2);
        pl__svg_line(g, x, top + 10, x, bottom, "line");
        pl__snprintf(label, sizeof label, "\u25C6 recorded outcome %g", o->value);
        pl__svg_text(g, ax->a, top - 20, "start", "ink small", label); /* a row of its own */
    }
}

static int issue_chart(pl_report *r, size_t k)
{
    const pl_scenario *s = r->s;
    const pl_issue *x = pl_scenario_issue(s, k);
    size_t n = pl_scenario_n_actors(s), rows = 0;
    double wmax = 0, pos, sal;
    for (size_t i = 0; i < n; i++)
        if (pl_scenario_position(s, i, k, &pos, &sal) == 1) {
            rows++;
            wmax = fmax(wmax, pl_actor_capability(pl_scenario_actor(s, i))->value * sal);
        }
    double top = pl_issue_outcome(pl_scenario_issue(s, k)) ? 72 : 58, left = left_for_names(s);
    double h = top + 22.0 * (double)rows + 60;
    char title[300], desc[600], name[128];
    snprintf(title, sizeof title, "%s: positions and forecasts", pl_issue_name(x));
    snprintf(desc, sizeof desc, "Each actor's position on the 0-100 scale of %s (disc area: "
             "capability x salience), the status quo (dashed), each model's forecast and the "
             "recorded outcome (black, when known).", pl_issue_name(x));
    pl_svg g;
    pl__svg_begin(&g, left + PLOT + 30, h, title, desc);
    pl__svg_text(&g, 10, 20, "start", "ink title", title);
    pl_axis ax = {0, 100, left, left + PLOT};
    double bottom = top + 22.0 * (double)rows;
    for (size_t a = 0; a < pl_issue_n_anchors(x); a++) {
        double px = pl__axis_at(&ax, pl_issue_anchor(x, a, NULL));
        pl__svg_line(&g, px, top - 2, px, bottom, "grid");
    }
    const pl_value *sq = pl_issue_status_quo(x);
    if (sq) {
        double px = pl__axis_at(&ax, sq->value);
        pl__svg_raw(&g, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" class=\"line\" "
                        "stroke-dasharray=\"4 3\"><title>status quo %g</title></line>",
                    px, top - 2, px, bottom, sq->value);
    }
    model_marks(r, &g, &ax, k, top - 14, bottom);
    size_t row = 0;
    for (size_t i = 0; i < n; i++) {
        if (pl_scenario_position(s, i, k, &pos, &sal) != 1)
            continue;
        const pl_actor *a = pl_scenario_actor(s, i);
        double y = top + 11 + 22.0 * (double)row++, w = pl_actor_capability(a)->value * sal;
        char tip[160];
        pl__snprintf(tip, sizeof tip, "%s: position %g, salience %g, capability %g", pl_actor_id(a),
                 pos, sal, pl_actor_capability(a)->value);
        pl__svg_text(&g, left - 10, y + 4, "end", "ink", pl_actor_name(a));
        pl__svg_line(&g, left, y, left + PLOT, y, "grid");
        pl__svg_circle(&g, pl__axis_at(&ax, pos), y, 2 + 8 * sqrt(wmax > 0 ? w / wmax : 0),
                       pl_actor_at_table(a) ? "c4 soft line" : "c7 soft line", tip);
    }
    pl__svg_axis_x(&g, &ax, bottom + 4, 25, "position on the issue's 0-100 scale (worded points: "
                   "grid lines)");
    snprintf(name, sizeof name, "issue-%s.svg", pl_issue_id(x));
    return pl__report_add_chart(r, "forecast", name, &g);
}

/* Each line's name at its right end (x), moved apart so that none overprints another. */
static void end_labels(pl_svg *g, const char *const *names, double *y, size_t n, double x)
{
    pl__svg_spread(y, n, 11);
    for (size_t i = 0; i < n; i++)
        if (names[i])
            pl__svg_text(g, x, y[i] + 4, "start", "ink small", names[i]);
}

static double names_width(const char *const *names, size_t n)
{
    double w = 0;
    for (size_t i = 0; i < n; i++)
        w = fmax(w, pl__svg_text_width(names[i], 10));
    return w;
}

enum { MAX_LINES = 64 }; /* more lines than this are not labelled one by one */

static int eum_chart(pl_report *r, size_t k)
{
    const pl_eum *e = pl_forecast_eum(r->f, k);
    if (!e)
        return PL_OK;
    size_t R = pl_eum_n_rounds(e), n = pl_eum_n_actors(e), named = 0;
    const char *names[MAX_LINES];
    double ends[MAX_LINES], pos, sal;
    /* the EUM's actors: those at the table with a position on the issue, in scenario order */
    for (size_t i = 0; i < pl_scenario_n_actors(r->s) && named < MAX_LINES; i++)
        if (pl_actor_at_table(pl_scenario_actor(r->s, i)) &&
            pl_scenario_position(r->s, i, k, &pos, &sal) == 1)
            names[named++] = pl_actor_name(pl_scenario_actor(r->s, i));
    if (named != n)
        named = 0; /* not the same actors: no names rather than wrong ones */
    char title[300], name[128];
    snprintf(title, sizeof title, "%s: the Expected Utility Model round by round",
             pl_issue_name(pl_scenario_issue(r->s, k)));
    pl_svg g;
    pl__svg_begin(&g, RIGHT + 30 + names_width(names, named), 300, title, "Each actor's "
                  "position per round (grey, named at its end), the weighted median (blue, the "
                  "forecast) and the weighted mean (orange).");
    pl__svg_text(&g, 10, 20, "start", "ink title", title);
    pl_axis ax = {0, R > 1 ? (double)(R - 1) : 1, LEFT, RIGHT}, ay = {0, 100, 250, 40};
    double xs[512], ys[512];
    size_t m = R < 512 ? R : 512;
    for (size_t i = 0; i < n; i++) {
        for (size_t t = 0; t < m; t++)
            xs[t] = pl__axis_at(&ax, (double)t), ys[t] = pl__axis_at(&ay, pl_eum_position(e, t, i));
        pl__svg_polyline(&g, xs, ys, m, "line thin c7 nofill");
        if (i < named)
            ends[i] = ys[m - 1];
    }
    for (int which = 0; which < 2; which++) {
        for (size_t t = 0; t < m; t++)
            ys[t] = pl__axis_at(&ay, which ? pl_eum_mean(e, t) : pl_eum_median(e, t));
        pl__svg_polyline(&g, xs, ys, m, which ? "line thick c1 nofill" : "line thick c0 nofill");
    }
    end_labels(&g, names, ends, named, RIGHT + 6);
    pl__svg_text(&g, RIGHT, 34, "end", "c0 small", "median (forecast)");
    pl__svg_text(&g, RIGHT - 110, 34, "end", "c1 small", "mean");
    pl__svg_axis_x(&g, &ax, 254, R > 20 ? 5 : 1, "round");
    pl__svg_axis_y(&g, &ay, LEFT, 25, "position");
    snprintf(name, sizeof name, "eum-%s.svg", pl_issue_id(pl_scenario_issue(r->s, k)));
    return pl__report_add_chart(r, "forecast", name, &g);
}

/* The SMP's turns on issue k: every actor's position by turn, and the forecast. */
static int smp_chart(pl_report *r, size_t k)
{
    const pl_smp *m = pl_forecast_smp(r->f);
    size_t T = pl_smp_n_states(m), n = 0, named = 0;
    const char *names[MAX_LINES];
    double ends[MAX_LINES];
    for (size_t i = 0; i < pl_scenario_n_actors(r->s) && named < MAX_LINES; i++)
        if (pl_smp_takes_part(r->s, i))
            names[named++] = pl_actor_name(pl_scenario_actor(r->s, i));
    char title[300], name[128];
    snprintf(title, sizeof title, "%s: the Spatial Model of Politics turn by turn",
             pl_issue_name(pl_scenario_issue(r->s, k)));
    pl_svg g;
    pl__svg_begin(&g, RIGHT + 30 + names_width(names, named), 300, title, "Each actor's "
                  "position on this issue after each turn of the SMP (all issues bargained at "
                  "once), named at its end, and the SMP's forecast (the probability-weighted "
                  "median of the final positions, dashed).");
    pl__svg_text(&g, 10, 20, "start", "ink title", title);
    pl_axis ax = {0, T > 1 ? (double)(T - 1) : 1, LEFT, RIGHT}, ay = {0, 100, 250, 40};
    double xs[512], ys[512];
    size_t cnt = T < 512 ? T : 512;
    for (size_t i = 0; i < pl_scenario_n_actors(r->s); i++) {
        if (!pl_smp_takes_part(r->s, i))
            continue;
        for (size_t t = 0; t < cnt; t++)
            xs[t] = pl__axis_at(&ax, (double)t), ys[t] = pl__axis_at(&ay, pl_smp_position(m, t, n, k));
        char cls[32];
        snprintf(cls, sizeof cls, "line thick c%zu nofill", n % 7);
        pl__svg_polyline(&g, xs, ys, cnt, cls);
        if (n < named)
            ends[n] = ys[cnt - 1];
        n++;
    }
    end_labels(&g, names, ends, named, RIGHT + 6);
    double f = pl__axis_at(&ay, pl_forecast_value(r->f, k, PL_MODEL_SMP));
    pl__svg_raw(&g, "<line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" class=\"line\" "
                    "stroke-dasharray=\"4 3\"><title>SMP forecast %.4g</title></line>", LEFT, f,
                RIGHT, f, pl_forecast_value(r->f, k, PL_MODEL_SMP));
    pl__svg_axis_x(&g, &ax, 254, T > 20 ? 5 : 1, "turn");
    pl__svg_axis_y(&g, &ay, LEFT, 25, "position");
    snprintf(name, sizeof name, "smp-%s.svg", pl_issue_id(pl_scenario_issue(r->s, k)));
    return pl__report_add_chart(r, "forecast", name, &g);
}

int pl__chart_issues(pl_report *r)
{
    int rc = PL_OK;
    for (size_t k = 0; !rc && k < pl_scenario_n_issues(r->s); k++)
        rc = issue_chart(r, k);
    for (size_t k = 0; !rc && r->f && pl_forecast_has(r->f, PL_MODEL_EUM) &&
                       k < pl_scenario_n_issues(r->s); k++)
        rc = eum_chart(r, k);
    for (size_t k = 0; !rc && r->f && pl_forecast_smp(r->f) && k < pl_scenario_n_issues(r->s);
         k++)
        rc = smp_chart(r, k);
    return rc;
}
