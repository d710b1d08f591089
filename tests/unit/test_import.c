/* SPDX-License-Identifier: MIT */
/*
** test_import.c: the DEU and Decide importers (src/import/deu.c, decide.c). Counts of
** the DEU table from MODELS.md section 12 (364 issues, 141 proposals, 353
** outcomes, 261 reference points, 216 COD / 148 CNS); Decide sample_data's
** initial outcomes O from MODELS.md section 2 (tol 1e-4); errors at the
** input's own line and column; the written YAML loads back to the same
** scenario; KTAB's dummyData_3Dim imports with saliences on 0-1. Tests on
** ../shared data skip with a message when it is absent.
*/
#include "tests/unit/test_util.h"

#include <stdio.h>
#include <stdlib.h>

#define DEU PL_SHARED_DIR "/deu3/deu3.csv"
#define DECIDE PL_SHARED_DIR "/data/decide/"


static void test_deu_counts(void **state)
{
    (void)state;
    test_need_file(DEU);
    pl_scenario *s;
    pl_error err;
    char *yaml;
    if (pl_import_file(&s, &yaml, DEU, PL_IMPORT_DEU, NULL, &err))
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
    size_t K = pl_scenario_n_issues(s), out = 0, rp = 0, cod = 0, cns = 0, groups = 0;
    assert_int_equal(K, 364);
    assert_int_equal(pl_scenario_n_actors(s), 30);
    for (size_t k = 0; k < K; k++) {
        const pl_issue *x = pl_scenario_issue(s, k);
        out += pl_issue_outcome(x) != NULL;
        rp += pl_issue_status_quo(x) != NULL;
        cod += strncmp(pl_issue_description(x), "COD", 3) == 0;
        cns += strncmp(pl_issue_description(x), "CNS", 3) == 0;
        size_t j = 0; /* a new proposal id? */
        while (j < k && strcmp(pl_issue_group(pl_scenario_issue(s, j)), pl_issue_group(x)) != 0)
            j++;
        groups += j == k;
    }
    assert_int_equal(out, 353);
    assert_int_equal(rp, 261);
    assert_int_equal(cod, 216);
    assert_int_equal(cns, 148);
    assert_int_equal(groups, 141);
    /* GDP as capability: Germany 4.1, Malta 0.02; saliences on 0-1 */
    assert_near(pl_actor_capability(pl_scenario_actor(s, 12))->value, 4.1, 0);
    assert_near(pl_actor_capability(pl_scenario_actor(s, 20))->value, 0.02, 0);
    test_round_trip(s, yaml);
    pl_scenario_free(s);
}

static void test_decide_sample(void **state)
{
    (void)state;
    static const double O[] = {49.3532, 27.2460, 50.5789, 52.4855, 49.4883, 56.6008};
    test_need_file(DECIDE "sample_data.txt");
    pl_scenario *s;
    pl_error err;
    if (pl_import_file(&s, NULL, DECIDE "sample_data.txt", PL_IMPORT_DECIDE, NULL, &err))
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
    assert_int_equal(pl_scenario_n_actors(s), 10);
    assert_int_equal(pl_scenario_n_issues(s), 6);
    pl_forecast_opts fo = PL_FORECAST_OPTS_INIT;
    fo.models = 1u << PL_MODEL_MEAN;
    pl_forecast *f;
    assert_int_equal(pl_forecast_compute(&f, s, &fo, &err), PL_OK);
    for (size_t k = 0; k < 6; k++)
        assert_near(pl_forecast_value(f, k, PL_MODEL_MEAN), O[k], 1e-4);
    pl_forecast_free(f);
    pl_scenario_free(s);
    static const char *const others[] = {"cop21.csv", "copenhagen.csv"};
    static const size_t dims[][2] = {{15, 13}, {11, 7}};
    for (size_t j = 0; j < 2; j++) {
        char path[512];
        snprintf(path, sizeof path, DECIDE "%s", others[j]);
        if (pl_import_file(&s, NULL, path, PL_IMPORT_DECIDE, NULL, &err))
            fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
        assert_int_equal(pl_scenario_n_actors(s), dims[j][0]);
        assert_int_equal(pl_scenario_n_issues(s), dims[j][1]);
        pl_scenario_free(s);
    }
    /* the file with errors: the first, at its line and column */
    assert_int_equal(pl_import_file(&s, NULL, DECIDE "copenhagen_with_errors.csv",
                                    PL_IMPORT_DECIDE, NULL, &err), PL_EINPUT);
    assert_int_equal(err.line, 86);
    assert_int_equal(err.col, 19);
    assert_non_null(strstr(err.msg, "position 160 of 'Russia' on issue 'Control' is outside"));
}

/* Import a buffer; returns the code and leaves the message in err. */
static int import(const char *text, pl_import_format f, pl_error *err)
{
    pl_scenario *s = NULL;
    int rc = pl_import_buffer(&s, NULL, text, strlen(text), "in.txt", f, NULL, err);
    pl_scenario_free(s);
    return rc;
}

