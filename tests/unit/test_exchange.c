/* SPDX-License-Identifier: MIT */
/*
** test_exchange.c: the Stokman-Van Oosten exchange model
** (src/forecast/exchange.c), MODELS.md section 5: (a) the two-actor worked
** example by hand (extends decide/tests/test_rex.py of
** foarsitter/decide-exchange-model); (b) the published expectations on
** ../shared/data/decide/sample_data.txt (decide/model/test): 240 candidate
** combinations of which 10 have equal ratios, first gain 1.973684, next
** 1.792636. Tol 1e-6. (c) Decide itself, run with
** scripts/decide-reference.py on a checkout of foarsitter/decide-exchange-model
** (commit 51dee66): round 1 on sample_data and the spread of 10 rounds
** across seeds. (d) the fast path (side groups, max-tree) and issue 20's heap
** against the naive one (every candidate re-sized after each trade) on random
** scenarios, trade by trade.
*/
#include "tests/unit/test_util.h"
#include "forecast/exchange_impl.h"

#include <stdio.h>

static void test_two_actors(void **state)
{
    (void)state;
    /* A1: issue 1 x 0, s 0.1; issue 2 x 0, s 0.9. A2: issue 1 x 100, s 0.6; issue 2 x 100, s 0.5 */
    double x[] = {0, 0, 100, 100}, s[] = {.1, .9, .6, .5}, c[] = {1, 1, 1, 1};
    pl_exchange *e;
    pl_exchange_opts o = PL_EXCHANGE_OPTS_INIT;
    o.rounds = 2;
    assert_int_equal(pl_exchange_run(&e, 2, 2, x, s, c, &o, NULL), PL_OK);
    assert_near(pl_exchange_outcome(e, 0, 0), 85.714286, 1e-6);
    assert_near(pl_exchange_outcome(e, 0, 1), 35.714286, 1e-6);
    const pl_exchange_trade *t = pl_exchange_trade_at(e, 0);
    assert_non_null(t);
    /* A1 supplies issue 1 (rho 0.5); A2's full move would need A1 to move 500 > 100 */
    assert_int_equal(t->i, 0);
    assert_int_equal(t->p, 0);
    assert_near(t->i_to, 100, 1e-9);
    assert_near(t->j_to, 80, 1e-9);
    assert_near(t->shift_p, 14.285714, 1e-6);
    assert_near(t->shift_q, 7.142857, 1e-6);
    assert_near(t->gain_i, 5.0, 1e-9);
    assert_near(t->gain_j, 5.0, 1e-9);
    assert_near(pl_exchange_outcome(e, 1, 0), 100, 1e-9);
    assert_near(pl_exchange_outcome(e, 1, 1), 28.571429, 1e-6);
    /* the next round starts from x' = (1 - l) x + l y, l = 0.4 (1 - s) + 0.1: 46 and 94 */
    t = pl_exchange_trade_at(e, 1);
    assert_non_null(t);
    assert_int_equal(t->round, 2);
    assert_near(t->i_from, 46, 1e-9);
    assert_near(t->j_from, 94, 1e-9);
    pl_exchange_free(e);
}

/*
** A third actor on issue 1 only cannot trade; A1 and A2 trade as before but
** with W_1 = 1.2: A1 moves fully (0 -> 100), O_1 goes 70.833333 -> 79.166667,
** and A3 at 50 (s 0.5) bears 0.5 (|50 - 70.833333| - |50 - 79.166667|) = -4.166667.
*/
static void test_externality(void **state)
{
    (void)state;
    double x[] = {0, 0, 100, 100, 50, NAN}, s[] = {.1, .9, .6, .5, .5, 0};
    double c[] = {1, 1, 1, 1, 1, 1};
    pl_exchange *e;
    pl_exchange_opts o = PL_EXCHANGE_OPTS_INIT;
    o.rounds = 1;
    assert_int_equal(pl_exchange_run(&e, 3, 2, x, s, c, &o, NULL), PL_OK);
    assert_int_equal(pl_exchange_n_trades(e), 1);
    const pl_exchange_trade *t = pl_exchange_trade_at(e, 0);
    assert_near(t->gain_i, 35.0 / 12, 1e-9); /* 0.9 x 4.166667 - 0.1 x 8.333333 */
    assert_near(pl_exchange_outcome(e, 1, 0), 79.166667, 1e-6);
    assert_near(pl_exchange_externality(e, 1, 2, 0), -4.166667, 1e-6);
    assert_near(pl_exchange_externality(e, 1, 2, 1), 0, 0);  /* absent */
    assert_near(pl_exchange_externality(e, 1, 0, 0), 0, 0);  /* a trader */
    pl_exchange_free(e);
}

