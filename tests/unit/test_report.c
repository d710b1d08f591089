/* SPDX-License-Identifier: MIT */
/*
** test_report.c: SVG charts and the HTML report (src/report). Checks:
**  - every chart the issue lists exists for the built-in scenario (each
**    issue's scale and EUM rounds, the utility plane, the win-sets, power
**    per body, the Monte Carlo ranges, findings and tornado), and each is
**    well-formed XML with an <svg> root, a <title> and a <desc> (libxml2,
**    no network);
**  - the HTML is self-contained: no scripts, no external resources
**    (src=, <link, @import, url(), every chart inline;
**  - the same inputs give the same bytes, whatever the thread count;
**  - bad options (a pair that is not two ids, an unknown actor, an issue
**    twice) are refused with PL_EINPUT;
**  - an analysis's description is rendered the same way for every scalar
**    type (a whole number vs an int, text that looks like a number or null),
**    for findings at any depth, tables, lists of objects and nesting;
**  - the brief (issue 18 item 7), on a hand-made scenario: ids become names in
**    prose (an issue id only where it is plainly the issue), sentences of the
**    same shape group, bodies show their rules in words (unanimity of 3 with
**    every member a veto; 2 of 3 with no veto: counted by hand), no claims
**    section without claims, the recorded outcome and a note as a footnote;
**  - when any one allocation of pl_report_html fails, it says PL_ENOMEM and
**    writes nothing: never a partial or different report.
*/
#include "tests/unit/test_util.h"
#include "tests/unit/fail_alloc.h"
#include "report/report_impl.h"
#include "report/svg.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>

static pl_report *build(const pl_scenario *s, int threads)
{
    pl_report_opts o = PL_REPORT_OPTS_INIT;
    o.draws = 40, o.threads = threads;
    pl_report *r = NULL;
    pl_error err;
    if (pl_report_build(&r, s, &o, &err))
        fail_msg("%s", err.msg);
    return r;
}

static int has_chart(const pl_report *r, const char *name)
{
    for (size_t i = 0; i < pl_report_n_charts(r); i++)
        if (strcmp(pl_report_chart_name(r, i), name) == 0)
            return 1;
    return 0;
}

