/* SPDX-License-Identifier: MIT */
/*
** html.c: the self-contained report. Each analysis is emitted as JSON (the
** same description the CLI prints), read back and rendered: findings as a
** list of sentences (gathered again at the top), plain values as definition
** lists, tables as tables. Charts are inlined SVG; the style sheet carries a
** dark scheme and a print layout. No scripts, fonts or network resources.
*/
#include "report_impl.h"
#include "../core/fmt.h"
#include "../scenario/doc.h"
#include "../core/error_int.h"
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
    "figure{margin:1em 0}svg{max-width:100%;height:auto}figcaption{color:var(--muted);"
    "font-size:.85em}.error{color:#D55E00}nav a{margin-right:1em}"
    "@media print{body{max-width:none;font-size:11pt}nav{display:none}"
    "figure,table{break-inside:avoid}h2{break-after:avoid}a{color:inherit}}"
    "</style>";

/* ---- an analysis's JSON, rendered ------------------------------------------------ */

typedef struct render {
    pl__buf *h, *summary;
} render;

static void scalar(pl__buf *h, const pl_doc_node *n)
{
    char *end;
    double v = n->plain ? pl__strtod(n->text, &end) : 0;
    if (n->plain && end != n->text && !*end && strchr(n->text, '.'))
        pl__buf_printf(h, "%.4g", v); /* full precision is in the JSON output */
    else if (n->plain && strcmp(n->text, "null") == 0)
        pl__buf_printf(h, "&ndash;");
    else
        pl__buf_escaped(h, n->text);
}

static void render_node(render *c, const char *key, const pl_doc_node *n, int depth);

static void render_table(render *c, const pl_doc_node *seq)
{
    const pl_doc_node *first = seq->items[0];
    pl__buf_printf(c->h, "<table><thead><tr>");
    for (size_t i = 0; i < first->len; i++) {
        pl__buf_printf(c->h, "<th>");
        pl__buf_escaped(c->h, pl_doc_map_key(first, i)->text);
        pl__buf_printf(c->h, "</th>");
    }
    pl__buf_printf(c->h, "</tr></thead><tbody>");
    for (size_t r = 0; r < seq->len; r++) {
        pl__buf_printf(c->h, "<tr>");
        for (size_t i = 0; i < first->len; i++) {
            const pl_doc_node *v = pl_doc_map_get(seq->items[r], pl_doc_map_key(first, i)->text);
            pl__buf_printf(c->h, "<td>");
            if (v && v->type == PL_DOC_SCALAR)
                scalar(c->h, v);
            pl__buf_printf(c->h, "</td>");
        }
        pl__buf_printf(c->h, "</tr>");
    }
    pl__buf_printf(c->h, "</tbody></table>");
}

static void render_findings(render *c, const pl_doc_node *map)
{
    pl__buf_printf(c->h, "<ul class=\"findings\">");
    for (size_t i = 0; i < map->len; i++) {
        const pl_doc_node *v = pl_doc_map_value(map, i);
        if (v->type != PL_DOC_SCALAR)
            continue;
        for (int k = 0; k < 2; k++) {
            pl__buf *b = k ? c->summary : c->h;
            if (!b)
                continue;
            pl__buf_printf(b, "<li>");
            pl__buf_escaped(b, v->text);
            pl__buf_printf(b, "</li>");
        }
    }
    pl__buf_printf(c->h, "</ul>");
}

static void render_map(render *c, const pl_doc_node *map, int depth)
{
    int open = 0;
    for (size_t i = 0; i < map->len; i++) { /* plain values first, as one list */
        const pl_doc_node *v = pl_doc_map_value(map, i);
        if (v->type != PL_DOC_SCALAR)
            continue;
        pl__buf_printf(c->h, "%s<dt>", open++ ? "" : "<dl>");
        pl__buf_escaped(c->h, pl_doc_map_key(map, i)->text);
        pl__buf_printf(c->h, "</dt><dd>");
        scalar(c->h, v);
        pl__buf_printf(c->h, "</dd>");
    }
    if (open)
        pl__buf_printf(c->h, "</dl>");
    for (size_t i = 0; i < map->len; i++)
        if (pl_doc_map_value(map, i)->type != PL_DOC_SCALAR)
            render_node(c, pl_doc_map_key(map, i)->text, pl_doc_map_value(map, i), depth + 1);
}

static int is_findings(const char *key, const pl_doc_node *n)
{
    return key && strcmp(key, "findings") == 0 && n->type == PL_DOC_MAP;
}

