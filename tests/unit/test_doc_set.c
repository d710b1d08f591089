/* SPDX-License-Identifier: MIT */
/*
** test_doc_set.c: what-if changes (src/scenario/doc_set.c, read_variants.c).
** The path resolver on small documents: mapping keys, list entries by id and
** by number, ids with dots, a number's `value`, new keys; the tree before a
** change stays intact; every path error and its message. Then loading with
** changes and variants: the scenario equals the one of the edited text (the
** expected texts are the hand edits written beside each case), and errors
** name the change.
*/
#include "test_util.h"
#include "scenario/doc_set.h"

static pl_doc parse(const char *text)
{
    pl_doc d;
    assert_int_equal(pl_doc_parse(&d, text, strlen(text), "t.yaml", 0, NULL), PL_OK);
    return d;
}

/* The node at a path of plain keys and ids (the test's own walk, not the resolver's). */
static const pl_doc_node *at(const pl_doc_node *n, const char *const *keys, size_t k)
{
    for (size_t i = 0; i < k && n; i++) {
        if (n->type == PL_DOC_MAP) {
            n = pl_doc_map_get(n, keys[i]);
            continue;
        }
        const pl_doc_node *found = NULL;
        for (size_t j = 0; n->type == PL_DOC_SEQ && j < n->len && !found; j++) {
            const pl_doc_node *id = pl_doc_map_get(n->items[j], "id");
            if (id && strcmp(id->text, keys[i]) == 0)
                found = n->items[j];
        }
        n = found;
    }
    return n;
}

static const char *const doc_text =
    "a:\n"
    "  - {id: X, v: 1, w: {value: 5, low: 1, high: 9, note: why}}\n"
    "  - {id: v1.2, v: 2}\n"
    "b: {c: [10, 20, 30], d: plain}\n"
    "terms:\n"
    "  - {issue: T, f: 0.5}\n";

/* One change: the path set to the value text (parsed), status returned, message in err. */
static int set(pl_doc *d, pl_doc_node **root, const char *path, const char *value,
               pl_error *err)
{
    pl_doc v;
    assert_int_equal(pl_doc_parse(&v, value, strlen(value), "--set", 0, NULL), PL_OK);
    pl_doc_node *node = pl__doc_adopt(d, &v, "--set X");
    pl_doc_free(&v);
    pl_doc_where w = {"--set X", 0, 0, ""};
    pl_error_clear(err);
    return pl__doc_set(d, root, path, node, "--set X", &w, err);
}

static void test_paths(void **state)
{
    (void)state;
    pl_doc d = parse(doc_text);
    pl_doc_node *root = d.root, *before = d.root;
    pl_error err;
    assert_int_equal(set(&d, &root, "a.X.v", "7", &err), PL_OK);
    assert_string_equal(at(root, (const char *[]){"a", "X", "v"}, 3)->text, "7");
    /* the tree before the change is intact */
    assert_string_equal(at(before, (const char *[]){"a", "X", "v"}, 3)->text, "1");
    /* an id with a dot, matched whole */
    assert_int_equal(set(&d, &root, "a.v1.2.v", "8", &err), PL_OK);
    assert_string_equal(at(root, (const char *[]){"a", "v1.2", "v"}, 3)->text, "8");
    /* a list without ids: by number from 1 */
    assert_int_equal(set(&d, &root, "b.c.2", "25", &err), PL_OK);
    assert_string_equal(pl_doc_map_get(root, "b")->items[1]->items[1]->text, "25");
    assert_int_equal(set(&d, &root, "terms.1.f", "0.75", &err), PL_OK);
    assert_string_equal(pl_doc_map_get(pl_doc_map_get(root, "terms")->items[0], "f")->text,
                        "0.75");
    /* a single value on a number with a range: its value, the rest kept */
    assert_int_equal(set(&d, &root, "a.X.w", "6", &err), PL_OK);
    const pl_doc_node *w = at(root, (const char *[]){"a", "X", "w"}, 3);
    assert_int_equal(w->type, PL_DOC_MAP);
    assert_string_equal(pl_doc_map_get(w, "value")->text, "6");
    assert_string_equal(pl_doc_map_get(w, "low")->text, "1");
    assert_string_equal(pl_doc_map_get(w, "note")->text, "why");
    /* a mapping replaces it whole */
    assert_int_equal(set(&d, &root, "a.X.w", "{value: 0}", &err), PL_OK);
    w = at(root, (const char *[]){"a", "X", "w"}, 3);
    assert_int_equal(w->len, 1);
    assert_string_equal(w->items[1]->origin, "--set X");
    /* a new key, and a new mapping on the way to it, marked as the change's */
    assert_int_equal(set(&d, &root, "b.e.f", "true", &err), PL_OK);
    const pl_doc_node *e = pl_doc_map_get(root, "b");
    assert_int_equal(e->len, 3);
    assert_string_equal(e->items[4]->text, "e");
    assert_string_equal(e->items[4]->origin, "--set X");
    assert_int_equal(e->items[4]->line, 0);
    assert_string_equal(pl_doc_map_get(e->items[5], "f")->text, "true");
    assert_int_equal(pl_doc_map_get(before, "b")->len, 2);
    pl_doc_free(&d);
}