static void test_charts(void **state)
{
    (void)state;
    pl_scenario *s = test_builtin();
    pl_report *r = build(s, 1);
    static const char *const want[] = {
        "issue-TERR.svg", "issue-PAY.svg", "eum-TERR.svg", "smp-TERR.svg", "frontier.svg",
        "winset.svg",
        "power-GUARANTOR_COUNCIL.svg", "power-UKR_RADA.svg", "stress-forecasts.svg",
        "stress-findings.svg", "stress-tornado.svg"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!has_chart(r, want[i]))
            fail_msg("no chart %s", want[i]);
    for (size_t i = 0; i < pl_report_n_charts(r); i++) {
        size_t len;
        const char *svg = pl_report_chart_svg(r, i, &len);
        xmlDocPtr doc = xmlReadMemory(svg, (int)len, pl_report_chart_name(r, i), NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        if (!doc)
            fail_msg("%s is not well-formed XML", pl_report_chart_name(r, i));
        xmlNodePtr root = xmlDocGetRootElement(doc);
        assert_string_equal((const char *)root->name, "svg");
        int title = 0, desc = 0;
        for (xmlNodePtr c = root->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE) {
                title |= strcmp((const char *)c->name, "title") == 0;
                desc |= strcmp((const char *)c->name, "desc") == 0;
            }
        assert_true(title && desc);
        xmlFreeDoc(doc);
    }
    pl_report_free(r);
    pl_scenario_free(s);
}

static void html(const pl_report *r, test_sink *k)
{
    pl_error err;
    memset(k, 0, sizeof *k);
    if (pl_report_html(r, test_sink_write, k, &err))
        fail_msg("%s", err.msg);
}

static void test_html(void **state)
{
    (void)state;
    pl_scenario *s = test_builtin();
    pl_report *a = build(s, 1), *b = build(s, 2);
    test_sink x, y;
    html(a, &x), html(b, &y);
    assert_true(x.len == y.len && memcmp(x.data, y.data, x.len) == 0);
    static const char *const banned[] = {"<script", " src=", "<link", "@import", "url(",
                                         "http://", "https://"};
    for (size_t i = 0; i < sizeof banned / sizeof *banned; i++) {
        const char *p = strstr(x.data, banned[i]);
        /* the SVG namespace is a name, not a resource */
        while (p && strncmp(p, "http://www.w3.org/2000/svg", 26) == 0)
            p = strstr(p + 1, banned[i]);
        if (p)
            fail_msg("the report refers to '%s': %.60s", banned[i], p);
    }
    assert_non_null(strstr(x.data, "<!DOCTYPE html>"));
    /* names, not ids, in prose (the exact words: test_brief) */
    assert_null(strstr(x.data, "cannot act against RUS"));
    assert_non_null(strstr(x.data, "href=\"#src-1\""));
    assert_non_null(strstr(x.data, "<li id=\"src-1\">"));
    for (size_t i = 0; i < pl_report_n_charts(a); i++) /* every chart inline */
        assert_non_null(strstr(x.data, pl_report_chart_svg(a, i, NULL)));
    free(x.data), free(y.data);
    pl_report_free(a), pl_report_free(b);
    pl_scenario_free(s);
}

/* A hand-made scenario for the brief's parts: two parties, a council of three in which each
   has a veto (unanimity), a committee deciding by 2 of 3, a recorded outcome, a note. */
static const char brief_yaml[] =
    "parley: 1\nname: brief-test\n"
    "actors:\n"
    "  - {id: AA, name: Alpha land, capability: 10}\n"
    "  - {id: BB, name: Beta state, capability: 10}\n"
    "  - {id: CC, name: Gamma, capability: 5, at_table: false}\n"
    "issues:\n"
    "  - {id: LAND, name: Land, scale: {0: none, 50: half, 100: all}, status_quo: 50,\n"
    "     outcome: {value: 50, note: hand-made outcome}}\n"
    "  - {id: SEA, name: Sea, scale: {0: closed, 100: open}, status_quo: 0}\n"
    "positions:\n"
    "  AA: {LAND: {position: 100, salience: 0.6}, SEA: {position: 0, salience: 0.4}}\n"
    "  BB: {LAND: {position: 0, salience: 0.5}, SEA: {position: 100, salience: 0.5}}\n"
    "  CC: {LAND: {position: 50, salience: 0.5}, SEA: {position: 50, salience: 0.5}}\n"
    "bodies:\n"
    "  - {id: COUNCIL, name: The council, members: [AA, BB, CC], quota: unanimity}\n"
    "  - {id: COMMITTEE, name: The committee, members: [AA, BB, CC], quota: 2}\n";

static void test_brief(void **state)
{
    (void)state;
    pl_scenario *s = NULL;
    pl_error err;
    if (pl_scenario_load_buffer(&s, brief_yaml, sizeof brief_yaml - 1, "brief.yaml", NULL, &err))
        fail_msg("%s", err.msg);
    /* names for ids: actors and bodies everywhere, an issue only where it is plainly one */
    pl__buf b = {0};
    pl__prose(&b, s, "COUNCIL cannot act against AA; LAND is a word; issue LAND; LAND 50, SEA 0.");
    assert_string_equal(b.buf, "The council cannot act against Alpha land; LAND is a word; "
                               "issue Land; Land 50, Sea 0.");
    pl__buf_free(&b);
    /* the same sentence of different parties has one shape; another sentence another */
    char *x = pl__prose_shape(s, "AA accepts 12 packages: yes in 95.0%.");
    char *y = pl__prose_shape(s, "BB accepts 3 packages: no in 5.5%.");
    char *z = pl__prose_shape(s, "AA rejects 12 packages: yes in 95.0%.");
    assert_string_equal(x, y);
    assert_string_not_equal(x, z);
    free(x), free(y), free(z);
    /* the report: bodies with their rules in words; no claims section without claims; the
       outcome beside the forecasts; a note as a numbered footnote */
    pl_report *r = build(s, 1);
    test_sink h;
    html(r, &h);
    assert_non_null(strstr(h.data, "Decides by unanimity of 3 (quota \xe2\x80\x9cunanimity\xe2\x80\x9d), "
                                   "every member a veto."));
    assert_non_null(strstr(h.data, "Decides by 2 of 3 members (quota \xe2\x80\x9c" "2\xe2\x80\x9d); no "
                                   "member can block alone."));
    assert_null(strstr(h.data, "id=\"claims\""));
    assert_non_null(strstr(h.data, "<h3>Forecasts beside the recorded outcomes</h3>"));
    assert_non_null(strstr(h.data, "class=\"note\">Note: hand-made outcome</li>"));
    assert_null(strstr(h.data, "<figcaption>"));
    free(h.data);
    pl_report_free(r);
    pl_scenario_free(s);
}

/*
** Two parties, each caring for one issue only: the package that gives each its issue is
** every party's best, so the Nash, Kalai-Smorodinsky and egalitarian points sit at the
** plane's right edge (x = 690 of 720). Every small label of the chart must lie inside it
** (they were written to the right of their point and ran out of the chart).
*/
static const char corner_yaml[] =
    "parley: 1\nname: corner\n"
    "actors: [{id: A, capability: 1}, {id: B, capability: 1}]\n"
    "issues:\n"
    "  - {id: X, scale: {0: a, 100: b}, status_quo: 50}\n"
    "  - {id: Y, scale: {0: a, 100: b}, status_quo: 50}\n"
    "positions:\n"
    "  A: {X: {position: 0, salience: 1}}\n"
    "  B: {Y: {position: 100, salience: 1}}\n";

static void expect_labels_inside(xmlNodePtr n, double width)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        expect_labels_inside(n->children, width);
        xmlChar *cls = xmlGetProp(n, (const xmlChar *)"class"), *x = xmlGetProp(n, (const xmlChar *)"x"),
                *anchor = xmlGetProp(n, (const xmlChar *)"text-anchor"), *text = xmlNodeGetContent(n);
        if (strcmp((const char *)n->name, "text") == 0 && cls && strstr((const char *)cls, "small") &&
            x && anchor) {
            double at = strtod((const char *)x, NULL), w = pl__svg_text_width((const char *)text, 10);
            double lo = strcmp((const char *)anchor, "end") == 0 ? at - w : at;
            if (strcmp((const char *)anchor, "middle") == 0)
                lo = at - w / 2;
            if (lo < 0 || lo + w > width)
                fail_msg("label '%s' spans %.1f to %.1f, outside the chart's 0 to %.0f",
                         (const char *)text, lo, lo + w, width);
        }
        xmlFree(cls), xmlFree(x), xmlFree(anchor), xmlFree(text);
    }
}

