/* SPDX-License-Identifier: MIT */
/*
** test_power.c: voting power (src/power). Vectors from MODELS.md section 11,
** which cites its sources: UN Security Council and EEC 1958 (Felsenthal &
** Machover 1998), [6; 4,3,2,1] (Straffin; maxlit/powerindex tests),
** [11; 9,5,3,3] (jhstaudacher/EPIC unit tests), the 7-member two-majority
** game and EU27 QMV (re-enumerated). Properties: generating functions equal
** enumeration on random games, indices sum to 1, dual-quota invariance.
*/
#include "tests/unit/test_util.h"
#include "core/rng.h"
#include "power/power_impl.h" /* PL__RESIDUES_OK */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static pl_game *weighted(const int64_t *w, size_t n, int64_t q)
{
    pl_game *g;
    assert_int_equal(pl_game_new(&g, n, NULL), PL_OK);
    assert_int_equal(pl_game_add_condition(g, w, q, NULL), PL_OK);
    return g;
}

static pl_power *power_with(const pl_game *g, pl_power_method method, int no_shapley, int naive)
{
    pl_power_opts o = PL_POWER_OPTS_INIT;
    pl_power *p;
    pl_error err;
    o.method = method;
    o.no_shapley = no_shapley;
    o.naive = naive;
    if (pl_power_compute(&p, g, &o, &err) != PL_OK)
        fail_msg("pl_power_compute: %s", err.msg);
    return p;
}

static pl_power *power(const pl_game *g, pl_power_method method)
{
    return power_with(g, method, 0, 0);
}

/* Index k of members [from, to) equals the fraction want. */
static void expect(const pl_power *p, pl_power_index k, size_t from, size_t to, const char *want)
{
    for (size_t m = from; m < to; m++) {
        const char *got = pl_power_exact(p, k, m);
        if (!got || strcmp(got, want) != 0)
            fail_msg("%s of member %zu is %s, expected %s", pl_power_index_name(k), m + 1,
                     got ? got : "(none)", want);
    }
}

static void expect_list(const pl_power *p, pl_power_index k, const char *const *want)
{
    for (size_t m = 0; want[m]; m++)
        expect(p, k, m, m + 1, want[m]);
}

/* UN Security Council: [39; 7 x5, 1 x10]. */
static void check_unsc(const pl_power *p)
{
    assert_string_equal(pl_power_n_winning(p), "848");
    assert_near(pl_power_act(p), 53.0 / 2048, 1e-15);
    expect(p, PL_INDEX_SS, 0, 5, "421/2145");
    expect(p, PL_INDEX_BZ, 0, 5, "106/635");
    expect(p, PL_INDEX_ABZ, 0, 5, "53/1024");
    expect(p, PL_INDEX_CP, 0, 5, "1");
    expect(p, PL_INDEX_CI, 0, 5, "53/1995");
    expect(p, PL_INDEX_SS, 5, 15, "4/2145");
    expect(p, PL_INDEX_BZ, 5, 15, "21/1270");
    expect(p, PL_INDEX_ABZ, 5, 15, "21/4096");
    expect(p, PL_INDEX_CP, 5, 15, "21/212");
    expect(p, PL_INDEX_CI, 5, 15, "1/380");
    for (size_t m = 0; m < 15; m++)
        assert_int_equal(pl_power_is_veto(p, m), m < 5);
}

static void unsc_minimal(const pl_power *p)
{
    assert_int_equal(pl_power_n_minimal(p, 0), 210);
    assert_int_equal(pl_power_n_minimal(p, 1), 125);
    expect(p, PL_INDEX_PGI, 0, 5, "1/9");
    expect(p, PL_INDEX_DP, 0, 5, "1/9");
    expect(p, PL_INDEX_JOHNSTON, 0, 5, "283/1590");
    expect(p, PL_INDEX_PGI, 5, 15, "2/45");
    expect(p, PL_INDEX_DP, 5, 15, "2/45");
    expect(p, PL_INDEX_JOHNSTON, 5, 15, "7/636");
}

static pl_game *unsc_weighted(void)
{
    int64_t w[15];
    for (int m = 0; m < 15; m++)
        w[m] = m < 5 ? 7 : 1;
    return weighted(w, 15, 39);
}

static void test_unsc(void **state)
{
    (void)state;
    pl_game *g = unsc_weighted();
    pl_power *e = power(g, PL_POWER_ENUMERATE), *d = power(g, PL_POWER_DP);
    check_unsc(e);
    unsc_minimal(e);
    check_unsc(d);
    assert_int_equal(pl_power_n_minimal(d, 0), 210); /* counted by generating functions */
    assert_int_equal(pl_power_n_minimal(d, 1), 125);
    pl_power_free(e);
    pl_power_free(d);
    pl_game_free(g);

    /* the same council as 5 written vetoes and at least 9 of 15 members */
    assert_int_equal(pl_game_new(&g, 15, NULL), PL_OK);
    assert_int_equal(pl_game_add_condition(g, NULL, 9, NULL), PL_OK);
    for (size_t m = 0; m < 5; m++)
        pl_game_set_veto(g, m, 1, NULL);
    e = power(g, PL_POWER_ENUMERATE);
    d = power(g, PL_POWER_DP);
    check_unsc(e);
    unsc_minimal(e);
    check_unsc(d);
    pl_power_free(e);
    pl_power_free(d);
    pl_game_free(g);
}

/* A weighted game and its exact indices (NULL: not checked), from the sources above. */
typedef struct vector {
    const char *what;
    size_t n;
    int64_t w[8], q;
    const char *idx[PL_INDEX_COUNT][8];
} vector;

static const vector vectors[] = {
    {"[6; 4,3,2,1] (Straffin)", 4, {4, 3, 2, 1}, 6,
     {{"5/12", "1/4", "1/4", "1/12"}, {"5/12", "1/4", "1/4", "1/12"},
      {"5/8", "3/8", "3/8", "1/8"}, {"5/7", "3/7", "3/7", "1/7"}, {"5/9", "1/3", "1/3", "1/9"},
      {"1/3", "5/18", "5/18", "1/9"}, {"2/7", "2/7", "2/7", "1/7"},
      {"1/2", "2/9", "2/9", "1/18"}}},
    {"[11; 9,5,3,3] (EPIC)", 4, {9, 5, 3, 3}, 11,
     {{"1/2", "1/6", "1/6", "1/6"}, {"1/2", "1/6", "1/6", "1/6"}, {"3/4", "1/4", "1/4", "1/4"},
      {"3/4", "1/4", "1/4", "1/4"}, {"3/4", "1/4", "1/4", "1/4"},
      {"3/8", "5/24", "5/24", "5/24"}, {"1/3", "2/9", "2/9", "2/9"},
      {"9/14", "5/42", "5/42", "5/42"}}},
    {"EEC 1958 (Felsenthal & Machover)", 6, {4, 4, 4, 2, 2, 1}, 12,
     {{"7/30", "7/30", "7/30", "3/20", "3/20", "0"}, {"5/21", "5/21", "5/21", "1/7", "1/7", "0"}}},
    {"improper [6; 7,3,3]", 3, {7, 3, 3}, 6, {{"2/3", "1/6", "1/6"}, {"3/5", "1/5", "1/5"}}},
};

