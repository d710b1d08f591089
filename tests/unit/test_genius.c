/* SPDX-License-Identifier: MIT */
/*
** test_genius.c: the GENIUS importer (src/import/genius.c, genius_xml.c).
** ANAC 2010 domains (MODELS.md section 7): EnglandZimbabwe has 576 outcomes,
** ItexvsCypress 180; weights, values (evaluation / highest) and reservation
** values read by hand from the XML; every pair of additive profiles under
** ../shared/data/genius imports, the rest fail with their documented
** message. In memory: each tolerated quirk imports with its warning, and
** refused inputs fail at their line and column. Tests on ../shared data
** skip with a message when it is absent.
*/
#include "tests/unit/test_util.h"
#include "core/scenario_impl.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#define GENIUS PL_SHARED_DIR "/data/genius"
#define EZ GENIUS "/anac/y2010/EnglandZimbabwe/"
#define IC GENIUS "/anac/y2010/ItexvsCypress/"

static void need(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        print_message("SKIP: %s not found (../shared is absent)\n", path);
        skip();
    }
}

static pl_scenario *import3(const char *dom, const char *a, const char *b)
{
    const char *paths[] = {dom, a, b};
    pl_scenario *s;
    pl_error err;
    if (pl_import_genius_files(&s, NULL, 3, paths, NULL, &err))
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
    return s;
}

static size_t outcomes(const pl_scenario *s)
{
    size_t n = 1;
    for (size_t k = 0; k < s->n_issues; k++)
        n *= s->issues[k].n_options;
    return n;
}

static const double *values(const pl_scenario *s, size_t actor, size_t issue)
{
    const double *v = s->values[actor * s->n_issues + issue];
    assert_non_null(v);
    return v;
}

static double salience(const pl_scenario *s, size_t actor, size_t issue)
{
    double x, sal;
    assert_int_equal(pl_scenario_position(s, actor, issue, &x, &sal), 1);
    return sal;
}

static void test_england_zimbabwe(void **state)
{
    (void)state;
    need(EZ "England.xml");
    pl_scenario *s = import3(EZ "EnglandZimbabwe_domain.xml", EZ "England.xml", EZ "Zimbabwe.xml");
    assert_int_equal(pl_scenario_n_actors(s), 2);
    assert_int_equal(pl_scenario_n_issues(s), 5);
    assert_int_equal(outcomes(s), 576);
    assert_string_equal(s->actors[0].id, "England");
    assert_string_equal(s->issues[0].name, "Size of Fund");
    assert_string_equal(s->issues[0].option_name[2], "$10 billion");
    assert_near(s->issues[0].option_at[1], 100.0 / 3, 1e-12);
    /* England.xml: weight 1 = 0.3031462333758278; Size of Fund evaluations 5, 7, 9, 1 */
    assert_near(salience(s, 0, 0), 0.3031462333758278, 0);
    const double *v = values(s, 0, 0);
    assert_near(v[0], 5.0 / 9, 1e-15);
    assert_near(v[2], 1, 0);
    assert_near(v[3], 1.0 / 9, 1e-15);
    double x, sal;
    pl_scenario_position(s, 0, 0, &x, &sal);
    assert_near(x, 200.0 / 3, 1e-12); /* the best item, $10 billion */
    /* Zimbabwe.xml: Size of Fund evaluations 9, 7, 5, 1 */
    v = values(s, 1, 0);
    assert_near(v[0], 1, 0);
    assert_near(v[1], 7.0 / 9, 1e-15);
    assert_near(s->actors[0].no_deal.value, 0, 0);
    pl_scenario_free(s);
    /* with reservation values */
    s = import3(EZ "EnglandZimbabwe_domain.xml", EZ "England10.xml", EZ "Zimbabwe10.xml");
    assert_near(s->actors[0].no_deal.value, 0.00617677, 0);
    assert_near(s->actors[1].no_deal.value, 0.84001, 0);
    assert_near(salience(s, 1, 4), 0.2931754560738772, 0);
    pl_scenario_free(s);
}

