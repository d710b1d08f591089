/* SPDX-License-Identifier: MIT */
/*
** test_store.c: the run store (src/store, docs/run-store.md). Expected values:
**  - the run id recomputed here from its definition: XXH3-128 of
**    "parley-run\0", the version, command, options, seed and draws (each
**    NUL-ended) and the scenario bytes, in 32 lowercase hex digits; identical
**    inputs give the identical id, another seed another one;
**  - a small stress run (built-in scenario, 50 draws, forecast and power)
**    written and read back: one run row with draws = 50, as many metric rows
**    as pl_stress_n_metrics, as many input rows as pl_stress_n_inputs; a
**    second identical run replaces the first; a rolled-back run leaves
**    nothing; per-draw values keep NaN as NULL;
**  - refusals: a newer schema (user_version 99), a file that is not SQLite,
**    someone else's database (left untouched), a missing file when reading;
**  - list/show/diff/export emit JSON that names the run; ids resolve by
**    unique prefix, an ambiguous or unknown prefix is PL_ENOTFOUND.
*/
#include "tests/unit/test_util.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xxhash.h>

typedef struct fixture {
    pl_scenario *s;
    pl_stress *st;
    pl_run_info info;
    char path[64];
} fixture;

static const char opts_text[] = "analyses=forecast,power\n";

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    pl_error err;
    if (!f || pl_scenario_load_builtin(&f->s, NULL, NULL, &err))
        return -1;
    pl_stress_opts o = PL_STRESS_OPTS_INIT;
    o.draws = 50, o.seed = 42, o.analyses = PL_STRESS_FORECAST | PL_STRESS_POWER;
    if (pl_stress_run(&f->st, f->s, &o, &err))
        return -1;
    size_t len = 0;
    const char *text = pl_scenario_text(f->s, &len);
    f->info = (pl_run_info){"stress", pl_scenario_name(f->s), text, len, opts_text, 42, 50};
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    pl_stress_free(f->st);
    pl_scenario_free(f->s);
    free(f);
    return 0;
}

/* A fresh temporary path, no file there yet. */
static void temp_path(fixture *f)
{
    snprintf(f->path, sizeof f->path, "/tmp/parley-store-XXXXXX");
    int fd = mkstemp(f->path);
    assert_true(fd >= 0);
    close(fd);
    unlink(f->path);
}

