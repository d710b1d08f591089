/* SPDX-License-Identifier: MIT */
/*
** test_input.c: inputs read once with a limit, formats recognised from
** their bytes, and any input loaded by pl_input_load (parley/input.h).
*/
#include "tests/unit/test_util.h"

#include <stdio.h>
#include <stdlib.h>

#define SEEDS PL_SOURCE_DIR "/fuzz/seeds/"

static const char *const two_actors =
    "parley: 1\nname: t\nactors:\n  - {id: A, capability: 1}\n  - {id: B, capability: 1}\n"
    "issues:\n  - {id: X, scale: {0: no, 100: yes}}\n"
    "positions:\n  A: {X: {position: 0, salience: 1}}\n  B: {X: {position: 100, salience: 1}}\n";

static pl_input_format detect(const char *text, const char *name)
{
    return pl_input_detect(text, strlen(text), name);
}

static void detects_from_bytes(void **state)
{
    (void)state;
    assert_int_equal(detect(two_actors, NULL), PL_INPUT_YAML);
    assert_int_equal(detect("# a comment\nname: x\nparley: 1\n", NULL), PL_INPUT_YAML);
    assert_int_equal(detect("  {\"parley\": 1}", NULL), PL_INPUT_JSON);
    assert_int_equal(detect("{parley: 1}", "s.yaml"), PL_INPUT_YAML);
    assert_int_equal(detect("name: x\n", "s.json"), PL_INPUT_JSON);
    assert_int_equal(detect("\"prnrnmc\"\t\"isnrnmc\"\n", "s.yaml"), PL_INPUT_DEU);
    assert_int_equal(detect("#A\tA\tAlpha\n", NULL), PL_INPUT_DECIDE);
    assert_int_equal(detect("'#P'\t'I'\n", NULL), PL_INPUT_DECIDE);
    assert_int_equal(detect("\n\n#/\n", NULL), PL_INPUT_DECIDE);
    /* a YAML comment is not a Decide record */
    assert_int_equal(detect("#A scenario\nparley: 1\n", NULL), PL_INPUT_YAML);
    assert_int_equal(detect("# A\n", NULL), PL_INPUT_UNKNOWN);
    assert_int_equal(detect("T, \"d\", 2, 1,\nActor, Description, Power\n", NULL),
                     PL_INPUT_KTAB_CSV);
    assert_int_equal(detect("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c -->\n<Scenario>", NULL),
                     PL_INPUT_KTAB_XML);
    assert_int_equal(detect("<!DOCTYPE Scenario [\n<!ENTITY a \"b\">\n]>\n<Scenario/>", NULL),
                     PL_INPUT_KTAB_XML);
    assert_int_equal(detect("<!-- first -->\n<?xml?>\n<negotiation_template>", NULL),
                     PL_INPUT_GENIUS_DOMAIN);
    assert_int_equal(detect("<utility_space type=\"x\">", NULL), PL_INPUT_GENIUS_PROFILE);
    assert_int_equal(detect("<Scenarios>", NULL), PL_INPUT_UNKNOWN);
    assert_int_equal(detect("<!-- never closed", NULL), PL_INPUT_UNKNOWN);
    assert_int_equal(detect("", NULL), PL_INPUT_UNKNOWN);
    assert_int_equal(pl_input_detect(NULL, 0, NULL), PL_INPUT_UNKNOWN);
}

static void format_names(void **state)
{
    (void)state;
    pl_input_format f = PL_INPUT_UNKNOWN;
    assert_int_equal(pl_input_format_parse(&f, "ktab"), PL_OK);
    assert_int_equal(f, PL_INPUT_KTAB_CSV);
    assert_int_equal(pl_input_format_parse(&f, "genius"), PL_OK);
    assert_int_equal(f, PL_INPUT_GENIUS_DOMAIN);
    assert_int_equal(pl_input_format_parse(&f, "xml"), PL_EINPUT);
    assert_int_equal(f, PL_INPUT_GENIUS_DOMAIN);
    assert_null(pl_input_format_name(PL_INPUT_UNKNOWN));
    assert_string_equal(pl_input_format_name(PL_INPUT_KTAB_XML), "ktab");
    assert_string_equal(pl_input_format_title(PL_INPUT_DECIDE), "Decide CSV");
    assert_string_equal(pl_input_format_title((pl_input_format)99), "an unknown format");
}

