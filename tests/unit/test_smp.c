/* SPDX-License-Identifier: MIT */
/*
** test_smp.c: the Spatial Model of Politics (src/forecast/smp*.c) against
** MODELS.md section 6's reference run "KTAB 3b5b063" on
** ../shared/data/ktab/dummyData_3Dim.csv (7 actors, 3 dimensions, KTAB's
** defaults, deterministic; the data are copied below from that file):
**  - it stops after 10 turns; fractional changes 1.00, 0.76, 0.18, 0.08,
**    0.085, 0.069, 0.064, 0.106, 0.040, 0.0045 (to the printed digits);
**  - final positions within 0.1 of A00 (78.6, 31.8, 74.1) ... and A02 never
**    moves;
**  - the five distinct final positions have probabilities {0.018, 0.096,
**    0.151, 0.334, 0.401} (sorted, tolerance 0.001);
**  - MarkovIncentive: final dimension-1 positions [77.0 77.0 82.5 66.0 77.0
**    70.9 77.0] after 8 turns.
** And: option variants change the run; bad input is refused.
*/
#include "tests/unit/test_util.h"

#include <stdio.h>
#include <stdlib.h>

enum { N = 7, K = 3 };
static const double C[N] = {102.543, 53.393, 129.643, 75.920, 63.224, 120.048, 54.178};
static const double X[N * K] = {75.79, 6.37, 70.45, 82.72, 73.50, 64.00, 82.45, 90.89, 0.07,
                                62.52, 50.82, 62.33, 82.34, 45.77, 73.31, 84.48, 33.70, 88.11,
                                70.96, 33.46, 90.36};
static const double S100[N * K] = {49.53, 5.91, 28.15, 30.33, 21.22, 24.79, 48.47, 13.55,
                                   34.62, 20.76, 39.24, 22.21, 40.96, 25.43, 22.59, 22.92,
                                   39.35, 15.42, 31.75, 27.93, 26.03};

