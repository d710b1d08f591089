/* SPDX-License-Identifier: MIT */
/*
** html.c: the self-contained report. Each analysis describes itself to the
** tree emitter (the description the CLI prints, kept in memory with its
** types) and the tree is rendered: findings as a list of sentences (gathered
** again at the top), plain values as definition lists, tables as tables.
** Charts are inlined SVG; the style sheet carries a dark scheme and a print
** layout. No scripts, fonts or network resources.
*/
#include "report_impl.h"
#include "../core/fmt.h"
#include "../emit/tree.h"
#include "../core/error_int.h"
#include "../core/alloc.h"
#include "parley/version.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char css[] =
    "<style>"
    ":root{color-scheme:light dark;--fg:#1a1a1a;--bg:#fff;--muted:#666;--rule:#ddd;"
    "--accent:#0072B2}"
    "@media (prefers-color-scheme:dark){:root{--fg:#e6e6e6;--bg:#161616;--muted:#aaa;"
    "--rule:#3a3a3a;--accent:#56B4E9}}"
    "body{font:15px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg);"
    "max-width:960px;margin:0 auto;padding:1.5em}"
    "h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:1px solid var(--rule);"
    "padding-bottom:.2em;margin-top:2em}a{color:var(--accent)}"
    "table{border-collapse:collapse;margin:.6em 0;font-size:.85em}"
    "th,td{border-bottom:1px solid var(--rule);padding:.2em .6em;text-align:left;"
    "vertical-align:top}th{font-weight:600}"
    "dl{display:grid;grid-template-columns:max-content auto;gap:.1em 1em}dt{font-weight:600}"
    "dd{margin:0}.scale dt{text-align:right}.range,.muted{color:var(--muted);font-size:.9em}"
    "ul.findings li{margin:.3em 0}.num{text-decoration:none}.noted{border-bottom:1px dotted}"
    "figure{margin:1.2em 0}figure svg{width:100%;height:auto}svg{max-width:100%;height:auto}"
    ".error{color:#D55E00}nav a{margin-right:1em}ul.similar{margin:.2em 0;font-size:.95em}"
    "table.terms th{white-space:nowrap}ol.sources li{margin:.2em 0}.note{font-style:italic}"
    "@media print{body{max-width:none;font-size:11pt}nav{display:none}"
    "figure,table,li{break-inside:avoid}h2,h3{break-after:avoid}a{color:inherit;"
    "text-decoration:none}details>summary{display:none}}"
    "</style>";

/* ---- an analysis's description, rendered ---------------------------------------- */

typedef struct render {
    pl__buf *h, *summary;
    const pl_scenario *s;
} render;

/* A value as people read it: a number with a fraction to 4 significant digits (full
   precision is in the JSON output), null as a dash, anything else as the JSON output
   writes it. "With a fraction" means a '.' in the JSON text: 1e-07 and 1e+20 stay as
   they are, and a whole number looks like an int. */
static void scalar(pl__buf *h, const pl__tnode *n)
{
    char buf[40];
    const char *text = pl__scalar_text(buf, &n->v, NULL);
    if (n->v.type == PL_S_NUMBER && strchr(text, '.'))
        pl__buf_printf(h, "%.4g", n->v.d);
    else if (n->v.type == PL_S_NULL)
        pl__buf_printf(h, "&ndash;");
    else
        pl__buf_escaped(h, text);
}

static void render_node(render *c, const pl__tnode *n, int depth);

/* A table, or a list of objects shown as one: its columns are then the first object's
   keys, and each object's value under that key (if any) is the cell. */
static void render_table(render *c, const pl__tnode *list)
{
    int table = list->kind == PL_E_TABLE;
    const pl__tnode *first = list->first;
    size_t ncols = table ? list->ncols : first->n;
    pl__buf_printf(c->h, "<table><thead><tr>");
    const pl__tnode *m = first->first;
    for (size_t i = 0; i < ncols; i++, m = m->next) {
        pl__buf_printf(c->h, "<th>");
        pl__buf_escaped(c->h, table ? list->cols[i] : m->key);
        pl__buf_printf(c->h, "</th>");
    }
    pl__buf_printf(c->h, "</tr></thead><tbody>");
    for (const pl__tnode *item = first; item; item = item->next) {
        pl__buf_printf(c->h, "<tr>");
        const pl__tnode *cell = item->first;
        m = first->first;
        for (size_t i = 0; i < ncols; i++, m = m->next) {
            const pl__tnode *v = table ? cell : pl__tree_get(item, m->key);
            pl__buf_printf(c->h, "<td>");
            if (v && v->kind == PL_E_SCALAR)
                scalar(c->h, v);
            pl__buf_printf(c->h, "</td>");
            cell = cell ? cell->next : NULL;
        }
        pl__buf_printf(c->h, "</tr>");
    }
    pl__buf_printf(c->h, "</tbody></table>");
}