static void test_sample_data(void **state)
{
    (void)state;
    const char *path = PL_SHARED_DIR "/data/decide/sample_data.txt";
    FILE *f = fopen(path, "rb");
    if (!f) {
        print_message("SKIP: %s not found (../shared is absent)\n", path);
        skip();
    }
    fclose(f);
    pl_scenario *sc;
    pl_error err;
    assert_int_equal(pl_import_file(&sc, NULL, path, PL_IMPORT_DECIDE, NULL, &err), PL_OK);
    pl_exchange *e;
    assert_int_equal(pl_exchange_run_scenario(&e, sc, NULL, &err), PL_OK);
    size_t equal = 0, cand = pl_exchange_candidates(e, &equal);
    assert_int_equal(cand, 240);
    assert_int_equal(equal, 10);
    const pl_exchange_trade *t = pl_exchange_trade_at(e, 0);
    assert_near(t->gain_i, 1.973684, 1e-6);
    assert_near(t->gain_j, 1.973684, 1e-6);
    /* Willems supplies extra-investering 25 -> 100; Wcentr moves 61.051174 on tolheffing */
    const pl_exchange_trade *w = t;
    int willems_j = strcmp(pl_actor_id(pl_scenario_actor(sc, pl_exchange_actor(e, w->j))),
                           "Willems") == 0;
    assert_true(willems_j);
    assert_string_equal(pl_issue_id(pl_scenario_issue(sc, w->q)), "extra-investering");
    assert_near(w->j_from, 25, 1e-9);
    assert_near(w->j_to, 100, 1e-9);
    assert_near(w->shift_q, 13.157895, 1e-6);
    assert_near(fabs(w->i_to - w->i_from), 61.051174, 1e-6);
    assert_near(w->shift_p, 10.387812, 1e-6);
    assert_near(pl_exchange_trade_at(e, 1)->gain_i, 1.792636, 1e-6);
    pl_exchange_free(e);
    pl_scenario_free(sc);
}

static pl_scenario *decide_file(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/data/decide/%s", PL_SHARED_DIR, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fclose(f);
    pl_scenario *sc;
    pl_error err;
    assert_int_equal(pl_import_file(&sc, NULL, path, PL_IMPORT_DECIDE, NULL, &err), PL_OK);
    return sc;
}

/*
** Round 1 on sample_data, as Decide plays it: `python3 scripts/decide-reference.py
** DECIDE sample_data.txt 2 1` prints these O (its one tie, GL supplying
** wanneer-tol or tolheffing-binnenstad to VVDs at gain 0.797480, broken the
** same way as parley's seed 1; all 38 trades then agree to 4 decimals).
*/
static void test_decide_round1(void **state)
{
    (void)state;
    pl_scenario *sc = decide_file("sample_data.txt");
    if (!sc) {
        print_message("SKIP: ../shared is absent\n");
        skip();
    }
    static const double decide[] = {69.501650, 48.600509, 47.610405, 16.234703, 76.461988,
                                    46.772734};
    pl_exchange_opts o = PL_EXCHANGE_OPTS_INIT;
    o.rounds = 1;
    o.seed = 1;
    pl_exchange *e;
    assert_int_equal(pl_exchange_run_scenario(&e, sc, &o, NULL), PL_OK);
    assert_int_equal(pl_exchange_n_trades(e), 38);
    for (size_t k = 0; k < 6; k++)
        assert_near(pl_exchange_outcome(e, 1, k), decide[k], 1e-6);
    /* the seventh trade is the tie: VVDs tol-hoogte 0 -> 69.230769, GL wanneer-tol 100 -> 72.227 */
    const pl_exchange_trade *t = pl_exchange_trade_at(e, 6);
    assert_near(t->gain_i, 0.797480, 1e-6);
    assert_near(t->i_to, 69.230769, 1e-6);
    assert_near(t->j_to, 72.2271, 1e-4);
    pl_exchange_free(e);
    pl_scenario_free(sc);
}

