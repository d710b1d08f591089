/* SPDX-License-Identifier: MIT */
/*
** test_compare.c: `parley compare` in the library (src/compare/). A small
** scenario and a copy with two edits: exactly those two inputs are named, with
** both values; the weighted mean of the edited issue is listed with both
** values, derived by hand below; an issue whose mean the edits leave alone is
** not listed; the same edits made by --set give the same differences; identical
** sides give none. The tree diff on hand-made tables: rows matched by their
** identifying columns whatever their order, rows on one side only, the size of
** a change, texts that are numbers or fractions; scenarios with other issues are refused with the id's place.
*/
#include "test_util.h"
#include "compare/compare_impl.h"
#include "emit/tree.h"

#include <math.h>

/*
** Weights are capability x salience. Issue X: A 1x1, B 1x1, C 2x0.5, all 1, so the
** mean is (0 + 100 + 50)/3 = 50; with A at 30 it is (30 + 100 + 50)/3 = 60: change 10,
** size 10 / max(1, 50, 60) = 1/6. Issue Y: A 1x0.5, B 1x0.5, C 2x1 = 2 at 0, 100, 50:
** (0 + 50 + 100)/3 = 50; with C's salience 0.5 (weight 1): (0 + 50 + 50)/2 = 50 again.
*/
static const char *const base =
    "parley: 1\n"
    "name: cmp\n"
    "actors:\n"
    "  - {id: A, capability: 1}\n"
    "  - {id: B, capability: 1}\n"
    "  - {id: C, capability: 2}\n"
    "issues:\n"
    "  - {id: X, scale: {0: none, 100: all}, status_quo: 0}\n"
    "  - {id: Y, scale: {0: no, 100: yes}, status_quo: 0}\n"
    "positions:\n"
    "  A: {X: {position: 0, salience: 1}, Y: {position: 0, salience: 0.5}}\n"
    "  B: {X: {position: 100, salience: 1}, Y: {position: 100, salience: 0.5}}\n"
    "  C: {X: {position: 50, salience: 0.5}, Y: {position: 50, salience: 1}}\n";

static const char *const edited =
    "parley: 1\n"
    "name: cmp\n"
    "actors:\n"
    "  - {id: A, capability: 1}\n"
    "  - {id: B, capability: 1}\n"
    "  - {id: C, capability: 2}\n"
    "issues:\n"
    "  - {id: X, scale: {0: none, 100: all}, status_quo: 0}\n"
    "  - {id: Y, scale: {0: no, 100: yes}, status_quo: 0}\n"
    "positions:\n"
    "  A: {X: {position: 30, salience: 1}, Y: {position: 0, salience: 0.5}}\n"
    "  B: {X: {position: 100, salience: 1}, Y: {position: 100, salience: 0.5}}\n"
    "  C: {X: {position: 50, salience: 0.5}, Y: {position: 50, salience: 0.5}}\n";

static pl_compare_side side(const char *text, const char *name, const char *const *changes,
                            size_t n)
{
    pl_compare_side x = PL_COMPARE_SIDE_INIT;
    pl_load_opts lo = PL_LOAD_OPTS_INIT;
    pl_scenario *s = NULL;
    lo.changes = changes;
    lo.n_changes = n;
    assert_int_equal(pl_scenario_load_buffer(&s, text, strlen(text), name, &lo, NULL), PL_OK);
    x.s = s;
    x.text = text;
    x.len = strlen(text);
    x.name = name;
    return x;
}

static const pl_compare_diff *result(const pl_compare *c, const char *analysis,
                                     const char *what)
{
    for (size_t i = 0; i < pl_compare_n_results(c); i++) {
        const pl_compare_diff *d = pl_compare_result(c, i);
        if (strcmp(d->analysis, analysis) == 0 && strcmp(d->what, what) == 0)
            return d;
    }
    return NULL;
}