static void test_frontier_labels(void **state)
{
    (void)state;
    pl_scenario *s = NULL;
    pl_error err;
    if (pl_scenario_load_buffer(&s, corner_yaml, sizeof corner_yaml - 1, "corner.yaml", NULL, &err))
        fail_msg("%s", err.msg);
    pl_report *r = build(s, 1);
    int found = 0;
    for (size_t i = 0; i < pl_report_n_charts(r); i++) {
        if (strcmp(pl_report_chart_name(r, i), "frontier.svg") != 0)
            continue;
        size_t len;
        const char *svg = pl_report_chart_svg(r, i, &len);
        assert_non_null(strstr(svg, ">Kalai-Smorodinsky</text>"));
        xmlDocPtr doc = xmlReadMemory(svg, (int)len, "frontier.svg", NULL, XML_PARSE_NONET);
        assert_non_null(doc);
        xmlNodePtr root = xmlDocGetRootElement(doc);
        xmlChar *w = xmlGetProp(root, (const xmlChar *)"width");
        assert_non_null(w);
        expect_labels_inside(root->children, strtod((const char *)w, NULL));
        xmlFree(w), xmlFreeDoc(doc);
        found = 1;
    }
    assert_true(found);
    pl_report_free(r);
    pl_scenario_free(s);
}

static void test_bad_options(void **state)
{
    (void)state;
    pl_scenario *s = test_builtin();
    static const char *const pairs[] = {"RUS", "RUS,", ",UKR", "RUS,UKR,USA", "RUS,XXX"};
    pl_report *r = NULL;
    pl_error err;
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        pl_report_opts o = PL_REPORT_OPTS_INIT;
        o.draws = 0, o.pair = pairs[i];
        assert_int_equal(pl_report_build(&r, s, &o, &err), PL_EINPUT);
        assert_null(r);
    }
    pl_report_opts o = PL_REPORT_OPTS_INIT;
    o.draws = 0, o.issues = "TERR,TERR";
    assert_int_equal(pl_report_build(&r, s, &o, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "twice"));
    o.issues = "ARMY,NATO", o.pair = "USA,RUS";
    assert_int_equal(pl_report_build(&r, s, &o, &err), PL_OK);
    assert_false(has_chart(r, "stress-tornado.svg")); /* no draws, no robustness charts */
    assert_true(has_chart(r, "winset.svg"));
    pl_report_free(r);
    pl_scenario_free(s);
}