/* Every findings map in the tree, shown (and gathered for the summary) before the details. */
static void collect_findings(render *c, const pl_doc_node *n)
{
    for (size_t i = 0; n->type == PL_DOC_MAP && i < n->len; i++) {
        const pl_doc_node *v = pl_doc_map_value(n, i);
        if (is_findings(pl_doc_map_key(n, i)->text, v))
            render_findings(c, v);
        else
            collect_findings(c, v);
    }
}

static void render_node(render *c, const char *key, const pl_doc_node *n, int depth)
{
    if (is_findings(key, n))
        return; /* shown above the details */
    if (key) {
        int hl = depth < 3 ? depth + 3 : 5;
        pl__buf_printf(c->h, "<h%d>", hl);
        pl__buf_escaped(c->h, key);
        pl__buf_printf(c->h, "</h%d>", hl);
    }
    if (n->type == PL_DOC_MAP) {
        render_map(c, n, depth);
    } else if (n->type == PL_DOC_SEQ && n->len && n->items[0]->type == PL_DOC_MAP) {
        render_table(c, n);
    } else if (n->type == PL_DOC_SEQ) {
        pl__buf_printf(c->h, "<p>");
        for (size_t i = 0; i < n->len; i++) {
            pl__buf_printf(c->h, "%s", i ? ", " : "");
            if (n->items[i]->type == PL_DOC_SCALAR)
                scalar(c->h, n->items[i]);
        }
        pl__buf_printf(c->h, "</p>");
    } else {
        pl__buf_printf(c->h, "<p>");
        scalar(c->h, n);
        pl__buf_printf(c->h, "</p>");
    }
}

static int to_buf(const char *data, size_t len, void *payload)
{
    pl__buf_put(payload, data, len);
    return ((pl__buf *)payload)->failed ? -1 : 0;
}

int pl__html_analysis(pl__buf *h, pl__buf *summary, const pl_report *r, pl__emit_fn fn)
{
    pl__buf json = {0};
    pl_emitter *e = NULL;
    pl_error err = {0};
    int rc = pl_emitter_new(&e, PL_FORMAT_JSON, to_buf, &json, NULL, &err);
    if (!rc) {
        pl_emit_object_begin(e, NULL, NULL);
        rc = fn(r, e);
        pl_emit_object_end(e);
        if (!rc)
            rc = pl_emitter_finish(e, &err);
    }
    pl_emitter_free(e);
    pl_doc doc;
    if (!rc && !json.failed && pl_doc_parse(&doc, json.buf, json.len, "report", PL_DOC_JSON,
                                            &err) == PL_OK) {
        render c = {h, summary};
        if (doc.root)
            collect_findings(&c, doc.root);
        pl__buf_printf(h, "<details><summary>Every number of this analysis</summary>");
        if (doc.root && doc.root->type == PL_DOC_MAP)
            render_map(&c, doc.root, 0);
        pl__buf_printf(h, "</details>");
        pl_doc_free(&doc);
    } else if (!rc) {
        rc = json.failed ? PL_ENOMEM : err.code;
    }
    pl__buf_free(&json);
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
        pl__buf_printf(h, "<figcaption>");
        pl__buf_escaped(h, r->charts[i].name);
        pl__buf_printf(h, "</figcaption></figure>");
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
            pl__buf_escaped(o, text);
            pl__buf_printf(o, "%s", k ? "</li>" : "</p>");
        }
    }
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
        rc = pl__html_analysis(h, summary, r, sc->fn);
    }
    if (summary->len == empty && !summary->failed)
        summary->len = mark, summary->buf[mark] = '\0';
    else
        pl__buf_printf(summary, "</ul>");
    pl__buf_printf(h, "</section>");
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
                      "Scenario</a><a href=\"#claims\">Claims</a><a href=\"#forecast\">Forecasts</a><a href=\"#settle\">"
                      "Deals</a><a href=\"#power\">Power</a><a href=\"#durability\">"
                      "Durability</a><a href=\"#stress\">Robustness</a><a href=\"#sources\">"
                      "Sources</a></nav></header>");
}

static int body(pl__buf *h, pl__buf *summary, const pl_report *r)
{
    const section secs[] = {
        {"claims", "The article's claims, checked", "Each claim of the seed article that a "
         "model can speak to, with the sentence it comes from, the check's verdict, the "
         "numbers behind it and the share of Monte Carlo draws in which it holds (see "
         "docs/case-study.md).", PL__R_CLAIMS, emit_claims, r->claims != NULL},
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
        rc = write_section(h, summary, r, &secs[i]);
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
