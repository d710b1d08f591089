/* SPDX-License-Identifier: MIT */
/*
** html_scenario.c: the scenario in the report, every number linked to the
** sentence it rests on: sources are numbered in order of first use and
** listed at the end; a number with only a note shows it as a tooltip.
*/
#include "report_impl.h"
#include "../core/alloc.h"
#include "../core/fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef pl__sources sources;

void pl__sources_free(pl__sources *src)
{
    free(src->text);
    memset(src, 0, sizeof *src);
}

static size_t source_no(sources *src, const char *text)
{
    for (size_t i = 0; i < src->n; i++)
        if (src->text[i] == text || strcmp(src->text[i], text) == 0)
            return i + 1;
    const char **grown = pl__grow(src->text, &src->cap, src->n + 1, sizeof *grown, 32);
    if (!grown)
        return 0;
    src->text = grown;
    src->text[src->n++] = text;
    return src->n;
}

/* A number, linked to its source (footnote number) or carrying its note; its range after it. */
static void cite(pl__buf *h, sources *src, const pl_value *v)
{
    char num[64];
    pl__snprintf(num, sizeof num, "%g", v->value);
    size_t k = v->source ? source_no(src, v->source) : 0;
    if (v->source && !k)
        h->failed = 1; /* no room to number it: fail the report rather than drop the link */
    if (k) {
        pl__buf_printf(h, "<a class=\"num\" href=\"#src-%zu\" title=\"", k);
        pl__buf_escaped(h, v->source);
        pl__buf_printf(h, "\">%s<sup>%zu</sup></a>", num, k);
    } else if (v->note) {
        pl__buf_printf(h, "<span class=\"num noted\" title=\"");
        pl__buf_escaped(h, v->note);
        pl__buf_printf(h, "\">%s<sup>n</sup></span>", num);
    } else {
        pl__buf_printf(h, "%s", num);
    }
    if (v->dist != PL_DIST_NONE)
        pl__buf_printf(h, " <span class=\"range\">[%g&ndash;%g, %s]</span>", v->low, v->high,
                       pl_dist_name(v->dist));
}

static void cell_text(pl__buf *h, const char *s)
{
    pl__buf_printf(h, "<td>");
    pl__buf_escaped(h, s ? s : "");
    pl__buf_printf(h, "</td>");
}

static void actors(pl__buf *h, const pl_scenario *s, sources *src)
{
    pl__buf_printf(h, "<h3>Actors</h3><table><thead><tr><th>id</th><th>name</th>"
                      "<th>capability (clout)</th><th>at the table</th></tr></thead><tbody>");
    for (size_t i = 0; i < pl_scenario_n_actors(s); i++) {
        const pl_actor *a = pl_scenario_actor(s, i);
        pl__buf_printf(h, "<tr>");
        cell_text(h, pl_actor_id(a));
        cell_text(h, pl_actor_name(a));
        pl__buf_printf(h, "<td>");
        cite(h, src, pl_actor_capability(a));
        pl__buf_printf(h, "</td><td>%s</td></tr>", pl_actor_at_table(a) ? "yes" : "no");
    }
    pl__buf_printf(h, "</tbody></table>");
}

/* "<h4>ID: name</h4>", with an anchor id when anchor is not NULL. */
static void heading(pl__buf *h, const char *anchor, const char *id, const char *name)
{
    pl__buf_printf(h, "<h4");
    if (anchor) {
        pl__buf_printf(h, " id=\"%s", anchor);
        pl__buf_escaped(h, id);
        pl__buf_printf(h, "\"");
    }
    pl__buf_printf(h, ">");
    pl__buf_escaped(h, id);
    pl__buf_printf(h, ": ");
    pl__buf_escaped(h, name);
    pl__buf_printf(h, "</h4>");
}

static void issues(pl__buf *h, const pl_scenario *s, sources *src)
{
    pl__buf_printf(h, "<h3>Issues and their scales</h3>");
    for (size_t k = 0; k < pl_scenario_n_issues(s); k++) {
        const pl_issue *x = pl_scenario_issue(s, k);
        heading(h, "issue-", pl_issue_id(x), pl_issue_name(x));
        pl__buf_printf(h, "<dl class=\"scale\">");
        for (size_t j = 0; j < pl_issue_n_anchors(x); j++) {
            const char *text = NULL;
            double at = pl_issue_anchor(x, j, &text);
            pl__buf_printf(h, "<dt>%g</dt><dd>", at);
            pl__buf_escaped(h, text);
            pl__buf_printf(h, "</dd>");
        }
        pl__buf_printf(h, "</dl>");
        if (pl_issue_status_quo(x)) {
            pl__buf_printf(h, "<p>Status quo: ");
            cite(h, src, pl_issue_status_quo(x));
            pl__buf_printf(h, "</p>");
        }
    }
}