static void check_edits(const pl_compare *c)
{
    assert_int_equal(pl_compare_n_inputs(c), 2);
    const pl_compare_diff *d = pl_compare_input(c, 0);
    assert_string_equal(d->what, "positions.A.X.position");
    assert_string_equal(d->a, "0");
    assert_string_equal(d->b, "30");
    d = pl_compare_input(c, 1);
    assert_string_equal(d->what, "positions.C.Y.salience");
    assert_string_equal(d->a, "1");
    assert_string_equal(d->b, "0.5");
    d = result(c, "forecast", "forecasts[X,mean].forecast");
    assert_non_null(d);
    assert_string_equal(d->a, "50");
    assert_string_equal(d->b, "60");
    assert_near(d->change, 10, 1e-12);
    assert_near(d->size, 1.0 / 6.0, 1e-12);
    assert_null(result(c, "forecast", "forecasts[Y,mean].forecast"));
    /* largest first */
    for (size_t i = 1; i < pl_compare_n_results(c); i++)
        assert_true(pl_compare_result(c, i - 1)->size >= pl_compare_result(c, i)->size);
}

static void test_two_edits(void **state)
{
    (void)state;
    pl_compare_side a = side(base, "a.yaml", NULL, 0), b = side(edited, "b.yaml", NULL, 0);
    pl_compare_opts o = PL_COMPARE_OPTS_INIT;
    o.analyses = 1u << PL_COMPARE_FORECAST | 1u << PL_COMPARE_SETTLE;
    pl_compare *c = NULL;
    assert_int_equal(pl_compare_compute(&c, &a, &b, &o, NULL), PL_OK);
    check_edits(c);
    pl_compare_free(c);
    /* the same edits as --set on the file as written */
    static const char *const set[] = {"positions.A.X.position=30",
                                      "positions.C.Y.salience=0.5"};
    pl_compare_side b2 = side(base, "a.yaml", set, 2);
    assert_int_equal(pl_compare_compute(&c, &a, &b2, &o, NULL), PL_OK);
    check_edits(c);
    pl_compare_free(c);
    /* identical sides: nothing */
    assert_int_equal(pl_compare_compute(&c, &a, &a, NULL, NULL), PL_OK);
    assert_int_equal(pl_compare_n_inputs(c), 0);
    assert_int_equal(pl_compare_n_results(c), 0);
    assert_int_equal(pl_compare_analyses(c), 1u << PL_COMPARE_FORECAST | 1u << PL_COMPARE_SETTLE);
    pl_compare_free(c);
    pl_scenario_free((pl_scenario *)(uintptr_t)a.s);
    pl_scenario_free((pl_scenario *)(uintptr_t)b.s);
    pl_scenario_free((pl_scenario *)(uintptr_t)b2.s);
}

static void test_other_issues(void **state)
{
    (void)state;
    static const char *const more =
        "parley: 1\n"
        "name: cmp\n"
        "actors: [{id: A, capability: 1}, {id: B, capability: 1}, {id: C, capability: 2}]\n"
        "issues:\n"
        "  - {id: X, scale: {0: none, 100: all}, status_quo: 0}\n"
        "  - {id: Z, scale: {0: no, 100: yes}, status_quo: 0}\n"
        "positions:\n"
        "  A: {X: {position: 0, salience: 1}, Z: {position: 0, salience: 0.5}}\n"
        "  B: {X: {position: 100, salience: 1}}\n"
        "  C: {X: {position: 50, salience: 0.5}}\n";
    pl_compare_side a = side(base, "a.yaml", NULL, 0), b = side(more, "b.yaml", NULL, 0);
    pl_compare *c = NULL;
    pl_error err;
    assert_int_equal(pl_compare_compute(&c, &a, &b, NULL, &err), PL_EINPUT);
    assert_null(c);
    /* Y is a's second issue: its id is written on line 9, column 10 */
    assert_string_equal(err.file, "a.yaml");
    assert_int_equal(err.line, 9);
    assert_int_equal(err.col, 10);
    assert_non_null(strstr(err.msg, "issue 'Y' is not in b.yaml"));
    pl_scenario_free((pl_scenario *)(uintptr_t)a.s);
    pl_scenario_free((pl_scenario *)(uintptr_t)b.s);
}

