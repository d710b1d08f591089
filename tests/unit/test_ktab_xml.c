/* SPDX-License-Identifier: MIT */
/*
** test_ktab_xml.c: KTAB's SMP scenario XML through the "ktab" importer
** (src/import/ktab_xml.c). On ../shared/data/ktab: dummyData_3Dim.xml
** gives the scenario its CSV twin gives (the same JSON description but for
** the source file), without warnings, and the SMP over it is MODELS.md
** section 6's reference run (10 turns, A00 ends within 0.1 of (78.6, 31.8,
** 74.1)); smpExample.xml is refused at its empty <dCoord> (line 32, column 9)
** and, once that is filled, imports with one warning per model parameter
** that is not parley's default and the parameters as YAML comments. In
** memory: a byte-order mark, ids made unique, the XML and CSV routes of
** "ktab", sniffing, parameter warnings, refusals at their line and column.
** When ../shared is absent the shared tests skip and the program exits 77
** (skipped) after the in-memory ones pass.
*/
#include "tests/unit/test_util.h"

#include <stdio.h>
#include <stdlib.h>

#define KTAB PL_SHARED_DIR "/data/ktab/"
#define DUMMY_XML KTAB "dummyData_3Dim.xml"
#define DUMMY_CSV KTAB "dummyData_3Dim.csv"
#define EXAMPLE_XML KTAB "smpExample.xml"


/* Warnings gathered as "LINE:COL: message", one per line. */
typedef struct warnings {
    char text[8192];
    size_t n;
} warnings;

static void on_warn(const pl_error *w, void *payload)
{
    warnings *ws = payload;
    size_t len = strlen(ws->text);
    snprintf(ws->text + len, sizeof ws->text - len, "%d:%d: %s\n", w->line, w->col, w->msg);
    ws->n++;
}

/* Import text (named name) as "ktab"; warnings into *ws when not NULL. */
static int import(const char *text, const char *name, pl_scenario **s, char **yaml,
                  warnings *ws, pl_error *err)
{
    pl_load_opts lo = PL_LOAD_OPTS_INIT;
    if (ws) {
        memset(ws, 0, sizeof *ws);
        lo.warn = on_warn;
        lo.payload = ws;
    }
    return pl_import_buffer(s, yaml, text, strlen(text), name, PL_IMPORT_KTAB, &lo, err);
}

static pl_scenario *import_ok(const char *text, char **yaml, warnings *ws)
{
    pl_scenario *s = NULL;
    pl_error err;
    if (import(text, "t.xml", &s, yaml, ws, &err))
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
    return s;
}

static void expect_error(const char *text, int line, int col, const char *msg)
{
    pl_error err;
    pl_scenario *s = NULL;
    assert_int_equal(import(text, "t.xml", &s, NULL, NULL, &err), PL_EINPUT);
    assert_null(s);
    assert_string_equal(err.file, "t.xml");
    if (err.line != line || err.col != col || strcmp(err.msg, msg) != 0)
        fail_msg("got %d:%d: %s\nexpected %d:%d: %s", err.line, err.col, err.msg, line, col, msg);
}

/* s with every from replaced by to (malloc'd). */
static char *replace_all(const char *s, const char *from, const char *to)
{
    size_t nf = strlen(from), nt = strlen(to), n = 0;
    for (const char *p = strstr(s, from); p; p = strstr(p + nf, from))
        n++;
    char *out = malloc(strlen(s) + n * nt + 1), *o = out;
    assert_non_null(out);
    for (const char *p; (p = strstr(s, from)); s = p + nf) {
        memcpy(o, s, (size_t)(p - s));
        o += p - s;
        memcpy(o, to, nt);
        o += nt;
    }
    strcpy(o, s);
    return out;
}

/* A whole file, malloc'd and NUL-terminated. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *t = malloc((size_t)n + 1);
    assert_non_null(t);
    assert_int_equal(fread(t, 1, (size_t)n, f), (size_t)n);
    t[n] = '\0';
    fclose(f);
    return t;
}

/* ---- ../shared/data/ktab --------------------------------------------------- */