/*
** Round 1 on cop21 (15 actors x 13 issues): `decide-reference.py DECIDE cop21.csv
** 1 1` plays 126 trades; parley's seed 2 plays the same first 57 (the 58th is a
** tie of China supplying mrv or progress to EU28 at gain 0.168043, broken the
** other way). The 57th: EU28 supplies finance_who 80 -> 51.3480, Arab_statess
** progress 0 -> 65, gain 0.170378.
*/
static void test_decide_cop21(void **state)
{
    (void)state;
    pl_scenario *sc = decide_file("cop21.csv");
    if (!sc) {
        print_message("SKIP: ../shared is absent\n");
        skip();
    }
    pl_exchange_opts o = PL_EXCHANGE_OPTS_INIT;
    o.rounds = 1;
    o.seed = 2;
    pl_exchange *e;
    assert_int_equal(pl_exchange_run_scenario(&e, sc, &o, NULL), PL_OK);
    assert_true(pl_exchange_n_trades(e) > 57);
    const pl_exchange_trade *t = pl_exchange_trade_at(e, 56);
    assert_string_equal(pl_actor_id(pl_scenario_actor(sc, pl_exchange_actor(e, t->i))), "EU28");
    assert_string_equal(pl_issue_id(pl_scenario_issue(sc, t->p)), "finance_who");
    assert_near(t->i_from, 80, 1e-9);
    assert_near(t->i_to, 51.3480, 1e-4);
    assert_near(t->j_to, 65, 1e-4);
    assert_near(t->gain_i, 0.170378, 1e-6);
    t = pl_exchange_trade_at(e, 57);
    assert_near(t->gain_i, 0.168043, 1e-6);
    pl_exchange_free(e);
    pl_scenario_free(sc);
}

/*
** Ten rounds: Decide's O across Python seeds 1-8 (`decide-reference.py DECIDE
** sample_data.txt SEED 10`): tolheffing-binnenstad 67.902-76.404, tol-hoogte
** 59.102-63.944, extra-investering 75.608-80.910. Ties break differently, so
** parley's seeds 1-6 must fall in that spread.
*/
static void test_decide_spread(void **state)
{
    (void)state;
    pl_scenario *sc = decide_file("sample_data.txt");
    if (!sc) {
        print_message("SKIP: ../shared is absent\n");
        skip();
    }
    static const size_t issue[] = {0, 1, 4};
    static const double lo[] = {67.902, 59.102, 75.608}, hi[] = {76.404, 63.944, 80.910};
    for (uint64_t seed = 1; seed <= 6; seed++) {
        pl_exchange_opts o = PL_EXCHANGE_OPTS_INIT;
        o.seed = seed;
        pl_exchange *e;
        assert_int_equal(pl_exchange_run_scenario(&e, sc, &o, NULL), PL_OK);
        for (size_t r = 0; r < 3; r++) {
            double v = pl_exchange_outcome(e, 10, issue[r]);
            if (!(v >= lo[r] && v <= hi[r]))
                fail_msg("seed %d issue %zu: %f outside Decide's %f-%f", (int)seed, issue[r], v,
                         lo[r], hi[r]);
        }
        pl_exchange_free(e);
    }
    pl_scenario_free(sc);
}