static void test_path_errors(void **state)
{
    (void)state;
    pl_doc d = parse(doc_text);
    pl_doc_node *root = d.root;
    pl_error err;
    char buf[700];
    static const struct {
        const char *path, *msg;
    } cases[] = {
        {"a.x.v", "--set X: a has no entry with id 'x'; did you mean 'X'?"},
        {"a.QQQ.v", "--set X: a has no entry with id 'QQQ'; expected one of: X, v1.2"},
        {"b.c.4", "--set X: b.c is a list without ids; expected an entry number from 1 to 3"},
        {"b.c.0", "--set X: b.c is a list without ids; expected an entry number from 1 to 3"},
        {"b.d.x", "--set X: b.d is a single value ('plain'), not a mapping or list; expected "
                  "the path to end there"},
        {"a.X.v.w", "--set X: a.X.v is a single value ('1'), not a mapping or list; expected "
                    "the path to end there"},
        {"a..v", "--set X: the path 'a..v' has an empty part; expected names separated by "
                 "single dots, like positions.RUS.TERR.salience"},
        {"variants.x.set", "--set X: the path 'variants.x.set' is inside the variants; expected "
                           "a path outside 'variants' (a change cannot change the variants)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_int_equal(set(&d, &root, cases[i].path, "1", &err), PL_EINPUT);
        pl_error_format(&err, buf, sizeof buf);
        assert_string_equal(buf, cases[i].msg);
        assert_ptr_equal(root, d.root);  /* a failed change changes nothing */
    }
    pl_doc_free(&d);
}

/* ---- loading ------------------------------------------------------------------------- */

static const char *const scn =
    "parley: 1\n"
    "name: s\n"
    "actors:\n"
    "  - {id: A, capability: {value: 2, low: 1, high: 3}}\n"
    "  - {id: B, capability: 1}\n"
    "  - {id: C, capability: 1}\n"
    "issues:\n"
    "  - {id: X, scale: {0: a, 100: b}}\n"
    "positions:\n"
    "  A: {X: {position: 10, salience: 0.5}}\n"
    "  B: {X: {position: 90, salience: 1}}\n"
    "  C: {X: {position: 50, salience: 0.2}}\n"
    "bodies:\n"
    "  - {id: P, members: [A, B, C], quota: majority}\n"
    "variants:\n"
    "  - id: off\n"
    "    note: C leaves\n"
    "    set: {actors.C.at_table: false, bodies.P.quota: 3}\n";

/* The same scenario edited by hand as variant `off` says, then A's capability 2.5. */
static const char *const scn_edited =
    "parley: 1\n"
    "name: s\n"
    "actors:\n"
    "  - {id: A, capability: {value: 2.5, low: 1, high: 3}}\n"
    "  - {id: B, capability: 1}\n"
    "  - {id: C, capability: 1, at_table: false}\n"
    "issues:\n"
    "  - {id: X, scale: {0: a, 100: b}}\n"
    "positions:\n"
    "  A: {X: {position: 10, salience: 0.5}}\n"
    "  B: {X: {position: 90, salience: 1}}\n"
    "  C: {X: {position: 50, salience: 0.2}}\n"
    "bodies:\n"
    "  - {id: P, members: [A, B, C], quota: 3}\n";

static int load(pl_scenario **s, const char *variant, const char *const *changes, size_t n,
                pl_error *err)
{
    pl_load_opts o = PL_LOAD_OPTS_INIT;
    o.variant = variant;
    o.changes = changes;
    o.n_changes = n;
    pl_error_clear(err);
    return pl_scenario_load_buffer(s, scn, strlen(scn), "s.yaml", &o, err);
}

static void test_load_equals_edit(void **state)
{
    (void)state;
    pl_scenario *a = NULL, *b = NULL;
    pl_error err;
    const char *changes[] = {"actors.A.capability=2.5"};
    assert_int_equal(load(&a, "off", changes, 1, &err), PL_OK);
    assert_int_equal(pl_scenario_load_buffer(&b, scn_edited, strlen(scn_edited), "e.yaml", NULL,
                                             NULL), PL_OK);
    char *ja = test_scenario_json(a), *jb = test_scenario_json(b);
    assert_string_equal(ja, jb);
    assert_string_equal(pl_scenario_applied_variant(a), "off");
    assert_int_equal(pl_scenario_n_changes(a), 1);
    assert_string_equal(pl_scenario_change(a, 0), "actors.A.capability=2.5");
    assert_null(pl_scenario_change(a, 1));
    /* the variant is described, and kept on the scenario as read */
    size_t nc = 0;
    const char *note = NULL;
    assert_int_equal(pl_scenario_n_variants(a), 1);
    assert_string_equal(pl_scenario_variant(a, 0, NULL, &note, NULL, &nc), "off");
    assert_string_equal(note, "C leaves");
    assert_int_equal(nc, 2);
    assert_null(pl_scenario_variant(a, 1, NULL, NULL, NULL, NULL));
    free(ja);
    free(jb);
    pl_scenario_free(a);
    pl_scenario_free(b);
}

static void test_load_errors(void **state)
{
    (void)state;
    static const struct {
        const char *variant, *change, *msg;
    } cases[] = {
        {NULL, "actors.A.capability=4", "--set actors.A.capability: capability of actor 'A' "
                                        "is 4, outside its range [1, 3]; expected low <= value "
                                        "<= high"},
        {NULL, "positions.A.x.salience=1", "--set positions.A.x.salience: issue 'x' in "
                                           "positions of 'A' is not defined; did you mean 'X'?"},
        {NULL, "actors.B.at_tabel=false", "--set actors.B.at_tabel: unknown key 'at_tabel' in "
                                          "an actor; did you mean 'at_table'?"},
        {NULL, "actors.B.at_table=maybe", "--set actors.B.at_table: at_table of actor 'B' is "
                                          "\"maybe\"; expected true or false"},
        {NULL, "actors.B", "--set actors.B: 'actors.B' is not PATH=VALUE; expected a change "
                           "like positions.RUS.TERR.salience=0.3"},
        {NULL, "actors.B.capability=", "--set actors.B.capability: no value after '='; "
                                       "expected PATH=VALUE (an empty text is PATH=\"\")"},
        {"offf", NULL, "--variant offf: s.yaml has no variant 'offf'; did you mean 'off'? (its "
                     "variants: off)"},
        /* an error elsewhere in the file that the changes cause */
        {"off", "actors.B.at_table=false", "s.yaml:10:3: with the changes made (--set, "
                                           "--variant): 1 actor is at the table (at_table: "
                                           "true); expected at least 2 negotiating actors"},
    };
    char buf[800];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pl_scenario *s = NULL;
        pl_error err;
        const char *ch[] = {cases[i].change};
        assert_int_equal(load(&s, cases[i].variant, ch, cases[i].change ? 1 : 0, &err),
                         PL_EINPUT);
        assert_null(s);
        pl_error_format(&err, buf, sizeof buf);
        assert_string_equal(buf, cases[i].msg);
    }
}