/* One of every shape and scalar type the emitter can describe. */
static int describe_everything(const pl_report *r, pl_emitter *e)
{
    (void)r;
    static const char *const cols[] = {"id", "v", "n"};
    pl_emit_object_begin(e, "findings", NULL);
    pl_emit_string(e, "s", "A <deal> & more.");
    pl_emit_number(e, "x", 0.1234567);
    pl_emit_int(e, "i", 3);
    pl_emit_bool(e, "b", 1);
    pl_emit_null(e, "z");
    pl_emit_object_end(e);
    pl_emit_number(e, "frac", 0.1234567);
    pl_emit_number(e, "whole", 3.0);
    pl_emit_number(e, "big", 1e20);
    pl_emit_number(e, "tiny", 1.5e-7);
    pl_emit_number(e, "tiny_whole", 1e-7);
    pl_emit_number(e, "minus_zero", -0.0);
    pl_emit_int(e, "int", -42);
    pl_emit_string(e, "numeric_text", "2.71828");
    pl_emit_string(e, "null_text", "null");
    pl_emit_string(e, "empty", "");
    pl_emit_bool(e, "no", 0);
    pl_emit_null(e, "none");
    pl_emit_array_begin(e, "findings_list", NULL); /* not a findings map: shown in place */
    pl_emit_string(e, NULL, "listed");
    pl_emit_array_end(e);
    pl_emit_object_begin(e, "sub", "Sub");
    pl_emit_number(e, "y", 2.5);
    pl_emit_object_begin(e, "deeper", NULL);
    pl_emit_object_begin(e, "findings", NULL);
    pl_emit_string(e, "f", "A nested finding.");
    pl_emit_object_end(e);
    pl_emit_int(e, "k", 7);
    pl_emit_object_end(e);
    pl_emit_array_begin(e, "mixed", NULL);
    pl_emit_int(e, NULL, 1);
    pl_emit_string(e, NULL, "a");
    pl_emit_object_begin(e, NULL, NULL); /* not first: an empty place in the list */
    pl_emit_object_end(e);
    pl_emit_number(e, NULL, 2.25);
    pl_emit_array_end(e);
    pl_emit_object_end(e);
    pl_emit_table_begin(e, "table", "A table", cols, 3);
    for (int row = 0; row < 2; row++) {
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, row ? "b" : "a");
        if (row)
            pl_emit_null(e, NULL);
        else
            pl_emit_number(e, NULL, 0.5);
        pl_emit_int(e, NULL, row);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
    pl_emit_table_begin(e, "empty_table", NULL, cols, 3);
    pl_emit_table_end(e);
    pl_emit_array_begin(e, "objects", NULL); /* a list of objects is shown as a table */
    pl_emit_object_begin(e, NULL, NULL);
    pl_emit_int(e, "k", 1);
    pl_emit_object_begin(e, "inner", NULL);
    pl_emit_object_end(e);
    pl_emit_string(e, "w", "first");
    pl_emit_object_end(e);
    pl_emit_object_begin(e, NULL, NULL); /* other keys, another order */
    pl_emit_string(e, "w", "second");
    pl_emit_string(e, "extra", "not shown");
    pl_emit_object_end(e);
    pl_emit_array_end(e);
    pl_emit_array_begin(e, "nested_lists", NULL);
    pl_emit_array_begin(e, NULL, NULL);
    pl_emit_int(e, NULL, 1);
    pl_emit_array_end(e);
    pl_emit_array_begin(e, NULL, NULL);
    pl_emit_array_end(e);
    pl_emit_array_end(e);
    pl_emit_array_begin(e, "empty_list", NULL);
    pl_emit_array_end(e);
    pl_emit_object_begin(e, "empty_object", NULL);
    pl_emit_object_end(e);
    return PL_OK;
}

static int describe_nan(const pl_report *r, pl_emitter *e)
{
    (void)r;
    return pl_emit_number(e, "bad", NAN);
}