static void test_dummy_matches_csv(void **state)
{
    (void)state;
    test_need_file(DUMMY_XML);
    test_need_file(DUMMY_CSV);
    pl_scenario *x, *c;
    char *yaml;
    pl_error err;
    warnings ws = {{0}, 0};
    pl_load_opts lo = PL_LOAD_OPTS_INIT;
    lo.warn = on_warn;
    lo.payload = &ws;
    if (pl_import_file(&x, &yaml, DUMMY_XML, PL_IMPORT_KTAB, &lo, &err))
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
    assert_int_equal(ws.n, 0);
    if (pl_import_file(&c, NULL, DUMMY_CSV, PL_IMPORT_KTAB, NULL, &err))
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
    assert_int_equal(pl_scenario_n_actors(x), 7);
    assert_int_equal(pl_scenario_n_issues(x), 3);
    double pos, sal;
    assert_int_equal(pl_scenario_position(x, 6, 2, &pos, &sal), 1);
    assert_near(pos, 90.36, 1e-12);
    assert_near(sal, 0.2603, 1e-12);
    /* the same description but for the source: the file names legitimately differ */
    char *jx = test_scenario_json(x), *jc = test_scenario_json(c), *jc2 = replace_all(jc, DUMMY_CSV, DUMMY_XML);
    assert_non_null(strstr(jc, DUMMY_CSV));
    assert_string_equal(jx, jc2);
    free(jx);
    free(jc);
    free(jc2);
    assert_non_null(strstr(yaml, "# KTAB prngSeed: 03707583219545544125"));
    test_round_trip(x, yaml);
    /* sniffed without --from: the root element says KTAB */
    char *text = slurp(DUMMY_XML);
    pl_import_format f = PL_IMPORT_DEU;
    assert_int_equal(pl_import_sniff(text, strlen(text), &f), 1);
    assert_int_equal(f, PL_IMPORT_KTAB);
    free(text);
    pl_scenario_free(x);
    pl_scenario_free(c);
}

/* MODELS.md section 6's reference run, from the imported XML. */
static void test_dummy_smp(void **state)
{
    (void)state;
    test_need_file(DUMMY_XML);
    pl_scenario *s;
    pl_error err;
    if (pl_import_file(&s, NULL, DUMMY_XML, PL_IMPORT_KTAB, NULL, &err))
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
    pl_forecast_opts fo = PL_FORECAST_OPTS_INIT;
    fo.models = 1u << PL_MODEL_SMP;
    pl_forecast *f = NULL;
    if (pl_forecast_compute(&f, s, &fo, &err))
        fail_msg("%s", err.msg);
    const pl_smp *m = pl_forecast_smp(f);
    assert_non_null(m);
    assert_int_equal(pl_smp_n_states(m), 11);
    static const double a00[3] = {78.6, 31.8, 74.1};
    for (size_t k = 0; k < 3; k++)
        assert_near(pl_smp_position(m, 10, 0, k), a00[k], 0.1);
    for (size_t t = 0; t <= 10; t++) /* A02 never moves */
        assert_near(pl_smp_position(m, t, 2, 1), 90.89, 1e-9);
    pl_forecast_free(f);
    pl_scenario_free(s);
}