/* One finding: the sentence with names for ids; a group's first says how many are like it. */
static void finding(render *c, pl__buf *b, const char *text, size_t similar, int summary)
{
    pl__buf_printf(b, "<li>");
    pl__prose(b, c->s, text);
    if (similar && summary)
        pl__buf_printf(b, " <span class=\"muted\">(and %zu more like it in the section)"
                          "</span>", similar);
    if (similar && !summary)
        pl__buf_printf(b, "<ul class=\"similar\">");
}

/* The findings, those that say the same of different parties (the same shape) grouped
   under the first of them: in the summary, the first alone with their count. */
static void render_findings(render *c, const pl__tnode *obj)
{
    size_t n = 0, k = 0;
    for (const pl__tnode *v = obj->first; v; v = v->next)
        n += v->kind == PL_E_SCALAR;
    const char **text = pl__mallocarray(n ? n : 1, sizeof *text);
    char **shape = calloc(n ? n : 1, sizeof *shape);
    char (*buf)[40] = pl__mallocarray(n ? n : 1, sizeof *buf);
    for (const pl__tnode *v = obj->first; text && shape && buf && v; v = v->next)
        if (v->kind == PL_E_SCALAR) {
            text[k] = pl__scalar_text(buf[k], &v->v, "null"); /* a sentence: no rounding */
            if (!(shape[k] = pl__prose_shape(c->s, text[k])))
                c->h->failed = 1;
            k++;
        }
    pl__buf_printf(c->h, "<ul class=\"findings\">");
    for (size_t i = 0; !c->h->failed && text && shape && buf && i < n; i++) {
        if (!text[i])
            continue; /* shown in its group */
        size_t similar = 0; /* a bare value ("3", "true") is no sentence to group by */
        for (size_t j = i + 1; strlen(shape[i]) >= 16 && j < n; j++)
            similar += text[j] && strcmp(shape[i], shape[j]) == 0;
        finding(c, c->h, text[i], similar, 0);
        if (c->summary)
            finding(c, c->summary, text[i], similar, 1), pl__buf_printf(c->summary, "</li>");
        for (size_t j = i + 1; similar && j < n; j++)
            if (text[j] && strcmp(shape[i], shape[j]) == 0) {
                finding(c, c->h, text[j], 0, 0);
                pl__buf_printf(c->h, "</li>");
                text[j] = NULL;
            }
        pl__buf_printf(c->h, "%s</li>", similar ? "</ul>" : "");
    }
    if (!text || !shape || !buf)
        c->h->failed = 1;
    for (size_t i = 0; shape && i < n; i++)
        free(shape[i]);
    free(shape), free(text), free(buf);
    pl__buf_printf(c->h, "</ul>");
}

static void render_object(render *c, const pl__tnode *obj, int depth)
{
    int open = 0;
    for (const pl__tnode *v = obj->first; v; v = v->next) { /* plain values first, as one list */
        if (v->kind != PL_E_SCALAR)
            continue;
        pl__buf_printf(c->h, "%s<dt>", open++ ? "" : "<dl>");
        pl__buf_escaped(c->h, v->key);
        pl__buf_printf(c->h, "</dt><dd>");
        scalar(c->h, v);
        pl__buf_printf(c->h, "</dd>");
    }
    if (open)
        pl__buf_printf(c->h, "</dl>");
    for (const pl__tnode *v = obj->first; v; v = v->next)
        if (v->kind != PL_E_SCALAR)
            render_node(c, v, depth + 1);
}

static int is_findings(const pl__tnode *n)
{
    return n->key && strcmp(n->key, "findings") == 0 && n->kind == PL_E_OBJECT;
}

/* Every findings object in the tree (through objects only), shown (and gathered for the
   summary) before the details. */
static void collect_findings(render *c, const pl__tnode *n)
{
    for (const pl__tnode *v = n->kind == PL_E_OBJECT ? n->first : NULL; v; v = v->next) {
        if (is_findings(v))
            render_findings(c, v);
        else
            collect_findings(c, v);
    }
}