static void test_vectors(void **state)
{
    (void)state;
    for (size_t v = 0; v < sizeof vectors / sizeof *vectors; v++) {
        const vector *x = &vectors[v];
        for (int method = PL_POWER_ENUMERATE; method <= PL_POWER_DP; method++) {
            pl_game *g = weighted(x->w, x->n, x->q);
            pl_power *p = power(g, (pl_power_method)method);
            for (int k = 0; k < PL_INDEX_COUNT; k++) {
                if (!x->idx[k][0] || (method == PL_POWER_DP && k >= PL_INDEX_DP))
                    continue;
                print_message("%s, %s\n", x->what, pl_power_index_name((pl_power_index)k));
                for (size_t m = 0; m < x->n; m++)
                    expect(p, (pl_power_index)k, m, m + 1, x->idx[k][m]);
            }
            for (size_t m = 0; m < x->n; m++)
                assert_int_equal(pl_power_is_dummy(p, m), strcmp(x->idx[1][m], "0") == 0);
            pl_power_free(p);
            pl_game_free(g);
        }
    }
}

/* Straffin's game: minimal blocking {A,B}, {A,C}, {B,C}, {A,D}, smallest first. */
static void test_minimal_blocking(void **state)
{
    (void)state;
    static const int64_t w[] = {4, 3, 2, 1};
    static const uint64_t want[] = {3, 5, 9, 6};
    pl_game *g = weighted(w, 4, 6);
    pl_power *p = power(g, PL_POWER_AUTO);
    assert_int_equal(pl_power_n_minimal(p, 1), 4);
    assert_int_equal(pl_power_n_listed(p, 1), 4);
    for (size_t j = 0; j < 4; j++)
        assert_true(pl_power_listed(p, 1, j) == want[j]);
    size_t smallest;
    assert_int_equal(pl_power_blocking_with(p, 0, &smallest), 3);
    assert_int_equal(smallest, 2);
    pl_power_free(p);
    pl_game_free(g);
}

/* >= 4 of 7 members and >= 65 of 100 population: not a weighted game. */
static void test_two_majorities(void **state)
{
    (void)state;
    static const int64_t pop[] = {33, 28, 14, 12, 6, 5, 2};
    static const char *const sw[] = {"29", "23", "11", "11", "9", "7", "5"};
    static const char *const ss[] = {"9/28", "5/21", "17/140", "17/140", "37/420", "1/14",
                                     "4/105", NULL};
    for (int method = PL_POWER_ENUMERATE; method <= PL_POWER_DP; method++) {
        pl_game *g;
        assert_int_equal(pl_game_new(&g, 7, NULL), PL_OK);
        assert_int_equal(pl_game_add_condition(g, NULL, 4, NULL), PL_OK);
        assert_int_equal(pl_game_add_condition(g, pop, 65, NULL), PL_OK);
        pl_power *p = power(g, (pl_power_method)method);
        assert_string_equal(pl_power_n_winning(p), "33");
        if (method == PL_POWER_ENUMERATE)
            assert_int_equal(pl_power_n_minimal(p, 0), 13);
        for (size_t m = 0; m < 7; m++)
            assert_string_equal(pl_power_swings(p, m), sw[m]);
        expect_list(p, PL_INDEX_SS, ss);
        pl_power_free(p);
        pl_game_free(g);
    }
}

/* EU27 QMV, TEU art. 16(4): (>= 15 members and >= 65% population) or >= 24 members. */
static void test_eu27(void **state)
{
    (void)state;
    static const int64_t pop[27] = {
        84358845, 68070697, 58850717, 48059777, 36753736, 19051562, 17811291, 11754004,
        10827529, 10521556, 10467366, 10394055, 9597085, 9104772, 6447710, 5932654,
        5563970, 5428792, 5194336, 3850894, 2857279, 2116792, 1883008, 1365884,
        920701, 660809, 542051};
    pl_game *g;
    assert_int_equal(pl_game_new(&g, 27, NULL), PL_OK);
    assert_int_equal(pl_game_add_condition(g, NULL, 15, NULL), PL_OK);
    assert_int_equal(pl_game_add_condition(g, pop, 291452117, NULL), PL_OK);
    assert_int_equal(pl_game_add_rule(g, NULL), PL_OK);
    assert_int_equal(pl_game_add_condition(g, NULL, 24, NULL), PL_OK);
    pl_power *p = power(g, PL_POWER_AUTO);
    assert_string_equal(pl_power_n_winning(p), "17787201");
    double total = 0;
    for (size_t m = 0; m < 27; m++)
        total += strtod(pl_power_swings(p, m), NULL);
    assert_near(total, 117105947, 0);
    assert_near(pl_power_value(p, PL_INDEX_SS, 0), 0.178948, 5e-7);
    assert_near(pl_power_value(p, PL_INDEX_BZ, 0), 0.122133, 5e-7);
    assert_near(pl_power_value(p, PL_INDEX_CP, 0), 0.804090, 5e-7);
    assert_near(pl_power_value(p, PL_INDEX_SS, 1), 0.133890, 5e-7);
    assert_near(pl_power_value(p, PL_INDEX_SS, 26), 0.008688, 5e-7);
    assert_near(pl_power_value(p, PL_INDEX_BZ, 26), 0.017380, 5e-7);
    pl_power_free(p);
    pl_game_free(g);
}

/* n random weights in [lo, lo + span), at least one positive; returns their total. */
static int64_t random_weights(pl_rng *r, size_t n, int64_t lo, uint64_t span, int64_t *w)
{
    int64_t tot = 0;
    for (size_t m = 0; m < n; m++)
        tot += w[m] = lo + (int64_t)pl__rng_below(r, span);
    if (tot == 0)
        tot += w[0] = 1;
    return tot;
}

/* A random game of one condition: n <= 160 weights in [0, span), the quota anywhere in
   [1, total], each member a veto with odds 1 in veto_odds. */
static pl_game *random_weighted(pl_rng *r, size_t n, uint64_t span, uint64_t veto_odds)
{
    int64_t w[160], tot;
    assert_true(n <= 160);
    tot = random_weights(r, n, 0, span, w);
    pl_game *g = weighted(w, n, 1 + (int64_t)pl__rng_below(r, (uint64_t)tot));
    for (size_t m = 0; m < n; m++)
        if (pl__rng_below(r, veto_odds) == 0)
            pl_game_set_veto(g, m, 1, NULL);
    return g;
}

/*
** A random game: 1-2 rules of 1-2 conditions (at most 3 in all: the rules'
** conjunction is one table dimension per condition), weights 0-9, vetoes
** now and then.
*/
static pl_game *random_game(pl_rng *r, size_t n, int simple)
{
    pl_game *g;
    int64_t w[32];
    assert_int_equal(pl_game_new(&g, n, NULL), PL_OK);
    size_t rules = simple ? 1 : 1 + pl__rng_below(r, 2);
    for (size_t k = 0; k < rules; k++) {
        if (k)
            assert_int_equal(pl_game_add_rule(g, NULL), PL_OK);
        size_t conds = simple || k ? 1 : 1 + pl__rng_below(r, 2);
        for (size_t c = 0; c < conds; c++) {
            int64_t tot = random_weights(r, n, 0, 10, w);
            int64_t q = 1 + (int64_t)pl__rng_below(r, (uint64_t)tot);
            assert_int_equal(pl_game_add_condition(g, w, q, NULL), PL_OK);
        }
    }
    for (size_t m = 0; !simple && m < n; m++)
        if (pl__rng_below(r, 8) == 0)
            pl_game_set_veto(g, m, 1, NULL);
    return g;
}