static pl_smp *run(const pl_smp_opts *o)
{
    double s[N * K];
    for (size_t i = 0; i < N * K; i++)
        s[i] = S100[i] / 100;
    pl_smp *m = NULL;
    pl_error err;
    if (pl_smp_run(&m, N, K, C, X, s, o, &err))
        fail_msg("%s", err.msg);
    return m;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void test_reference_run(void **state)
{
    (void)state;
    pl_smp *m = run(NULL);
    static const double change[] = {1.00, 0.76, 0.18, 0.08, 0.085, 0.069, 0.064, 0.106, 0.040,
                                    0.0045};
    static const double tol[] = {0.005, 0.005, 0.005, 0.005, 0.0005, 0.0005, 0.0005, 0.0005,
                                 0.0005, 0.00005};
    assert_int_equal(pl_smp_n_states(m), 11);
    assert_int_equal(pl_smp_n_actors(m), N);
    assert_int_equal(pl_smp_n_dims(m), K);
    assert_int_equal(pl_smp_stop_reason(m), PL_SMP_STOP_QUIET);
    for (size_t t = 1; t <= 10; t++)
        assert_near(pl_smp_change(m, t), change[t - 1], tol[t - 1]);
    static const double final[N][K] = {{78.6, 31.8, 74.1}, {78.6, 31.8, 74.1},
                                       {82.5, 90.9, 0.1},  {67.1, 50.1, 63.7},
                                       {78.6, 31.6, 74.1}, {79.9, 34.4, 75.2},
                                       {78.6, 31.6, 74.1}};
    for (size_t i = 0; i < N; i++)
        for (size_t k = 0; k < K; k++)
            assert_near(pl_smp_position(m, 10, i, k), final[i][k], 0.1);
    for (size_t t = 0; t <= 10; t++) /* A02 never moves */
        assert_near(pl_smp_position(m, t, 2, 1), 90.89, 1e-9);
    /* one probability per distinct final position: A00 = A01 and A04 = A06 share theirs */
    double p[5] = {pl_smp_probability(m, 0), pl_smp_probability(m, 2), pl_smp_probability(m, 3),
                   pl_smp_probability(m, 4), pl_smp_probability(m, 5)};
    qsort(p, 5, sizeof *p, cmp);
    static const double want[5] = {0.018, 0.096, 0.151, 0.334, 0.401};
    for (size_t a = 0; a < 5; a++)
        assert_near(p[a], want[a], 0.001);
    assert_true(pl_smp_probability(m, 0) == pl_smp_probability(m, 1));
    /* the point forecasts lie within the final positions' range */
    for (size_t k = 0; k < K; k++) {
        assert_true(pl_smp_median(m, k) >= 0 && pl_smp_median(m, k) <= 100);
        assert_true(pl_smp_mean(m, k) > 0 && pl_smp_mean(m, k) < 100);
    }
    pl_smp_free(m);
}

static void test_markov_incentive(void **state)
{
    (void)state;
    pl_smp_opts o = PL_SMP_OPTS_INIT;
    o.pce = PL_SMP_PCE_MARKOV_INCENTIVE;
    pl_smp *m = run(&o);
    static const double dim1[N] = {77.0, 77.0, 82.5, 66.0, 77.0, 70.9, 77.0};
    assert_int_equal(pl_smp_n_states(m), 9);
    for (size_t i = 0; i < N; i++)
        assert_near(pl_smp_position(m, 8, i, 0), dim1[i], 0.1);
    pl_smp_free(m);
}

/* Every variant moves the run away from the defaults' (they are not ignored). */
static void test_variants(void **state)
{
    (void)state;
    pl_smp *d = run(NULL);
    for (int v = 0; v < 14; v++) {
        pl_smp_opts o = PL_SMP_OPTS_INIT;
        switch (v) {
        case 0: o.vote = PL_SMP_VOTE_CUBIC; break;
        case 1: o.vote = PL_SMP_VOTE_ASYMPROSP; break;
        case 2: o.vpm = PL_SMP_VPM_QUARTIC; break;
        case 3: o.vpm = PL_SMP_VPM_BINARY; break;
        case 4: o.pce = PL_SMP_PCE_MARKOV_UNIFORM; break;
        case 5: o.risk = PL_SMP_RISK_MAX; break;
        case 6: o.persp = PL_SMP_PERSP_FULL; break;
        case 7: o.interp = PL_SMP_INTERP_S1P1; break;
        case 8: o.accommodate = 0.5; break;
        case 9: o.commit = PL_SMP_COMMIT_FULL; break;
        case 10: o.bargains = PL_SMP_BARGAIN_INIT_RCVR; break;
        case 11: o.bargains = PL_SMP_BARGAIN_POWER; break;
        case 12: o.interp = PL_SMP_INTERP_S2PMAX; break;
        default: o.max_turns = 3; break;
        }
        pl_smp *m = run(&o);
        size_t T = pl_smp_n_states(m) - 1;
        int differs = T != pl_smp_n_states(d) - 1;
        for (size_t i = 0; !differs && i < N; i++)
            differs = fabs(pl_smp_position(m, T, i, 0) - pl_smp_position(d, T, i, 0)) > 1e-6;
        if (!differs)
            fail_msg("variant %d gives the defaults' run", v);
        pl_smp_free(m);
    }
    pl_smp_free(d);
}

/* The accommodation matrix: the identity is the default; pulling toward others changes it. */
static void test_accommodation(void **state)
{
    (void)state;
    double A[N * N] = {0};
    for (size_t i = 0; i < N; i++)
        A[i * N + i] = 1;
    pl_smp_opts o = PL_SMP_OPTS_INIT;
    pl_smp *d = run(NULL);
    o.accommodation = A;
    pl_smp *a = run(&o);
    size_t T = pl_smp_n_states(d) - 1;
    assert_int_equal(pl_smp_n_states(a), pl_smp_n_states(d));
    for (size_t i = 0; i < N; i++)
        assert_true(pl_smp_position(a, T, i, 0) == pl_smp_position(d, T, i, 0));
    A[0] = 0.5, A[2] = 0.5; /* actor 1's ideal: half its own new position, half actor 3's */
    pl_smp *b = run(&o);
    int differs = pl_smp_n_states(b) != pl_smp_n_states(d);
    for (size_t i = 0; !differs && i < N; i++)
        differs = pl_smp_position(b, T, i, 0) != pl_smp_position(d, T, i, 0);
    assert_true(differs);
    A[1] = 0.5; /* row 1 sums to 1.5 */
    pl_smp *bad = NULL;
    double s[N * K];
    pl_error err;
    for (size_t i = 0; i < N * K; i++)
        s[i] = S100[i] / 100;
    assert_int_equal(pl_smp_run(&bad, N, K, C, X, s, &o, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "row 1"));
    pl_smp_free(a), pl_smp_free(b), pl_smp_free(d);
}

/* Threads share the challenges; the run is the same bit for bit. */
static void test_threads(void **state)
{
    (void)state;
    pl_smp_opts o = PL_SMP_OPTS_INIT;
    pl_smp *a = run(&o);
    o.threads = 3;
    pl_smp *b = run(&o);
    assert_int_equal(pl_smp_n_states(a), pl_smp_n_states(b));
    for (size_t t = 0; t < pl_smp_n_states(a); t++)
        for (size_t i = 0; i < N; i++)
            for (size_t k = 0; k < K; k++)
                assert_true(pl_smp_position(a, t, i, k) == pl_smp_position(b, t, i, k));
    pl_smp_free(a), pl_smp_free(b);
}

/* Runs a and b are the same bit for bit: states, positions and probabilities. */
static void assert_same_run(const pl_smp *a, const pl_smp *b, size_t n, size_t k)
{
    assert_int_equal(pl_smp_n_states(a), pl_smp_n_states(b));
    for (size_t t = 0; t < pl_smp_n_states(a); t++)
        for (size_t i = 0; i < n * k; i++)
            assert_true(pl_smp_position(a, t, i / k, i % k) ==
                        pl_smp_position(b, t, i / k, i % k));
    for (size_t i = 0; i < n; i++)
        assert_true(pl_smp_probability(a, i) == pl_smp_probability(b, i));
}

/* The pair-by-pair run (the oracle), the previous fast turn (naive = 2), the fast turn on 1
   and on `threads` threads agree bit for bit; the oracle's change in turn 1 is returned. */
static double assert_paths_agree(pl_smp_opts o, size_t n, size_t k, const double *c,
                                 const double *x, const double *s, int threads)
{
    pl_smp *r[4] = {NULL, NULL, NULL, NULL};
    for (int v = 0; v < 4; v++) {
        o.naive = v == 0 ? 1 : v == 1 ? 2 : 0;
        o.threads = v == 3 ? threads : 1;
        pl_error err;
        if (pl_smp_run(&r[v], n, k, c, x, s, &o, &err))
            fail_msg("%s", err.msg);
    }
    for (int v = 1; v < 4; v++)
        assert_same_run(r[0], r[v], n, k);
    double change = pl_smp_change(r[0], 1);
    for (int v = 0; v < 4; v++)
        pl_smp_free(r[v]);
    return change;
}

/*
** The fast challenges (third parties outermost, every target at once) and the
** voter-major elections on threads give the pair-by-pair run bit for bit: 104
** generated actors x 3 dimensions (n m^2 above 10^6, so the risk election is
** threaded too), 2 turns, under the default rules and under others that take
** other branches of the vote and the commitment. So does the previous fast
** turn (naive = 2: the same loops scalar, one challenger at a time).
*/
static void test_fast_equals_naive(void **state)
{
    (void)state;
    enum { NB = 104 };
    static double c[NB], x[NB * K], s[NB * K];
    uint64_t g = 12345;
    for (size_t i = 0; i < NB * K + NB; i++) {
        g = g * 6364136223846793005u + 1442695040888963407u;
        double u = (double)(g >> 11) * 0x1.0p-53;
        if (i < NB)
            c[i] = 10 + 190 * u;
        else
            x[i - NB] = 100 * u, s[i - NB] = 0.05 + 0.25 * u;
    }
    for (int variant = 0; variant < 3; variant++) {
        pl_smp_opts o = PL_SMP_OPTS_INIT;
        o.max_turns = o.min_turns = 2;
        o.vote = variant == 1 ? PL_SMP_VOTE_PROPBIN : variant == 2 ? PL_SMP_VOTE_ASYMPROSP
                                                                   : PL_SMP_VOTE_PROP;
        o.commit = variant == 1 ? PL_SMP_COMMIT_FULL : variant == 2 ? PL_SMP_COMMIT_NONE
                                                                    : PL_SMP_COMMIT_SEMI;
        /* and the run moved: the comparison is not of still states */
        assert_true(assert_paths_agree(o, NB, K, c, x, s, 2) > 0);
    }
}

/*
** 240 random small runs (3 to 21 actors, 1 to 4 dimensions, every vote rule,
** commitment, bargain model, victory model and election drawn at random, 1 to
** 3 turns): the pair-by-pair turn (naive = 1), the previous scalar turn
** (naive = 2) and the fast turn on 1 and 3 threads agree bit for bit. The
** tolerance is zero because no sum is reordered: each coalition and each
** target's total adds the same terms in the same order on every path, and the
** vector lanes do the scalar IEEE operations without contraction. Actor counts
** not divisible by the challenger block (4) or the vector width take the
** loops' remainders.
*/
static void test_random_paths_agree(void **state)
{
    (void)state;
    uint64_t g = 20261207;
    size_t moved = 0;
    for (int cs = 0; cs < 240; cs++) {
        enum { NMAX = 21, KMAX = 4 };
        double c[NMAX], x[NMAX * KMAX], s[NMAX * KMAX], u[NMAX * KMAX + NMAX + 9];
        for (size_t i = 0; i < sizeof u / sizeof *u; i++) {
            g = g * 6364136223846793005u + 1442695040888963407u;
            u[i] = (double)(g >> 11) * 0x1.0p-53;
        }
        size_t n = 3 + (size_t)(u[0] * 19), k = 1 + (size_t)(u[1] * 4);
        pl_smp_opts o = PL_SMP_OPTS_INIT;
        o.vote = (pl_smp_vote)(u[2] * 6), o.commit = (pl_smp_commit)(u[3] * 3);
        o.bargains = (pl_smp_bargains)(u[4] * 3), o.vpm = (pl_smp_vpm)(u[5] * 5);
        o.pce = u[6] < 0.8 ? PL_SMP_PCE_CONDITIONAL : PL_SMP_PCE_MARKOV_UNIFORM;
        o.max_turns = 1 + (unsigned)(u[7] * 3), o.min_turns = o.max_turns;
        o.persp = (pl_smp_persp)(u[8] * 5);
        for (size_t i = 0; i < n; i++) {
            double tot = 0;
            c[i] = 1 + 99 * u[9 + i];
            for (size_t d = 0; d < k; d++)
                tot += s[i * k + d] = 0.05 + u[9 + NMAX + i * k + d];
            for (size_t d = 0; d < k; d++) { /* positions from the draws in another order */
                s[i * k + d] /= tot;
                x[i * k + d] = 100 * u[9 + NMAX + ((i * k + d) * 7) % (NMAX * KMAX)];
            }
        }
        moved += assert_paths_agree(o, n, k, c, x, s, 3) > 0;
    }
    assert_true(moved > 200); /* the runs compared are runs, not still states */
}

/* Stochastic transitions: the same seed gives the same run; another seed another run. */
static void test_stochastic(void **state)
{
    (void)state;
    pl_smp_opts o = PL_SMP_OPTS_INIT;
    o.stochastic = 1, o.seed = 15455440707583219804u;
    pl_smp *a = run(&o), *b = run(&o);
    size_t T = pl_smp_n_states(a) - 1;
    assert_int_equal(pl_smp_n_states(a), pl_smp_n_states(b));
    for (size_t i = 0; i < N; i++)
        for (size_t k = 0; k < K; k++)
            assert_true(pl_smp_position(a, T, i, k) == pl_smp_position(b, T, i, k));
    int differs = 0;
    for (uint64_t s = 1; s <= 5 && !differs; s++) {
        o.seed = s;
        pl_smp *c = run(&o);
        size_t U = pl_smp_n_states(c) - 1;
        differs = U != T;
        for (size_t i = 0; !differs && i < N; i++)
            differs = pl_smp_position(c, U, i, 0) != pl_smp_position(a, T, i, 0);
        pl_smp_free(c);
    }
    assert_true(differs);
    pl_smp_free(a), pl_smp_free(b);
}

static void test_bad_input(void **state)
{
    (void)state;
    double s[N * K], x[N * K];
    pl_smp *m = NULL;
    pl_error err;
    for (size_t i = 0; i < N * K; i++)
        s[i] = S100[i] / 100, x[i] = X[i];
    s[3] = s[4] = s[5] = 0; /* actor 2 cares about nothing */
    assert_int_equal(pl_smp_run(&m, N, K, C, x, s, NULL, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "actor 2"));
    assert_int_equal(pl_smp_run(&m, 2, K, C, x, s, NULL, &err), PL_EINPUT);
    pl_smp_opts o = PL_SMP_OPTS_INIT;
    o.accommodate = 1.5;
    for (size_t i = 0; i < N * K; i++)
        s[i] = S100[i] / 100;
    assert_int_equal(pl_smp_run(&m, N, K, C, x, s, &o, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "accommodation"));
    o.accommodate = 1; /* a rule outside its enum: each path would take its own default */
    o.vote = (pl_smp_vote)(PL_SMP_VOTE_ASYMPROSP + 1);
    assert_int_equal(pl_smp_run(&m, N, K, C, x, s, &o, &err), PL_EMISUSE);
    o.vote = PL_SMP_VOTE_PROP, o.vpm = (pl_smp_vpm)(PL_SMP_VPM_BINARY + 1);
    assert_int_equal(pl_smp_run(&m, N, K, C, x, s, &o, &err), PL_EMISUSE);
    for (size_t i = 0; i < N * K; i++) /* everybody at one point: nothing to bargain over */
        s[i] = S100[i] / 100, x[i] = 50;
    assert_int_equal(pl_smp_run(&m, N, K, C, x, s, NULL, &err), PL_OK);
    assert_int_equal(pl_smp_n_states(m), 3);
    for (size_t i = 0; i < N; i++)
        assert_true(pl_smp_position(m, 2, i, 0) == 50 && isfinite(pl_smp_probability(m, i)));
    pl_smp_free(m);
}

/* A forecast's SMP runs over the scenario actors pl_smp_takes_part names, one dimension per
   issue (the report's charts map its actors back to the scenario's this way). */
static void test_scenario_actors(void **state)
{
    (void)state;
    pl_scenario *s = NULL;
    pl_forecast *f = NULL;
    pl_forecast_opts o = PL_FORECAST_OPTS_INIT;
    o.models = 1u << PL_MODEL_SMP;
    assert_int_equal(pl_scenario_load_builtin(&s, NULL, NULL, NULL), PL_OK);
    assert_int_equal(pl_forecast_compute(&f, s, &o, NULL), PL_OK);
    size_t n = 0;
    for (size_t i = 0; i < pl_scenario_n_actors(s); i++)
        n += (size_t)pl_smp_takes_part(s, i);
    assert_true(n >= 3 && n < pl_scenario_n_actors(s));  /* some actors are not at the table */
    assert_int_equal(pl_smp_n_actors(pl_forecast_smp(f)), n);
    assert_int_equal(pl_smp_n_dims(pl_forecast_smp(f)), pl_scenario_n_issues(s));
    assert_int_equal(pl_smp_n_actors(NULL), 0);
    pl_forecast_free(f);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_run),
        cmocka_unit_test(test_markov_incentive),
        cmocka_unit_test(test_variants),
        cmocka_unit_test(test_stochastic),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_fast_equals_naive),
        cmocka_unit_test(test_random_paths_agree),
        cmocka_unit_test(test_accommodation),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_scenario_actors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
