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
**    twice) are refused with PL_EINPUT.
*/
#include "tests/unit/test_util.h"

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
    assert_non_null(strstr(x.data, "GUARANTOR_COUNCIL cannot act against RUS"));
    assert_non_null(strstr(x.data, "href=\"#src-1\""));
    assert_non_null(strstr(x.data, "<li id=\"src-1\">"));
    for (size_t i = 0; i < pl_report_n_charts(a); i++) /* every chart inline */
        assert_non_null(strstr(x.data, pl_report_chart_svg(a, i, NULL)));
    free(x.data), free(y.data);
    pl_report_free(a), pl_report_free(b);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_charts),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_bad_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