/* Indices from..Coleman's initiative and |W| of two results agree exactly. */
static void expect_same_from(const pl_power *a, const pl_power *b, size_t n, int from)
{
    assert_string_equal(pl_power_n_winning(a), pl_power_n_winning(b));
    for (int k = from; k <= PL_INDEX_CI; k++)
        for (size_t m = 0; m < n; m++) {
            const char *x = pl_power_exact(a, (pl_power_index)k, m);
            const char *y = pl_power_exact(b, (pl_power_index)k, m);
            assert_non_null(x);
            assert_non_null(y);
            if (strcmp(x, y) != 0)
                fail_msg("%s of member %zu: enumeration %s, generating functions %s",
                         pl_power_index_name((pl_power_index)k), m + 1, x, y);
        }
}

static void expect_same(const pl_power *a, const pl_power *b, size_t n)
{
    expect_same_from(a, b, n, PL_INDEX_SS);
}

static void check_properties(const pl_power *p, size_t n)
{
    double ss = 0, bz = 0;
    for (size_t m = 0; m < n; m++) {
        ss += pl_power_value(p, PL_INDEX_SS, m);
        bz += pl_power_value(p, PL_INDEX_BZ, m);
        /* beta' = 2 A P */
        assert_near(pl_power_value(p, PL_INDEX_ABZ, m),
                    2 * pl_power_act(p) * pl_power_value(p, PL_INDEX_CP, m), 1e-12);
        assert_int_equal(pl_power_is_veto(p, m), pl_power_value(p, PL_INDEX_CP, m) == 1.0);
        if (pl_power_is_dummy(p, m))
            for (int k = 0; k < PL_INDEX_COUNT; k++)
                if (k != PL_INDEX_CI && pl_power_has(p, (pl_power_index)k))
                    assert_true(pl_power_value(p, (pl_power_index)k, m) == 0.0);
    }
    assert_near(ss, 1, 1e-12);
    assert_near(bz, 1, 1e-12);
}

/* Shapley-Shubik's exact fractions of two results, member by member (none: both none). */
static void expect_same_exact_ss(const pl_power *a, const pl_power *b, size_t n)
{
    for (size_t m = 0; m < n; m++) {
        const char *x = pl_power_exact(a, PL_INDEX_SS, m), *y = pl_power_exact(b, PL_INDEX_SS, m);
        assert_true(x == y || (x && y && strcmp(x, y) == 0));
    }
}

static void test_dp_equals_enumeration(void **state)
{
    (void)state;
    pl_rng r;
    pl__rng_seed(&r, 20261128, 0);
    for (int trial = 0; trial < 300; trial++) {
        size_t n = 1 + pl__rng_below(&r, trial < 290 ? 12 : 20);
        pl_game *g = random_game(&r, n, trial % 3 == 0 || n > 12);
        pl_power *e = power(g, PL_POWER_ENUMERATE), *d = power(g, PL_POWER_DP);
        expect_same(e, d, n);
        /* one condition: minimal coalitions are also counted without enumeration */
        if (pl_game_n_rules(g) == 1 && pl_game_n_conditions(g, 0) == 1) {
            assert_string_equal(pl_power_minimal_count(e, 0), pl_power_minimal_count(d, 0));
            assert_string_equal(pl_power_minimal_count(e, 1), pl_power_minimal_count(d, 1));
        }
        check_properties(e, n);
        pl_power_free(e);
        pl_power_free(d);
        pl_game_free(g);
    }
}

static void expect_same_minimal_counts(const pl_power *a, const pl_power *b)
{
    for (int blocking = 0; blocking < 2; blocking++) {
        const char *x = pl_power_minimal_count(a, blocking), *y = pl_power_minimal_count(b, blocking);
        if (!x || !y || strcmp(x, y) != 0)
            fail_msg("minimal %s coalitions: %s and %s", blocking ? "blocking" : "winning",
                     x ? x : "(none)", y ? y : "(none)");
    }
}

/* The same swing counts, |W|, minimal coalition counts (and Shapley-Shubik numerators when
   both have them, as exact fractions or not at all) of two results. */
static void expect_same_counts(const pl_power *a, const pl_power *b, size_t n)
{
    assert_string_equal(pl_power_n_winning(a), pl_power_n_winning(b));
    for (size_t m = 0; m < n; m++) {
        assert_string_equal(pl_power_swings(a, m), pl_power_swings(b, m));
        if (pl_power_has(a, PL_INDEX_SS) && pl_power_has(b, PL_INDEX_SS))
            assert_true(pl_power_value(a, PL_INDEX_SS, m) == pl_power_value(b, PL_INDEX_SS, m));
    }
    expect_same_minimal_counts(a, b);
}

/*
** One condition: the table is read through prefix sums (count_dp.c
** conj_capped); without Shapley-Shubik it is built heaviest first by halves
** and counts the minimal coalitions on the way. 250 random games against
** the enumeration (1-16 members, rules and vetoes as random_game makes
** them); then 40 games of 50-150 members, across the one-, two- and
** three-word counts: without Shapley-Shubik against the size-indexed path,
** and both against the naive path (an inverse pass per distinct weight over
** a second table, minimal coalitions counted on a table of their own).
*/
static void test_banzhaf_prefix_path(void **state)
{
    (void)state;
    pl_rng r;
    pl__rng_seed(&r, 20261207, 0);
    for (int trial = 0; trial < 250; trial++) {
        size_t n = 1 + pl__rng_below(&r, 16);
        pl_game *g = random_game(&r, n, trial % 2 == 0);
        pl_power *e = power_with(g, PL_POWER_ENUMERATE, 1, 0);
        pl_power *d = power_with(g, PL_POWER_DP, 1, 0);
        expect_same_from(e, d, n, PL_INDEX_BZ);
        if (pl_game_n_rules(g) == 1 && pl_game_n_conditions(g, 0) == 1)
            expect_same_minimal_counts(e, d);
        pl_power_free(e);
        pl_power_free(d);
        pl_game_free(g);
    }
    for (int trial = 0; trial < 40; trial++) {
        size_t n = 50 + pl__rng_below(&r, 101);
        pl_game *g = random_weighted(&r, n, 41, 40);
        /* counts this large have no short fractions: the swings themselves, exactly */
        pl_power *s = power(g, PL_POWER_DP), *d = power_with(g, PL_POWER_DP, 1, 0);
        pl_power *sn = power_with(g, PL_POWER_DP, 0, 1), *dn = power_with(g, PL_POWER_DP, 1, 1);
        expect_same_counts(s, d, n);
        expect_same_counts(s, sn, n);
        expect_same_counts(d, dn, n);
        expect_same_exact_ss(s, sn, n);
        pl_power_free(s);
        pl_power_free(d);
        pl_power_free(sn);
        pl_power_free(dn);
        pl_game_free(g);
    }
}