/* A container member of an object, under a heading of its key. */
static void render_node(render *c, const pl__tnode *n, int depth)
{
    if (is_findings(n))
        return; /* shown above the details */
    int hl = depth < 3 ? depth + 3 : 5;
    pl__buf_printf(c->h, "<h%d>", hl);
    pl__buf_escaped(c->h, n->key);
    pl__buf_printf(c->h, "</h%d>", hl);
    if (n->kind == PL_E_OBJECT) {
        render_object(c, n, depth);
    } else if (n->first && (n->kind == PL_E_TABLE || n->first->kind == PL_E_OBJECT)) {
        render_table(c, n);
    } else {
        pl__buf_printf(c->h, "<p>");
        for (const pl__tnode *v = n->first; v; v = v->next) {
            pl__buf_printf(c->h, "%s", v != n->first ? ", " : "");
            if (v->kind == PL_E_SCALAR)
                scalar(c->h, v);
        }
        pl__buf_printf(c->h, "</p>");
    }
}

int pl__html_analysis(pl__buf *h, pl__buf *summary, const pl_report *r, pl__emit_fn fn)
{
    pl_emitter *e = NULL;
    int rc = pl__emitter_new_tree(&e, NULL);
    if (!rc) {
        pl_emit_object_begin(e, NULL, NULL);
        rc = fn(r, e);
        pl_emit_object_end(e);
        if (!rc)
            rc = pl_emitter_finish(e, NULL);
    }
    if (!rc) {
        const pl__tnode *root = pl__emitter_tree(e);
        render c = {h, summary, r ? r->s : NULL}; /* no report: ids stay ids */
        collect_findings(&c, root);
        pl__buf_printf(h, "<details><summary>Every number of this analysis</summary>");
        render_object(&c, root, 0);
        pl__buf_printf(h, "</details>");
    }
    pl_emitter_free(e);
    return rc;
}

/* ---- the document --------------------------------------------------------------------- */

static void charts(pl__buf *h, const pl_report *r, const char *section)
{
    for (size_t i = 0; i < r->n_charts; i++) {
        if (strcmp(r->charts[i].section, section) != 0)
            continue;
        pl__buf_printf(h, "<figure id=\"chart-");
        pl__buf_escaped(h, r->charts[i].name);
        pl__buf_printf(h, "\">");
        pl__buf_put(h, r->charts[i].svg, r->charts[i].len);
        pl__buf_printf(h, "</figure>"); /* the chart's own title says what it is */
    }
}

static int emit_forecast(const pl_report *r, pl_emitter *e) { return pl_forecast_emit(r->f, r->s, e); }
static int emit_settle(const pl_report *r, pl_emitter *e) { return pl_settle_emit(r->st, NULL, e); }
static int emit_durability(const pl_report *r, pl_emitter *e) { return pl_durability_emit(r->dur, e); }
static int emit_stress(const pl_report *r, pl_emitter *e) { return pl_stress_emit(r->stress, 3, e); }

static int emit_claims(const pl_report *r, pl_emitter *e)
{
    return pl_claims_emit(r->claims, r->claim_res, r->claim_holds, r->claim_defined, r->o.draws,
                          e);
}

static int emit_power(const pl_report *r, pl_emitter *e)
{
    const pl_power *ps[64];
    const pl_game *gs[64];
    const char *labels[64];
    size_t n = 0;
    for (size_t b = 0; b < r->n_bodies && n < 64; b++)
        if (r->powers[b])
            ps[n] = r->powers[b], gs[n] = r->games[b],
            labels[n++] = pl_body_id(pl_scenario_body(r->s, b));
    return pl_power_emit_members(ps, gs, labels, n, e);
}

/* "Can the body act against X?" in words, for every body meant to restrain an actor. */
static void credibility(pl__buf *h, pl__buf *summary, const pl_report *r)
{
    for (size_t b = 0; b < r->n_bodies; b++) {
        const pl_body *y = pl_scenario_body(r->s, b);
        if (!r->powers[b] || pl_body_against(y) < 0)
            continue;
        long x = -1;
        for (size_t m = 0; m < pl_body_n_members(y); m++)
            if (pl_body_member(y, m) == pl_body_against(y))
                x = (long)m;
        pl_credibility cr;
        char text[1024];
        const char *xid = pl_actor_id(pl_scenario_actor(r->s, (size_t)pl_body_against(y)));
        if (pl_power_credibility(&cr, r->games[b], r->powers[b], x, NULL) ||
            pl_credibility_text(&cr, r->games[b], pl_body_id(y), xid, text, sizeof text))
            continue;
        for (int k = 0; k < 2; k++) {
            pl__buf *o = k ? summary : h;
            pl__buf_printf(o, "%s", k ? "<li>" : "<p>");
            pl__prose(o, r->s, text);
            pl__buf_printf(o, "%s", k ? "</li>" : "</p>");
        }
    }
}