static void test_render_values(void **state)
{
    (void)state;
    pl__buf h = {0}, summary = {0};
    assert_int_equal(pl__html_analysis(&h, &summary, NULL, describe_everything), PL_OK);
    assert_false(h.failed || summary.failed);
    assert_string_equal(summary.buf,
        "<li>A &lt;deal&gt; &amp; more.</li><li>0.1234567</li><li>3</li><li>true</li>"
        "<li>null</li><li>A nested finding.</li>");
    assert_string_equal(h.buf,
        "<ul class=\"findings\"><li>A &lt;deal&gt; &amp; more.</li><li>0.1234567</li>"
        "<li>3</li><li>true</li><li>null</li></ul>"
        "<ul class=\"findings\"><li>A nested finding.</li></ul>"
        "<details><summary>Every number of this analysis</summary>"
        "<dl><dt>frac</dt><dd>0.1235</dd><dt>whole</dt><dd>3</dd><dt>big</dt><dd>1e+20</dd>"
        "<dt>tiny</dt><dd>1.5e-07</dd><dt>tiny_whole</dt><dd>1e-07</dd>"
        "<dt>minus_zero</dt><dd>0</dd><dt>int</dt><dd>-42</dd>"
        "<dt>numeric_text</dt><dd>2.71828</dd><dt>null_text</dt><dd>null</dd>"
        "<dt>empty</dt><dd></dd><dt>no</dt><dd>false</dd><dt>none</dt><dd>&ndash;</dd></dl>"
        "<h4>findings_list</h4><p>listed</p>"
        "<h4>sub</h4><dl><dt>y</dt><dd>2.5</dd></dl>"
        "<h5>deeper</h5><dl><dt>k</dt><dd>7</dd></dl>"
        "<h5>mixed</h5><p>1, a, , 2.25</p>"
        "<h4>table</h4><table><thead><tr><th>id</th><th>v</th><th>n</th></tr></thead><tbody>"
        "<tr><td>a</td><td>0.5</td><td>0</td></tr>"
        "<tr><td>b</td><td>&ndash;</td><td>1</td></tr></tbody></table>"
        "<h4>empty_table</h4><p></p>"
        "<h4>objects</h4><table><thead><tr><th>k</th><th>inner</th><th>w</th></tr></thead>"
        "<tbody><tr><td>1</td><td></td><td>first</td></tr>"
        "<tr><td></td><td></td><td>second</td></tr></tbody></table>"
        "<h4>nested_lists</h4><p>, </p><h4>empty_list</h4><p></p><h4>empty_object</h4>"
        "</details>");
    pl__buf_free(&h), pl__buf_free(&summary);

    /* a describer's error is the report's error, and nothing is rendered */
    pl__buf h2 = {0}, s2 = {0};
    assert_int_equal(pl__html_analysis(&h2, &s2, NULL, describe_nan), PL_ERANGE);
    assert_int_equal(h2.len + s2.len, 0);
    pl__buf_free(&h2), pl__buf_free(&s2);
}

static void test_html_out_of_memory(void **state)
{
    (void)state;
    pl_scenario *s = test_builtin();
    pl_report_opts o = PL_REPORT_OPTS_INIT;
    o.draws = 8;
    pl_report *r = NULL;
    assert_int_equal(pl_report_build(&r, s, &o, NULL), PL_OK);
    test_sink want;
    html(r, &want);
    long n = 1;
    for (;; n++) {
        /* room for the whole report first, so the sink itself never allocates */
        test_sink k = {malloc(want.len + 1), 0, want.len + 1};
        assert_non_null(k.data);
        pl_error err;
        fail_alloc_arm(n);
        int rc = pl_report_html(r, test_sink_write, &k, &err);
        int hit = fail_alloc_disarm();
        if (hit) {
            if (rc != PL_ENOMEM || k.len != 0)
                fail_msg("allocation %ld failed: rc %d, %zu bytes written", n, rc, k.len);
            assert_int_equal(err.code, PL_ENOMEM);
        } else {
            assert_int_equal(rc, PL_OK);
            assert_true(k.len == want.len && memcmp(k.data, want.data, k.len) == 0);
        }
        free(k.data);
        if (!hit)
            break;
    }
    assert_true(n > 10); /* the buffers and every analysis's tree failed in turn */
    free(want.data);
    pl_report_free(r);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_charts),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_brief),
        cmocka_unit_test(test_frontier_labels),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_render_values),
        cmocka_unit_test(test_html_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