/* The generating-function path with naive = a and with naive = b give g (n members) the
   same counts and the same exact Shapley-Shubik fractions. */
static void expect_paths_agree(const pl_game *g, size_t n, int a, int b)
{
    pl_power *x = power_with(g, PL_POWER_DP, 0, a), *y = power_with(g, PL_POWER_DP, 0, b);
    expect_same_counts(x, y, n);
    expect_same_exact_ss(x, y, n);
    pl_power_free(x);
    pl_power_free(y);
}

/*
** `trials` random one-condition games of 1..nmax members, weights in [0, span)
** on odd trials and [0, 41) on even ones (few weights, many equal members; or
** many), a veto one time in veto_odds: enumeration and the DP agree by check.
*/
static void random_games_agree(pl_rng *r, int trials, uint64_t nmax, uint64_t span,
                               uint64_t veto_odds,
                               void (*check)(const pl_power *, const pl_power *, size_t))
{
    for (int trial = 0; trial < trials; trial++) {
        size_t n = 1 + pl__rng_below(r, nmax);
        pl_game *g = random_weighted(r, n, trial % 2 ? span : 41, veto_odds);
        pl_power *e = power(g, PL_POWER_ENUMERATE), *d = power(g, PL_POWER_DP);
        check(e, d, n);
        pl_power_free(e);
        pl_power_free(d);
        pl_game_free(g);
    }
}

/*
** Shapley-Shubik of one condition from the trimmed (size, weight) table
** (size_table.c: rows cut to the weights their size can reach, members added
** heaviest first, sweeps of several members, a member removed where read).
** Counts are exact integers, so the tolerance is none: the same fractions as
** the enumeration on 250 random games (1-16 members, weights 0-3 or 0-40, so
** both many equal members and few; quotas anywhere in [1, total]; a veto now
** and then, which moves the quota the table is cut at), and the same swings
** and Shapley-Shubik values as the naive path (full table, an inverse pass
** per distinct weight) on 20 games of 40-120 members of weights 0-12.
*/
static void test_shapley_size_table(void **state)
{
    (void)state;
    pl_rng r;
    pl__rng_seed(&r, 20261207, 3);
    random_games_agree(&r, 250, 16, 4, 10, expect_same);
    for (int trial = 0; trial < 20; trial++) {
        size_t n = 40 + pl__rng_below(&r, 81);
        int64_t w[120], tot = random_weights(&r, n, 0, 13, w);
        pl_game *g = weighted(w, n, 1 + (int64_t)pl__rng_below(&r, (uint64_t)tot));
        if (trial % 4 == 0)
            pl_game_set_veto(g, pl__rng_below(&r, n), 1, NULL);
        expect_paths_agree(g, n, 0, 1);
        pl_game_free(g);
    }
}

/*
** Shapley-Shubik by residues (size_residue.c: the trimmed table built once
** per modulus, 2^64 and primes below 2^63, the reads put together by the
** Chinese remainder theorem) against the same table in GMP words (naive 2,
** the build before): exact integers, so no tolerance. 60 random games of
** 20-260 members, so that 1 to 5 moduli are used (reads below 2^64 take 2^64
** alone, each 63 bits more one prime; low quotas, whose rows stop short of
** half the members, fewer): weights 0-3 (few distinct, many equal members),
** 0-40 or 0-400 (most distinct), quotas anywhere in [1, total], a veto one
** time in four.
*/
static void test_shapley_residues(void **state)
{
    (void)state;
    if (!PL__RESIDUES_OK) /* narrow GMP limbs: the residues are not used (count_dp.c) */
        skip();
    static const uint64_t spans[] = {4, 41, 401};
    pl_rng r;
    pl__rng_seed(&r, 20261207, 7);
    for (int trial = 0; trial < 60; trial++) {
        size_t n = 20 + pl__rng_below(&r, trial < 50 ? 121 : 241);
        uint64_t span = spans[trial % 3];
        if (n > 140 && span > 41)
            span = 41; /* the GMP table of 200+ members of weights to 400 is slow sanitized */
        int64_t w[260], tot = random_weights(&r, n, 0, span, w);
        pl_game *g = weighted(w, n, 1 + (int64_t)pl__rng_below(&r, (uint64_t)tot));
        if (trial % 4 == 1)
            pl_game_set_veto(g, pl__rng_below(&r, n), 1, NULL);
        expect_paths_agree(g, n, 0, 2); /* residues against GMP words */
        pl_game_free(g);
    }
}

/*
** The memory check follows the layout that runs: 120 members of weights
** 1..100 (a hand count from size_table.c's plan: about 1.2e5 cells of two
** words in GMP words, 1.9 MB; by residues one word a cell for one modulus at
** a time plus 2 moduli x (distinct weights + 1) x rows words of reads and
** the tiled sweeps' plan, about 1.26 MB). At 1.5 MB the residues run and
** the GMP table (naive 2) is refused; at 0.5 MB both are refused, the
** residues' estimate naming them.
*/
static void test_shapley_residues_memory(void **state)
{
    (void)state;
    if (!PL__RESIDUES_OK)
        skip();
    int64_t w[120], tot = 0;
    for (size_t m = 0; m < 120; m++)
        tot += w[m] = 1 + (int64_t)(m * 37 % 100);
    pl_game *g = weighted(w, 120, tot / 2 + 1);
    pl_power_opts o = PL_POWER_OPTS_INIT;
    pl_power *p;
    pl_error err;
    o.method = PL_POWER_DP;
    o.max_bytes = 1.5e6;
    assert_int_equal(pl_power_compute(&p, g, &o, &err), PL_OK);
    assert_true(pl_power_has(p, PL_INDEX_SS));
    pl_power_free(p);
    o.naive = 2;
    assert_int_equal(pl_power_compute(&p, g, &o, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "of 2 words, by coalition size"));
    o.naive = 0;
    o.max_bytes = 0.5e6;
    assert_int_equal(pl_power_compute(&p, g, &o, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "of 1 word for one modulus at a time"));
    pl_game_free(g);
}

/* Deegan-Packel, public good and Johnston of two results agree exactly. */
static void expect_same_minimal(const pl_power *a, const pl_power *b, size_t n)
{
    static const pl_power_index ks[] = {PL_INDEX_DP, PL_INDEX_PGI, PL_INDEX_JOHNSTON};
    for (size_t j = 0; j < 3; j++)
        for (size_t m = 0; m < n; m++) {
            const char *x = pl_power_exact(a, ks[j], m), *y = pl_power_exact(b, ks[j], m);
            if (!x || !y || strcmp(x, y) != 0)
                fail_msg("%s of member %zu: enumeration %s, critical-member tables %s",
                         pl_power_index_name(ks[j]), m + 1, x ? x : "(none)", y ? y : "(none)");
        }
}

/*
** The critical-member tables (critical_dp.c, used by --method dp and for
** one-condition games above the enumeration limit) equal the enumeration on
** 300 random games of one condition: weights 0-9 or 0-40, quotas anywhere in
** [1, total], a veto member now and then (which may win alone).
*/
static void test_critical_equals_enumeration(void **state)
{
    (void)state;
    pl_rng r;
    pl__rng_seed(&r, 20261206, 0);
    random_games_agree(&r, 300, 14, 10, 6, expect_same_minimal);
}

