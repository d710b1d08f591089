/* SPDX-License-Identifier: MIT */
/*
** html_scenario.c: the scenario in the report, every number linked to the
** sentence it rests on: sources and notes are numbered in order of first use
** and listed at the end (footnotes, so that they survive print); bodies with
** their rules in words; red lines; what no deal is worth over time.
*/
#include "report_impl.h"
#include "../core/body_rule.h"
#include "../core/alloc.h"
#include "../core/fmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef pl__sources sources;

void pl__sources_free(pl__sources *src)
{
    free(src->text);
    memset(src, 0, sizeof *src);
}

static size_t source_no(sources *src, const char *text, int note)
{
    for (size_t i = 0; i < src->n; i++)
        if (src->text[i].note == note &&
            (src->text[i].text == text || strcmp(src->text[i].text, text) == 0))
            return i + 1;
    pl__footnote *grown = pl__grow(src->text, &src->cap, src->n + 1, sizeof *grown, 32);
    if (!grown)
        return 0;
    src->text = grown;
    src->text[src->n++] = (pl__footnote){text, note};
    return src->n;
}

/* A footnote mark for text (a source or a note), linked to the list at the end. */
static void mark(pl__buf *h, sources *src, const char *text, int note, int first)
{
    size_t k = source_no(src, text, note);
    if (!k) {
        h->failed = 1; /* no room to number it: fail the report rather than drop the link */
        return;
    }
    pl__buf_printf(h, "<sup>%s<a href=\"#src-%zu\" title=\"", first ? "" : ",", k);
    pl__buf_escaped(h, text);
    pl__buf_printf(h, "\">%zu</a></sup>", k);
}

/* A number with its footnotes (source, note); its range after it. */
static void cite(pl__buf *h, sources *src, const pl_value *v)
{
    char num[64];
    pl__snprintf(num, sizeof num, "%g", v->value);
    pl__buf_printf(h, "<span class=\"num\">%s</span>", num);
    if (v->source)
        mark(h, src, v->source, 0, 1);
    if (v->note)
        mark(h, src, v->note, 1, !v->source);
    if (v->dist != PL_DIST_NONE) {
        char lo[40], hi[40];
        pl__snprintf(lo, sizeof lo, "%g", v->low);
        pl__snprintf(hi, sizeof hi, "%g", v->high);
        pl__buf_printf(h, " <span class=\"range\">[%s&ndash;%s, %s]</span>", lo, hi,
                       pl_dist_name(v->dist));
    }
}

static void cell_text(pl__buf *h, const char *s)
{
    pl__buf_printf(h, "<td>");
    pl__buf_escaped(h, s ? s : "");
    pl__buf_printf(h, "</td>");
}