/* The recorded outcomes (an issue's outcome:) beside each model's forecast, with the
   forecast's error in scale points; nothing when no issue has one. */
static void outcomes(pl__buf *h, const pl_report *r)
{
    size_t K = pl_scenario_n_issues(r->s), known = 0;
    for (size_t k = 0; k < K; k++)
        known += pl_issue_outcome(pl_scenario_issue(r->s, k)) != NULL;
    if (!known || !r->f)
        return;
    pl__buf_printf(h, "<h3>Forecasts beside the recorded outcomes</h3><p>Each model's forecast "
                      "and, in brackets, its error against what happened (scale points; the "
                      "issue charts draw the outcome as a black diamond).</p><table><thead><tr>"
                      "<th>issue</th><th>recorded outcome</th>");
    for (int m = 0; m < PL_MODEL_COUNT; m++)
        if (pl_forecast_has(r->f, (pl_model)m))
            pl__buf_printf(h, "<th>%s</th>", pl_model_name((pl_model)m));
    pl__buf_printf(h, "</tr></thead><tbody>");
    for (size_t k = 0; k < K; k++) {
        const pl_value *o = pl_issue_outcome(pl_scenario_issue(r->s, k));
        if (!o)
            continue;
        char num[80];
        pl__buf_printf(h, "<tr><th>");
        pl__buf_escaped(h, pl_issue_name(pl_scenario_issue(r->s, k)));
        pl__snprintf(num, sizeof num, "%g", o->value);
        pl__buf_printf(h, "</th><td>%s</td>", num);
        for (int m = 0; m < PL_MODEL_COUNT; m++) {
            if (!pl_forecast_has(r->f, (pl_model)m))
                continue;
            double v = pl_forecast_value(r->f, k, (pl_model)m);
            pl__snprintf(num, sizeof num, "%.4g (%+.3g)", v, v - o->value);
            pl__buf_printf(h, "<td>%s</td>", num);
        }
        pl__buf_printf(h, "</tr>");
    }
    pl__buf_printf(h, "</tbody></table>");
}

typedef struct section {
    const char *id, *title, *intro;
    int which;                 /* PL__R_* (its error message) */
    pl__emit_fn fn;
    int present;
} section;

static int write_section(pl__buf *h, pl__buf *summary, const pl_report *r, const section *sc)
{
    pl__buf_printf(h, "<section id=\"%s\"><h2>%s</h2><p>%s</p>", sc->id, sc->title, sc->intro);
    int rc = PL_OK;
    if (r->err[sc->which][0]) {
        pl__buf_printf(h, "<p class=\"error\">This analysis could not be done: ");
        pl__buf_escaped(h, r->err[sc->which]);
        pl__buf_printf(h, "</p>");
    }
    size_t mark = summary->len; /* the summary groups findings by analysis */
    pl__buf_printf(summary, "<h3><a href=\"#%s\">%s</a></h3><ul class=\"findings\">", sc->id,
                   sc->title);
    size_t empty = summary->len;
    if (sc->present) {
        charts(h, r, sc->id);
        if (sc->which == PL__R_POWER)
            credibility(h, summary, r);
        if (sc->which == PL__R_FORECAST)
            outcomes(h, r);
        if (sc->which == PL__R_SETTLE)
            pl__html_packages(h, r);
        rc = pl__html_analysis(h, summary, r, sc->fn);
    }
    if (summary->len == empty && !summary->failed)
        summary->len = mark, summary->buf[mark] = '\0';
    else
        pl__buf_printf(summary, "</ul>");
    pl__buf_printf(h, "</section>");
    if (!rc && sc->which == PL__R_SETTLE && r->o.proposal)
        pl__html_proposal(h, summary, r);
    return rc;
}