/*
** Why three sample_data issues strayed outside Decide's spread of seeds 1-8, and
** the numbers now pinned. Decide breaks a tie with Python's random module,
** parley with its own stream, so seed n of one is not seed n of the other: only
** the distributions over seeds can be compared, and the range of 8 seeds is a
** small sample of Decide's. Over Python seeds 1-30 (`decide-reference.py DECIDE
** sample_data.txt SEED 10`, 14-19 ties each) Decide's O after 10 rounds has
** these means and standard deviations (its ranges: 67.63-76.40, 59.10-65.18,
** 37.11-44.81, 3.79-11.50, 75.61-83.07, 44.89-49.87; parley's seeds 1-30 stay
** inside them but by 0.25 below on the first, 0.03 below on extra-investering and
** 0.78 below and 1.16 above on the ring, 44.10-51.03); parley's seeds 1-30 give
** the means pinned below (to 1e-3), and each differs from Decide's by less than
** one standard error of the difference (|t| <= 0.82; Kolmogorov-Smirnov D <= 0.23,
** below the 5% critical value of about 0.35 for 30 against 30).
** With ties broken alike (the first tied exchange in candidate order: Decide's
** ALLOW_RANDOM = False against a build of parley that takes the lowest tied id),
** all trades of rounds 1-4 agree and O to 1e-6; round 5 parts at its 34th trade,
** a knife-edge of rounding, not of rule: trade 33 had moved the outcome of
** tol-hoogte exactly onto PvdA's position (O may not pass the demander's), and
** Willems, supplying tol-hoogte to PvdA once more (with kleine-of-grote-ring in
** return), sees O at that position. Decide's 28-digit decimals leave it a hair
** short, so the move is cut to 0 and the exchange dropped; parley's doubles land
** on it, so nothing is cut and Willems moves 36.25 -> 45.22 (gain 0.096). Making
** "at the position" count as passing it fixes that trade but loses round 1 of
** test_decide_round1 (37 trades against Decide's 38: there Decide does not cut),
** and over 30 seeds matches Decide no better
** (|t| up to 1.50), so parley keeps its rule (docs/models.md, exchange model).
*/
static void test_decide_seeds(void **state)
{
    (void)state;
    pl_scenario *sc = decide_file("sample_data.txt");
    if (!sc) {
        print_message("SKIP: ../shared is absent\n");
        skip();
    }
    enum { SEEDS = 30, K = 6 };
    static const double dmean[K] = {70.914, 62.624, 40.496, 7.300, 77.329, 46.786};
    static const double dsd[K] = {2.547, 1.478, 1.893, 2.292, 1.631, 1.502};
    static const double pinned[K] = {70.777, 62.534, 40.181, 7.294, 77.617, 47.147};
    double sum[K] = {0}, sq[K] = {0};
    for (uint64_t seed = 1; seed <= SEEDS; seed++) {
        pl_exchange_opts o = PL_EXCHANGE_OPTS_INIT;
        o.seed = seed;
        pl_exchange *e;
        assert_int_equal(pl_exchange_run_scenario(&e, sc, &o, NULL), PL_OK);
        for (size_t k = 0; k < K; k++) {
            double v = pl_exchange_outcome(e, 10, k);
            sum[k] += v;
            sq[k] += v * v;
        }
        pl_exchange_free(e);
    }
    for (size_t k = 0; k < K; k++) {
        double m = sum[k] / SEEDS, var = (sq[k] - SEEDS * m * m) / (SEEDS - 1);
        double se = sqrt(dsd[k] * dsd[k] / SEEDS + var / SEEDS);
        assert_near(m, pinned[k], 1e-3);
        if (fabs(m - dmean[k]) > 2 * se)
            fail_msg("issue %zu: mean %f, Decide's %f, more than 2 standard errors (%f)", k, m,
                     dmean[k], se);
    }
    pl_scenario_free(sc);
}

static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Positions on a coarse grid and saliences from a few values, so ties and equal ratios occur. */
static void random_scenario(uint64_t *r, size_t n, size_t K, double *x, double *s, double *c)
{
    static const double sal[] = {0.1, 0.3, 0.5, 0.6, 0.9, 1.0};
    for (size_t a = 0; a < n; a++) {
        double cap = 1 + (double)(next(r) % 5);
        for (size_t k = 0; k < K; k++) {
            x[a * K + k] = next(r) % 9 == 0 ? NAN : 12.5 * (double)(next(r) % 9);
            s[a * K + k] = sal[next(r) % 6];
            c[a * K + k] = cap;
        }
    }
}

/* Run path (PL__XC_*: 0 fast, 1 naive, 2 heap, 3 fast indexed) on a random case; the rc. */
static int run_path(pl_exchange **e, size_t n, size_t K, const double *x, const double *s,
                    const double *c, int trial, int path)
{
    pl_exchange_opts o = PL_EXCHANGE_OPTS_INIT;
    o.seed = (uint64_t)trial;
    o.rule = trial % 3 == 2 ? PL_EXCHANGE_RANDOM_RATE : PL_EXCHANGE_EQUAL_GAIN;
    o.rounds = 6;
    o.naive = path;
    *e = NULL;
    return pl_exchange_run(e, n, K, x, s, c, &o, NULL);
}

/* Same trades in the same order, bit for bit, the same outcomes; returns the trades. */
static size_t assert_same(const pl_exchange *a, const pl_exchange *b, size_t K)
{
    assert_int_equal(pl_exchange_n_trades(a), pl_exchange_n_trades(b));
    for (size_t t = 0; t < pl_exchange_n_trades(a); t++)
        assert_memory_equal(pl_exchange_trade_at(a, t), pl_exchange_trade_at(b, t),
                            sizeof(pl_exchange_trade));
    for (size_t k = 0; k < K; k++)
        assert_true(pl_exchange_outcome(a, 6, k) == pl_exchange_outcome(b, 6, k));
    size_t ea, eb, ca = pl_exchange_candidates(a, &ea), cb = pl_exchange_candidates(b, &eb);
    assert_int_equal(ca, cb);
    assert_int_equal(ea, eb);
    return pl_exchange_n_trades(a);
}