static void test_itex_cypress(void **state)
{
    (void)state;
    need(IC "ItexvsCypress_Itex.xml");
    pl_scenario *s = import3(IC "ItexvsCypress_domain.xml", IC "ItexvsCypress_Itex.xml",
                             IC "ItexvsCypress_Cypress.xml");
    assert_int_equal(pl_scenario_n_issues(s), 4);
    assert_int_equal(outcomes(s), 180);
    assert_near(salience(s, 0, 0), 0.28812635027374, 0);
    assert_near(salience(s, 0, 3), 0.2782188426525948, 0);
    double sum = 0;
    for (size_t k = 0; k < 4; k++) {
        const double *v = values(s, 1, k);
        double max = 0;
        for (size_t j = 0; j < s->issues[k].n_options; j++)
            max = fmax(max, v[j]);
        assert_near(max, 1, 0); /* evaluation / highest evaluation */
        sum += salience(s, 1, k);
    }
    assert_near(sum, 1, 1e-6);
    pl_scenario_free(s);
}

/* ---- every bundled pair ------------------------------------------------------ */

typedef struct file_list {
    char **path;
    size_t n, cap;
} file_list;

static void list_add(file_list *l, const char *path)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 32;
        l->path = realloc(l->path, l->cap * sizeof *l->path);
        assert_non_null(l->path);
    }
    l->path[l->n] = strdup(path);
    assert_non_null(l->path[l->n]);
    l->n++;
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_domain(const char *path)
{
    char buf[4096];
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strstr(buf, "<negotiation_template") != NULL;
}

/* Failures the importer documents: nonlinear profiles, real issues, unfilled templates. */
static int documented(const pl_error *err)
{
    return strstr(err->msg, "nonlinear (hyper-rectangle) utility spaces are not supported") ||
           strstr(err->msg, "is real-valued; parley imports discrete and integer") ||
           strstr(err->msg, "the profile evaluates nothing");
}

/* Domain + each pair of profiles in dir; counts imports and documented refusals. */
static void try_pairs(const char *dir, const file_list *xml, size_t *ok, size_t *refused)
{
    const char *dom = NULL;
    for (size_t i = 0; i < xml->n && !dom; i++)
        if (is_domain(xml->path[i]))
            dom = xml->path[i];
    if (!dom)
        return;
    for (size_t i = 0; i < xml->n; i++)
        for (size_t j = i + 1; j < xml->n; j++) {
            if (xml->path[i] == dom || xml->path[j] == dom)
                continue;
            const char *paths[] = {dom, xml->path[i], xml->path[j]};
            pl_scenario *s = NULL;
            pl_error err;
            if (pl_import_genius_files(&s, NULL, 3, paths, NULL, &err) == PL_OK) {
                assert_int_equal(pl_scenario_n_actors(s), 2);
                ++*ok;
            } else if (documented(&err)) {
                ++*refused;
            } else {
                fail_msg("%s: %s:%d:%d: %s", dir, err.file, err.line, err.col, err.msg);
            }
            pl_scenario_free(s);
        }
}

static void walk_dir(const char *dir, size_t *ok, size_t *refused)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    file_list xml = {NULL, 0, 0}, sub = {NULL, 0, 0};
    struct dirent *e;
    char path[1024];
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        assert_int_equal(stat(path, &st), 0);
        size_t n = strlen(e->d_name);
        if (S_ISDIR(st.st_mode))
            list_add(&sub, path);
        else if (n > 4 && !strcmp(e->d_name + n - 4, ".xml") && strcmp(e->d_name, "pareto.xml"))
            list_add(&xml, path);
    }
    closedir(d);
    if (xml.n)
        qsort(xml.path, xml.n, sizeof *xml.path, cmp_path);
    try_pairs(dir, &xml, ok, refused);
    for (size_t i = 0; i < sub.n; i++)
        walk_dir(sub.path[i], ok, refused);
    for (size_t i = 0; i < xml.n; i++)
        free(xml.path[i]);
    for (size_t i = 0; i < sub.n; i++)
        free(sub.path[i]);
    free(xml.path);
    free(sub.path);
}

static void test_every_pair(void **state)
{
    (void)state;
    need(GENIUS);
    size_t ok = 0, refused = 0;
    walk_dir(GENIUS, &ok, &refused);
    print_message("GENIUS pairs: %zu imported, %zu refused with the documented message\n", ok,
                  refused);
    assert_true(ok >= 400);
    assert_true(refused > 0);
}