/* A tree with one table t of (id, kind, v) rows and one number n. */
static const pl__tnode *tree(pl_emitter **e, const char *const *ids, const double *v, size_t n,
                             double num)
{
    static const char *const cols[] = {"id", "kind", "v"};
    assert_int_equal(pl__emitter_new_tree(e, NULL), PL_OK);
    pl_emit_object_begin(*e, NULL, NULL);
    pl_emit_table_begin(*e, "t", NULL, cols, 3);
    for (size_t i = 0; i < n; i++) {
        pl_emit_row_begin(*e);
        pl_emit_string(*e, NULL, ids[i]);
        pl_emit_string(*e, NULL, "k");
        pl_emit_number(*e, NULL, v[i]);
        pl_emit_row_end(*e);
    }
    pl_emit_table_end(*e);
    pl_emit_number(*e, "n", num);
    pl_emit_object_end(*e);
    assert_int_equal(pl_emitter_finish(*e, NULL), PL_OK);
    return pl__emitter_tree(*e);
}

static void test_trees(void **state)
{
    (void)state;
    static const char *const ida[] = {"p", "q"}, *const idb[] = {"q", "r"};
    static const double va[] = {1, 2}, vb[] = {2.5, 1};
    pl_emitter *ea = NULL, *eb = NULL;
    const pl__tnode *ta = tree(&ea, ida, va, 2, 0.25), *tb = tree(&eb, idb, vb, 2, 0.25);
    pl_arena arena;
    pl_arena_init(&arena);
    pl__difflist l = {NULL, 0, 0, &arena};
    assert_int_equal(pl__compare_trees(&l, "x", ta, tb), PL_OK);
    /* p only in a, q's v 2 -> 2.5 (size 0.5 / 2.5), r only in b; n the same */
    assert_int_equal(l.n, 3);
    assert_string_equal(l.d[0].what, "t[p]");
    assert_string_equal(l.d[0].a, "(a row)");
    assert_null(l.d[0].b);
    assert_true(l.d[0].size == 1 && isnan(l.d[0].change));
    assert_string_equal(l.d[1].what, "t[q].v");
    assert_string_equal(l.d[1].a, "2");
    assert_string_equal(l.d[1].b, "2.5");
    assert_near(l.d[1].size, 0.2, 1e-15);
    assert_string_equal(l.d[2].what, "t[r]");
    assert_null(l.d[2].a);
    /* texts that are numbers: 1/2 -> 1/4 is a change of -0.25; 2/4 is 1/2, no change */
    static const char *const fa[] = {"1/2", "2/4", "17", "x"}, *const fb[] = {"1/4", "1/2", "34", "y"};
    pl_emitter *fe[2] = {NULL, NULL};
    const pl__tnode *ft[2];
    for (int i = 0; i < 2; i++) {
        assert_int_equal(pl__emitter_new_tree(&fe[i], NULL), PL_OK);
        pl_emit_object_begin(fe[i], NULL, NULL);
        for (int j = 0; j < 4; j++) {
            char key[8];
            snprintf(key, sizeof key, "k%d", j);
            pl_emit_string(fe[i], key, i ? fb[j] : fa[j]);
        }
        pl_emit_object_end(fe[i]);
        assert_int_equal(pl_emitter_finish(fe[i], NULL), PL_OK);
        ft[i] = pl__emitter_tree(fe[i]);
    }
    l.n = 0;
    assert_int_equal(pl__compare_trees(&l, "x", ft[0], ft[1]), PL_OK);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.d[0].what, "k0");
    assert_near(l.d[0].change, -0.25, 1e-15);
    assert_near(l.d[0].size, 0.25, 1e-15);
    assert_string_equal(l.d[1].what, "k2");
    assert_near(l.d[1].size, 0.5, 1e-15);   /* 17 -> 34: relative */
    assert_string_equal(l.d[2].what, "k3");
    assert_true(l.d[2].size == 1 && isnan(l.d[2].change));
    pl_emitter_free(fe[0]);
    pl_emitter_free(fe[1]);
    /* absolute below 1: 0.25 -> 0.5 is 0.25; rounding noise is no change */
    assert_near(pl__compare_size(0.25, 0.5), 0.25, 1e-15);
    assert_near(pl__compare_size(-200, 100), 1.5, 1e-15);
    free(l.d);
    pl_arena_free(&arena);
    pl_emitter_free(ea);
    pl_emitter_free(eb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_two_edits),
                                       cmocka_unit_test(test_other_issues),
                                       cmocka_unit_test(test_trees)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
