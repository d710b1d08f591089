/* SPDX-License-Identifier: MIT */
/*
** chart_power.c: voting power per body: each member's Shapley-Shubik and
** Banzhaf index as bars (0-1), vetoes marked.
*/
#include "report_impl.h"
#include "svg.h"

#include <math.h>
#include <stdio.h>

enum { PLOT = 550, LEFT = 130 };

static int body_chart(pl_report *r, size_t b)
{
    const pl_game *gm = r->games[b];
    const pl_power *p = r->powers[b];
    size_t n = pl_game_n_members(gm);
    double top = 50, row = 30, h = top + row * (double)n + 50;
    char title[300], name[128], buf[160];
    const pl_body *body = pl_scenario_body(r->s, b);
    const char *id = pl_body_id(body);
    double L = LEFT;
    for (size_t m = 0; m < n; m++) /* room for the longest member's name and its mark */
        L = fmax(L, 20 + pl__svg_text_width(pl_actor_name(pl_scenario_actor(r->s,
                                            (size_t)pl_body_member(body, m))), 12) + 40);
    double R = L + PLOT;
    snprintf(title, sizeof title, "%s: voting power of each member", pl_body_name(body));
    pl_svg g;
    pl__svg_begin(&g, R + 30, h, title, "Shapley-Shubik (blue) and normalised Banzhaf (orange) "
                  "index of each member; a member with a veto is marked.");
    pl__svg_text(&g, 10, 20, "start", "ink title", title);
    pl__svg_text(&g, L, 38, "start", "c0 small", "Shapley-Shubik");
    pl__svg_text(&g, L + 110, 38, "start", "c1 small", "Banzhaf");
    pl_axis ax = {0, 1, L, R};
    for (size_t m = 0; m < n; m++) {
        double y = top + row * (double)m;
        long a = m < pl_body_n_members(body) ? pl_body_member(body, m) : -1;
        snprintf(buf, sizeof buf, "%s%s", a >= 0 ? pl_actor_name(pl_scenario_actor(r->s,
                 (size_t)a)) : pl_game_member_name(gm, m), pl_power_is_veto(p, m) ? " (veto)" : "");
        pl__svg_text(&g, L - 8, y + 16, "end", "ink", buf);
        for (int k = 0; k < 2; k++) {
            pl_power_index ix = k ? PL_INDEX_BZ : PL_INDEX_SS;
            if (!pl_power_has(p, ix))
                continue;
            double v = pl_power_value(p, ix, m);
            pl__svg_raw(&g, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"11\" class=\"c%d\">"
                            "<title>%s %.4g</title></rect>", L, y + 3 + 12 * k,
                        pl__axis_at(&ax, v) - L, k, k ? "Banzhaf" : "Shapley-Shubik", v);
        }
    }
    pl__svg_axis_x(&g, &ax, top + row * (double)n + 2, 0.2, "index (share of power)");
    snprintf(name, sizeof name, "power-%s.svg", id);
    return pl__report_add_chart(r, "power", name, &g);
}

int pl__chart_power(pl_report *r)
{
    int rc = PL_OK;
    for (size_t b = 0; !rc && r->powers && b < r->n_bodies; b++)
        if (r->powers[b])
            rc = body_chart(r, b);
    return rc;
}