/*
** Counts of more than one machine word (n = 100): [100; 99, 1 x 99]. The
** heavy member A is a veto; the minimal winning coalitions are {A, i}, 99 of
** size 2, so Deegan-Packel and public good give A 1/2 and each other 1/198.
** Johnston (hand derivation): A + T wins for every nonempty T; i in T is
** critical only when T = {i} (99 coalitions of 2 critical members, 1/2 each),
** else A alone is (2^99 - 100 coalitions): each other member gets 1/2 of
** 2^99 - 1 in all, i.e. 1 / (2^100 - 2).
*/
static void test_critical_multiword(void **state)
{
    (void)state;
    int64_t w[100];
    w[0] = 99;
    for (size_t m = 1; m < 100; m++)
        w[m] = 1;
    pl_game *g = weighted(w, 100, 100);
    pl_power *p = power(g, PL_POWER_AUTO);
    expect(p, PL_INDEX_DP, 0, 1, "1/2");
    expect(p, PL_INDEX_DP, 1, 100, "1/198");
    expect(p, PL_INDEX_PGI, 0, 1, "1/2");
    expect(p, PL_INDEX_PGI, 1, 100, "1/198");
    assert_near(pl_power_value(p, PL_INDEX_JOHNSTON, 7) * (ldexp(1, 100) - 2), 1, 1e-12);
    assert_near(pl_power_value(p, PL_INDEX_JOHNSTON, 0), 1, 1e-12);
    pl_power_free(p);
    pl_game_free(g);
}

/*
** EPIC's published unit-test values (jhstaudacher/EPIC, unittests/test.cpp,
** commit 684dbf3, TEST_CASE #01-#17: the games without their precoalitions),
** printed there to 6 significant digits, the players in descending order of
** weight (EPIC sorts them; the weights below are so sorted): Shapley-Shubik, Banzhaf,
** Deegan-Packel, public good and Johnston, by enumeration and by the
** generating functions and critical-member tables alike.
*/
typedef struct epic_case {
    int64_t q, w[8];
    size_t n;
    double v[5][8];  /* SS, Banzhaf, Deegan-Packel, public good, Johnston */
} epic_case;

static const epic_case epic_cases[] = {
    {11, {9, 5, 3, 3}, 4, {{0.5, 0.166667, 0.166667, 0.166667}, {0.5, 0.166667, 0.166667, 0.166667},
       {0.375, 0.208333, 0.208333, 0.208333}, {0.333333, 0.222222, 0.222222, 0.222222},
       {0.642857, 0.119048, 0.119048, 0.119048}}},                                  /* #01 */
    {68, {60, 34, 17, 13, 11}, 5, {{0.6, 0.1, 0.1, 0.1, 0.1},
       {0.636364, 0.0909091, 0.0909091, 0.0909091, 0.0909091}, {0.4, 0.15, 0.15, 0.15, 0.15},
       {0.333333, 0.166667, 0.166667, 0.166667, 0.166667}, {0.8, 0.05, 0.05, 0.05, 0.05}}}, /* #02 */
    {5, {4, 3, 1, 1, 1}, 5, {{0.45, 0.2, 0.116667, 0.116667, 0.116667}, {0.44, 0.2, 0.12, 0.12, 0.12},
       {0.285714, 0.214286, 0.166667, 0.166667, 0.166667},
       {0.235294, 0.235294, 0.176471, 0.176471, 0.176471},
       {0.6, 0.166667, 0.0777778, 0.0777778, 0.0777778}}},                           /* #05 */
    {11, {5, 5, 3, 3, 3}, 5, {{0.25, 0.25, 0.166667, 0.166667, 0.166667},
       {0.241379, 0.241379, 0.172414, 0.172414, 0.172414},
       {0.222222, 0.222222, 0.185185, 0.185185, 0.185185},
       {0.222222, 0.222222, 0.185185, 0.185185, 0.185185},
       {0.272727, 0.272727, 0.151515, 0.151515, 0.151515}}},                         /* #09 */
    {8, {5, 5, 2, 1, 1}, 5, {{0.316667, 0.316667, 0.233333, 0.0666667, 0.0666667},
       {0.307692, 0.307692, 0.230769, 0.0769231, 0.0769231},
       {0.233333, 0.233333, 0.266667, 0.133333, 0.133333},
       {0.214286, 0.214286, 0.285714, 0.142857, 0.142857},
       {0.333333, 0.333333, 0.212121, 0.0606061, 0.0606061}}},                       /* #10 */
    {9, {6, 3, 2, 1, 1, 1, 1}, 7,
     {{0.538095, 0.138095, 0.104762, 0.0547619, 0.0547619, 0.0547619, 0.0547619},
      {0.536842, 0.136842, 0.115789, 0.0526316, 0.0526316, 0.0526316, 0.0526316},
      {0.283333, 0.0666667, 0.15, 0.125, 0.125, 0.125, 0.125},
      {0.25, 0.0555556, 0.138889, 0.138889, 0.138889, 0.138889, 0.138889},
      {0.698718, 0.11859, 0.0865385, 0.0240385, 0.0240385, 0.0240385, 0.0240385}}},  /* #11 */
    {8, {5, 5, 3, 1, 1}, 5, {{0.333333, 0.333333, 0.333333, 0, 0}, {0.333333, 0.333333, 0.333333, 0, 0},
       {0.333333, 0.333333, 0.333333, 0, 0}, {0.333333, 0.333333, 0.333333, 0, 0},
       {0.333333, 0.333333, 0.333333, 0, 0}}},                                       /* #13 */
    {8, {6, 5, 1, 1, 1, 1, 1, 1}, 8,
     {{0.375, 0.232143, 0.0654762, 0.0654762, 0.0654762, 0.0654762, 0.0654762, 0.0654762},
      {0.362385, 0.224771, 0.0688073, 0.0688073, 0.0688073, 0.0688073, 0.0688073, 0.0688073},
      {0.152778, 0.152778, 0.115741, 0.115741, 0.115741, 0.115741, 0.115741, 0.115741},
      {0.125984, 0.165354, 0.11811, 0.11811, 0.11811, 0.11811, 0.11811, 0.11811},
      {0.541322, 0.252066, 0.0344353, 0.0344353, 0.0344353, 0.0344353, 0.0344353, 0.0344353}}},
                                                                                      /* #14 */
    {8, {6, 5, 1, 1, 1, 1}, 6, {{0.4, 0.2, 0.1, 0.1, 0.1, 0.1},
       {0.392857, 0.178571, 0.107143, 0.107143, 0.107143, 0.107143},
       {0.227273, 0.136364, 0.159091, 0.159091, 0.159091, 0.159091},
       {0.194444, 0.138889, 0.166667, 0.166667, 0.166667, 0.166667},
       {0.574074, 0.166667, 0.0648148, 0.0648148, 0.0648148, 0.0648148}}},          /* #15 */
    {10, {9, 1, 1, 1}, 4, {{0.75, 0.0833333, 0.0833333, 0.0833333}, {0.7, 0.1, 0.1, 0.1},
       {0.5, 0.166667, 0.166667, 0.166667}, {0.5, 0.166667, 0.166667, 0.166667},
       {0.785714, 0.0714286, 0.0714286, 0.0714286}}},                               /* #17 */
};