/* Each seed, read from its file, is recognised and loads as its format does with --from. */
static void seeds_load(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        pl_input_format f;
        size_t actors;
    } seeds[] = {{"synthetic.deu.txt", PL_INPUT_DEU, 0},
                 {"synthetic.decide.txt", PL_INPUT_DECIDE, 3},
                 {"synthetic.ktab.txt", PL_INPUT_KTAB_CSV, 3},
                 {"synthetic.ktab.xml", PL_INPUT_KTAB_XML, 0}};
    for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
        pl_input *in = NULL;
        pl_error err;
        char path[512];
        snprintf(path, sizeof path, "%s%s", SEEDS, seeds[i].file);
        assert_int_equal(pl_input_read(&in, path, 0, &err), PL_OK);
        assert_int_equal(pl_input_format_of(in), seeds[i].f);
        assert_string_equal(pl_input_name(in), path);
        pl_scenario *s = NULL;
        char *yaml = NULL;
        const pl_input *const one[1] = {in};
        if (pl_input_load(&s, &yaml, 1, one, PL_INPUT_UNKNOWN, NULL, &err))
            fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
        if (seeds[i].actors)
            assert_int_equal(pl_scenario_n_actors(s), seeds[i].actors);
        assert_non_null(strstr(yaml, "parley: 1"));
        pl_scenario_free(s);
        free(yaml);
        pl_input_free(in);
    }
}

static void buffers_and_hints(void **state)
{
    (void)state;
    pl_input *in = NULL;
    pl_error err;
    assert_int_equal(pl_input_from_buffer(&in, two_actors, strlen(two_actors), NULL, &err), PL_OK);
    assert_string_equal(pl_input_name(in), "<input>");
    size_t len = 0;
    assert_memory_equal(pl_input_data(in, &len), two_actors, strlen(two_actors));
    assert_int_equal(len, strlen(two_actors));
    const pl_input *const one[1] = {in};
    pl_scenario *s = NULL;
    char *yaml = NULL;
    assert_int_equal(pl_input_load(&s, &yaml, 1, one, PL_INPUT_UNKNOWN, NULL, &err), PL_OK);
    assert_string_equal(yaml, two_actors);
    pl_scenario_free(s);
    free(yaml);
    /* a format named overrides the bytes: YAML read as Decide fails at Decide's first line */
    assert_int_equal(pl_input_load(&s, NULL, 1, one, PL_INPUT_DECIDE, NULL, &err), PL_EINPUT);
    assert_null(s);
    assert_string_equal(err.file, "<input>");
    assert_int_equal(err.line, 1);
    /* one input per format, except GENIUS */
    const pl_input *const two[2] = {in, in};
    assert_int_equal(pl_input_load(&s, NULL, 2, two, PL_INPUT_UNKNOWN, NULL, &err), PL_EINPUT);
    assert_int_equal(pl_input_load(&s, NULL, 1, one, PL_INPUT_GENIUS_DOMAIN, NULL, &err),
                     PL_EINPUT);
    assert_non_null(strstr(err.msg, "at least 2 profiles"));
    assert_int_equal(pl_input_load(&s, NULL, 0, one, PL_INPUT_UNKNOWN, NULL, &err), PL_EMISUSE);
    pl_input_free(in);
    pl_input_free(NULL);
}

static void limits(void **state)
{
    (void)state;
    char path[] = "/tmp/parley-test-input.XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    for (int i = 0; i < 1024 * 1024 + 1; i++)
        fputc('#', f);
    fclose(f);
    pl_input *in = NULL;
    pl_error err;
    assert_int_equal(pl_input_read(&in, path, (size_t)1 << 20, &err), PL_EINPUT);
    assert_null(in);
    assert_string_equal(err.msg, "larger than the input limit of 1 MiB; expected a smaller input "
                                 "or a higher limit");
    assert_int_equal(pl_input_read(&in, path, 1000, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "limit of 1000 bytes"));
    assert_int_equal(pl_input_read(&in, path, (size_t)2 << 20, &err), PL_OK);
    pl_input_free(in);
    /* the same limit for a file loaded directly, and for a buffer */
    pl_load_opts lo = PL_LOAD_OPTS_INIT;
    lo.max_input = 1000;
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_load_file(&s, path, &lo, &err), PL_EINPUT);
    assert_string_equal(err.file, path);
    assert_int_equal(pl_scenario_load_buffer(&s, two_actors, strlen(two_actors), "b", &lo, &err),
                     PL_OK);
    pl_scenario_free(s);
    lo.max_input = 100;
    assert_int_equal(pl_scenario_load_buffer(&s, two_actors, strlen(two_actors), "b", &lo, &err),
                     PL_EINPUT);
    remove(path);
    /* a device that never ends stops at the limit */
    assert_int_equal(pl_input_read(&in, "/dev/zero", 4096, &err), PL_EINPUT);
    assert_string_equal(err.file, "/dev/zero");
    assert_int_equal(pl_input_read(&in, "/dev/zero", PL_INPUT_MAX_CEILING + 1, &err), PL_EMISUSE);
    assert_int_equal(pl_input_read(&in, "/nonexistent/x", 0, &err), PL_EIO);
    assert_int_equal(pl_input_read(&in, NULL, 0, &err), PL_EMISUSE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(detects_from_bytes),
        cmocka_unit_test(format_names),
        cmocka_unit_test(seeds_load),
        cmocka_unit_test(buffers_and_hints),
        cmocka_unit_test(limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