static void test_variant_checked_at_load(void **state)
{
    (void)state;
    /* a variant that does not apply is an error of the file, even when not asked for */
    static const char *const bad =
        "parley: 1\nname: s\n"
        "actors: [{id: A, capability: 1}, {id: B, capability: 1}]\n"
        "issues: [{id: X, scale: {0: a, 100: b}}]\n"
        "positions: {A: {X: {position: 0, salience: 1}}, B: {X: {position: 9, salience: 1}}}\n"
        "variants:\n"
        "  - {id: v, set: {actors.Q.capability: 2}}\n"
        "  - {id: w, set: {positions.A.X.salience: 3}}\n";
    pl_scenario *s = NULL;
    pl_error err;
    pl_error_list *list = NULL;
    char buf[600];
    assert_int_equal(pl_scenario_load_buffer(&s, bad, strlen(bad), "v.yaml", NULL, &err),
                     PL_EINPUT);
    pl_error_format(&err, buf, sizeof buf);
    assert_string_equal(buf, "v.yaml:7:19: variant 'v': actors has no entry with id 'Q'; "
                             "expected one of: A, B");
    /* collecting: every variant's error */
    pl_load_opts o = PL_LOAD_OPTS_INIT;
    assert_int_equal(pl_error_list_new(&list, 0), PL_OK);
    o.errors = list;
    assert_int_equal(pl_scenario_load_buffer(&s, bad, strlen(bad), "v.yaml", &o, &err),
                     PL_EINPUT);
    assert_int_equal(pl_error_list_count(list), 2);
    pl_error_format(pl_error_list_get(list, 1), buf, sizeof buf);
    assert_string_equal(buf, "v.yaml:8:43: variant 'w': salience of 'A' on 'X' is 3; expected "
                             "a number in [0, 1]");
    pl_error_list_free(list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_path_errors),
        cmocka_unit_test(test_load_equals_edit),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_variant_checked_at_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