/* The 2014 pareto.xml given as a profile; a nonlinear profile. */
static void test_refused_files(void **state)
{
    (void)state;
    const char *dom = GENIUS "/anac/y2014/10issues/10issues-domain.xml";
    need(dom);
    const char *paths[] = {dom, GENIUS "/anac/y2014/10issues/pareto.xml",
                           GENIUS "/anac/y2014/10issues/profile-2.xml"};
    pl_error err;
    assert_int_equal(pl_import_genius_files(NULL, NULL, 3, paths, NULL, &err), PL_EINPUT);
    assert_int_equal(err.line, 2); /* the first line is empty */
    assert_non_null(strstr(err.msg, "this is a reference Pareto frontier"));
    paths[1] = GENIUS "/anac/y2014/10issues/profile-1.xml";
    assert_int_equal(pl_import_genius_files(NULL, NULL, 3, paths, NULL, &err), PL_EINPUT);
    assert_string_equal(err.msg, "nonlinear (hyper-rectangle) utility spaces are not supported; "
                                 "parley's settlement analysis needs additive utilities");
    assert_int_equal(err.line, 17);
}

/* ---- in memory ---------------------------------------------------------------- */

static const char DOMAIN[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<negotiation_template>\n"
    "<utility_space number_of_issues=\"2\">\n"
    "<objective index=\"0\" name=\"test\">\n"
    "<issue index=\"1\" name=\"Colour\" vtype=\"discrete\">\n"
    "<item index=\"1\" value=\"red\"/>\n"
    "<item index=\"2\" value=\"green\"/>\n"
    "<item index=\"3\" value=\"blue\"/>\n"
    "</issue>\n"
    "<issue index=\"2\" name=\"Days\" vtype=\"integer\" lowerbound=\"1\" upperbound=\"4\"/>\n"
    "</objective>\n"
    "</utility_space>\n"
    "</negotiation_template>\n";

static const char PROFILE_A[] =
    "<utility_space>\n"
    "<objective index=\"0\" name=\"test\">\n"
    "<weight index=\"1\" value=\"0.6\"/>\n"
    "<issue index=\"1\" name=\"Colour\" vtype=\"discrete\">\n"
    "<item index=\"1\" value=\"red\" evaluation=\"2\"/>\n"
    "<item index=\"2\" value=\"green\" evaluation=\"4\"/>\n"
    "<item index=\"3\" value=\"blue\" evaluation=\"1\"/>\n"
    "</issue>\n"
    "<issue index=\"2\" name=\"Days\" vtype=\"integer\" lowerbound=\"1\" upperbound=\"4\">\n"
    "<evaluator ftype=\"linear\" slope=\"-0.25\" offset=\"1\"/>\n"
    "</issue>\n"
    "<weight index=\"2\" value=\"0.4\"/>\n"
    "</objective>\n"
    "<discount_factor value=\"0.9\"/>\n"
    "<reservation value=\"0.25\"/>\n"
    "</utility_space>\n";

static const char PROFILE_B[] =
    "<utility_space>\n"
    "<objective index=\"0\" name=\"test\">\n"
    "<issue index=\"1\" name=\"Colour\">\n"
    "<item index=\"1\" value=\"red\" evaluation=\"0\"/>\n"
    "<item index=\"2\" value=\"green\" evaluation=\"1\"/>\n"
    "<item index=\"3\" value=\"blue\" evaluation=\"3\"/>\n"
    "</issue>\n"
    "<issue index=\"2\" name=\"Days\">\n"
    "<evaluator ftype=\"linear\" slope=\"0.5\" offset=\"0.2\"/>\n"
    "</issue>\n"
    "<weight index=\"1\" value=\"0.3\"/>\n"
    "<weight index=\"2\" value=\"0.7\"/>\n"
    "</objective>\n"
    "</utility_space>\n";

/* Warnings collected through opts->warn. */
typedef struct warnings {
    int n;
    char first[PL_ERROR_MSG_MAX], all[4096];
    int line, col;
} warnings;

static void on_warn(const pl_error *w, void *payload)
{
    warnings *ws = payload;
    if (ws->n++ == 0) {
        snprintf(ws->first, sizeof ws->first, "%s", w->msg);
        ws->line = w->line;
        ws->col = w->col;
    }
    size_t used = strlen(ws->all);
    snprintf(ws->all + used, sizeof ws->all - used, "%s\n", w->msg);
}

/* Replace the first `from` in text by `to` (malloc'd). */
static char *edit(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    assert_non_null(at);
    size_t n = strlen(text) - strlen(from) + strlen(to);
    char *out = malloc(n + 1);
    assert_non_null(out);
    size_t head = (size_t)(at - text);
    memcpy(out, text, head);
    strcpy(out + head, to);
    strcat(out, at + strlen(from));
    return out;
}

/* Import domain + a + b from memory; *s kept when wanted. */
static int import_mem(const char *dom, const char *a, const char *b, pl_scenario **s,
                      warnings *ws, pl_error *err)
{
    const char *data[] = {dom, a, b};
    const size_t len[] = {strlen(dom), strlen(a), strlen(b)};
    const char *names[] = {"dom.xml", "a.xml", "b.xml"};
    pl_load_opts lo = PL_LOAD_OPTS_INIT;
    lo.warn = on_warn;
    lo.payload = ws;
    memset(ws, 0, sizeof *ws);
    pl_scenario *tmp = NULL;
    int rc = pl_import_genius_buffers(&tmp, NULL, 3, data, len, names, &lo, err);
    if (s)
        *s = tmp;
    else
        pl_scenario_free(tmp);
    return rc;
}

static void test_memory_basics(void **state)
{
    (void)state;
    pl_scenario *s;
    warnings ws;
    pl_error err;
    char *yaml;
    const char *data[] = {DOMAIN, PROFILE_A, PROFILE_B};
    const size_t len[] = {strlen(DOMAIN), strlen(PROFILE_A), strlen(PROFILE_B)};
    const char *names[] = {"dir/dom.xml", "dir/a.xml", "dir/a.xml"};
    if (pl_import_genius_buffers(&s, &yaml, 3, data, len, names, NULL, &err))
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
    assert_string_equal(s->name, "dom");
    assert_string_equal(s->actors[0].id, "a");
    assert_string_equal(s->actors[1].id, "a_2"); /* made unique */
    assert_string_equal(s->actors[0].name, "a.xml");
    assert_near(s->actors[0].no_deal.value, 0.25, 0);
    assert_near(s->actors[0].discount.value, 0.9, 0);
    assert_near(s->actors[1].discount.value, 1, 0);
    assert_int_equal(s->issues[1].n_options, 4);
    assert_string_equal(s->issues[1].option_id[0], "v1");
    assert_string_equal(s->issues[1].option_name[3], "4");
    const double *v = values(s, 0, 0);
    assert_near(v[0], 0.5, 0);
    assert_near(v[1], 1, 0);
    assert_near(v[2], 0.25, 0);
    v = values(s, 0, 1); /* 1 - 0.25 (d - 1) */
    assert_near(v[0], 1, 0);
    assert_near(v[3], 0.25, 0);
    v = values(s, 1, 1); /* clamp01(0.2 + 0.5 (d - 1)) */
    assert_near(v[0], 0.2, 1e-15);
    assert_near(v[1], 0.7, 1e-15);
    assert_near(v[2], 1, 0);
    double x, sal;
    pl_scenario_position(s, 1, 1, &x, &sal);
    assert_near(x, 200.0 / 3, 1e-12); /* the first value at 1: d = 3 */
    assert_near(sal, 0.7, 0);
    /* the YAML loads back */
    pl_scenario *back;
    if (pl_scenario_load_buffer(&back, yaml, strlen(yaml), "back.yaml", NULL, &err))
        fail_msg("%d:%d: %s", err.line, err.col, err.msg);
    assert_int_equal(outcomes(back), 12);
    pl_scenario_free(back);
    free(yaml);
    pl_scenario_free(s);
    /* no warnings on clean input */
    assert_int_equal(import_mem(DOMAIN, PROFILE_A, PROFILE_B, NULL, &ws, &err), PL_OK);
    assert_int_equal(ws.n, 0);
}

/* A quirk in the domain (and the same text in profile A when a_from is given). */
static void expect_quirk(const char *d_from, const char *d_to, const char *a_from,
                         const char *a_to, const char *warning, const char *b_from,
                         const char *b_to)
{
    char *d = d_from ? edit(DOMAIN, d_from, d_to) : strdup(DOMAIN);
    char *a = a_from ? edit(PROFILE_A, a_from, a_to) : strdup(PROFILE_A);
    char *b = b_from ? edit(PROFILE_B, b_from, b_to) : strdup(PROFILE_B);
    warnings ws;
    pl_error err;
    if (import_mem(d, a, b, NULL, &ws, &err))
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
    if (!strstr(ws.all, warning))
        fail_msg("expected a warning with '%s'; got: %s", warning, ws.all);
    free(d);
    free(a);
    free(b);
}

static void test_quirks(void **state)
{
    (void)state;
    /* a comment before the XML declaration (ANAC 2014) */
    expect_quirk(NULL, NULL, "<utility_space>", "<!-- p -->\n<?xml version=\"1.0\"?>\n"
                 "<utility_space>", "an XML declaration after a comment", NULL, NULL);
    /* a bare & (ANAC2015 zoning plan), in the domain and the profile alike */
    expect_quirk("value=\"red\"", "value=\"red & white\"", "value=\"red\"",
                 "value=\"red & white\"", "a bare '&'", "value=\"red\"", "value=\"red & white\"");
    /* a Windows-1252 byte (new_sporthal) */
    expect_quirk("value=\"red\"", "value=\"\x80" "10\"", "value=\"red\"", "value=\"\x80" "10\"",
                 "byte 0x80 is not UTF-8; read as Windows-1252 '\xe2\x82\xac'", "value=\"red\"",
                 "value=\"\xe2\x82\xac" "10\"");
    /* no vtype (AMPOvsCity) */
    expect_quirk(" vtype=\"discrete\"", "", NULL, NULL, "issue 'Colour' has no vtype; read as "
                 "discrete", NULL, NULL);
    /* no space between attributes (Car/adg_deal.xml) */
    expect_quirk("name=\"Colour\" vtype", "name=\"Colour\"vtype", NULL, NULL,
                 "no space between two attributes", NULL, NULL);
    /* discount "s" (IS_BT_Acquisition), discount above 1 */
    expect_quirk(NULL, NULL, "value=\"0.9\"", "value=\"s\"", "the discount factor is 's', not a "
                 "number; ignored", NULL, NULL);
    expect_quirk(NULL, NULL, "value=\"0.9\"", "value=\"2\"", "the discount factor is 2, above 1; "
                 "read as 1", NULL, NULL);
    /* weights that do not sum to 1 */
    expect_quirk(NULL, NULL, "value=\"0.4\"", "value=\"0.5\"", "the issue weights sum to 1.1, "
                 "not 1; used as given", NULL, NULL);
    /* a duplicate item: in the domain, two options; in a profile only, the last counts */
    expect_quirk("<item index=\"3\" value=\"blue\"/>", "<item index=\"3\" value=\"blue\"/><item "
                 "index=\"4\" value=\"blue\"/>", NULL, NULL, "item 'blue' appears twice in issue "
                 "'Colour' (items 3 and 4); kept as two options", NULL, NULL);
    expect_quirk(NULL, NULL, "<item index=\"3\" value=\"blue\" evaluation=\"1\"/>", "<item "
                 "index=\"3\" value=\"blue\" evaluation=\"1\"/><item value=\"blue\" evaluation="
                 "\"3\"/>", "item 'blue' of issue 'Colour' is given again, with evaluation 3 "
                 "after 1", NULL, NULL);
}

/* What the quirks read as: the &, the euro sign, the last duplicate, a capped discount. */
static void test_quirk_values(void **state)
{
    (void)state;
    char *d = edit(DOMAIN, "value=\"red\"", "value=\"R&D \x80\"");
    char *a0 = edit(PROFILE_A, "value=\"red\"", "value=\"R&D \x80\"");
    char *a1 = edit(a0, "<item index=\"3\" value=\"blue\" evaluation=\"1\"/>",
                    "<item index=\"3\" value=\"blue\" evaluation=\"1\"/>"
                    "<item index=\"3\" value=\"blue\" evaluation=\"8\"/>");
    char *a = edit(a1, "value=\"0.9\"", "value=\"1.5\"");
    char *b = edit(PROFILE_B, "value=\"red\"", "value=\"R&amp;D &#x20AC;\"");
    pl_scenario *s;
    warnings ws;
    pl_error err;
    if (import_mem(d, a, b, &s, &ws, &err))
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
    assert_string_equal(s->issues[0].option_name[0], "R&D \xe2\x82\xac");
    const double *v = values(s, 0, 0);
    assert_near(v[2], 1, 0);      /* blue: 8, the last, is now the highest */
    assert_near(v[1], 0.5, 0);    /* green 4 / 8 */
    assert_near(s->actors[0].discount.value, 1, 0);
    /* the bare & at line 6, column 19 of the domain */
    assert_non_null(strstr(ws.all, "a bare '&'"));
    assert_string_equal(ws.first, "a bare '&' (XML wants &amp;); read as the character &");
    assert_int_equal(ws.line, 6);
    assert_int_equal(ws.col, 25);
    pl_scenario_free(s);
    free(d);
    free(a0);
    free(a1);
    free(a);
    free(b);
}

/* A refused input: code, message fragment, line and column. */
static void expect_error(const char *dom, const char *a, const char *b, const char *file,
                         int line, int col, const char *msg)
{
    warnings ws;
    pl_error err;
    assert_int_equal(import_mem(dom, a, b, NULL, &ws, &err), PL_EINPUT);
    if (!strstr(err.msg, msg) || strcmp(err.file, file) || err.line != line || err.col != col)
        fail_msg("got %s:%d:%d: %s; expected %s:%d:%d: ...%s...", err.file, err.line, err.col,
                 err.msg, file, line, col, msg);
}

static void test_errors(void **state)
{
    (void)state;
    char *t = edit(PROFILE_A, "<reservation value=\"0.25\"/>", "<reservation value=\"1.5\"/>");
    expect_error(DOMAIN, t, PROFILE_B, "a.xml", 15, 14, "the reservation value is '1.5'; "
                 "expected a number in [0, 1]");
    free(t);
    t = edit(PROFILE_A, "<weight index=\"1\" value=\"0.6\"/>", "<weight index=\"1\" value=\"-0.1\"/>");
    expect_error(DOMAIN, t, PROFILE_B, "a.xml", 3, 19, "the weight of issue 'Colour' is '-0.1'");
    free(t);
    t = edit(PROFILE_A, "value=\"blue\"", "value=\"purple\"");
    expect_error(DOMAIN, t, PROFILE_B, "a.xml", 7, 17, "item 'purple' of issue 'Colour' is not "
                 "in the domain dom.xml");
    free(t);
    t = edit(PROFILE_A, "<utility_space>", "<utility_space type=\"nonlinear\">");
    expect_error(DOMAIN, t, PROFILE_B, "a.xml", 1, 16, "nonlinear (hyper-rectangle)");
    free(t);
    t = edit(DOMAIN, "vtype=\"integer\"", "vtype=\"real\"");
    expect_error(t, PROFILE_A, PROFILE_B, "dom.xml", 10, 30, "issue 'Days' is real-valued");
    free(t);
    t = edit(DOMAIN, "upperbound=\"4\"", "upperbound=\"5000\"");
    expect_error(t, PROFILE_A, PROFILE_B, "dom.xml", 10, 61, "has 5000 values (1 to 5000)");
    free(t);
    expect_error(DOMAIN, "0.5, 0.7\n0.6, 0.4\n", PROFILE_B, "a.xml", 1, 1, "reference Pareto "
                 "frontier");
    expect_error(DOMAIN, PROFILE_A, "", "b.xml", 1, 1, "the file is empty");
    expect_error(PROFILE_A, PROFILE_A, PROFILE_B, "dom.xml", 1, 1, "this is a GENIUS profile");
    t = edit(PROFILE_B, "</utility_space>\n", "");
    expect_error(DOMAIN, PROFILE_A, t, "b.xml", 14, 1, "XML error: ");
    free(t);
    /* an issue nobody weighs: the message points at the domain's issue */
    char *a = edit(PROFILE_A, "<weight index=\"2\" value=\"0.4\"/>", "<weight index=\"2\" value=\"0\"/>");
    char *b = edit(PROFILE_B, "<weight index=\"2\" value=\"0.7\"/>", "<weight index=\"2\" value=\"0\"/>");
    expect_error(DOMAIN, a, b, "dom.xml", 10, 1, "issue 'Days' has weight 0 in every profile");
    free(a);
    free(b);
    /* fewer than 3 files */
    pl_error err;
    const char *data[] = {DOMAIN, PROFILE_A};
    const size_t len[] = {strlen(DOMAIN), strlen(PROFILE_A)};
    assert_int_equal(pl_import_genius_buffers(NULL, NULL, 2, data, len, NULL, NULL, &err),
                     PL_EINPUT);
    assert_non_null(strstr(err.msg, "at least 2 profiles; got 2 files"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_england_zimbabwe),
        cmocka_unit_test(test_itex_cypress),
        cmocka_unit_test(test_every_pair),
        cmocka_unit_test(test_refused_files),
        cmocka_unit_test(test_memory_basics),
        cmocka_unit_test(test_quirks),
        cmocka_unit_test(test_quirk_values),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