/*
** The fast path (on small runs sets of candidates scanned, the last sizing
** executed; path 3 keeps it indexed: pairs by side groups, max-tree, dead
** candidates dropped from the key lists) and issue 20's heap make the same
** trades in the same order as
** the naive re-scan, bit for bit (no tolerance: the same candidates are sized
** by the same code from the same inputs; only which are sized and how the best
** is found differ), on 240 random scenarios up to 12 actors x 7 issues and 24
** up to 24 x 14.
*/
static void test_naive_fast(void **state)
{
    (void)state;
    uint64_t r = 88172645463325252u;
    double x[24 * 14], s[24 * 14], c[24 * 14];
    size_t total = 0;
    for (int trial = 0; trial < 264; trial++) {
        int big = trial >= 240;
        size_t n = big ? 12 + next(&r) % 13 : 2 + next(&r) % 11;
        size_t K = big ? 7 + next(&r) % 8 : 2 + next(&r) % 6;
        random_scenario(&r, n, K, x, s, c);
        pl_exchange *e[4];
        int rc[4];
        for (int v = 0; v < 4; v++)
            rc[v] = run_path(&e[v], n, K, x, s, c, trial, v);
        for (int v = 0; v < 4; v++)
            assert_int_equal(rc[v], rc[1]);
        if (rc[0])
            continue;
        total += assert_same(e[0], e[1], K);
        assert_same(e[2], e[1], K);
        assert_same(e[3], e[1], K);
        for (int v = 0; v < 4; v++)
            pl_exchange_free(e[v]);
    }
    assert_true(total > 5000); /* the comparison saw real work */
}

/*
** pl__xc_size's demand-key ranges at their edges (exchange_size.h, still; the
** review's finding: the whole-run tests catch a range widened by 1e-2, not by
** 1e-4). One candidate of two actors on two issues, random positions with the
** demander's view placed near the edges of "O passes X"; dv[j p] (then dv[i q])
** set to each end of its range, the doubles just inside, and random points
** within: the sizing must be the same bytes. The test can fail: just past an
** exact edge (without the 1e-9 margin) the sizing must change in some trials.
*/
static int size_at(pl__xc_state *st, double *dv, size_t at, double v, const pl__xc_cand *cd,
                   pl_exchange_trade *t)
{
    double keep = dv[at];
    dv[at] = v;
    memset(t, 0, sizeof *t);
    int ok = pl__xc_size(st, cd, t, NULL);
    dv[at] = keep;
    return ok;
}

static void test_size_ranges(void **state)
{
    (void)state;
    uint64_t r = 0x9E3779B97F4A7C15u;
    size_t checked = 0, flipped = 0;
    for (int trial = 0; trial < 4000; trial++) {
        /* actor major, K = 2: [a * 2 + k] */
        double x[4], y[4], s[4], k[4], O0[2], W[2] = {1, 1}, dv[4] = {0, 0, 0, 0}, c[4];
        uint32_t head[4] = {0, 0, 0, 0};
        for (int v = 0; v < 4; v++) {
            x[v] = (double)(next(&r) % 10001) / 100;
            s[v] = 0.05 + (double)(next(&r) % 96) / 100;
            k[v] = 0.05 + (double)(next(&r) % 90) / 100;
            c[v] = 1;
            y[v] = x[v];
        }
        for (int kk = 0; kk < 2; kk++)
            O0[kk] = (double)(next(&r) % 10001) / 100;
        pl__xc_state st = {2, 2, s, c, x, O0, W, k, y, dv, head, NULL};
        pl__xc_cand cd;
        memset(&cd, 0, sizeof cd);
        cd.i = 0, cd.j = 1, cd.p = 0, cd.q = 1;
        cd.rho = 0.2 + (double)(next(&r) % 400) / 100;
        pl_exchange_trade t0, t;
        double dvr[4];
        memset(&t0, 0, sizeof t0);
        if (!pl__xc_size(&st, &cd, &t0, dvr))
            continue;
        for (int key = 0; key < 2; key++) {
            size_t at = key ? 0 * 2 + 1 : 1 * 2 + 0; /* dv[i q], dv[j p] */
            double lo = dvr[2 * key], hi = dvr[2 * key + 1];
            if (isnan(lo))
                continue;
            double pts[6] = {lo, hi, nextafter(lo, INFINITY), nextafter(hi, -INFINITY), 0, 0};
            double a = isfinite(lo) ? lo : hi - 50, b = isfinite(hi) ? hi : lo + 50;
            pts[4] = a + (b - a) * (double)(next(&r) % 1000) / 1000;
            pts[5] = a + (b - a) * (double)(next(&r) % 1000) / 1000;
            for (int v = 0; v < 6; v++) {
                if (!isfinite(pts[v]))
                    continue;
                assert_int_equal(size_at(&st, dv, at, pts[v], &cd, &t), 1);
                assert_memory_equal(&t, &t0, sizeof t);
                checked++;
            }
            /* past the exact edge (the margin is 1e-9): O now passes X, the size follows dv */
            double out = isfinite(hi) ? hi + 2e-9 + 1e-6 : lo - 2e-9 - 1e-6;
            if (!size_at(&st, dv, at, out, &cd, &t) || memcmp(&t, &t0, sizeof t) != 0)
                flipped++;
        }
    }
    assert_true(checked > 5000);
    assert_true(flipped > 100); /* the edges are where the sizing changes */
}