static void test_epic_vectors(void **state)
{
    (void)state;
    static const pl_power_index ks[] = {PL_INDEX_SS, PL_INDEX_BZ, PL_INDEX_DP, PL_INDEX_PGI,
                                        PL_INDEX_JOHNSTON};
    for (size_t c = 0; c < sizeof epic_cases / sizeof *epic_cases; c++) {
        const epic_case *ec = &epic_cases[c];
        pl_game *g = weighted(ec->w, ec->n, ec->q);
        /* enumeration, dp, and dp without Shapley-Shubik (the heaviest-first table) */
        for (int method = 0; method < 3; method++) {
            pl_power *p = method == 2 ? power_with(g, PL_POWER_DP, 1, 0)
                                      : power(g, method ? PL_POWER_DP : PL_POWER_ENUMERATE);
            for (size_t k = method == 2; k < 5; k++)
                for (size_t m = 0; m < ec->n; m++)
                    if (fabs(pl_power_value(p, ks[k], m) - ec->v[k][m]) > 1e-6)
                        fail_msg("EPIC game %zu (quota %lld), %s: %s of member %zu is %.7g, "
                                 "EPIC %.7g", c, (long long)ec->q, method ? "dp" : "enumerate",
                                 pl_power_index_name(ks[k]), m + 1,
                                 pl_power_value(p, ks[k], m), ec->v[k][m]);
            pl_power_free(p);
        }
        pl_game_free(g);
    }
}

/* The fast floating mode agrees with the exact counts (one condition, vetoes allowed). */
static void test_floating(void **state)
{
    (void)state;
    pl_rng r;
    pl__rng_seed(&r, 11, 0);
    for (int trial = 0; trial < 200; trial++) {
        size_t n = 1 + pl__rng_below(&r, 16);
        int64_t w[16], tot = random_weights(&r, n, 0, 12, w);
        pl_game *g = weighted(w, n, 1 + (int64_t)pl__rng_below(&r, (uint64_t)tot));
        for (size_t m = 0; m < n; m++)
            if (pl__rng_below(&r, 7) == 0)
                pl_game_set_veto(g, m, 1, NULL);
        pl_power_opts o = PL_POWER_OPTS_INIT;
        pl_power *x = power(g, PL_POWER_ENUMERATE), *f;
        o.floating = 1;
        assert_int_equal(pl_power_compute(&f, g, &o, NULL), PL_OK);
        assert_false(pl_power_has(f, PL_INDEX_SS));
        assert_near(pl_power_act(f), pl_power_act(x), 1e-12);
        for (int k = PL_INDEX_BZ; k <= PL_INDEX_CI; k++)
            for (size_t m = 0; m < n; m++)
                assert_near(pl_power_value(f, (pl_power_index)k, m),
                            pl_power_value(x, (pl_power_index)k, m), 1e-12);
        pl_power_free(x);
        pl_power_free(f);
        pl_game_free(g);
    }
    /* and at scale it still matches: 1,000 members, weights 1..100 (relative 1e-9) */
    int64_t big[1000], tot = random_weights(&r, 1000, 1, 100, big);
    pl_game *g = weighted(big, 1000, tot / 2 + 1);
    pl_power_opts o = PL_POWER_OPTS_INIT;
    pl_power *x, *f;
    o.method = PL_POWER_DP;
    o.no_shapley = 1;
    assert_int_equal(pl_power_compute(&x, g, &o, NULL), PL_OK);
    o.floating = 1;
    assert_int_equal(pl_power_compute(&f, g, &o, NULL), PL_OK);
    for (size_t m = 0; m < 1000; m++) {
        double a = pl_power_value(x, PL_INDEX_ABZ, m), b = pl_power_value(f, PL_INDEX_ABZ, m);
        assert_near(b / a, 1, 1e-9);
    }
    pl_power_free(x);
    pl_power_free(f);
    pl_game_free(g);
}

/* SS and BZ are invariant under the dual quota W - q + 1; Coleman's two swap. */
static void test_dual_quota(void **state)
{
    (void)state;
    pl_rng r;
    pl__rng_seed(&r, 7, 0);
    for (int trial = 0; trial < 50; trial++) {
        size_t n = 2 + pl__rng_below(&r, 9);
        int64_t w[16], tot = random_weights(&r, n, 1, 9, w);
        int64_t q = 1 + (int64_t)pl__rng_below(&r, (uint64_t)tot);
        pl_game *g = weighted(w, n, q), *h = weighted(w, n, tot - q + 1);
        pl_power *a = power(g, PL_POWER_AUTO), *b = power(h, PL_POWER_AUTO);
        for (size_t m = 0; m < n; m++) {
            assert_string_equal(pl_power_exact(a, PL_INDEX_SS, m), pl_power_exact(b, PL_INDEX_SS, m));
            assert_string_equal(pl_power_exact(a, PL_INDEX_BZ, m), pl_power_exact(b, PL_INDEX_BZ, m));
            assert_string_equal(pl_power_exact(a, PL_INDEX_CP, m), pl_power_exact(b, PL_INDEX_CI, m));
        }
        pl_power_free(a);
        pl_power_free(b);
        pl_game_free(g);
        pl_game_free(h);
    }
}

/* Monte Carlo lands within its stated half-width of the exact EEC values, reproducibly. */
static void test_monte_carlo(void **state)
{
    (void)state;
    static const int64_t w[] = {4, 4, 4, 2, 2, 1};
    pl_game *g = weighted(w, 6, 12);
    pl_power *x = power(g, PL_POWER_AUTO);
    pl_power_opts o = PL_POWER_OPTS_INIT;
    o.method = PL_POWER_MONTE_CARLO;
    o.samples = 200000;
    o.seed = 42;
    pl_power *a, *b;
    assert_int_equal(pl_power_compute(&a, g, &o, NULL), PL_OK);
    assert_int_equal(pl_power_compute(&b, g, &o, NULL), PL_OK);
    double h = pl_power_halfwidth(a, PL_INDEX_SS);
    assert_true(h > 0 && h < 0.01);
    for (size_t m = 0; m < 6; m++) {
        assert_near(pl_power_value(a, PL_INDEX_SS, m), pl_power_value(x, PL_INDEX_SS, m), h);
        assert_near(pl_power_value(a, PL_INDEX_ABZ, m), pl_power_value(x, PL_INDEX_ABZ, m),
                    pl_power_halfwidth(a, PL_INDEX_ABZ));
        assert_true(pl_power_value(a, PL_INDEX_SS, m) == pl_power_value(b, PL_INDEX_SS, m));
    }
    assert_null(pl_power_exact(a, PL_INDEX_SS, 0));
    pl_power_free(a);
    pl_power_free(b);
    pl_power_free(x);
    pl_game_free(g);
}

