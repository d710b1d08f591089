/* SPDX-License-Identifier: MIT */
/*
** test_locale.c: the library under a comma-decimal locale, as a host program
** (a Python or R session, a GUI) may set it. The built-in scenario is loaded,
** forecast and settled, emitted as text, JSON and CSV, described in an HTML
** report with its charts, and a bad scenario's message is taken: everything
** must be byte for byte what the C locale gives.
**
** The comma locale is de_DE.UTF-8 (or another installed one); when none is
** installed it is made with localedef (package locales) under the build
** tree. Without either the test is skipped (77).
*/
#include "test_util.h"

#include <locale.h>
#include <sys/stat.h>

#ifndef PL_BINARY_DIR
#define PL_BINARY_DIR "."
#endif

static const char *comma_locale;

static int is_comma(void)
{
    const struct lconv *lc = localeconv();
    return lc && strcmp(lc->decimal_point, ",") == 0;
}

/* An installed comma locale, or one made under the build tree; NULL: none. */
static const char *find_comma_locale(void)
{
    static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8",
                                        "nl_NL.UTF-8", "ru_RU.UTF-8", "de_DE"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (setlocale(LC_ALL, names[i]) && is_comma())
            return names[i];
    /* made by an earlier run, else now (about 3 s), before the first setlocale()
       that looks there: glibc remembers a locale it did not find */
    const char *dir = PL_BINARY_DIR "/locale";
    char probe[1024];
    struct stat sb;
    snprintf(probe, sizeof probe, "%s/de_DE.UTF-8/LC_NUMERIC", dir);
    if (stat(probe, &sb) != 0) {
        char cmd[1024];
        mkdir(dir, 0755);
        snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 '%s/de_DE.UTF-8' >/dev/null 2>&1",
                 dir);
        if (system(cmd) != 0)
            return NULL;
    }
    if (setenv("LOCPATH", dir, 1) == 0 && setlocale(LC_ALL, "de_DE.UTF-8") && is_comma())
        return "de_DE.UTF-8";
    return NULL;
}

static void emit_to(test_sink *k, pl_format f, const char *table,
                    void (*describe)(pl_emitter *, const void *, const void *),
                    const void *a, const void *b)
{
    pl_emitter *e = NULL;
    pl_emit_opts o = PL_EMIT_OPTS_INIT;
    o.csv_table = table;
    assert_int_equal(pl_emitter_new(&e, f, test_sink_write, k, &o, NULL), PL_OK);
    pl_emit_object_begin(e, NULL, NULL);
    describe(e, a, b);
    pl_emit_object_end(e);
    pl_error err;
    if (pl_emitter_finish(e, &err) != PL_OK)
        fail_msg("emit: %s", err.msg);
    pl_emitter_free(e);
}

static void describe_forecast(pl_emitter *e, const void *f, const void *s)
{
    pl_forecast_emit(f, s, e);
}

static void describe_settle(pl_emitter *e, const void *st, const void *unused)
{
    (void)unused;
    pl_settle_emit(st, NULL, e);
}

static void describe_scenario(pl_emitter *e, const void *s, const void *unused)
{
    (void)unused;
    pl_scenario_emit(s, e);
}

/* The numbers an analysis prints: forecast, settle and the scenario, in every format. */
static void analyses(test_sink *k, const pl_scenario *s)
{
    pl_forecast *f = NULL;
    pl_settlement *st = NULL;
    pl_error err;
    pl_forecast_opts fo = PL_FORECAST_OPTS_INIT;
    pl_settle_opts so = PL_SETTLE_OPTS_INIT;
    assert_int_equal(pl_forecast_compute(&f, s, &fo, &err), PL_OK);
    assert_int_equal(pl_settle_compute(&st, s, &so, &err), PL_OK);
    for (pl_format fmt = PL_FORMAT_TEXT; fmt <= PL_FORMAT_CSV; fmt++) {
        emit_to(k, fmt, NULL, describe_forecast, f, s);
        emit_to(k, fmt, NULL, describe_settle, st, NULL);
        emit_to(k, fmt, "positions", describe_scenario, s, NULL);
    }
    pl_settle_free(st);
    pl_forecast_free(f);
}

/* The HTML report and every chart (a few Monte Carlo draws for the robustness part). */
static void report(test_sink *k, const pl_scenario *s)
{
    pl_report *r = NULL;
    pl_report_opts o = PL_REPORT_OPTS_INIT;
    o.draws = 8;
    pl_error err;
    assert_int_equal(pl_report_build(&r, s, &o, &err), PL_OK);
    assert_int_equal(pl_report_html(r, test_sink_write, k, &err), PL_OK);
    for (size_t i = 0; i < pl_report_n_charts(r); i++) {
        size_t len = 0;
        const char *svg = pl_report_chart_svg(r, i, &len);
        test_sink_write(svg, len, k);
    }
    pl_report_free(r);
}

/* A number read from a file and one in a message. */
static void message(test_sink *k)
{
    static const char bad[] = "parley: 1\nname: x\nactors:\n  - {id: A, capability: 2.5}\n"
                              "  - {id: B, capability: 1.5}\nissues:\n  - {id: I}\n"
                              "positions:\n  A: {I: {position: 10.5, salience: 1.75}}\n"
                              "  B: {I: {position: 20, salience: 0.5}}\n";
    pl_scenario *s = NULL;
    pl_error err;
    assert_int_equal(pl_scenario_load_buffer(&s, bad, strlen(bad), "bad.yaml", NULL, &err),
                     PL_EINPUT);
    char buf[600];
    pl_error_format(&err, buf, sizeof buf);
    test_sink_write(buf, strlen(buf), k);
}

static char *everything(void)
{
    test_sink k = {NULL, 0, 0};
    pl_scenario *s = NULL;
    pl_error err;
    if (pl_scenario_load_builtin(&s, NULL, NULL, &err) != PL_OK)
        fail_msg("the built-in scenario does not load: %s", err.msg);
    analyses(&k, s);
    report(&k, s);
    message(&k);
    pl_scenario_free(s);
    return k.data;
}

/* Fail at the first difference, showing it rather than two whole outputs. */
static void assert_same_text(const char *c, const char *d)
{
    size_t i = 0;
    while (c[i] && c[i] == d[i])
        i++;
    if (c[i] == d[i])
        return;
    size_t from = i > 60 ? i - 60 : 0;
    fail_msg("differs at byte %zu:\nC locale: ...%.120s\n%s: ...%.120s", i, c + from,
             comma_locale, d + from);
}

static void same_bytes_as_c(void **state)
{
    (void)state;
    setlocale(LC_ALL, "C");
    char *c = everything();
    assert_non_null(setlocale(LC_ALL, comma_locale));
    char *d = everything();
    /* the test means something only if the host's printf really writes commas */
    char probe[16];
    snprintf(probe, sizeof probe, "%.1f", 72.5);
    assert_string_equal(probe, "72,5");
    setlocale(LC_ALL, "C");
    assert_true(strstr(c, "salience") && strstr(c, "1.75"));
    assert_same_text(c, d);
    free(c);
    free(d);
}

int main(void)
{
    comma_locale = find_comma_locale();
    setlocale(LC_ALL, "C");
    if (!comma_locale) {
        printf("skipped: no comma-decimal locale is installed and localedef could not make "
               "de_DE.UTF-8 (Debian package locales)\n");
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_bytes_as_c),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