static void test_smp_example(void **state)
{
    (void)state;
    test_need_file(EXAMPLE_XML);
    pl_scenario *s = NULL;
    pl_error err;
    assert_int_equal(pl_import_file(&s, NULL, EXAMPLE_XML, PL_IMPORT_KTAB, NULL, &err),
                     PL_EINPUT);
    assert_string_equal(err.file, EXAMPLE_XML);
    assert_int_equal(err.line, 32);
    assert_int_equal(err.col, 9);
    assert_string_equal(err.msg, "Alice's position on FirstDim is empty; expected a number "
                                 "from 0 to 100");
    /* filled in, it imports: the parameters as warnings and comments, BOM and all */
    char *text = slurp(EXAMPLE_XML);
    char *fixed = replace_all(text, "<dCoord></dCoord>", "<dCoord>50</dCoord>");
    char *yaml;
    warnings ws;
    s = import_ok(fixed, &yaml, &ws);
    assert_int_equal(pl_scenario_n_actors(s), 5);
    assert_string_equal(ws.text,
        "9:5: KTAB model parameter PCEModel = MarkovIncentive; run parley forecast --model smp "
        "--smp-election markov-incentive to use it\n"
        "10:5: KTAB model parameter StateTransitions = Stochastic; run parley forecast --model "
        "smp --smp-stochastic to use it\n"
        "12:5: KTAB model parameter VotingRule = PropCbc; run parley forecast --model smp "
        "--smp-vote propcbc to use it\n"
        "110:3: KTAB <IdealAdjustment> (6 pairs) is not imported: a parley scenario has no "
        "place for it, and parley's SMP moves every actor's ideal the same share of the way to "
        "its own new position (--smp-accommodate, default 1: KTAB's identity matrix); they are "
        "kept as comments in the YAML\n");
    assert_non_null(strstr(yaml, "\n# KTAB ModelParameters: VictoryProbModel = Linear -> "
                                 "parley's default (--smp-victory linear)\n"));
    assert_non_null(strstr(yaml, "\n# KTAB ModelParameters: PCEModel = MarkovIncentive -> "
                                 "parley forecast --model smp --smp-election markov-incentive\n"));
    assert_non_null(strstr(yaml, "\n# KTAB ModelParameters, all together: parley forecast "
                                 "--model smp --smp-election markov-incentive --smp-stochastic "
                                 "--smp-vote propcbc\n"));
    assert_non_null(strstr(yaml, "\n# KTAB IdealAdjustment (not imported): adjustingIdeal Bob, "
                                 "referencePos Alice, adjust 0.07\n"));
    test_round_trip(s, yaml);
    pl_scenario_free(s);
    free(fixed);
    free(text);
}

/* ---- in memory ---------------------------------------------------------------- */

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Scenario>\n"          /* 1-2 */
#define META "  <name>Mem</name>\n  <desc>In memory</desc>\n"                    /* 3-4 */
#define DIMS "  <Dimensions>\n    <dName>Tax</dName>\n    <dName>Trade</dName>\n" \
             "  </Dimensions>\n"                                                 /* 5-8 */
#define ACTOR(name, cap, x1, x2, s1, s2)                                              \
    "    <Actor>\n      <name>" name "</name>\n      <description>" name " desc"      \
    "</description>\n      <capability>" cap "</capability>\n      <Position>\n"     \
    "        <dCoord>" x1 "</dCoord>\n        <dCoord>" x2 "</dCoord>\n"             \
    "      </Position>\n      <Salience>\n        <dSal>" s1 "</dSal>\n"             \
    "        <dSal>" s2 "</dSal>\n      </Salience>\n    </Actor>\n"                 /* 13 lines */
#define ACTORS(a, b) "  <Actors>\n" a b "  </Actors>\n"   /* 9, then 10-22, 23-35, 36 */
#define TAIL "</Scenario>\n"
#define GOOD HEAD META DIMS ACTORS(ACTOR("Ann", "100", "20", "70", "40", "30"), \
                                   ACTOR("Bob", "80", "60", "35", "50", "50")) TAIL