/* MODELS.md section 13 vectors. */
static void test_rng(void **state)
{
    (void)state;
    pl_rng r = {{1, 2, 3, 4}};
    assert_true(pl__rng_next(&r) == 11520u);
    assert_true(pl__rng_next(&r) == 0u);
    assert_true(pl__rng_next(&r) == 1509978240u);
    assert_true(pl__rng_next(&r) == 1215971899390074240u);
    uint64_t z = 0;
    assert_true(pl__splitmix64(&z) == 0xe220a8397b1dcdafu);
    assert_true(pl__splitmix64(&z) == 0x6e789e6aa1b965f4u);
    assert_true(pl__splitmix64(&z) == 0x06c45d188009454fu);
    pl__rng_seed(&r, 0, 0);
    pl_rng r2 = r;
    assert_true(pl__rng_next(&r) == 0x99ec5f36cb75f2b4u);
    assert_true(pl__rng_next(&r) == 0xbf6e1f784956452au);
    assert_true(pl__rng_double(&r2) == 0.6012629994179048);
    assert_true(pl__rng_double(&r2) == 0.7477740925472398);
    pl__rng_seed(&r, 42, 0);
    assert_true(pl__rng_next(&r) == 0x15780b2e0c2ec716u);
    pl__rng_seed(&r, 42, 1);
    assert_true(pl__rng_next(&r) == 0x651975049fe9c8f5u);
}

static void test_credibility(void **state)
{
    (void)state;
    pl_game *g = unsc_weighted();
    pl_power *p = power(g, PL_POWER_AUTO);
    pl_credibility cr;
    char text[512];
    /* a permanent member blocks through the quota: others hold 38 of 45 < 39 */
    assert_int_equal(pl_power_credibility(&cr, g, p, 0, NULL), PL_OK);
    assert_false(cr.can_act);
    assert_true(cr.veto);
    assert_false(cr.formal_veto);
    assert_near(cr.share_without, 0, 0);
    assert_int_equal(cr.n_changes, 1);
    assert_true(cr.change_from[0] == 39 && cr.change_to[0] == 38 && cr.change_total[0] == 45);
    /* it blocks alone: {P1} is its smallest blocking coalition, 1 of the 125 hold it */
    assert_int_equal(cr.smallest_blocking, 1);
    assert_int_equal(cr.blocking_with, 1);
    /* an elected member: 382 of 848 winning coalitions exclude it */
    assert_int_equal(pl_power_credibility(&cr, g, p, 7, NULL), PL_OK);
    assert_true(cr.can_act);
    assert_near(cr.share_without, 382.0 / 848, 1e-15);
    assert_near(cr.act_against, 382.0 / 16384, 1e-15);
    pl_credibility_text(&cr, g, "UNSC", "E3", text, sizeof text);
    assert_non_null(strstr(text, "can act against E3"));
    /* not a member */
    assert_int_equal(pl_power_credibility(&cr, g, p, -1, NULL), PL_OK);
    assert_true(cr.can_act && !cr.member);
    pl_power_free(p);
    pl_game_free(g);
}

/* The built-in scenario: Russia's P5 guarantor council cannot act against Russia. */
static void test_builtin_guarantors(void **state)
{
    (void)state;
    pl_scenario *s;
    assert_int_equal(pl_scenario_load_builtin(&s, NULL, NULL, NULL), PL_OK);
    long b = pl_scenario_body_index(s, "GUARANTOR_COUNCIL");
    assert_true(b >= 0);
    pl_game *g;
    assert_int_equal(pl_game_from_body(&g, s, (size_t)b, NULL), PL_OK);
    size_t rus = 0;
    while (strcmp(pl_game_member_name(g, rus), "RUS") != 0)
        rus++;
    pl_power *p = power(g, PL_POWER_AUTO);
    pl_credibility cr;
    assert_int_equal(pl_power_credibility(&cr, g, p, (long)rus, NULL), PL_OK);
    assert_false(cr.can_act);
    assert_true(cr.formal_veto && cr.drop_veto);
    assert_int_equal(cr.n_changes, 1);
    assert_true(cr.change_from[0] == 5 && cr.change_to[0] == 4);
    expect(p, PL_INDEX_SS, 0, 5, "1/5");
    assert_string_equal(pl_power_n_winning(p), "1");
    pl_power_free(p);
    pl_game_free(g);
    pl_scenario_free(s);
}

static void test_bad_games(void **state)
{
    (void)state;
    pl_game *g;
    pl_error err;
    static const int64_t w[] = {3, 2, 1}, neg[] = {3, -2, 1}, zero[] = {0, 0, 0};
    assert_int_equal(pl_game_new(&g, 0, &err), PL_EINPUT);
    assert_int_equal(pl_game_new(&g, 3, NULL), PL_OK);
    assert_int_equal(pl_game_add_condition(g, w, 7, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "quota 7 is outside [1, 6]"));
    assert_int_equal(pl_game_add_condition(g, w, 0, &err), PL_EINPUT);
    assert_int_equal(pl_game_add_condition(g, neg, 2, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "negative"));
    assert_int_equal(pl_game_add_condition(g, zero, 1, &err), PL_EINPUT);
    assert_int_equal(pl_game_add_rule(g, &err), PL_EINPUT);
    pl_power *p;
    assert_int_equal(pl_power_compute(&p, g, NULL, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "no quota"));
    pl_game_free(g);
    /* too large to enumerate, too large a table: refused with the way out named (weights
       spread apart: equal ones leave the Shapley-Shubik table one entry a row, size_table.c) */
    int64_t big[40];
    for (int m = 0; m < 40; m++)
        big[m] = (int64_t)(m + 1) << 34;
    g = weighted(big, 40, (int64_t)410 << 34);
    pl_power_opts o = PL_POWER_OPTS_INIT;
    o.method = PL_POWER_ENUMERATE;
    assert_int_equal(pl_power_compute(&p, g, &o, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "monte-carlo"));
    o.method = PL_POWER_AUTO;
    assert_int_equal(pl_power_compute(&p, g, &o, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "monte-carlo"));
    pl_game_free(g);
    /* a Shapley-Shubik table of about 2^70 entries (4,000 weights spread over [2^49, 2^50]):
       more than a size_t counts, refused with the estimate, never indexed (size_table.c) */
    int64_t *huge = malloc(4000 * sizeof *huge), tot = 0;
    assert_non_null(huge);
    for (int m = 0; m < 4000; m++)
        tot += huge[m] = ((int64_t)1 << 49) + (int64_t)m * (((int64_t)1 << 49) / 4000);
    g = weighted(huge, 4000, tot / 2 + 1);
    o.method = PL_POWER_DP;
    assert_int_equal(pl_power_compute(&p, g, &o, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "--max-memory"));
    assert_non_null(strstr(err.msg, "7.51e+20 cells")); /* summed in a double: 1.27e+19 wrapped */
    pl_game_free(g);
    free(huge);
}

/* The game language of `parley power`: items "name=value" (or "or") to a builder, built. */
static int build(const char *const *items, pl_game **g, pl_error *err)
{
    pl_game_builder *b;
    assert_int_equal(pl_game_builder_new(&b, NULL), PL_OK);
    for (size_t i = 0; items[i]; i++) {
        const char *v = strchr(items[i], '=');
        size_t len = v ? (size_t)(v++ - items[i]) : strlen(items[i]);
        int rc = strncmp(items[i], "weights", len) == 0 ? pl_game_builder_weights(b, v, NULL)
                 : strncmp(items[i], "quota", len) == 0 ? pl_game_builder_quota(b, v, NULL)
                 : strncmp(items[i], "min-members", len) == 0
                     ? pl_game_builder_min_members(b, v, NULL)
                 : strncmp(items[i], "names", len) == 0 ? pl_game_builder_names(b, v, NULL)
                 : strncmp(items[i], "veto", len) == 0 ? pl_game_builder_veto(b, v, NULL)
                                                       : pl_game_builder_or(b, NULL);
        assert_int_equal(rc, PL_OK);  /* recording never fails on values */
    }
    int rc = pl_game_builder_build(b, g, err);
    pl_game_builder_free(b);
    return rc;
}