static void test_decide_errors(void **state)
{
    (void)state;
    pl_error err;
    const char *head = "#A\tA1\tOne\n#A\tCanada\tTwo\n#P\tI\tIssue\n#M\tI\t0\n#M\tI\t10\n";
    char buf[512];
    snprintf(buf, sizeof buf, "%s#D\tA1\tI\t5\t0.5\t1\n#D\tCanada\tI\t10\t0.5\t1\n", head);
    assert_int_equal(import(buf, PL_IMPORT_DECIDE, &err), PL_OK);
    /* unknown actor key, with a hint */
    snprintf(buf, sizeof buf, "%s#D\tCanadas\tI\t5\t0.5\t1\n", head);
    assert_int_equal(import(buf, PL_IMPORT_DECIDE, &err), PL_EINPUT);
    assert_int_equal(err.line, 6);
    assert_int_equal(err.col, 4);
    assert_string_equal(err.msg, "actor 'Canadas' is not defined by an earlier #A line; "
                                 "did you mean 'Canada'?");
    /* NaN, ragged rows, salience above 1, power that changes */
    snprintf(buf, sizeof buf, "%s#D\tA1\tI\tnan\t0.5\t1\n", head);
    assert_int_equal(import(buf, PL_IMPORT_DECIDE, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "the position is 'nan'"));
    snprintf(buf, sizeof buf, "%s#D\tA1\tI\t5\t0.5\n", head);
    assert_int_equal(import(buf, PL_IMPORT_DECIDE, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "has 5 fields"));
    snprintf(buf, sizeof buf, "%s#D\tA1\tI\t5\t50\t1\n", head);
    assert_int_equal(import(buf, PL_IMPORT_DECIDE, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "the salience is '50'; expected a number in [0, 1]"));
    /* a quoted separator stays inside its field */
    snprintf(buf, sizeof buf, "#A\t\"A\tB\"\tOne\n#A\tC\tTwo\n#P\tI\tIssue\n"
                              "#D\t\"A\tB\"\tI\t5\t0.5\t1\n#D\tC\tI\t50\t0.5\t1\n");
    assert_int_equal(import(buf, PL_IMPORT_DECIDE, &err), PL_OK);
    /* equal bounds */
    assert_int_equal(import("#A\tA\n#A\tB\n#P\tI\n#M\tI\t3\n#M\tI\t3\n", PL_IMPORT_DECIDE,
                            &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "both #M bounds"));
    /* a single actor */
    assert_int_equal(import("#A\tA\n#P\tI\n#D\tA\tI\t5\t0.5\t1\n", PL_IMPORT_DECIDE, &err),
                     PL_EINPUT);
    assert_non_null(strstr(err.msg, "expected at least 2 actors"));
}

/* KTAB's 3-dimension example: 7 actors, saliences divided by 100, power as capability. */
static void test_ktab(void **state)
{
    (void)state;
    const char *path = PL_SHARED_DIR "/data/ktab/dummyData_3Dim.csv";
    test_need_file(path);
    pl_scenario *s;
    pl_error err;
    char *yaml;
    if (pl_import_file(&s, &yaml, path, PL_IMPORT_KTAB, NULL, &err))
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
    assert_int_equal(pl_scenario_n_actors(s), 7);
    assert_int_equal(pl_scenario_n_issues(s), 3);
    double x, sal;
    assert_int_equal(pl_scenario_position(s, 0, 0, &x, &sal), 1);
    assert_near(x, 75.79, 1e-12);
    assert_near(sal, 0.4953, 1e-12);
    assert_near(pl_actor_capability(pl_scenario_actor(s, 0))->value, 102.543, 1e-12);
    test_round_trip(s, yaml);
    pl_scenario_free(s);
    /* a quoted separator stays in its field */
    const char *q = "T, \"with, comma\", 2, 1,\nActor, Description, Power, X Position, X Salience,\n"
                    "A, \"Alpha, the first\", 1, 20, 50,\nB, Beta, 1, 80, 50,\n";
    assert_int_equal(pl_import_buffer(&s, NULL, q, strlen(q), "q.csv", PL_IMPORT_KTAB, NULL, &err),
                     PL_OK);
    assert_string_equal(pl_actor_name(pl_scenario_actor(s, 0)), "Alpha, the first");
    pl_scenario_free(s);
}

static void test_deu_errors(void **state)
{
    (void)state;
    pl_error err;
    assert_int_equal(import("a\tb\n", PL_IMPORT_DEU, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "the header has 2 columns; expected the 75"));
    assert_int_equal(import("", PL_IMPORT_DEU, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "no issue rows"));
    assert_int_equal(import("\"unterminated\n", PL_IMPORT_DEU, &err), PL_EINPUT);
    assert_int_equal(err.line, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deu_counts),
        cmocka_unit_test(test_decide_sample),
        cmocka_unit_test(test_decide_errors),
        cmocka_unit_test(test_ktab),
        cmocka_unit_test(test_deu_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