/*
** The fast path's demand-key ranges (exchange_size.h, still) where they
** matter most: positions continuous and close together (40-60) and powers
** unequal (1-100), so that O often passes a demander's position (the sizes
** then follow the demander's view: no range) and trades often move a view
** across a range's edge. The oracle is the naive path, which re-sizes every
** candidate after every trade; same trades bit for bit, no tolerance, from the
** fast path and from it always indexed (path 3).
*/
static void test_naive_fast_crowded(void **state)
{
    (void)state;
    uint64_t r = 0x9E3779B97F4A7C15u;
    double x[16 * 8], s[16 * 8], c[16 * 8];
    size_t total = 0;
    for (int trial = 0; trial < 220; trial++) {
        size_t n = 4 + next(&r) % 13, K = 2 + next(&r) % 7;
        for (size_t a = 0; a < n; a++) {
            double cap = 1 + (double)(next(&r) % 100);
            for (size_t k = 0; k < K; k++) {
                x[a * K + k] = 40 + 20 * (double)(next(&r) >> 11) * 0x1.0p-53;
                s[a * K + k] = 0.05 + 0.95 * (double)(next(&r) >> 11) * 0x1.0p-53;
                c[a * K + k] = cap;
            }
        }
        pl_exchange *e[3];
        int rc[3];
        for (int v = 0; v < 3; v++)
            rc[v] = run_path(&e[v], n, K, x, s, c, trial, v == 2 ? 3 : v);
        for (int v = 0; v < 3; v++)
            assert_int_equal(rc[v], PL_OK);
        total += assert_same(e[0], e[1], K);
        assert_same(e[2], e[1], K);
        for (int v = 0; v < 3; v++)
            pl_exchange_free(e[v]);
    }
    assert_true(total > 5000); /* the comparison saw real work */
}

static void test_bad(void **state)
{
    (void)state;
    pl_exchange *e;
    pl_error err;
    double x[] = {0, 100}, s[] = {.5, .5}, c[] = {1, 1};
    assert_int_equal(pl_exchange_run(&e, 2, 1, x, s, c, NULL, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "at least 2 issues"));
    double x2[] = {0, 0, 100, 150}, s2[] = {.5, .5, .5, .5}, c2[] = {1, 1, 1, 1};
    assert_int_equal(pl_exchange_run(&e, 2, 2, x2, s2, c2, NULL, &err), PL_EINPUT);
    double z[] = {0, 0, 0, 0}, x3[] = {0, 0, 100, 100};
    assert_int_equal(pl_exchange_run(&e, 2, 2, x3, s2, z, NULL, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "no actor with power"));
    pl_exchange_opts o = PL_EXCHANGE_OPTS_INIT;
    o.naive = 4;
    assert_int_equal(pl_exchange_run(&e, 2, 2, x3, s2, c2, &o, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "path 4"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_actors),
        cmocka_unit_test(test_externality),
        cmocka_unit_test(test_sample_data),
        cmocka_unit_test(test_decide_round1),
        cmocka_unit_test(test_decide_cop21),
        cmocka_unit_test(test_decide_spread),
        cmocka_unit_test(test_decide_seeds),
        cmocka_unit_test(test_naive_fast),
        cmocka_unit_test(test_naive_fast_crowded),
        cmocka_unit_test(test_size_ranges),
        cmocka_unit_test(test_bad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