static void test_memory_basics(void **state)
{
    (void)state;
    char *yaml;
    warnings ws;
    pl_scenario *s = import_ok(GOOD, &yaml, &ws);
    assert_int_equal(ws.n, 0);
    assert_int_equal(pl_scenario_n_actors(s), 2);
    assert_int_equal(pl_scenario_n_issues(s), 2);
    double x, sal;
    assert_int_equal(pl_scenario_position(s, 1, 1, &x, &sal), 1);
    assert_near(x, 35, 0);
    assert_near(sal, 0.5, 0);
    assert_near(pl_actor_capability(pl_scenario_actor(s, 0))->value, 100, 0);
    assert_string_equal(pl_actor_name(pl_scenario_actor(s, 0)), "Ann desc"); /* as the CSV */
    assert_non_null(strstr(yaml, "# Imported by parley from the KTAB file \"t.xml\"\n"
                                 "parley: 1\nname: Mem\n"));
    test_round_trip(s, yaml);
    pl_scenario_free(s);

    /* a byte-order mark and blanks before the declaration's line are fine; so is the sniff */
    const char *bom = "\xEF\xBB\xBF" GOOD;
    s = import_ok(bom, NULL, NULL);
    pl_scenario_free(s);
    pl_import_format f = PL_IMPORT_DEU;
    assert_int_equal(pl_import_sniff(bom, strlen(bom), &f), 1);
    assert_int_equal(f, PL_IMPORT_KTAB);
    const char *other = "<?xml version=\"1.0\"?>\n<!-- c -->\n<negotiation_template/>\n";
    assert_int_equal(pl_import_sniff(other, strlen(other), &f), 0);
    const char *wrapped = "<?xml version=\"1.0\"?>\n<!-- a <Scenario> -->\n<Scenario>\n";
    assert_int_equal(pl_import_sniff(wrapped, strlen(wrapped), &f), 1);

    /* the CSV route of "ktab" is unchanged */
    const char *csv = "T, D, 2, 1,\nActor, Description, Power, X Position, X Salience,\n"
                      "A, Alpha, 1, 20, 50,\nB, Beta, 1, 80, 50,\n";
    s = import_ok(csv, NULL, NULL);
    assert_string_equal(pl_actor_name(pl_scenario_actor(s, 0)), "Alpha");
    pl_scenario_free(s);

    /* names that make the same id get distinct ids; no description: the name shows */
    const char *same = HEAD META
        "  <Dimensions>\n    <dName>Tax rate</dName>\n    <dName>Tax_rate</dName>\n"
        "  </Dimensions>\n"
        "  <Actors>\n"
        "    <Actor><name>A b</name><capability>1</capability><Position><dCoord>1</dCoord>"
        "<dCoord>2</dCoord></Position><Salience><dSal>10</dSal><dSal>10</dSal></Salience>"
        "</Actor>\n"
        "    <Actor><name>A_b</name><capability>2</capability><Position><dCoord>3</dCoord>"
        "<dCoord>4</dCoord></Position><Salience><dSal>10</dSal><dSal>10</dSal></Salience>"
        "</Actor>\n"
        "  </Actors>\n" TAIL;
    s = import_ok(same, &yaml, NULL);
    assert_string_equal(pl_issue_id(pl_scenario_issue(s, 0)), "Tax_rate");
    assert_string_equal(pl_issue_id(pl_scenario_issue(s, 1)), "Tax_rate_2");
    assert_string_equal(pl_actor_id(pl_scenario_actor(s, 1)), "A_b_2");
    assert_string_equal(pl_actor_name(pl_scenario_actor(s, 1)), "A_b");
    test_round_trip(s, yaml);
    pl_scenario_free(s);
}

static void test_memory_params(void **state)
{
    (void)state;
    const char *t = HEAD META
        "  <ModelParameters>\n"                                   /* 5 */
        "    <VictoryProbModel>Octic</VictoryProbModel>\n"        /* 6 */
        "    <BigRAdjust>NoRA</BigRAdjust>\n"                     /* 7: KTAB's enum name */
        "    <InterVecBrgn>S2PMax</InterVecBrgn>\n"               /* 8 */
        "    <BargnModel>PWCompInterp</BargnModel>\n"             /* 9 */
        "    <VotingRule>Majority</VotingRule>\n"                 /* 10 */
        "    <PCEModl>Conditional</PCEModl>\n"                    /* 11 */
        "    <VictoryProbModel>Linear</VictoryProbModel>\n"       /* 12 */
        "    <BigRRange> Min </BigRRange>\n"                      /* 13 */
        "    <ThirdPartyCommit>SemiCommit</ThirdPartyCommit>\n"   /* 14 */
        "  </ModelParameters>\n"
        "  <Extra/>\n"                                            /* 16 */
        DIMS ACTORS(ACTOR("Ann", "100", "20", "70", "40", "30"),
                    ACTOR("Bob", "80", "60", "35", "50", "50")) TAIL;
    char *yaml;
    warnings ws;
    pl_scenario *s = import_ok(t, &yaml, &ws);
    assert_string_equal(ws.text,
        "6:5: KTAB model parameter VictoryProbModel = Octic; run parley forecast --model smp "
        "--smp-victory octic to use it\n"
        "7:5: KTAB model parameter BigRAdjust = NoRA; run parley forecast --model smp "
        "--smp-perspective none to use it\n"
        "8:5: KTAB model parameter InterVecBrgn = S2PMax; run parley forecast --model smp "
        "--smp-bargain s2pmax to use it\n"
        "9:5: KTAB model parameter BargnModel = PWCompInterp; run parley forecast --model smp "
        "--smp-bargains power to use it\n"
        "10:5: KTAB model parameter VotingRule = 'Majority' is not a value KTAB knows; ignored; "
        "expected Binary, PropBin, Prop, PropCbc, Cubic or ASymProsp\n"
        "11:5: <PCEModl> is not a KTAB model parameter; ignored (did you mean <PCEModel>?); "
        "expected VictoryProbModel, PCEModel, StateTransitions, VotingRule, BigRAdjust, "
        "BigRRange, ThirdPartyCommit, InterVecBrgn or BargnModel\n"
        "12:5: KTAB model parameter VictoryProbModel is given again (the first, at line 6, "
        "counts, as in KTAB); ignored\n"
        "13:5: KTAB model parameter BigRRange = Min; run parley forecast --model smp "
        "--smp-risk min to use it\n"
        "16:3: <Extra> is not part of <Scenario>; ignored\n");
    assert_non_null(strstr(yaml, "# KTAB ModelParameters, all together: parley forecast --model "
                                 "smp --smp-victory octic --smp-perspective none "
                                 "--smp-bargain s2pmax --smp-bargains power --smp-risk min\n"));
    assert_non_null(strstr(yaml, "# KTAB ModelParameters: InterVecBrgn = S2PMax -> parley "
                                 "forecast --model smp --smp-bargain s2pmax\n"));
    assert_non_null(strstr(yaml, "# KTAB ModelParameters: ThirdPartyCommit = SemiCommit -> "
                                 "parley's default (--smp-commit semi)\n"));
    test_round_trip(s, yaml);
    pl_scenario_free(s);
}