static void test_game_language(void **state)
{
    (void)state;
    pl_game *g;
    const char *unsc[] = {"weights=7x5,1x10", "quota=39", NULL};
    assert_int_equal(build(unsc, &g, NULL), PL_OK);
    assert_int_equal(pl_game_n_members(g), 15);
    assert_int_equal(pl_game_quota(g, 0, 0), 39);
    assert_int_equal(pl_game_weight(g, 0, 0, 4), 7);
    assert_int_equal(pl_game_weight(g, 0, 0, 5), 1);
    pl_power *p = power(g, PL_POWER_AUTO);
    check_unsc(p);
    pl_power_free(p);
    pl_game_free(g);
    /* the count may come after a condition; vetoes by name or number */
    const char *vetoes[] = {"min-members=2", "names=A,B,C", "veto=B,3", NULL};
    assert_int_equal(build(vetoes, &g, NULL), PL_OK);
    assert_string_equal(pl_game_member_name(g, 0), "A");
    assert_true(!pl_game_is_veto(g, 0) && pl_game_is_veto(g, 1) && pl_game_is_veto(g, 2));
    assert_int_equal(pl_game_member_index(g, "C"), 2);
    assert_int_equal(pl_game_member_index(g, "1"), 0);
    assert_int_equal(pl_game_member_index(g, "4"), -1);
    assert_int_equal(pl_game_member_index(g, "D"), -1);
    pl_game_free(g);
    /* shares are tested in integers; a quota takes the last weights before it */
    static const struct { const char *quota; int64_t want; } shares[] = {
        {"quota=2/3", 2}, {"quota=66.7%", 3}, {"quota=majority", 2}, {"quota=unanimity", 3},
        {"quota=50%", 2}};
    for (size_t i = 0; i < sizeof shares / sizeof *shares; i++) {
        const char *items[] = {"weights=1,1,1", shares[i].quota, NULL};
        assert_int_equal(build(items, &g, NULL), PL_OK);
        assert_int_equal(pl_game_quota(g, 0, 0), shares[i].want);
        pl_game_free(g);
    }
    const char *two[] = {"weights=3,2,1", "quota=5", "or", "weights=1,1,1", "quota=3", NULL};
    assert_int_equal(build(two, &g, NULL), PL_OK);
    assert_int_equal(pl_game_n_rules(g), 2);
    assert_int_equal(pl_game_weight(g, 1, 0, 0), 1);
    pl_game_free(g);
}

static void test_game_language_errors(void **state)
{
    (void)state;
    static const struct { const char *items[6]; const char *msg; } bad[] = {
        {{"weights=4,2,1", "quota=8"}, "--quota 8: quota 8 is outside [1, 7]; expected a quota "
         "no larger than the total weight"},
        {{"weights=4,-2", "quota=1"}, "--weights: '-2' (item 2) is not a whole number from 0 to "
         "2^50 or WxK (K members of weight W, K <= 10^8)"},
        {{"weights=1x100000001", "quota=1"}, "--weights: '1x100000001' (item 1) is not a whole "
         "number from 0 to 2^50 or WxK (K members of weight W, K <= 10^8)"},
        {{"weights=1x60000000,1x60000000", "quota=1"}, "--weights has 120000000 members; "
         "expected at most 10^8"},
        {{"weights=0,0", "quota=1"}, "--quota 1: the weights sum to 0; expected a positive "
         "weight for at least one member"},
        {{"weights=1,1", "quota=3/2"}, "--quota 3/2: share 3/2 is outside (0, 1]; expected a "
         "share such as 2/3"},
        {{"weights=1,1", "quota=0/3"}, "--quota 0/3: expected a whole number, a share like 2/3 "
         "or 65%, majority or unanimity"},
        {{"weights=1,1", "quota=.%"}, "--quota .%: expected a whole number, a share like 2/3 "
         "or 65%, majority or unanimity"},
        {{"weights=1,1", "quota=1.5/2"}, "--quota 1.5/2: expected a whole number, a share like "
         "2/3 or 65%, majority or unanimity"},
        {{"weights=1,1", "quota=2x"}, "--quota 2x: expected a whole number >= 1, a share like "
         "2/3 or 65%, majority or unanimity"},
        {{"weights=1,1", "quota=2", "veto=3"}, "--veto: '3' is not a member; expected a name "
         "from --names or a number from 1 to 2"},
        {{"quota=2"}, "--quota comes before the members are known; expected --weights or "
         "--names first"},
        {{"or"}, "--or comes before the members are known; expected --weights or --names first"},
        {{"weights=1,2", "quota=2", "names=A"}, "--names has 1 members but the game has 2 (set "
         "by the first --weights or --names)"},
        {{"weights=1,2"}, "the game has no quota; expected --quota Q after --weights"},
        {{"names=A,B", "quota=2"}, "--quota 2 has no weights; expected --weights before it (or "
         "--min-members)"},
        {{"weights=1,1", "min-members=3"}, "--min-members 3: expected a whole number from 1 to "
         "2"},
        {{"weights=1,1", "or", "quota=1"}, "--or: rule 1 has no condition; expected at least "
         "one quota before the next rule"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        pl_game *g = (pl_game *)&g;  /* overwritten with NULL on error */
        pl_error err;
        assert_int_equal(build(bad[i].items, &g, &err), PL_EINPUT);
        assert_null(g);
        assert_string_equal(err.msg, bad[i].msg);
    }
    pl_game_builder *b;
    pl_error err;
    assert_int_equal(pl_game_builder_new(&b, NULL), PL_OK);
    assert_int_equal(pl_game_builder_quota(b, NULL, &err), PL_EMISUSE);
    assert_int_equal(pl_game_builder_build(b, NULL, &err), PL_EMISUSE);
    pl_game_builder_free(b);
    assert_int_equal(pl_game_builder_or(NULL, &err), PL_EMISUSE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unsc),
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_minimal_blocking),
        cmocka_unit_test(test_two_majorities),
        cmocka_unit_test(test_eu27),
        cmocka_unit_test(test_dp_equals_enumeration),
        cmocka_unit_test(test_critical_equals_enumeration),
        cmocka_unit_test(test_epic_vectors),
        cmocka_unit_test(test_banzhaf_prefix_path),
        cmocka_unit_test(test_shapley_size_table),
        cmocka_unit_test(test_shapley_residues),
        cmocka_unit_test(test_shapley_residues_memory),
        cmocka_unit_test(test_critical_multiword),
        cmocka_unit_test(test_dual_quota),
        cmocka_unit_test(test_floating),
        cmocka_unit_test(test_monte_carlo),
        cmocka_unit_test(test_rng),
        cmocka_unit_test(test_credibility),
        cmocka_unit_test(test_builtin_guarantors),
        cmocka_unit_test(test_bad_games),
        cmocka_unit_test(test_game_language),
        cmocka_unit_test(test_game_language_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
