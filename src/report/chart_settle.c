/* SPDX-License-Identifier: MIT */
/*
** chart_settle.c: the two-party utility plane (every efficient package of the
** two parties, the disagreement point and its rational quadrant, the Nash,
** Kalai-Smorodinsky and egalitarian packages) and the win-set chart: on a
** pair of issues, with the others at the Nash package, how many parties
** accept each package and whether the ratifying bodies pass it.
*/
#include "report_impl.h"
#include "../core/fmt.h"
#include "svg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { W = 720, H = 520, L = 90, R = 690, T = 50, B = 450 };

static void mark_solution(pl_svg *g, const pl_settlement *st, const pl_axis *ax,
                          const pl_axis *ay, pl_solution_kind k, const char *cls,
                          const char *label, double dy)
{
    const pl_solution *sol = pl_settle_solution(st, k);
    if (!sol || !sol->found)
        return;
    const pl_frontier *f = pl_settle_frontier(st);
    double u0 = pl_frontier_utility(f, sol->ties[0], 0), u1 = pl_frontier_utility(f, sol->ties[0], 1);
    double x = pl__axis_at(ax, u0), y = pl__axis_at(ay, u1);
    char tip[128];
    pl__snprintf(tip, sizeof tip, "%s: (%.3f, %.3f)", label, u0, u1);
    pl__svg_circle(g, x, y, 7, cls, tip);
    /* a point near the right edge (a party's best package) takes its label on its left:
       written to its right the label ran out of the chart and was cut off */
    if (x + 10 + pl__svg_text_width(label, 10) > W - 4)
        pl__svg_text(g, x - 10, y + dy, "end", "ink small", label);
    else
        pl__svg_text(g, x + 10, y + dy, "start", "ink small", label);
}

/* Insertion sort by x (a two-party frontier has tens to thousands of points, nearly sorted). */
static void sort_points(double *xs, double *ys, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        double x = xs[i], y = ys[i];
        size_t j = i;
        for (; j > 0 && xs[j - 1] > x; j--)
            xs[j] = xs[j - 1], ys[j] = ys[j - 1];
        xs[j] = x, ys[j] = y;
    }
}

static int plane_chart(pl_report *r)
{
    const pl_settlement *st = r->pair_st;
    const pl_frontier *f = pl_settle_frontier(st);
    size_t n = pl_frontier_size(f);
    double hi0 = 0, hi1 = 0, d0 = pl_settle_disagreement(st, 0), d1 = pl_settle_disagreement(st, 1);
    for (size_t j = 0; j < n; j++)
        hi0 = fmax(hi0, pl_frontier_utility(f, j, 0)), hi1 = fmax(hi1, pl_frontier_utility(f, j, 1));
    hi0 = ceil(fmax(hi0, d0) * 10 + 0.5) / 10, hi1 = ceil(fmax(hi1, d1) * 10 + 0.5) / 10;
    char title[400], xt[200], yt[200];
    const char *who[2];
    for (int k = 0; k < 2; k++)
        who[k] = pl_actor_name(pl_scenario_actor(r->s,
                                                 (size_t)pl_scenario_actor_index(r->s, r->pair_ids[k])));
    snprintf(title, sizeof title, "Package deals for %s and %s: the Pareto frontier", who[0],
             who[1]);
    pl_svg g;
    pl__svg_begin(&g, W, H, title, "Utilities of the efficient packages for two parties, the "
                  "no-deal point and the packages every bargaining solution picks.");
    pl__svg_text(&g, 10, 20, "start", "ink title", title);
    pl_axis ax = {0, hi0, L, R}, ay = {0, hi1, B, T};
    double x0 = pl__axis_at(&ax, d0), y0 = pl__axis_at(&ay, d1);
    pl__svg_rect(&g, x0, T, R - x0, y0 - T, "c2 soft");  /* the rational quadrant */
    pl__svg_text(&g, R - 4, T + 14, "end", "ink small", "both better off than no deal");
    double *xs = malloc((n ? n : 1) * sizeof *xs), *ys = malloc((n ? n : 1) * sizeof *ys);
    if (!xs || !ys) {
        free(xs), free(ys), pl__buf_free(&g);
        return PL_ENOMEM;
    }
    for (size_t j = 0; j < n; j++)
        xs[j] = pl__axis_at(&ax, pl_frontier_utility(f, j, 0)),
        ys[j] = pl__axis_at(&ay, pl_frontier_utility(f, j, 1));
    sort_points(xs, ys, n); /* the staircase runs left to right */
    pl__svg_polyline(&g, xs, ys, n, "line thin c7 nofill");
    for (size_t j = 0; j < n; j++)
        pl__svg_circle(&g, xs[j], ys[j], 2.5, "c7", NULL);
    free(xs), free(ys);
    pl__svg_line(&g, x0 - 6, y0 - 6, x0 + 6, y0 + 6, "line thick");
    pl__svg_line(&g, x0 - 6, y0 + 6, x0 + 6, y0 - 6, "line thick");
    pl__svg_text(&g, x0 + 8, y0 + 16, "start", "ink small", "no deal");
    mark_solution(&g, st, &ax, &ay, PL_SOL_NASH, "c0 open", "Nash", -8);
    mark_solution(&g, st, &ax, &ay, PL_SOL_KS, "c1 open", "Kalai-Smorodinsky", 4);
    mark_solution(&g, st, &ax, &ay, PL_SOL_EGALITARIAN, "c5 open", "egalitarian", 16);
    snprintf(xt, sizeof xt, "utility of %s", who[0]);
    snprintf(yt, sizeof yt, "utility of %s", who[1]);
    pl__svg_axis_x(&g, &ax, B + 4, hi0 > 1 ? 0.2 : 0.1, xt);
    pl__svg_axis_y(&g, &ay, L, hi1 > 1 ? 0.2 : 0.1, yt);
    return pl__report_add_chart(r, "settle", "frontier.svg", &g);
}