static void head(pl__buf *h, const pl_report *r)
{
    const char *title = pl_scenario_title(r->s) ? pl_scenario_title(r->s) : pl_scenario_name(r->s);
    pl__buf_printf(h, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                      "<title>parley: ");
    pl__buf_escaped(h, title);
    pl__buf_printf(h, "</title>%s</head><body><header><h1>", css);
    pl__buf_escaped(h, title);
    pl__buf_printf(h, "</h1><p class=\"muted\">Scenario <b>");
    pl__buf_escaped(h, pl_scenario_name(r->s));
    pl__buf_printf(h, "</b>, analysed by parley %s", pl_version());
    if (r->stress)
        pl__buf_printf(h, "; robustness over %llu draws, seed %llu",
                       (unsigned long long)pl_stress_draws(r->stress),
                       (unsigned long long)pl_stress_seed(r->stress));
    pl__buf_printf(h, ".</p><nav><a href=\"#summary\">Findings</a><a href=\"#scenario\">"
                      "Scenario</a>%s<a href=\"#forecast\">Forecasts</a><a href=\"#settle\">"
                      "Deals</a>%s%s<a href=\"#durability\">"
                      "Durability</a><a href=\"#stress\">Robustness</a><a href=\"#sources\">"
                      "Sources and notes</a></nav></header>",
                   r->claims || r->err[PL__R_CLAIMS][0] ? "<a href=\"#claims\">Claims</a>" : "",
                   r->o.proposal ? "<a href=\"#proposal\">Proposal</a>" : "",
                   r->n_bodies ? "<a href=\"#power\">Power</a>" : "");
}

static int body(pl__buf *h, pl__buf *summary, const pl_report *r)
{
    const section secs[] = {
        {"claims", "The claims, checked", "Each claim that a model can speak to, with the "
         "sentence it comes from, the check's verdict, the numbers behind it and the share of "
         "Monte Carlo draws in which it holds.", PL__R_CLAIMS, emit_claims, r->claims != NULL},
        {"forecast", "Where each issue is likely to land", "Each model's forecast on the "
         "issue's 0&ndash;100 scale; the discs are the actors' positions (area: capability "
         "&times; salience).", PL__R_FORECAST, emit_forecast, r->f != NULL},
        {"settle", "Package deals", "Which packages every party prefers to no deal, which are "
         "efficient and fair, and which the ratifying bodies would pass.", PL__R_SETTLE,
         emit_settle, r->st != NULL},
        {"power", "Who holds power", "Voting power in each body, and whether a guarantor body "
         "can act against the state it is meant to restrain.", PL__R_POWER, emit_power,
         r->n_bodies > 0},
        {"durability", "Would the deal last?", "The Nash package tested for the commitment "
         "problem: the power shift its terms lock in, and the guarantees.", PL__R_DURABILITY,
         emit_durability, r->dur != NULL},
        {"stress", "How sure are we?", "Every number with a range drawn afresh in each draw; "
         "how often each finding survives, and what moves it most.", PL__R_STRESS, emit_stress,
         r->stress != NULL},
    };
    int rc = PL_OK;
    for (size_t i = 0; !rc && i < sizeof secs / sizeof *secs; i++)
        if ((secs[i].which != PL__R_CLAIMS || r->claims || r->err[PL__R_CLAIMS][0]) &&
            (secs[i].which != PL__R_POWER || r->n_bodies))
            rc = write_section(h, summary, r, &secs[i]); /* no claims or bodies: no section */
    return rc;
}

int pl_report_html(const pl_report *r, pl_write_fn write, void *payload, pl_error *err)
{
    if (!r || !write)
        return pl__fail(err, PL_EMISUSE, "pl_report_html: NULL argument");
    pl__buf h = {0}, sections = {0}, summary = {0};
    pl__sources src = {0};
    pl__html_scenario(&sections, r, &src);
    int rc = body(&sections, &summary, r);
    pl__html_back(&sections, r, &src);
    pl__sources_free(&src);
    head(&h, r);
    pl__buf_printf(&h, "<section id=\"summary\"><h2>What the analyses find</h2>");
    pl__buf_put(&h, summary.buf ? summary.buf : "", summary.len);
    pl__buf_printf(&h, "</section>");
    pl__buf_put(&h, sections.buf ? sections.buf : "", sections.len);
    pl__buf_printf(&h, "</body></html>\n");
    if (!rc && (h.failed || sections.failed || summary.failed))
        rc = PL_ENOMEM;
    if (!rc && write(h.buf, h.len, payload))
        rc = pl__fail(err, PL_EIO, "the report could not be written");
    else if (rc == PL_ENOMEM)
        pl__error_nomem(err);
    else if (rc)
        pl__fail(err, rc, "the report could not be assembled");
    pl__buf_free(&h), pl__buf_free(&sections), pl__buf_free(&summary);
    return rc;
}