static void actors(pl__buf *h, const pl_scenario *s, sources *src)
{
    pl__buf_printf(h, "<h3>Actors</h3><table><thead><tr><th>actor</th><th>id</th>"
                      "<th>capability (clout)</th><th>at the table</th></tr></thead><tbody>");
    for (size_t i = 0; i < pl_scenario_n_actors(s); i++) {
        const pl_actor *a = pl_scenario_actor(s, i);
        pl__buf_printf(h, "<tr>");
        cell_text(h, pl_actor_name(a));
        cell_text(h, pl_actor_id(a));
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
        if (pl_issue_outcome(x)) {
            pl__buf_printf(h, "<p>Recorded outcome: ");
            cite(h, src, pl_issue_outcome(x));
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
            cell_text(h, pl_actor_name(pl_scenario_actor(s, i)));
            cell_text(h, pl_issue_name(pl_scenario_issue(s, k)));
            pl__buf_printf(h, "<td>");
            cite(h, src, &pos);
            pl__buf_printf(h, "</td><td>");
            cite(h, src, &sal);
            pl__buf_printf(h, "</td></tr>");
        }
    pl__buf_printf(h, "</tbody></table>");
}

static const char *member_name(const pl_scenario *s, const pl_body *y, size_t m)
{
    return pl_actor_name(pl_scenario_actor(s, (size_t)pl_body_member(y, m)));
}

typedef struct veto_ctx {
    const pl_report *r;
    size_t b;
} veto_ctx;

/* A veto as the power analysis finds it (the declared ones when it did not run). */
static int report_veto(const void *ctx, size_t m)
{
    const veto_ctx *v = ctx;
    return v->r->powers[v->b] ? pl_power_is_veto(v->r->powers[v->b], m)
                              : pl_body_veto(pl_scenario_body(v->r->s, v->b), m);
}

/* The body's rule in words (core/body_rule.c, as settle's votes word it), and its noise. */
static void rule(pl__buf *h, const pl_report *r, size_t b)
{
    const pl_body *y = pl_scenario_body(r->s, b);
    veto_ctx ctx = {r, b};
    pl__buf w = {0};
    pl__body_rule_words(r->s, y, report_veto, &ctx, &w);
    if (w.failed)
        h->failed = 1;
    else if (w.len)
        pl__buf_escaped_n(h, w.buf, w.len);
    pl__buf_free(&w);
    if (pl_body_noise(y)) {
        char num[40];
        pl__snprintf(num, sizeof num, "%g", pl_body_noise(y)->value);
        pl__buf_printf(h, "; each vote with noise of %s scale points", num);
    }
}

static void bodies(pl__buf *h, const pl_report *r, sources *src)
{
    const pl_scenario *s = r->s;
    if (!pl_scenario_n_bodies(s))
        return;
    pl__buf_printf(h, "<h3>Bodies</h3>");
    for (size_t b = 0; b < pl_scenario_n_bodies(s); b++) {
        const pl_body *y = pl_scenario_body(s, b);
        heading(h, NULL, pl_body_id(y), pl_body_name(y));
        pl__buf_printf(h, "<p>Decides by ");
        rule(h, r, b);
        pl__buf_printf(h, ". Members (weight): ");
        for (size_t m = 0; m < pl_body_n_members(y); m++) {
            pl__buf_printf(h, "%s", m ? ", " : "");
            pl__buf_escaped(h, member_name(s, y, m));
            pl__buf_printf(h, " (");
            cite(h, src, pl_body_weight(y, m));
            pl__buf_printf(h, ")");
        }
        pl__buf_printf(h, ".</p>");
        if (pl_body_description(y)) {
            pl__buf_printf(h, "<p class=\"muted\">");
            pl__buf_escaped(h, pl_body_description(y));
            pl__buf_printf(h, "</p>");
        }
    }
}

/* Red lines: the outcomes each actor will not accept at any price. */
static void red_lines(pl__buf *h, const pl_scenario *s)
{
    size_t n = pl_scenario_n_red_lines(s);
    if (!n)
        return;
    pl__buf_printf(h, "<h3>Red lines</h3><table><thead><tr><th>actor</th><th>issue</th>"
                      "<th>will not accept</th></tr></thead><tbody>");
    for (size_t j = 0; j < n; j++) {
        size_t a = 0, k = 0;
        const char *text = pl_scenario_red_line(s, j, &a, &k);
        pl__buf_printf(h, "<tr>");
        cell_text(h, pl_actor_name(pl_scenario_actor(s, a)));
        cell_text(h, pl_issue_name(pl_scenario_issue(s, k)));
        cell_text(h, text);
        pl__buf_printf(h, "</tr>");
    }
    pl__buf_printf(h, "</tbody></table>");
}

/* What no deal is worth over time (the scenario's no_deal section), per party. */
static void no_deal(pl__buf *h, const pl_report *r)
{
    pl_nodeal nd;
    size_t n = r->st ? pl_space_n_parties(pl_settle_space(r->st)) : 0, shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (pl_settle_nodeal(r->st, pl_settle_party(r->st, i), &nd) || !nd.path)
            continue;
        if (!shown++)
            pl__buf_printf(h, "<h3>What no deal is worth</h3><p>Over the scenario's horizon: "
                              "the static value, less the utility lost as the status quo "
                              "drifts and the yearly cost of continued conflict, discounted "
                              "(utilities of parley settle: from 0 to the sum of the party's "
                              "saliences, so 0&ndash;1 only when they sum to 1).</p><table><thead><tr><th>party</th>"
                              "<th>static value (from)</th><th>drift loss</th><th>conflict "
                              "cost</th><th>no-deal value</th></tr></thead><tbody>");
        char num[4][40];
        pl__snprintf(num[0], sizeof num[0], "%.3f", nd.base);
        pl__snprintf(num[1], sizeof num[1], "%.3f", nd.drift);
        pl__snprintf(num[2], sizeof num[2], "%.3f", nd.cost);
        pl__snprintf(num[3], sizeof num[3], "%.3f", nd.value);
        pl__buf_printf(h, "<tr>");
        cell_text(h, pl_actor_name(pl_scenario_actor(r->s, pl_settle_party(r->st, i))));
        pl__buf_printf(h, "<td>%s (%s)</td><td>%s</td><td>%s</td><td><b>%s</b></td></tr>",
                       num[0], nd.from, num[1], num[2], num[3]);
    }
    if (shown)
        pl__buf_printf(h, "</tbody></table>");
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
    pl__buf_printf(h, "<section id=\"scenario\"><h2>The scenario</h2><p>Each number carries "
                      "its footnotes: the sentence it rests on (a source, quoted) and the "
                      "modeller's note where the source is silent, numbered together and "
                      "listed at the end. A range in brackets is what the robustness section "
                      "draws from.</p>");
    actors(h, s, src);
    issues(h, s, src);
    positions(h, s, src);
    bodies(h, r, src);
    red_lines(h, s);
    no_deal(h, r);
    pl__buf_printf(h, "</section>");
}

void pl__html_back(pl__buf *h, const pl_report *r, pl__sources *src)
{
    const pl_scenario *s = r->s;
    assumptions(h, s, src);
    pl__buf_printf(h, "<section id=\"sources\"><h2>Sources and notes</h2>");
    if (pl_scenario_source(s)) {
        pl__buf_printf(h, "<p>");
        pl__buf_escaped(h, pl_scenario_source(s));
        pl__buf_printf(h, "</p>");
    }
    pl__buf_printf(h, "<ol class=\"sources\">");
    for (size_t i = 0; i < src->n; i++) {
        int note = src->text[i].note;
        pl__buf_printf(h, "<li id=\"src-%zu\"%s>%s", i + 1, note ? " class=\"note\"" : "",
                       note ? "Note: " : "&ldquo;");
        pl__buf_escaped(h, src->text[i].text);
        pl__buf_printf(h, "%s</li>", note ? "" : "&rdquo;");
    }
    pl__buf_printf(h, "</ol></section>");
}