/* One cell of the win-set chart: package w. */
static void winset_cell(pl_report *r, pl_svg *g, const uint32_t *w, double x, double y,
                        double cw, double ch)
{
    const pl_settlement *st = r->st;
    const pl_space *sp = pl_settle_space(st);
    size_t n = pl_space_n_parties(sp), ok = 0;
    char tip[512], who[256] = "";
    for (size_t i = 0; i < n; i++)
        if (pl_space_utility(sp, i, w) >= pl_settle_disagreement(st, i) - 1e-12) {
            ok++;
            size_t u = strlen(who);
            snprintf(who + u, sizeof who - u, "%s%s", u ? ", " : "",
                     pl_actor_id(pl_scenario_actor(r->s, pl_settle_party(st, i))));
        }
    double p = pl_settle_has_ratification(st) ? pl_settle_ratification(st, w) : NAN;
    if (pl_settle_has_ratification(st) && isnan(p))
        g->failed = 1; /* its scratch memory ran out: no chart rather than one without it */
    pl_settle_package_text(st, w, tip, sizeof tip);
    size_t u = strlen(tip);
    snprintf(tip + u, sizeof tip - u, ". Accepted by %zu of %zu parties%s%s%s", ok, n,
             ok ? " (" : "", who, ok ? ")" : "");
    u = strlen(tip);
    if (!isnan(p))
        pl__snprintf(tip + u, sizeof tip - u, "; ratified with probability %.2f", p);
    pl__svg_raw(g, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" class=\"c2\" "
                   "fill-opacity=\"%.2f\"><title>", x + 1, y + 1, cw - 2, ch - 2,
                0.08 + 0.8 * (double)ok / (double)(n ? n : 1));
    pl__svg_escaped(g, tip);
    pl__svg_raw(g, "</title></rect>");
    char lab[32];
    snprintf(lab, sizeof lab, "%zu/%zu", ok, n);
    pl__svg_text(g, x + cw / 2, y + ch / 2 - 2, "middle", "ink small", lab);
    if (!isnan(p)) {
        pl__snprintf(lab, sizeof lab, "P %.2f", p);
        pl__svg_text(g, x + cw / 2, y + ch / 2 + 11, "middle", "ink small", lab);
        if (p >= r->o.settle.tau)
            pl__svg_rect(g, x + 3, y + 3, cw - 6, ch - 6, "c0 open");
    }
}

static int winset_chart(pl_report *r, const uint32_t *nash)
{
    const pl_settlement *st = r->st;
    size_t K = pl_scenario_n_issues(r->s), kx = (size_t)r->issue[0], ky = (size_t)r->issue[1];
    size_t mx = pl_space_n_options(pl_settle_space(st), kx);
    size_t my = pl_space_n_options(pl_settle_space(st), ky);
    if (mx > 30 || my > 30 || K > 256)
        return PL_OK; /* too fine a grid to read: the tables say it */
    uint32_t w[256];
    memcpy(w, nash, K * sizeof *w);
    char title[300], label[160];
    const char *ix = pl_issue_name(pl_scenario_issue(r->s, kx));
    const char *iy = pl_issue_name(pl_scenario_issue(r->s, ky));
    snprintf(title, sizeof title, "Win-sets on %s and %s (other issues at the Nash package)",
             ix, iy);
    pl_svg g;
    pl__svg_begin(&g, W, H, title, "Each cell is a package: how many parties prefer it to no "
                  "deal (darker: more), the probability that the ratifying bodies pass it, "
                  "and a blue frame where they do.");
    pl__svg_text(&g, 10, 20, "start", "ink title", title);
    double cw = (R - L) / (double)mx, ch = (B - T) / (double)my;
    for (size_t vx = 0; vx < mx; vx++)
        for (size_t vy = 0; vy < my; vy++) {
            w[kx] = (uint32_t)vx, w[ky] = (uint32_t)vy;
            winset_cell(r, &g, w, L + cw * (double)vx, B - ch * (double)(vy + 1), cw, ch);
        }
    for (size_t vx = 0; vx < mx; vx++) {
        pl__snprintf(label, sizeof label, "%g", pl_settle_option(st, kx, vx, NULL));
        pl__svg_text(&g, L + cw * ((double)vx + 0.5), B + 16, "middle", "ink small", label);
    }
    for (size_t vy = 0; vy < my; vy++) {
        pl__snprintf(label, sizeof label, "%g", pl_settle_option(st, ky, vy, NULL));
        pl__svg_text(&g, L - 6, B - ch * ((double)vy + 0.5) + 4, "end", "ink small", label);
    }
    snprintf(label, sizeof label, "%s (scale point)", ix);
    pl__svg_text(&g, (L + R) / 2.0, B + 36, "middle", "ink", label);
    snprintf(label, sizeof label, "%s (scale point)", iy);
    pl__svg_raw(&g, "<text x=\"0\" y=\"0\" text-anchor=\"middle\" class=\"ink\" "
                    "transform=\"translate(%d %d) rotate(-90)\">", L - 44, (T + B) / 2);
    pl__svg_escaped(&g, label);
    pl__svg_raw(&g, "</text>");
    return pl__report_add_chart(r, "settle", "winset.svg", &g);
}

int pl__chart_settle(pl_report *r)
{
    int rc = r->pair_st ? plane_chart(r) : PL_OK;
    const uint32_t *nash = pl_settle_solution_package(r->st, PL_SOL_NASH);
    if (!rc && nash && r->issue[0] >= 0)
        rc = winset_chart(r, nash);
    return rc;
}