static void positions(pl__buf *h, const pl_scenario *s, sources *src)
{
    pl__buf_printf(h, "<h3>Positions</h3><table><thead><tr><th>actor</th><th>issue</th>"
                      "<th>position (0&ndash;100)</th><th>salience (0&ndash;1)</th></tr>"
                      "</thead><tbody>");
    for (size_t i = 0; i < pl_scenario_n_actors(s); i++)
        for (size_t k = 0; k < pl_scenario_n_issues(s); k++) {
            pl_value pos, sal;
            if (pl_scenario_position_value(s, i, k, &pos, &sal) != 1)
                continue;
            pl__buf_printf(h, "<tr>");
            cell_text(h, pl_actor_id(pl_scenario_actor(s, i)));
            cell_text(h, pl_issue_id(pl_scenario_issue(s, k)));
            pl__buf_printf(h, "<td>");
            cite(h, src, &pos);
            pl__buf_printf(h, "</td><td>");
            cite(h, src, &sal);
            pl__buf_printf(h, "</td></tr>");
        }
    pl__buf_printf(h, "</tbody></table>");
}

static void bodies(pl__buf *h, const pl_scenario *s, sources *src)
{
    if (!pl_scenario_n_bodies(s))
        return;
    pl__buf_printf(h, "<h3>Bodies</h3>");
    for (size_t b = 0; b < pl_scenario_n_bodies(s); b++) {
        const pl_body *y = pl_scenario_body(s, b);
        heading(h, NULL, pl_body_id(y), pl_body_name(y));
        pl__buf_printf(h, "<p>Members (weight): ");
        for (size_t m = 0; m < pl_body_n_members(y); m++) {
            pl__buf_printf(h, "%s", m ? ", " : "");
            pl__buf_escaped(h, pl_actor_id(pl_scenario_actor(s, (size_t)pl_body_member(y, m))));
            pl__buf_printf(h, "%s (", pl_body_veto(y, m) ? " [veto]" : "");
            cite(h, src, pl_body_weight(y, m));
            pl__buf_printf(h, ")");
        }
        pl__buf_printf(h, ". Rule: ");
        for (size_t c = 0; c < pl_body_n_quotas(y); c++) {
            pl__buf_printf(h, "%s", c ? "; " : "");
            pl__buf_escaped(h, pl_body_quota_text(y, c));
        }
        pl__buf_printf(h, ".</p>");
    }
}

/* The uncertain inputs with their ranges and sources: what the robustness section varies. */
static void assumptions(pl__buf *h, const pl_scenario *s, sources *src)
{
    size_t J = pl_scenario_n_uncertain(s);
    pl__buf_printf(h, "<section id=\"assumptions\"><h2>Assumptions and their ranges</h2>"
                      "<p>%zu numbers carry a range; the robustness section draws each of "
                      "them afresh in every draw.</p><table><thead><tr><th>input</th>"
                      "<th>value [low&ndash;high, distribution]</th></tr></thead><tbody>", J);
    for (size_t j = 0; j < J; j++) {
        char label[256];
        const pl_value *v = pl_scenario_uncertain(s, j, label, sizeof label);
        pl__buf_printf(h, "<tr>");
        cell_text(h, label);
        pl__buf_printf(h, "<td>");
        cite(h, src, v);
        pl__buf_printf(h, "</td></tr>");
    }
    pl__buf_printf(h, "</tbody></table></section>");
}

void pl__html_scenario(pl__buf *h, const pl_report *r, pl__sources *src)
{
    const pl_scenario *s = r->s;
    pl__buf_printf(h, "<section id=\"scenario\"><h2>The scenario</h2><p>Numbers link to the "
                      "sentence they rest on (superscript: the source's number, listed at the "
                      "end; <sup>n</sup>: a note where the source is silent, shown on "
                      "hover).</p>");
    actors(h, s, src);
    issues(h, s, src);
    positions(h, s, src);
    bodies(h, s, src);
    pl__buf_printf(h, "</section>");
}

void pl__html_back(pl__buf *h, const pl_report *r, pl__sources *src)
{
    const pl_scenario *s = r->s;
    assumptions(h, s, src);
    pl__buf_printf(h, "<section id=\"sources\"><h2>Sources</h2>");
    if (pl_scenario_source(s)) {
        pl__buf_printf(h, "<p>");
        pl__buf_escaped(h, pl_scenario_source(s));
        pl__buf_printf(h, "</p>");
    }
    pl__buf_printf(h, "<ol class=\"sources\">");
    for (size_t i = 0; i < src->n; i++) {
        pl__buf_printf(h, "<li id=\"src-%zu\">&ldquo;", i + 1);
        pl__buf_escaped(h, src->text[i]);
        pl__buf_printf(h, "&rdquo;</li>");
    }
    pl__buf_printf(h, "</ol></section>");
}