static void test_memory_errors(void **state)
{
    (void)state;
    char *t = replace_all(GOOD, "<dCoord>70</dCoord>", "<dCoord></dCoord>");
    expect_error(t, 16, 9, "Ann's position on Trade is empty; expected a number from 0 to 100");
    free(t);
    t = replace_all(GOOD, "<dSal>30</dSal>", "<dSal>70</dSal>");
    expect_error(t, 18, 7, "Ann's saliences sum to 110; expected at most 100 (KTAB's saliences "
                 "are shares of the actor's attention, in percent)");
    free(t);
    t = replace_all(GOOD, "<capability>80</capability>", "<capability>0</capability>");
    expect_error(t, 26, 7, "Bob's capability is 0; expected a positive number, at most 1e12");
    free(t);
    t = replace_all(GOOD, "<name>Bob</name>", "<name>Ann</name>");
    expect_error(t, 24, 7, "actor 'Ann' appears twice (first at line 11); expected distinct "
                 "names");
    free(t);
    t = replace_all(GOOD, "<Scenario>", "<!DOCTYPE Scenario>\n<Scenario>");
    expect_error(t, 2, 1, "a <!DOCTYPE> declaration; expected KTAB scenario XML, which has none");
    free(t);
    t = replace_all(GOOD, "    <dName>Trade</dName>\n", "");
    expect_error(t, 15, 9, "Ann's <Position> has more than 1 <dCoord>; expected 1, one per "
                 "dimension");
    free(t);
    char *u = replace_all(GOOD, "<Scenario>", "<Scenarios>");
    t = replace_all(u, "</Scenario>", "</Scenarios>");
    free(u);
    expect_error(t, 2, 1, "the root element is <Scenarios>; expected <Scenario> (a KTAB SMP "
                 "scenario)");
    free(t);
    /* after a byte-order mark, columns count from the first character after it */
    expect_error("\xEF\xBB\xBF<Scenario><name>x</name><desc/><Dimensions/><Actors/></Scenario>", 1,
                 32, "<Dimensions> lists no <dName>; expected one per dimension");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dummy_matches_csv),
        cmocka_unit_test(test_dummy_smp),
        cmocka_unit_test(test_smp_example),
        cmocka_unit_test(test_memory_basics),
        cmocka_unit_test(test_memory_params),
        cmocka_unit_test(test_memory_errors),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    FILE *f = fopen(DUMMY_XML, "rb");
    if (f)
        fclose(f);
    if (failed == 0 && !f) { /* the shared data are absent: say the file tests were skipped */
        printf("SKIP: %s not found (../shared is absent); the in-memory tests passed\n", KTAB);
        return 77;
    }
    return failed;
}