static int count(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    int n = -1;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

static void exec_sql(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* Begin, commit the fixture's run, close; returns *replaced. */
static int store_run(fixture *f, char id[33])
{
    pl_store *db;
    pl_error err;
    int replaced = -1;
    if (pl_store_open(&db, f->path, 1, &err))
        fail_msg("%s", err.msg);
    if (pl_store_begin(db, &f->info, id, &replaced, &err) ||
        pl_store_commit(db, f->st, &err))
        fail_msg("%s", err.msg);
    pl_store_close(db);
    return replaced;
}

/* ---- the run id -------------------------------------------------------------------- */

static void test_run_id(void **state)
{
    fixture *f = *state;
    pl_run_info r = {"stress", "x", "scen", 4, "a=1\n", 42, 50};
    char id[33], id2[33], want[33], buf[256];
    pl_run_id(&r, id);
    /* the definition, byte by byte */
    int n = snprintf(buf, sizeof buf, "parley-run%c%s%cstress%ca=1\n%c42%c50%cscen", 0,
                     pl_version(), 0, 0, 0, 0, 0);
    XXH128_hash_t h = XXH3_128bits(buf, (size_t)n);
    snprintf(want, sizeof want, "%016llx%016llx", (unsigned long long)h.high64,
             (unsigned long long)h.low64);
    assert_string_equal(id, want);
    assert_int_equal(strspn(id, "0123456789abcdef"), 32);
    pl_run_id(&r, id2);
    assert_string_equal(id, id2); /* stable */
    r.scenario_name = "another name";  /* not an input: the same id */
    pl_run_id(&r, id2);
    assert_string_equal(id, id2);
    r.seed = 43;
    pl_run_id(&r, id2);
    assert_string_not_equal(id, id2);
    pl_run_id(&f->info, id);
    assert_int_equal(strlen(id), 32);
}

/* The canonical options come from the values: one text per value, however it was typed. */
static const char *options_of(const pl_stress_opts *o, char *buf, size_t size)
{
    size_t len;
    assert_int_equal(pl_run_options(o, buf, size, &len, NULL), PL_OK);
    assert_int_equal(strlen(buf), len);
    return buf;
}

static void test_run_options(void **state)
{
    (void)state;
    char buf[512];
    pl_stress_opts o = PL_STRESS_OPTS_INIT;
    assert_string_equal(options_of(&o, buf, sizeof buf), "");  /* the defaults: no line */
    o.threads = 8, o.draws = 7, o.seed = 3, o.settle.threads = 4, o.forecast.smp.threads = 2;
    assert_string_equal(options_of(&o, buf, sizeof buf), "");  /* none shapes the results */
    o.forecast.eum.q = strtod(".5", NULL);
    assert_string_equal(options_of(&o, buf, sizeof buf), "eum-q=0.5\n");
    o.forecast.eum.q = strtod("5e-1", NULL);
    assert_string_equal(buf, options_of(&o, buf, sizeof buf));
    assert_string_equal(buf, "eum-q=0.5\n");
    o.forecast.eum.q = 0.1 + 0.2;  /* the shortest text that reads back exactly */
    assert_string_equal(options_of(&o, buf, sizeof buf), "eum-q=0.30000000000000004\n");
    o = (pl_stress_opts)PL_STRESS_OPTS_INIT;
    o.analyses = PL_STRESS_POWER | PL_STRESS_FORECAST;
    o.forecast.models = (1u << PL_MODEL_EUM) | (1u << PL_MODEL_MEAN);
    o.forecast.loss = o.settle.loss = PL_LOSS_QUADRATIC;
    o.settle.normalise = 1;
    o.settle.parties = "UKR,RUS";
    o.settle.tau = 0.25;
    assert_string_equal(options_of(&o, buf, sizeof buf),
                        "analyses=forecast,power\nloss=quadratic\nmodel=mean,eum\nnormalise=\n"
                        "parties=UKR,RUS\nsettle-loss=quadratic\ntau=0.25\n");
    /* sized by a first call; truncated, NUL-terminated */
    size_t len;
    char small[8];
    assert_int_equal(pl_run_options(&o, NULL, 0, &len, NULL), PL_OK);
    assert_int_equal(len, strlen(buf));
    assert_int_equal(pl_run_options(&o, small, sizeof small, &len, NULL), PL_OK);
    assert_string_equal(small, "analyse");
    assert_int_equal(len, strlen(buf));
    pl_error err;
    assert_int_equal(pl_run_options(NULL, buf, sizeof buf, &len, &err), PL_EMISUSE);
    double a[1] = {0.5};
    o.forecast.smp.accommodation = a;
    assert_int_equal(pl_run_options(&o, buf, sizeof buf, &len, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "accommodation matrix"));
    /* the words come from the one table the CLI reads too */
    size_t n;
    assert_string_equal(pl_option_choices("loss", &n)[1], "quadratic");
    assert_int_equal(n, 2);
    assert_string_equal(pl_option_choice("eum-prob", PL_EUM_PROB_NET), "net");
    assert_null(pl_option_choice("eum-prob", 3));
    assert_null(pl_option_choices("no-such-option", &n));
    assert_int_equal(n, 0);
}

/* ---- writing --------------------------------------------------------------------------- */

/* The what-if lines: the variant, then each change in the order given (order matters). */
static void test_run_changes(void **state)
{
    (void)state;
    static const char *const changes[] = {"positions.RUS.TERR.salience=0.3",
                                          "actors.EUR.at_table=false"};
    pl_load_opts o = PL_LOAD_OPTS_INIT;
    pl_scenario *s;
    char buf[200], small[10];
    size_t len = 0;
    assert_int_equal(pl_scenario_load_builtin(&s, NULL, NULL, NULL), PL_OK);
    assert_int_equal(pl_run_changes(s, buf, sizeof buf, &len, NULL), PL_OK);
    assert_int_equal(len, 0);
    assert_string_equal(buf, "");
    pl_scenario_free(s);
    o.variant = "no-army-cap";
    o.changes = changes;
    o.n_changes = 2;
    assert_int_equal(pl_scenario_load_builtin(&s, NULL, &o, NULL), PL_OK);
    assert_int_equal(pl_run_changes(s, NULL, 0, &len, NULL), PL_OK);
    const char *want = "variant=no-army-cap\nset.positions.RUS.TERR.salience=0.3\n"
                       "set.actors.EUR.at_table=false\n";
    assert_int_equal(len, strlen(want));
    assert_int_equal(pl_run_changes(s, buf, sizeof buf, &len, NULL), PL_OK);
    assert_string_equal(buf, want);
    assert_int_equal(pl_run_changes(s, small, sizeof small, &len, NULL), PL_OK);
    assert_string_equal(small, "variant=n");  /* truncated, NUL-terminated, full length */
    assert_int_equal(len, strlen(want));
    assert_int_equal(pl_run_changes(NULL, buf, sizeof buf, &len, NULL), PL_EMISUSE);
    pl_scenario_free(s);
}

static void test_write(void **state)
{
    fixture *f = *state;
    char id[33], id2[33], sql[160];
    temp_path(f);
    assert_int_equal(store_run(f, id), 0);
    snprintf(sql, sizeof sql, "SELECT draws FROM run WHERE id = '%s' AND finished IS NOT NULL",
             id);
    assert_int_equal(count(f->path, sql), 50);
    assert_int_equal(count(f->path, "SELECT count(*) FROM metric"),
                     (int)pl_stress_n_metrics(f->st));
    assert_int_equal(count(f->path, "SELECT count(*) FROM input"),
                     (int)pl_stress_n_inputs(f->st));
    assert_int_equal(count(f->path, "SELECT count(*) FROM failure"), 2);
    assert_int_equal(count(f->path, "PRAGMA user_version"), PL_STORE_SCHEMA);
    assert_int_equal(count(f->path, "SELECT count(*) FROM draw_value"), 0);
    /* reopened (create = 0), the same inputs again: replaced, still one run */
    assert_int_equal(store_run(f, id2), 1);
    assert_string_equal(id, id2);
    assert_int_equal(count(f->path, "SELECT count(*) FROM run"), 1);
    assert_int_equal(count(f->path, "SELECT count(*) FROM metric"),
                     (int)pl_stress_n_metrics(f->st));
    unlink(f->path);
}

static void test_rollback(void **state)
{
    fixture *f = *state;
    pl_store *db;
    pl_error err;
    char id[33];
    int replaced;
    temp_path(f);
    store_run(f, id);
    assert_int_equal(pl_store_open(&db, f->path, 0, &err), PL_OK);
    /* a replacement rolled back keeps the stored run */
    assert_int_equal(pl_store_begin(db, &f->info, id, &replaced, &err), PL_OK);
    assert_int_equal(replaced, 1);
    pl_store_rollback(db);
    assert_int_equal(count(f->path, "SELECT count(*) FROM metric"),
                     (int)pl_stress_n_metrics(f->st));
    /* a new run rolled back leaves nothing, draws included */
    pl_run_info r = f->info;
    r.seed = 7;
    double v[3] = {1, NAN, 3};
    assert_int_equal(pl_store_begin(db, &r, id, &replaced, &err), PL_OK);
    assert_int_equal(replaced, 0);
    assert_int_equal(pl_store_draw(db, 0, v, 3, &err), PL_OK);
    pl_store_rollback(db);
    /* results of another run are refused, and nothing stays */
    assert_int_equal(pl_store_begin(db, &r, id, &replaced, &err), PL_OK);
    assert_int_equal(pl_store_commit(db, f->st, &err), PL_EMISUSE);
    pl_store_close(db);
    assert_int_equal(count(f->path, "SELECT count(*) FROM run"), 1);
    assert_int_equal(count(f->path, "SELECT count(*) FROM draw_value"), 0);
    unlink(f->path);
}

static void test_draws(void **state)
{
    fixture *f = *state;
    pl_store *db;
    pl_error err;
    char id[33];
    double v[3] = {1.5, NAN, -2};
    temp_path(f);
    assert_int_equal(pl_store_open(&db, f->path, 1, &err), PL_OK);
    assert_int_equal(pl_store_begin(db, &f->info, id, NULL, &err), PL_OK);
    for (uint64_t d = 0; d < 4; d++)
        assert_int_equal(pl_store_draw(db, d, v, 3, &err), PL_OK);
    assert_int_equal(pl_store_commit(db, f->st, &err), PL_OK);
    pl_store_close(db);
    assert_int_equal(count(f->path, "SELECT count(*) FROM draw_value"), 12);
    assert_int_equal(count(f->path, "SELECT count(*) FROM draw_value WHERE value IS NULL"), 4);
    assert_int_equal(count(f->path, "SELECT value FROM draw_value WHERE draw = 3 AND col = 2"),
                     -2);
    unlink(f->path);
}

/* ---- refusals ------------------------------------------------------------------------- */

static void expect_refused(const char *path, int create, int code, const char *words)
{
    pl_store *db = (pl_store *)1;
    pl_error err;
    assert_int_equal(pl_store_open(&db, path, create, &err), code);
    assert_null(db);
    assert_string_equal(err.file, path);
    if (!strstr(err.msg, words))
        fail_msg("'%s' does not say '%s'", err.msg, words);
}

static void test_refused(void **state)
{
    fixture *f = *state;
    char id[33];
    temp_path(f);
    expect_refused(f->path, 0, PL_ENOTFOUND, "no run store");
    store_run(f, id);
    exec_sql(f->path, "PRAGMA user_version = 99");
    expect_refused(f->path, 1, PL_EINPUT, "schema version 99 is newer");
    unlink(f->path);

    FILE *fp = fopen(f->path, "wb");
    assert_non_null(fp);
    fputs("hello", fp);
    fclose(fp);
    expect_refused(f->path, 1, PL_EINPUT, "not a SQLite run store");
    unlink(f->path);

    exec_sql(f->path, "CREATE TABLE notes (x TEXT)");
    expect_refused(f->path, 1, PL_EINPUT, "not a parley run store");
    assert_int_equal(count(f->path, "SELECT count(*) FROM sqlite_master"), 1); /* untouched */
    unlink(f->path);
}

/* ---- reading --------------------------------------------------------------------------- */

typedef enum { LIST, SHOW, DIFF, EXPORT } reader;

/* One reader's JSON document into m (freed by the caller); its status. */
static int read_json(pl_store *db, reader r, const char *a, const char *b, test_sink *m,
                     pl_error *err)
{
    pl_emitter *e;
    memset(m, 0, sizeof *m);
    assert_int_equal(pl_emitter_new(&e, PL_FORMAT_JSON, test_sink_write, m, NULL, NULL), PL_OK);
    pl_emit_object_begin(e, NULL, NULL);
    int rc = r == LIST   ? pl_store_list(db, e, err)
             : r == SHOW ? pl_store_show(db, a, e, err)
             : r == DIFF ? pl_store_diff(db, a, b, e, err)
                         : pl_store_export(db, a, e, err);
    pl_emit_object_end(e);
    if (!rc)
        assert_int_equal(pl_emitter_finish(e, NULL), PL_OK);
    pl_emitter_free(e);
    return rc;
}

static void test_read(void **state)
{
    fixture *f = *state;
    pl_store *db;
    pl_error err;
    test_sink m;
    char id[33], id2[33], prefix[7];
    temp_path(f);
    store_run(f, id);
    assert_int_equal(pl_store_open(&db, f->path, 0, &err), PL_OK);
    snprintf(prefix, sizeof prefix, "%s", id);
    for (reader r = LIST; r <= EXPORT; r++) {
        if (read_json(db, r, prefix, id, &m, &err))
            fail_msg("reader %d: %s", (int)r, err.msg);
        assert_non_null(strstr(m.data, id));
        if (r == EXPORT)
            assert_non_null(strstr(m.data, "\"sensitivity\""));
        free(m.data);
    }
    /* bad, unknown and ambiguous ids */
    assert_int_equal(read_json(db, SHOW, "zz", NULL, &m, &err), PL_EINPUT);
    free(m.data);
    snprintf(id2, sizeof id2, "%c%s", id[0] == '0' ? '1' : '0', id + 1);
    assert_int_equal(read_json(db, SHOW, id2, NULL, &m, &err), PL_ENOTFOUND);
    assert_non_null(strstr(err.msg, "no run matches"));
    free(m.data);
    pl_store_close(db);
#define RUN_COLS "INSERT INTO run (id, command, scenario_name, scenario, options, seed, draws, " \
                 "version, started, finished) VALUES "
    exec_sql(f->path, RUN_COLS "('abcd0000000000000000000000000001', 'stress', "
                      "'x', 's', '', '1', 1, '0', '2000-01-01', NULL); " RUN_COLS
                      "('abcd0000000000000000000000000002', 'stress', 'x', 's', '', '1', 1, "
                      "'0', '2000-01-01', NULL)");
    assert_int_equal(pl_store_open(&db, f->path, 0, &err), PL_OK);
    assert_int_equal(read_json(db, SHOW, "ABCD", NULL, &m, &err), PL_ENOTFOUND);
    assert_non_null(strstr(err.msg, "matches 2 runs"));
    free(m.data);
    pl_store_close(db);
    unlink(f->path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_run_id),  cmocka_unit_test(test_run_options),
        cmocka_unit_test(test_run_changes),
        cmocka_unit_test(test_write),
        cmocka_unit_test(test_rollback), cmocka_unit_test(test_draws),
        cmocka_unit_test(test_refused), cmocka_unit_test(test_read),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
