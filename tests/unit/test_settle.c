/* SPDX-License-Identifier: MIT */
/*
** test_settle.c: the settlement primitives (src/settle), MODELS.md sections 7
** and 8. Sources of the expected values:
**  - hand: the logrolling example (a = (0.5, 0.3, 0.2), b = (0.2, 0.3, 0.5):
**    NBS (0.65, 0.65), product 0.4225 vs 0.25), the 1-D win-set (members 10,
**    30, 50, 70, 90, q = 20: majority win-set (20, 80), setter 100 gets 80),
**    P(pass) = 0.55 for P = (0.9, 0.5, 0.2), quota 2 of 3, Phi(+-1), the
**    asymmetric Nash split alpha_i / (alpha_1 + alpha_2) of a unit pie;
**  - enumeration: the merge and the streaming frontier equal a brute-force
**    O(N^2) dominance check on random small additive spaces, for any thread count;
**  - hand: red lines on a 3 x 3 space (the packages that survive and why are
**    listed above each test); brute force over random small cases with red lines
**    (the zone count and the ratification-constrained Nash value);
**  - the same answer two ways: the ratified Nash scan that passes over points by
**    a bound against the scan of every point, to the bit (package, ties, P);
**  - properties: every solution lies on the frontier; KS is invariant under a
**    positive affine rescaling of one party; the Nash point of a symmetric
**    problem is symmetric; absorption of a player inside the others' hull.
*/
#include "tests/unit/test_util.h"
#include "settle/settlement.h"

#include <stdio.h>
#include <stdlib.h>

/* A random space; values on a grid of 1/q so that exact ties happen when q is small. */
static pl_space *random_space(uint64_t *seed, size_t n, size_t K, size_t maxm, int q)
{
    size_t m[8];
    for (size_t k = 0; k < K; k++)
        m[k] = 1 + test_mix(seed) % maxm;
    pl_space *sp;
    assert_int_equal(pl_space_new(&sp, n, K, m, NULL), PL_OK);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < K; k++)
            for (size_t v = 0; v < m[k]; v++)
                pl_space_set(sp, i, k, v, q ? (double)(test_mix(seed) % (uint64_t)q) / q : test_unif(seed));
    return sp;
}

/* The naive O(N^2) filter: point x is kept iff no other point dominates it (tolerance
   as in settle_impl.h). */
static int naive_kept(size_t n, size_t N, const double *u, size_t x)
{
    for (size_t y = 0; y < N; y++) {
        int ge = 1, gt = 0;
        for (size_t i = 0; i < n; i++) {
            double a = u[y * n + i], b = u[x * n + i];
            double t = 1e-12 * fmax(1, fmax(fabs(a), fabs(b)));
            ge &= a >= b - t;
            gt |= a > b + t;
        }
        if (ge && gt)
            return 0;
    }
    return 1;
}

/* N random points of n utilities: on a coarse grid (many exact ties) or uniform. */
static double *random_points(uint64_t *seed, size_t n, size_t N, int grid)
{
    double *u = malloc(N * n * sizeof *u);
    assert_non_null(u);
    for (size_t j = 0; j < N * n; j++)
        u[j] = grid ? (double)(test_mix(seed) % 20) / 7 : test_unif(seed);
    return u;
}

/* Brute force: every package, kept iff no package dominates it (same tolerance rule). */
static size_t brute_count(const pl_space *sp, const double *floor)
{
    size_t n = pl_space_n_parties(sp), K = pl_space_n_issues(sp), N = (size_t)pl_space_size(sp);
    double *u = malloc(N * n * sizeof *u);
    uint32_t w[8];
    for (size_t x = 0; x < N; x++) {
        size_t y = x;
        for (size_t k = K; k-- > 0;) {
            w[k] = (uint32_t)(y % pl_space_n_options(sp, k));
            y /= pl_space_n_options(sp, k);
        }
        for (size_t i = 0; i < n; i++)
            u[x * n + i] = pl_space_utility(sp, i, w);
    }
    size_t c = 0;
    for (size_t x = 0; x < N; x++) {
        int ok = 1;
        for (size_t i = 0; floor && i < n; i++)
            ok &= u[x * n + i] >= floor[i] - 1e-12;
        c += ok && naive_kept(n, N, u, x);
    }
    free(u);
    return c;
}

static void same_frontier(const pl_frontier *a, const pl_frontier *b)
{
    assert_int_equal(pl_frontier_size(a), pl_frontier_size(b));
    size_t n = pl_frontier_n_parties(a), K = 0;
    (void)K;
    for (size_t j = 0; j < pl_frontier_size(a); j++)
        for (size_t i = 0; i < n; i++)
            assert_true(pl_frontier_utility(a, j, i) == pl_frontier_utility(b, j, i));
}

static void test_merge_equals_brute_force(void **state)
{
    (void)state;
    uint64_t seed = 42;
    for (int rep = 0; rep < 60; rep++) {
        size_t n = 2 + (size_t)rep % 3, K = 1 + test_mix(&seed) % 4;
        pl_space *sp = random_space(&seed, n, K, 6, rep % 2 ? 4 : 0);
        pl_frontier *fm, *fe, *f3;
        pl_frontier_opts o = PL_FRONTIER_OPTS_INIT;
        assert_int_equal(pl_frontier_merge(&fm, sp, &o, NULL), PL_OK);
        assert_int_equal(pl_frontier_enumerate(&fe, sp, &o, NULL), PL_OK);
        o.threads = 3;
        assert_int_equal(pl_frontier_enumerate(&f3, sp, &o, NULL), PL_OK);
        assert_int_equal(pl_frontier_size(fm), brute_count(sp, NULL));
        same_frontier(fm, fe);
        same_frontier(fe, f3);
        for (size_t j = 0; j < pl_frontier_size(fm); j++)
            for (size_t i = 0; i < n; i++)
                assert_true(pl_frontier_utility(fm, j, i) ==
                            pl_space_utility(sp, i, pl_frontier_package(fm, j)));
        /* a floor keeps the rational part only; the merge drops partial packages that
           cannot reach it, the enumeration filters at the end: the same points */
        double floor[4];
        for (size_t i = 0; i < n; i++)
            floor[i] = 0.3 * (double)K;
        pl_frontier *fr, *fre;
        o.floor = floor;
        assert_int_equal(pl_frontier_merge(&fr, sp, &o, NULL), PL_OK);
        assert_int_equal(pl_frontier_enumerate(&fre, sp, &o, NULL), PL_OK);
        assert_int_equal(pl_frontier_size(fr), pl_frontier_n_rational(fm, floor));
        same_frontier(fr, fre);
        pl_frontier_free(fr), pl_frontier_free(fre);
        pl_frontier_free(fm), pl_frontier_free(fe), pl_frontier_free(f3);
        pl_space_free(sp);
    }
}

/*
** The merge with a floor drops the candidates that cannot reach it before the
** non-dominated filter (frontier.c, candidates()); the former order, filter
** then floor, is the merge without a floor with the floor applied at the end.
** Both must keep the same packages with the same utilities: 240 random spaces,
** 2 to 6 parties, half of them with utilities on a coarse grid so that ties
** (the tolerance's edge) are common, the floor at a random share of the range.
*/
static void test_floor_before_filter(void **state)
{
    (void)state;
    uint64_t seed = 2112;
    for (int rep = 0; rep < 240; rep++) {
        size_t n = 2 + (size_t)rep % 5, K = 1 + test_mix(&seed) % 6;
        pl_space *sp = random_space(&seed, n, K, 5, rep % 2 ? 3 : 0);
        double floor[6];
        for (size_t i = 0; i < n; i++)
            floor[i] = (0.2 + 0.4 * test_unif(&seed)) * (double)K;
        pl_frontier_opts o = PL_FRONTIER_OPTS_INIT;
        pl_frontier *all, *fl;
        assert_int_equal(pl_frontier_merge(&all, sp, &o, NULL), PL_OK);
        o.floor = floor;
        assert_int_equal(pl_frontier_merge(&fl, sp, &o, NULL), PL_OK);
        size_t at = 0;
        for (size_t j = 0; j < pl_frontier_size(all); j++) {
            size_t i = 0;
            while (i < n && pl_frontier_utility(all, j, i) >= floor[i] -
                                1e-12 * fmax(1, fabs(pl_frontier_utility(all, j, i))))
                i++;
            if (i < n)
                continue;
            assert_true(at < pl_frontier_size(fl));
            assert_memory_equal(pl_frontier_package(all, j), pl_frontier_package(fl, at),
                                K * sizeof(uint32_t));
            for (i = 0; i < n; i++)
                assert_true(pl_frontier_utility(all, j, i) == pl_frontier_utility(fl, at, i));
            at++;
        }
        assert_int_equal(at, pl_frontier_size(fl));
        pl_frontier_free(all), pl_frontier_free(fl);
        pl_space_free(sp);
    }
}

static void test_points(void **state)
{
    (void)state;
    /* hand: (1,0) (0,1) (0.5,0.5) are efficient, (0.4,0.4) is not, (0.5,0.5) twice is kept twice */
    double u[] = {1, 0, 0.4, 0.4, 0, 1, 0.5, 0.5, 0.5, 0.5};
    pl_frontier *f;
    assert_int_equal(pl_frontier_points(&f, 2, 5, u, NULL, NULL), PL_OK);
    assert_int_equal(pl_frontier_size(f), 4);
    assert_int_equal(pl_frontier_package(f, 0)[0], 0);
    assert_int_equal(pl_frontier_package(f, 1)[0], 2);
    pl_frontier_free(f);
    /* sums that are equal on paper but not in doubles: 0.1 + 0.2 vs 0.3 */
    double v[] = {0.1 + 0.2, 0.5, 0.3, 0.5};
    assert_int_equal(pl_frontier_points(&f, 2, 2, v, NULL, NULL), PL_OK);
    assert_int_equal(pl_frontier_size(f), 2);
    pl_frontier_free(f);
    double bad[] = {NAN, 0};
    assert_int_equal(pl_frontier_points(&f, 2, 1, bad, NULL, NULL), PL_EINPUT);
}

/* Streaming (any thread count) and sorting give the same frontier of explicit points. */
/* The sort-filter skyline (nd.c: packed kept points, last dominator first) against the
   naive filter on random point sets, d = 3, 4, 5, with and without exact ties. */
static void test_skyline_equals_naive(void **state)
{
    (void)state;
    uint64_t seed = 31;
    for (int rep = 0; rep < 45; rep++) {
        size_t n = 3 + (size_t)rep % 3, N = 1 + test_mix(&seed) % 2500;
        double *u = random_points(&seed, n, N, rep % 2);
        if (rep % 3 == 2)  /* anti-correlated: most points efficient */
            for (size_t j = 0; j < N; j++)
                u[j * n + n - 1] = 3 - u[j * n] - 0.01 * test_unif(&seed);
        pl_frontier *f;
        pl_frontier_opts o = PL_FRONTIER_OPTS_INIT;
        o.method = PL_FRONTIER_SORT;
        assert_int_equal(pl_frontier_points(&f, n, N, u, &o, NULL), PL_OK);
        size_t at = 0;
        for (size_t x = 0; x < N; x++)
            if (naive_kept(n, N, u, x)) {
                assert_true(at < pl_frontier_size(f));
                assert_int_equal(pl_frontier_package(f, at++)[0], x);
            }
        assert_int_equal(at, pl_frontier_size(f));
        pl_frontier_free(f);
        free(u);
    }
}

/* 30 issues x 10 options, uniform values: with three parties the merge (divide and conquer)
   finishes (22,414 packages; the sort-filter skyline used to refuse it); with five it
   projects its frontier after 4 issues and refuses before the costly steps (PL_EINPUT: the
   limit can be raised), naming the estimate and the option. */
static void test_merge_refuses_early(void **state)
{
    (void)state;
    pl_space *sp;
    size_t m[30];
    for (size_t n = 3; n <= 5; n += 2) {
        uint64_t seed = 99;
        for (int k = 0; k < 30; k++)
            m[k] = 10;
        assert_int_equal(pl_space_new(&sp, n, 30, m, NULL), PL_OK);
        for (size_t i = 0; i < n; i++)
            for (int k = 0; k < 30; k++)
                for (size_t v = 0; v < 10; v++)
                    pl_space_set(sp, i, (size_t)k, v, test_unif(&seed) / 30);
        pl_frontier *f = NULL;
        pl_error err;
        int rc = pl_frontier_merge(&f, sp, NULL, &err);
        if (n == 3) {
            if (rc)
                fail_msg("%s", err.msg);
            assert_true(pl_frontier_size(f) > 10000);
        } else {
            assert_int_equal(rc, PL_EINPUT);
            assert_non_null(strstr(err.msg, "estimated at about"));
            assert_non_null(strstr(err.msg, "after issue 4,"));
            assert_non_null(strstr(err.msg, "--max-memory MIB"));
        }
        pl_frontier_free(f);
        pl_space_free(sp);
    }
}

static void test_points_stream_equals_sort(void **state)
{
    (void)state;
    uint64_t seed = 11;
    for (int rep = 0; rep < 40; rep++) {
        size_t n = 2 + (size_t)rep % 3, N = 1 + test_mix(&seed) % 3000;
        double *u = random_points(&seed, n, N, rep % 2); /* a grid half of the time: ties */
        pl_frontier *a, *b, *c;
        pl_frontier_opts o = PL_FRONTIER_OPTS_INIT;
        o.method = PL_FRONTIER_SORT;
        assert_int_equal(pl_frontier_points(&a, n, N, u, &o, NULL), PL_OK);
        o.method = PL_FRONTIER_STREAM;
        assert_int_equal(pl_frontier_points(&b, n, N, u, &o, NULL), PL_OK);
        o.threads = 4;
        assert_int_equal(pl_frontier_points(&c, n, N, u, &o, NULL), PL_OK);
        same_frontier(a, b);
        same_frontier(a, c);
        for (size_t j = 0; j < pl_frontier_size(a); j++)
            assert_int_equal(pl_frontier_package(a, j)[0], pl_frontier_package(c, j)[0]);
        pl_frontier_free(a), pl_frontier_free(b), pl_frontier_free(c);
        free(u);
    }
}

/* The solution vectors must not be dominated by any package (brute force). */
static void test_solutions_on_frontier(void **state)
{
    (void)state;
    uint64_t seed = 7;
    for (int rep = 0; rep < 20; rep++) {
        size_t n = 2 + (size_t)rep % 3;
        pl_space *sp = random_space(&seed, n, 3, 5, 0);
        pl_frontier *f;
        assert_int_equal(pl_frontier_merge(&f, sp, NULL, NULL), PL_OK);
        double d[4] = {0.5, 0.5, 0.5, 0.5};
        pl_solve_opts so = {d, NULL, NULL};
        for (int k = 0; k < PL_SOL_COUNT; k++) {
            pl_solution s;
            assert_int_equal(pl_solve(&s, (pl_solution_kind)k, f, &so, NULL, NULL), PL_OK);
            for (size_t t = 0; t < s.n_ties; t++)
                for (size_t i = 0; i < n; i++)
                    assert_true(pl_frontier_utility(f, s.ties[t], i) >= d[i] - 1e-12);
            pl_solution_clear(&s);
        }
        pl_frontier_free(f);
        pl_space_free(sp);
    }
}

static void test_symmetric_nash_and_ks_invariance(void **state)
{
    (void)state;
    /* symmetric: the mirror of every point is a point */
    double u[] = {1, 0, 0, 1, 0.8, 0.55, 0.55, 0.8, 0.7, 0.7, 0.3, 0.95, 0.95, 0.3};
    pl_frontier *f;
    assert_int_equal(pl_frontier_points(&f, 2, 7, u, NULL, NULL), PL_OK);
    pl_solution s;
    assert_int_equal(pl_solve(&s, PL_SOL_NASH, f, NULL, NULL, NULL), PL_OK);
    assert_int_equal(s.n_ties, 1);
    assert_near(pl_frontier_utility(f, s.ties[0], 0), 0.7, 1e-15);
    assert_near(pl_frontier_utility(f, s.ties[0], 1), 0.7, 1e-15);
    pl_solution_clear(&s);
    /* KS before and after u_2 -> 3 u_2 + 2 (d moves with it) picks the same point */
    uint64_t seed = 9;
    for (int rep = 0; rep < 30; rep++) {
        double p[40], q[40], d[2] = {0.1, 0.2}, d2[2] = {0.1, 3 * 0.2 + 2};
        for (int j = 0; j < 20; j++) {
            p[2 * j] = q[2 * j] = test_unif(&seed);
            p[2 * j + 1] = test_unif(&seed);
            q[2 * j + 1] = 3 * p[2 * j + 1] + 2;
        }
        pl_frontier *a, *b;
        assert_int_equal(pl_frontier_points(&a, 2, 20, p, NULL, NULL), PL_OK);
        assert_int_equal(pl_frontier_points(&b, 2, 20, q, NULL, NULL), PL_OK);
        pl_solve_opts oa = {d, NULL, NULL}, ob = {d2, NULL, NULL};
        pl_solution sa, sb;
        assert_int_equal(pl_solve(&sa, PL_SOL_KS, a, &oa, NULL, NULL), PL_OK);
        assert_int_equal(pl_solve(&sb, PL_SOL_KS, b, &ob, NULL, NULL), PL_OK);
        assert_int_equal(sa.found, sb.found);
        if (sa.found)
            assert_int_equal(pl_frontier_package(a, sa.ties[0])[0],
                             pl_frontier_package(b, sb.ties[0])[0]);
        pl_solution_clear(&sa), pl_solution_clear(&sb);
        pl_frontier_free(a), pl_frontier_free(b);
    }
    /* asymmetric Nash with alpha (1/2, 1/2) equals the symmetric one */
    double al[2] = {0.5, 0.5};
    pl_solve_opts o = {NULL, al, NULL};
    pl_solution s1, s2;
    assert_int_equal(pl_solve(&s1, PL_SOL_NASH, f, NULL, NULL, NULL), PL_OK);
    assert_int_equal(pl_solve(&s2, PL_SOL_NASH_ASYM, f, &o, NULL, NULL), PL_OK);
    assert_int_equal(s1.n_ties, s2.n_ties);
    assert_int_equal(s1.ties[0], s2.ties[0]);
    pl_solution_clear(&s1), pl_solution_clear(&s2);
    pl_frontier_free(f);
}

static void test_hull(void **state)
{
    (void)state;
    /* the unit pie (0,1)-(1,0): Nash (1/2, 1/2); alpha (2, 1): (2/3, 1/3); KS (1/2, 1/2) */
    double u[] = {0, 1, 1, 0, 0.3, 0.3};
    pl_frontier *f;
    assert_int_equal(pl_frontier_points(&f, 2, 3, u, NULL, NULL), PL_OK);
    double nash[2], ks[2], al[2] = {2, 1};
    size_t nv;
    assert_int_equal(pl_hull2(f, NULL, NULL, &nv, nash, ks, NULL), PL_OK);
    assert_int_equal(nv, 2);
    assert_near(nash[0], 0.5, 1e-15);
    assert_near(nash[1], 0.5, 1e-15);
    assert_near(ks[0], 0.5, 1e-15);
    assert_near(ks[1], 0.5, 1e-15);
    assert_int_equal(pl_hull2(f, NULL, al, &nv, nash, ks, NULL), PL_OK);
    assert_near(nash[0], 2.0 / 3, 1e-15);
    assert_near(nash[1], 1.0 / 3, 1e-15);
    pl_frontier_free(f);
}

static void test_logroll_hand(void **state)
{
    (void)state;
    double a[] = {0.5, 0.3, 0.2}, b[] = {0.2, 0.3, 0.5};
    pl_logroll lr;
    assert_int_equal(pl_logroll_compute(&lr, 3, a, b, NULL), PL_OK);
    double va[] = {0, 0.5, 0.8, 1}, vb[] = {1, 0.8, 0.5, 0};
    for (int e = 0; e < 4; e++) {
        assert_near(lr.va[e], va[e], 1e-15);
        assert_near(lr.vb[e], vb[e], 1e-15);
    }
    assert_near(lr.nash_a, 0.65, 1e-15);
    assert_near(lr.nash_b, 0.65, 1e-15);
    assert_near(lr.share[0], 1, 0);
    assert_near(lr.share[1], 0.5, 1e-15);
    assert_near(lr.share[2], 0, 0);
    assert_near(lr.product, 0.4225, 1e-15);
    assert_near(lr.product_split, 0.25, 1e-15);
    pl_logroll_clear(&lr);
    double z[] = {0};
    assert_int_equal(pl_logroll_compute(&lr, 1, z, z, NULL), PL_EINPUT);
}

static void test_winset_1d_hand(void **state)
{
    (void)state;
    double x[] = {10, 30, 50, 70, 90}, w[] = {1, 1, 1, 1, 1}, lo, hi, got;
    assert_int_equal(pl_winset_1d(5, x, w, 3, 20, 100, &lo, &hi, &got, NULL), PL_OK);
    assert_near(lo, 20, 0);
    assert_near(hi, 80, 0);
    assert_near(got, 80, 0);
    assert_int_equal(pl_winset_1d(5, x, w, 3, 20, 60, &lo, &hi, &got, NULL), PL_OK);
    assert_near(got, 60, 0);
    assert_int_equal(pl_winset_1d(5, x, w, 5, 20, 100, &lo, &hi, &got, NULL), PL_OK);
    assert_near(lo, 20, 0);  /* unanimity: q is in the core */
    assert_near(hi, 20, 0);
    assert_near(got, 20, 0);
    assert_int_equal(pl_winset_1d(5, x, w, 6, 20, 100, &lo, &hi, &got, NULL), PL_EINPUT);
}

static void test_acceptance_hand(void **state)
{
    (void)state;
    assert_near(pl_phi(0), 0.5, 1e-15);
    assert_near(pl_phi(1), 0.841345, 1e-6);
    assert_near(pl_phi(-1), 0.158655, 1e-6);
    double p[] = {0.9, 0.5, 0.2}, out;
    uint32_t w[] = {1, 1, 1};
    assert_int_equal(pl_pass_probability(3, p, w, 2, &out, NULL), PL_OK);
    assert_near(out, 0.55, 1e-15);
    assert_near(pl_vote_yes(0, 0, 0), 0, 0);
    assert_near(pl_vote_yes(0, 0, 1), 1, 0);
    assert_near(pl_vote_yes(15, 15, 0), pl_phi(1), 1e-15);
    uint32_t w0[] = {0, 1, 1};
    assert_int_equal(pl_pass_probability(3, p, w0, 2, &out, NULL), PL_EINPUT);
}

/*
** Absorption (MODELS.md sec. 8, 2-D Euclidean with equal saliences): D at
** (50, 40) lies inside the triangle A (0,0), B (100,0), C (50,100), so D
** accepts every point that A, B and C all prefer to the status quo.
*/
static double gain(const double *x, const double *w, const double *q)
{
    return hypot(x[0] - q[0], x[1] - q[1]) - hypot(x[0] - w[0], x[1] - w[1]);
}

static void test_absorption(void **state)
{
    (void)state;
    const double m[4][2] = {{0, 0}, {100, 0}, {50, 100}, {50, 40}};
    uint64_t seed = 3;
    int tested = 0;
    for (int rep = 0; rep < 200; rep++) {
        double q[2] = {100 * test_unif(&seed), 100 * test_unif(&seed)};
        for (int gx = 0; gx <= 100; gx += 2)
            for (int gy = 0; gy <= 100; gy += 2) {
                double w[2] = {gx, gy}, p[3];
                uint32_t one[3] = {1, 1, 1};
                for (int j = 0; j < 3; j++)
                    p[j] = pl_vote_yes(gain(m[j], w, q), 0, 0);
                double pass;
                pl_pass_probability(3, p, one, 3, &pass, NULL);
                if (pass == 1) {
                    tested++;
                    assert_true(gain(m[3], w, q) > -1e-9);
                }
            }
    }
    assert_true(tested > 100);
}

static int mem_write(const char *data, size_t len, void *payload)
{
    return fwrite(data, 1, len, payload) == len ? 0 : -1;
}

/* ---- a scenario by hand -------------------------------------------------------- */

/*
** Two parties, X on a grid of 50 and Y with named options, B valuing Y by its own
** table and holding no_deal 0.2; V (off the table) ratifies for B by a noisy vote.
** By hand: u_A = 0.6 (1 - x/100) + 0.2 [y = hi], d_A = u_A(50, lo) = 0.3;
** u_B = 0.2 x/100 + 0.6 (1 if lo, 0.25 if hi). Packages (x, y): (0,lo) (0.6, 0.6),
** (0,hi) (0.8, 0.15), (50,lo) (0.3, 0.7), (50,hi) (0.5, 0.25), (100,lo) (0, 0.8),
** (100,hi) (0.2, 0.35). Frontier: 4; rational frontier (0,lo), (50,lo); every
** solution (0,lo). V: u_V = 0.5 x/100, d_V = 0.25, gain in points 100 (u_V - 0.25)/0.5,
** P = Phi(points / 10): (0,lo) Phi(-5), x = 50 Phi(0) = 0.5. Rational packages 3,
** ratifiable (P >= 0.5) 4, both 2; nash-ratified maximises (P gA)(P gB): (50,hi) with
** (0.5 x 0.2)(0.5 x 0.05) = 0.0025.
*/
static const char hand_yaml[] =
    "parley: 1\nname: hand\nactors:\n"
    "  - {id: A, capability: 3, discount: 0.5}\n"
    "  - {id: B, capability: 1, no_deal: 0.2}\n"
    "  - {id: V, capability: 1, at_table: false}\n"
    "issues:\n"
    "  - {id: X, scale: {0: zero, 100: hundred}, step: 50, status_quo: 50}\n"
    "  - id: Y\n    scale: {0: a, 100: b}\n    status_quo: 0\n"
    "    options: [{id: lo, at: 0}, {id: hi, name: High, at: 100}]\n"
    "positions:\n"
    "  A: {X: {position: 0, salience: 0.6}, Y: {position: 100, salience: 0.2}}\n"
    "  B: {X: {position: 100, salience: 0.2}, Y: {position: 0, salience: 0.6, "
    "values: {lo: 1, hi: 0.25}}}\n"
    "  V: {X: {position: 100, salience: 0.5}}\n"
    "bodies:\n  - {id: REF, members: [V], quota: majority, noise: 10}\n"
    "ratification:\n  B: REF\n";

static pl_settlement *hand(pl_scenario **s, const pl_settle_opts *o)
{
    pl_error err;
    if (pl_scenario_load_buffer(s, hand_yaml, sizeof hand_yaml - 1, "hand.yaml", NULL, &err))
        fail_msg("%s", err.msg);
    pl_settlement *st;
    if (pl_settle_compute(&st, *s, o, &err))
        fail_msg("%s", err.msg);
    return st;
}

static void test_scenario_by_hand(void **state)
{
    (void)state;
    pl_scenario *s;
    pl_settlement *st = hand(&s, NULL);
    const pl_frontier *f = pl_settle_frontier(st);
    assert_int_equal(pl_frontier_size(f), 4);
    assert_near(pl_settle_disagreement(st, 0), 0.3, 1e-15);
    assert_near(pl_settle_disagreement(st, 1), 0.2, 0);
    for (int k = PL_SOL_NASH; k <= PL_SOL_UTILITARIAN; k++) {
        const pl_solution *so = pl_settle_solution(st, (pl_solution_kind)k);
        assert_true(so->found);
        const uint32_t *w = pl_frontier_package(f, so->ties[0]);
        assert_int_equal(w[0], 0);
        assert_int_equal(w[1], 0);
    }
    const char *name;
    assert_near(pl_settle_option(st, 0, 1, &name), 50, 0);
    assert_null(name);  /* a grid point: the report words it by the nearest anchor */
    assert_near(pl_settle_option(st, 1, 1, &name), 100, 0);
    assert_string_equal(name, "High");
    uint32_t w00[2] = {0, 0}, w11[2] = {1, 1};
    assert_near(pl_settle_ratification(st, w00), pl_phi(-5), 1e-15);
    assert_near(pl_settle_ratification(st, w11), 0.5, 1e-15);
    uint64_t r, q, b;
    assert_true(pl_settle_counts(st, &r, &q, &b));
    assert_int_equal(r, 3);
    assert_int_equal(q, 4);
    assert_int_equal(b, 2);
    double u[2];
    static const char prop[] = "X: 25\nY: hi\n";
    pl_proposal *pp = NULL;
    assert_int_equal(pl_proposal_load_buffer(&pp, s, prop, sizeof prop - 1, "p.yaml", NULL),
                     PL_OK);
    assert_int_equal(pl_proposal_n_issues(pp), 2);
    assert_near(pl_proposal_points(pp)[1], 100, 0);
    assert_int_equal(pl_proposal_option(pp, 0), -1);   /* X has no named options */
    assert_int_equal(pl_proposal_option(pp, 1), 1);    /* Y: hi */
    assert_int_equal(pl_proposal_option(pp, 2), -1);
    assert_int_equal(pl_settle_proposal(st, pp, u, NULL), PL_OK);
    pl_proposal_free(pp);
    assert_near(u[0], 0.65, 1e-15);
    assert_near(u[1], 0.2, 1e-15);
    double x[2] = {25, 100};  /* the same package as scale points: Y at 100 is option hi */
    assert_near(pl_settle_point_utility(st, 0, x), 0.65, 1e-15);
    assert_near(pl_settle_point_utility(st, 1, x), 0.2, 1e-15);
    static const char bad[] = "X: 25\nY: 50\n";
    pl_error err;
    assert_int_equal(pl_proposal_load_buffer(&pp, s, bad, sizeof bad - 1, "p.yaml", &err),
                     PL_EINPUT);
    assert_null(pp);  /* a failed load leaves NULL */
    assert_int_equal(err.line, 2);
    assert_string_equal(err.file, "p.yaml");
    assert_int_equal(pl_settle_proposal(st, NULL, u, &err), PL_EMISUSE);
    assert_int_equal(pl_proposal_load_file(&pp, s, "/nonexistent/p.yaml", &err), PL_EIO);
    assert_string_equal(err.file, "/nonexistent/p.yaml");
    pl_settle_free(st);
    /* discounting at t = 1 halves A's utilities and no-deal value; the packages stay */
    pl_settle_opts o = PL_SETTLE_OPTS_INIT;
    o.time = 1;
    pl_scenario_free(s);
    st = hand(&s, &o);
    assert_near(pl_settle_disagreement(st, 0), 0.15, 1e-15);
    const pl_solution *so = pl_settle_solution(st, PL_SOL_NASH);
    assert_near(pl_frontier_utility(pl_settle_frontier(st), so->ties[0], 0), 0.3, 1e-15);
    pl_settle_free(st);
    pl_scenario_free(s);
    /* normalised: A's weights 0.75 and 0.25, so u_A(0, lo) = 0.75 */
    o = (pl_settle_opts)PL_SETTLE_OPTS_INIT;
    o.normalise = 1;
    st = hand(&s, &o);
    assert_near(pl_space_utility(pl_settle_space(st), 0, w00), 0.75, 1e-15);
    pl_settle_free(st);
    pl_scenario_free(s);
    /* quadratic loss: u_A(50, lo) = 0.6 (1 - 0.25) = 0.45 */
    o = (pl_settle_opts)PL_SETTLE_OPTS_INIT;
    o.loss = PL_LOSS_QUADRATIC;
    st = hand(&s, &o);
    uint32_t w10[2] = {1, 0};
    assert_near(pl_space_utility(pl_settle_space(st), 0, w10), 0.45, 1e-15);
    pl_settle_free(st);
    pl_scenario_free(s);
}

static void test_ratified_nash_by_hand(void **state)
{
    (void)state;
    pl_scenario *s;
    pl_settlement *st = hand(&s, NULL);
    pl_emitter *e;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    assert_int_equal(pl_emitter_new(&e, PL_FORMAT_JSON, mem_write, mem, NULL, NULL), PL_OK);
    pl_emit_object_begin(e, NULL, NULL);
    pl_settle_emit(st, NULL, e);
    pl_emit_object_end(e);
    assert_int_equal(pl_emitter_finish(e, NULL), PL_OK);
    pl_emitter_free(e);
    fclose(mem);
    /* the nash-ratified row is the package (50, hi): its utilities 0.5 and 0.25 */
    size_t m = 0;
    for (size_t j = 0; j < len; j++)
        if (buf[j] != ' ' && buf[j] != '\n')
            buf[m++] = buf[j];
    buf[m] = '\0';
    assert_non_null(strstr(buf, "\"solution\":\"nash-ratified\",\"ties\":1,"
                                "\"p_ratified\":0.5,\"u_A\":0.5,\"u_B\":0.25"));
    /* REF passes x = 50 (V indifferent: Phi(0) = 1/2 >= tau) and x = 100: 4 packages; at
       the Nash package (0, lo) V votes no, and its vote alone decides */
    assert_non_null(strstr(buf, "\"body\":\"REF\",\"members\":1,\"winset\":4,"
                                "\"core\":false,\"pivotal_at_nash\":\"V\""));
    free(buf);
    pl_settle_free(st);
    pl_scenario_free(s);
}

/* ---- red lines (docs/models.md, "Red lines") ------------------------------------ */

/*
** Two parties, two issues with options 0, 50, 100 each; status quo (50, 50).
** u_A = 0.6 (1 - x/100) + 0.4 (1 - y/100), u_B = 0.4 x/100 + 0.6 y/100,
** d_A = d_B = 0.5. By hand (x, y): u_A, u_B
**   (0,0) 1, 0     (0,50) .8, .3    (0,100) .6, .6
**   (50,0) .7, .2  (50,50) .5, .5   (50,100) .3, .8
**   (100,0) .4, .4 (100,50) .2, .7  (100,100) 0, 1
** Without red lines A accepts 5 (x = 0, or x = 50 with y <= 50), B 5, both 2:
** (0,100) and (50,50). Each test appends its red lines (and bodies) to RL_HEAD.
*/
#define RL_HEAD                                                                              \
    "parley: 1\nname: rl\nactors:\n  - {id: A, capability: 1}\n  - {id: B, capability: 1}\n" \
    "  - {id: C, capability: 1, at_table: false, roles: [constituency], no_deal: 0.4}\n"     \
    "issues:\n"                                                                               \
    "  - {id: X, scale: {0: a, 100: b}, status_quo: 50, options: [{id: x0, at: 0}, "         \
    "{id: x50, at: 50}, {id: x100, at: 100}]}\n"                                              \
    "  - {id: Y, scale: {0: a, 100: b}, status_quo: 50, options: [{id: y0, at: 0}, "         \
    "{id: y50, at: 50}, {id: y100, at: 100}]}\n"                                              \
    "positions:\n"                                                                            \
    "  A: {X: {position: 0, salience: 0.6}, Y: {position: 0, salience: 0.4}}\n"              \
    "  B: {X: {position: 100, salience: 0.4}, Y: {position: 100, salience: 0.6}}\n"          \
    "  C: {X: {position: 100, salience: 0.4}, Y: {position: 100, salience: 0.6}}\n"

static pl_settlement *rl_settle(pl_scenario **s, const char *yaml)
{
    pl_error err;
    if (pl_scenario_load_buffer(s, yaml, strlen(yaml), "rl.yaml", NULL, &err))
        fail_msg("%s", err.msg);
    pl_settlement *st;
    if (pl_settle_compute(&st, *s, NULL, &err))
        fail_msg("%s", err.msg);
    return st;
}

/* The settlement (and a proposal at points x, if u) as JSON without any space or newline. */
static char *rl_json(const pl_settlement *st, const double *u, const double *x)
{
    pl_emitter *e;
    char *buf = NULL;
    size_t len = 0, m = 0;
    FILE *mem = open_memstream(&buf, &len);
    assert_int_equal(pl_emitter_new(&e, PL_FORMAT_JSON, mem_write, mem, NULL, NULL), PL_OK);
    pl_emit_object_begin(e, NULL, NULL);
    assert_int_equal(pl_settle_emit_proposal(st, u, x, e), PL_OK);
    pl_emit_object_end(e);
    assert_int_equal(pl_emitter_finish(e, NULL), PL_OK);
    pl_emitter_free(e);
    fclose(mem);
    for (size_t j = 0; j < len; j++)
        if (buf[j] != ' ' && buf[j] != '\n')
            buf[m++] = buf[j];
    buf[m] = '\0';
    return buf;
}

static void expect_counts(const pl_settlement *st, uint64_t rational, uint64_t ratifiable,
                          uint64_t zone)
{
    uint64_t r, q, b;
    assert_true(pl_settle_counts(st, &r, &q, &b));
    assert_int_equal(r, rational);
    assert_int_equal(q, ratifiable);
    assert_int_equal(b, zone);
}

/*
** A rules out y > 50, B rules out x = 0 (a list). Within both: x in {50, 100}, y in
** {0, 50}: (50,0) .7,.2; (50,50) .5,.5; (100,0) .4,.4 (dominated by (50,50));
** (100,50) .2,.7: a frontier of 3, one of them rational, (50,50). A's red line
** removes (0,100) from the 5 A accepts (4 left), B's removes (0,100) too; each
** alone leaves (0,100) crossing the other's, so dropping one adds nothing.
*/
static void test_red_lines_filter(void **state)
{
    (void)state;
    pl_scenario *s;
    pl_settlement *st = rl_settle(&s, RL_HEAD);  /* no red lines: 2 rational */
    expect_counts(st, 2, 9, 2);
    pl_settle_free(st);
    pl_scenario_free(s);
    st = rl_settle(&s, RL_HEAD "red_lines:\n  A: {Y: \"> 50\"}\n  B: {X: [x0]}\n");
    expect_counts(st, 1, 9, 1);
    const pl_frontier *f = pl_settle_frontier(st);
    assert_int_equal(pl_frontier_size(f), 3);
    for (size_t j = 0; j < pl_frontier_size(f); j++) {
        const uint32_t *w = pl_frontier_package(f, j);
        assert_true(w[0] != 0 && w[1] != 2);  /* within both red lines */
    }
    const uint32_t *w = pl_settle_solution_package(st, PL_SOL_UTILITARIAN);
    assert_non_null(w);
    assert_int_equal(w[0], 1);
    assert_int_equal(w[1], 1);  /* (50, 50), not (0, 100) whose sum 1.2 is larger */
    char *js = rl_json(st, NULL, NULL);
    assert_non_null(strstr(js, "\"acceptance\":[{\"party\":\"A\",\"accepts\":4},"
                               "{\"party\":\"B\",\"accepts\":4}]"));
    assert_non_null(strstr(js, "{\"actor\":\"A\",\"role\":\"party\",\"issue\":\"Y\","
                               "\"rules_out\":\">50\",\"options_left\":2,\"removes\":1,"
                               "\"zone_without_it\":1}"));
    assert_non_null(strstr(js, "{\"actor\":\"B\",\"role\":\"party\",\"issue\":\"X\","
                               "\"rules_out\":\"[x0]\",\"options_left\":2,\"removes\":1,"
                               "\"zone_without_it\":1}"));
    assert_non_null(strstr(js, "\"within_red_lines\":true"));
    free(js);
    /* a proposal at (0, 100): both parties gain 0.1, and it crosses both red lines */
    double u[2] = {0.6, 0.6}, x[2] = {0, 100}, x2[2] = {50, 50};
    js = rl_json(st, u, x);
    assert_non_null(strstr(js, "\"red_lines_crossed\":\"Arulesout"));
    assert_non_null(strstr(js, "\"rational\":false"));
    free(js);
    js = rl_json(st, u, x2);
    assert_non_null(strstr(js, "\"red_lines_crossed\":\"none\""));
    assert_non_null(strstr(js, "\"rational\":true"));
    free(js);
    pl_settle_free(st);
    pl_scenario_free(s);
}

/*
** A needs x = 0 ("> 0" ruled out), B rules out x = 0: no package is within both.
** A's red line removes (50,0) and (50,50) from A's 5; B's removes (0,100) from B's 5.
** Dropping A's alone: x in {50, 100} and rational: (50,50), a zone of 1; dropping
** B's alone: x = 0 and rational: (0,100), a zone of 1.
*/
static void test_red_lines_clash(void **state)
{
    (void)state;
    pl_scenario *s;
    pl_settlement *st = rl_settle(&s, RL_HEAD "red_lines:\n  A: {X: \"> 0\"}\n  B: {X: [x0]}\n");
    expect_counts(st, 0, 9, 0);
    assert_int_equal(pl_frontier_size(pl_settle_frontier(st)), 0);
    assert_false(pl_settle_solution(st, PL_SOL_NASH)->found);
    char *js = rl_json(st, NULL, NULL);
    assert_non_null(strstr(js, "\"red_lines_clash_X\":\"Nopackageiswithineveryparty'sredlines:"
                               "onX,ArulesoutX\\\">0\\\"(itaccepts0)andBrulesoutX[x0]"
                               "(itaccepts50,100).\""));
    assert_non_null(strstr(js, "\"rules_out\":\">0\",\"options_left\":1,\"removes\":2,"
                               "\"zone_without_it\":1"));
    assert_non_null(strstr(js, "\"rules_out\":\"[x0]\",\"options_left\":2,\"removes\":1,"
                               "\"zone_without_it\":1"));
    assert_non_null(strstr(js, "droppingitalonewouldopenazoneof1package."));
    free(js);
    pl_settle_free(st);
    pl_scenario_free(s);
}

/*
** As test_red_lines_filter, with C (no_deal 0.4, B's utilities) the only member of
** PARL, which ratifies for B, and C ruling out x = 50 (listed by its point). PARL
** passes u_C > 0.4 outside x = 50: (0,100) .6, (100,50) .7, (100,100) 1 -- 3
** packages ((100,0) leaves C indifferent: no). The one rational package, (50,50),
** crosses C's red line: no zone. C's red line removes (50,50) .5 and (50,100) .8;
** dropping it alone lets (50,50) in. No package is both ratifiable and rational,
** so there is no ratification-constrained Nash package.
*/
static void test_red_lines_ratifier(void **state)
{
    (void)state;
    pl_scenario *s;
    pl_settlement *st = rl_settle(&s, RL_HEAD "bodies:\n  - {id: PARL, members: [C], quota: "
                                  "majority}\nratification:\n  B: PARL\nred_lines:\n  A: {Y: "
                                  "\"> 50\"}\n  B: {X: [x0]}\n  C: {X: [50]}\n");
    expect_counts(st, 1, 3, 0);
    assert_null(pl_settle_nash_ratified(st, NULL));
    uint32_t w[2] = {1, 1};
    assert_near(pl_settle_ratification(st, w), 0, 0);
    char *js = rl_json(st, NULL, NULL);
    assert_non_null(strstr(js, "{\"actor\":\"C\",\"role\":\"ratifier\",\"issue\":\"X\","
                               "\"rules_out\":\"[50]\",\"options_left\":2,\"removes\":2,"
                               "\"zone_without_it\":1}"));
    assert_non_null(strstr(js, "\"rules_out\":\">50\",\"options_left\":2,\"removes\":1,"
                               "\"zone_without_it\":0"));
    free(js);
    pl_settle_free(st);
    pl_scenario_free(s);
}

/*
** Random small cases against brute force: 2 parties, 3 members of a noisy
** ratifying body, 3 issues of 5 options, random positions and red lines
** ("< v" or "> v" on a random issue). Over every package: the zone (within the
** parties' red lines, rational, passed with P >= 1/2) and the largest
** P(w)^2 (u_A - d_A)(u_B - d_B) with both gains positive, which the
** ratification-constrained Nash package must reach (the members' red lines are
** extra dimensions of its frontier: this checks that the search stays exact).
*/
typedef struct rl_rand {
    long actor, issue;  /* actor 0..4 (A, B, C, D, E), issue 0..2 */
    int below;          /* "< at" or "> at" */
    double at;
} rl_rand;

static int rl_crosses(const rl_rand *r, size_t n, long actor, const double *x)
{
    for (size_t j = 0; j < n; j++)
        if (r[j].actor == actor &&
            (r[j].below ? x[r[j].issue] < r[j].at : x[r[j].issue] > r[j].at))
            return 1;
    return 0;
}

static size_t rl_random_yaml(uint64_t *seed, char *buf, size_t size, rl_rand *r)
{
    static const char *const ids[] = {"A", "B", "C", "D", "E"};
    size_t u = (size_t)snprintf(buf, size, "parley: 1\nname: rnd\nactors:\n"
                                "  - {id: A, capability: 1}\n  - {id: B, capability: 1}\n");
    for (int a = 2; a < 5; a++)
        u += (size_t)snprintf(buf + u, size - u, "  - {id: %s, capability: 1, at_table: false}\n",
                              ids[a]);
    u += (size_t)snprintf(buf + u, size - u, "issues:\n");
    for (int k = 0; k < 3; k++)
        u += (size_t)snprintf(buf + u, size - u, "  - {id: I%d, scale: {0: a, 25: b, 50: c, 75: "
                              "d, 100: e}, status_quo: 50}\n", k);
    /* the members share B's saliences and sit near B's positions, so that packages
       dominate one another on all five utilities often, as in a real constituency */
    int pos[2][3];
    double sal[2][3];
    u += (size_t)snprintf(buf + u, size - u, "positions:\n");
    for (int a = 0; a < 5; a++) {
        u += (size_t)snprintf(buf + u, size - u, "  %s: {", ids[a]);
        for (int k = 0; k < 3; k++) {
            int x = (int)(test_unif(seed) * 100);
            double w = 0.1 + 0.9 * test_unif(seed);
            if (a < 2)
                pos[a][k] = x, sal[a][k] = w;
            else
                x = pos[1][k] + (x - 50) / 10, w = sal[1][k];
            u += (size_t)snprintf(buf + u, size - u, "%sI%d: {position: %d, salience: %.3f}",
                                  k ? ", " : "", k, x < 0 ? 0 : x > 100 ? 100 : x, w);
        }
        u += (size_t)snprintf(buf + u, size - u, "}\n");
    }
    u += (size_t)snprintf(buf + u, size - u, "bodies:\n  - {id: PARL, members: [C, D, E], quota: "
                          "majority, noise: %.1f}\nratification:\n  B: PARL\nred_lines:\n",
                          5 + 20 * test_unif(seed));
    size_t n = 0;
    for (long a = 0; a < 5; a++) {
        if (test_unif(seed) < (a < 2 ? 0.5 : 0.2))
            continue;
        r[n] = (rl_rand){a, (long)(test_mix(seed) % 3), (int)(test_mix(seed) % 2),
                         25.0 * (double)(1 + test_mix(seed) % 3)};
        u += (size_t)snprintf(buf + u, size - u, "  %s: {I%ld: \"%s %g\"}\n", ids[a], r[n].issue,
                              r[n].below ? "<" : ">", r[n].at);
        n++;
    }
    if (!n)  /* an empty red_lines section is an error: give A one that rules out nothing */
        u += (size_t)snprintf(buf + u, size - u, "  A: {I0: \"> 100\"}\n");
    return n;
}

static void test_red_lines_brute_force(void **state)
{
    (void)state;
    uint64_t seed = 17;
    char yaml[4096];
    rl_rand r[5];
    for (int trial = 0; trial < 200; trial++) {
        size_t nr = rl_random_yaml(&seed, yaml, sizeof yaml, r);
        pl_scenario *s;
        pl_settlement *st = rl_settle(&s, yaml);
        const pl_space *sp = pl_settle_space(st);
        double d[2] = {pl_settle_disagreement(st, 0), pl_settle_disagreement(st, 1)}, best = 0;
        uint64_t zone = 0;
        uint32_t w[3];
        for (w[0] = 0; w[0] < 5; w[0]++)
            for (w[1] = 0; w[1] < 5; w[1]++)
                for (w[2] = 0; w[2] < 5; w[2]++) {
                    double x[3] = {25.0 * w[0], 25.0 * w[1], 25.0 * w[2]};
                    double u0 = pl_space_utility(sp, 0, w), u1 = pl_space_utility(sp, 1, w);
                    if (rl_crosses(r, nr, 0, x) || rl_crosses(r, nr, 1, x))
                        continue;
                    double p = pl_settle_ratification(st, w);
                    zone += u0 >= d[0] - 1e-12 && u1 >= d[1] - 1e-12 && p >= 0.5;
                    if (u0 > d[0] && u1 > d[1] && p * p * (u0 - d[0]) * (u1 - d[1]) > best)
                        best = p * p * (u0 - d[0]) * (u1 - d[1]);
                }
        uint64_t z;
        assert_true(pl_settle_counts(st, NULL, NULL, &z));
        assert_int_equal(z, zone);
        double p;
        const uint32_t *rn = pl_settle_nash_ratified(st, &p);
        if (best > 0) {
            assert_non_null(rn);
            double x[3] = {25.0 * rn[0], 25.0 * rn[1], 25.0 * rn[2]};
            assert_false(rl_crosses(r, nr, 0, x) || rl_crosses(r, nr, 1, x));
            double v = p * p * (pl_space_utility(sp, 0, rn) - d[0]) *
                       (pl_space_utility(sp, 1, rn) - d[1]);
            assert_near(v, best, 1e-12 * best);
        } else {
            assert_null(rn);
        }
        pl_settle_free(st);
        pl_scenario_free(s);
    }
}

/* pl__settle_pair_exists (branch and bound) against the counts of the walk over every
   package, for every pair of parties: count > 0 exactly when it finds a package; and
   pl__settle_pairs_exist, every party a for one r in one walk, against both. */
static void expect_pairs_match(const pl_settlement *st, size_t *n_yes, size_t *n_no)
{
    size_t n = pl_frontier_n_parties(pl_settle_frontier(st));
    unsigned char all[8];
    assert_true(n <= 8);
    for (size_t r = 0; r < n; r++) {
        assert_int_equal(pl__settle_pairs_exist(st, r, all), PL_OK); /* every a in one walk */
        assert_int_equal(all[r], 0);
        for (size_t a = 0; a < n; a++) {
            uint64_t cnt = 0;
            int yes = -1;
            assert_true(pl_settle_pair_count(st, a, r, &cnt));
            assert_int_equal(pl__settle_pair_exists(st, a, r, &yes), PL_OK);
            assert_int_equal(yes, cnt > 0);
            if (a != r)
                assert_int_equal(all[a], yes);
            *(yes ? n_yes : n_no) += 1;
        }
    }
}

/* The built-in scenario, and room in *x for a draw of its uncertain inputs. */
static pl_scenario *builtin_to_draw(double **x)
{
    pl_scenario *b = NULL;
    pl_error err;
    if (pl_scenario_load_builtin(&b, NULL, NULL, &err))
        fail_msg("%s", err.msg);
    *x = malloc((pl_scenario_n_uncertain(b) + 1) * sizeof **x);
    assert_non_null(*x);
    return b;
}

/*
** check(st, ctx) on the settlements of `trials` random small scenarios with red lines and a
** noisy ratifying body (rl_random_yaml from seed; alter, when given, edits every other text),
** then of 300 draws of the built-in scenario (four parties, two ratifying bodies, a red line;
** stream draw_seed), each computed with pl__settle_compute's flags (draw % 4 when
** vary_flags, else 0: pl_settle_compute).
*/
typedef void (*settle_check)(pl_settlement *st, void *ctx);
static void over_settlements(uint64_t seed, int trials, void (*alter)(char *),
                             uint64_t draw_seed, int vary_flags, settle_check check, void *ctx)
{
    char yaml[4096];
    rl_rand r[5];
    for (int trial = 0; trial < trials; trial++) {
        rl_random_yaml(&seed, yaml, sizeof yaml, r);
        if (alter && trial % 2)
            alter(yaml);
        pl_scenario *s;
        pl_settlement *st = rl_settle(&s, yaml);
        check(st, ctx);
        pl_settle_free(st);
        pl_scenario_free(s);
    }
    pl_error err;
    double *x;
    pl_scenario *b = builtin_to_draw(&x);
    pl_settle_opts o = PL_SETTLE_OPTS_INIT;
    for (uint64_t draw = 0; draw < 300; draw++) {
        pl_scenario *d = NULL;
        pl_settlement *st = NULL;
        if (pl_scenario_draw(&d, b, draw_seed, draw, x, &err) ||
            pl__settle_compute(&st, d, &o, vary_flags ? (unsigned)(draw % 4) : 0, &err))
            fail_msg("%s", err.msg);
        check(st, ctx);
        pl_settle_free(st);
        pl_scenario_free(d);
    }
    free(x);
    pl_scenario_free(b);
}

static void pairs_check(pl_settlement *st, void *ctx)
{
    size_t *n = ctx;
    expect_pairs_match(st, &n[0], &n[1]);
}

static void test_pair_exists_equals_count(void **state)
{
    (void)state;
    size_t n[2] = {0, 0}; /* yes, no */
    over_settlements(23, 200, NULL, 5, 0, pairs_check, n);
    assert_true(n[0] > 100 && n[1] > 100); /* both answers were put to the test */
}

/* The ratified Nash point as every settlement finds it (pl__settle_rnash passing over the
   points whose bound cannot reach the best) against the scan of every point of its
   frontier: the same package, tie count, P and value, to the bit. */
static void expect_rnash_same(pl_settlement *st, size_t *found, size_t *tied)
{
    int f = st->rnash_found;
    size_t ties = st->rnash_ties, K = pl_space_n_issues(pl_settle_space(st));
    double p = st->rnash_p, v = st->rnash_value;
    uint32_t w[16];
    assert_true(K <= 16);
    if (f)
        memcpy(w, st->rnash, K * sizeof *w);
    assert_int_equal(pl__settle_rnash(st, 0, NULL), PL_OK);
    assert_int_equal(st->rnash_found, f);
    assert_int_equal(st->rnash_ties, ties);
    assert_memory_equal(&st->rnash_p, &p, sizeof p);
    assert_memory_equal(&st->rnash_value, &v, sizeof v);
    if (f)
        assert_memory_equal(st->rnash, w, K * sizeof *w);
    *found += (size_t)f;
    *tied += ties > 1;
}

/* Every actor's position on issue I2 moved to 12.5 (rl_random_yaml's text): its options 0
   and 25, the best for everyone there, then tie for every judge. */
static void centre_i2(char *yaml)
{
    char out[4096], *at, *from = yaml;
    size_t u = 0;
    while ((at = strstr(from, "I2: {position: "))) {
        at += strlen("I2: {position: ");
        u += (size_t)snprintf(out + u, sizeof out - u, "%.*s12.5", (int)(at - from), from);
        from = at + strspn(at, "0123456789");
    }
    snprintf(out + u, sizeof out - u, "%s", from);
    memcpy(yaml, out, strlen(out) + 1);
}

static void rnash_check(pl_settlement *st, void *ctx)
{
    size_t *n = ctx;
    expect_rnash_same(st, &n[0], &n[1]);
}

/* over_settlements: 400 random scenarios, every other one with every position on I2 at 12.5
   so that packages tie, then 300 built-in draws under each of the compute flags. */
static void test_rnash_pruned_equals_full(void **state)
{
    (void)state;
    size_t n[2] = {0, 0}; /* found, tied */
    over_settlements(29, 400, centre_i2, 7, 1, rnash_check, n);
    assert_true(n[0] > 100 && n[1] > 50); /* both the point and its ties were compared */
    print_message("rnash: %zu found, %zu with ties\n", n[0], n[1]);
}

/* Every solution of st's frontier floored at no deal (as a stress settlement's is), by
   pl__solve told that it is floored, against pl_solve testing every point: the same ties,
   value and flat parties, to the bit. */
static void solve_check(pl_settlement *st, void *ctx)
{
    size_t *n = ctx;
    const pl_frontier *f0 = pl_settle_frontier(st);
    pl_frontier *f = pl__frontier_alloc(f0->n, f0->K, f0->size);
    assert_non_null(f);
    memcpy(f->u, f0->u, f0->size * f0->n * sizeof *f->u);
    memcpy(f->pkg, f0->pkg, f0->size * f0->K * sizeof *f->pkg);
    pl__frontier_floor(f, st->d);
    pl_solve_opts so = {st->d, st->alpha, NULL};
    for (int k = 0; k < PL_SOL_COUNT; k++) {
        pl_solution a, b;
        uint64_t fa = 0, fb = 0;
        assert_int_equal(pl_solve(&a, (pl_solution_kind)k, f, &so, &fa, NULL), PL_OK);
        assert_int_equal(pl__solve(&b, (pl_solution_kind)k, f, &so, &fb, 1, NULL), PL_OK);
        assert_int_equal(a.found, b.found);
        assert_int_equal(a.n_ties, b.n_ties);
        assert_memory_equal(&a.value, &b.value, sizeof a.value);
        if (a.n_ties)
            assert_memory_equal(a.ties, b.ties, a.n_ties * sizeof *a.ties);
        assert_true(fa == fb);
        n[0] += (size_t)a.found;
        pl_solution_clear(&a), pl_solution_clear(&b);
    }
    n[1] += f->size > 0;
    pl_frontier_free(f);
}

/* over_settlements: 200 random scenarios (red lines, a noisy ratifying body) and 300
   built-in draws under each of the compute flags. */
static void test_solve_floored_same(void **state)
{
    (void)state;
    size_t n[2] = {0, 0}; /* solutions found, non-empty floored frontiers */
    over_settlements(31, 200, NULL, 9, 1, solve_check, n);
    assert_true(n[0] > 300 && n[1] > 100);
    print_message("floored solutions: %zu found on %zu frontiers\n", n[0], n[1]);
}

/* What a draw of `parley stress` reads from a settlement, the same to the bit with every
   body's voter (a) and with the ratifying bodies' only (b, PL__SETTLE_RATIFIERS): the
   frontier, the three solutions, the ratified Nash point, P(Nash ratified), the pair
   flags. */
static void expect_ratifiers_same(const pl_settlement *a, const pl_settlement *b)
{
    const pl_frontier *fa = pl_settle_frontier(a), *fb = pl_settle_frontier(b);
    size_t n = pl_frontier_n_parties(fa), K = pl_space_n_issues(pl_settle_space(a));
    same_frontier(fa, fb);
    for (size_t j = 0; j < pl_frontier_size(fa); j++)
        assert_memory_equal(pl_frontier_package(fa, j), pl_frontier_package(fb, j),
                            K * sizeof(uint32_t));
    static const pl_solution_kind kinds[] = {PL_SOL_NASH, PL_SOL_KS, PL_SOL_EGALITARIAN};
    for (size_t x = 0; x < 3; x++) {
        const uint32_t *wa = pl_settle_solution_package(a, kinds[x]);
        const uint32_t *wb = pl_settle_solution_package(b, kinds[x]);
        assert_true((wa == NULL) == (wb == NULL));
        if (wa)
            assert_memory_equal(wa, wb, K * sizeof *wa);
    }
    assert_int_equal(a->rnash_found, b->rnash_found);
    assert_int_equal(a->rnash_ties, b->rnash_ties);
    assert_memory_equal(&a->rnash_p, &b->rnash_p, sizeof a->rnash_p);
    if (a->rnash_found)
        assert_memory_equal(a->rnash, b->rnash, K * sizeof *a->rnash);
    const uint32_t *nash = pl_settle_solution_package(a, PL_SOL_NASH);
    if (nash) {
        double pa = pl_settle_ratification(a, nash), pb = pl_settle_ratification(b, nash);
        assert_memory_equal(&pa, &pb, sizeof pa);
    }
    unsigned char ya[8], yb[8];
    assert_true(n <= 8);
    for (size_t r = 0; r < n; r++) {
        assert_int_equal(pl__settle_pairs_exist(a, r, ya), PL_OK);
        assert_int_equal(pl__settle_pairs_exist(b, r, yb), PL_OK);
        assert_memory_equal(ya, yb, n);
    }
}

/* Draws of the built-in scenario (a P5 council and other bodies that ratify for no party)
   and the repository's scenarios with bodies. */
static void test_ratifiers_only_same(void **state)
{
    (void)state;
    pl_error err;
    double *x;
    pl_scenario *b = builtin_to_draw(&x);
    pl_settle_opts o = PL_SETTLE_OPTS_INIT;
    o.max_enumerate = 0, o.logrolls = 0;
    for (uint64_t draw = 0; draw < 200; draw++) {
        pl_scenario *d = NULL;
        pl_settlement *sa = NULL, *sb = NULL;
        if (pl_scenario_draw(&d, b, 11, draw, x, &err) ||
            pl__settle_compute(&sa, d, &o, PL__SETTLE_RATIONAL, &err) ||
            pl__settle_compute(&sb, d, &o, PL__SETTLE_RATIONAL | PL__SETTLE_RATIFIERS, &err))
            fail_msg("%s", err.msg);
        assert_true(sb->nj == sb->n_rj && sa->nj > sa->n_rj); /* some judges were left out */
        expect_ratifiers_same(sa, sb);
        pl_settle_free(sa), pl_settle_free(sb);
        pl_scenario_free(d);
    }
    free(x);
    pl_scenario_free(b);
    static const char *const files[] = {"tests/scenarios/voters.yaml",
                                        "tests/scenarios/veto.yaml",
                                        "tests/scenarios/jcpoa-2015.yaml"};
    size_t cap = 65536;
    char *yaml = malloc(cap);
    assert_non_null(yaml);
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        size_t len = test_read_source(files[f], yaml, cap);
        pl_scenario *s = NULL;
        pl_settlement *sa = NULL, *sb = NULL;
        if (pl_scenario_load_buffer(&s, yaml, len, files[f], NULL, &err) ||
            pl__settle_compute(&sa, s, &o, PL__SETTLE_RATIONAL, &err) ||
            pl__settle_compute(&sb, s, &o, PL__SETTLE_RATIONAL | PL__SETTLE_RATIFIERS, &err))
            fail_msg("%s: %s", files[f], err.msg);
        expect_ratifiers_same(sa, sb);
        pl_settle_free(sa), pl_settle_free(sb);
        pl_scenario_free(s);
    }
    free(yaml);
}

/* ---- GENIUS reference values (MODELS.md sec. 7, *enum*, tol 1e-4) ------------- */

#define GENIUS PL_SHARED_DIR "/data/genius/"

/* The scenario behind each settlement, freed with it. */
typedef struct pair {
    pl_scenario *s;
    pl_settlement *st;
} pair;
static pair held;

static pl_settlement *genius(const char *dir, const char *domain, const char *a, const char *b)
{
    char p[3][512];
    const char *paths[3] = {p[0], p[1], p[2]};
    snprintf(p[0], sizeof p[0], GENIUS "%s/%s", dir, domain);
    snprintf(p[1], sizeof p[1], GENIUS "%s/%s", dir, a);
    snprintf(p[2], sizeof p[2], GENIUS "%s/%s", dir, b);
    FILE *f = fopen(p[0], "rb");
    if (!f)
        return NULL;
    fclose(f);
    pl_scenario *s;
    pl_settlement *st = test_settle_genius(3, paths, 1e7, &s);
    held = (pair){s, st};  /* the settlement points into the scenario */
    return st;
}

static void done(pl_settlement *st)
{
    assert_ptr_equal(st, held.st);
    pl_settle_free(held.st);
    pl_scenario_free(held.s);
    held = (pair){NULL, NULL};
}

/* Utilities of the first tie of solution k. */
static void sol_u(const pl_settlement *st, pl_solution_kind k, double *u)
{
    const pl_solution *s = pl_settle_solution(st, k);
    assert_true(s->found);
    const pl_frontier *f = pl_settle_frontier(st);
    for (size_t i = 0; i < pl_frontier_n_parties(f); i++)
        u[i] = pl_frontier_utility(f, s->ties[0], i);
}

static void expect_sol(const pl_settlement *st, pl_solution_kind k, double u1, double u2)
{
    double u[2];
    sol_u(st, k, u);
    assert_near(u[0], u1, 1e-4);
    assert_near(u[1], u2, 1e-4);
}

static void expect_sizes(const pl_settlement *st, const size_t *want, size_t K)
{
    const size_t *ms = pl_frontier_merge_sizes(pl_settle_frontier(st));
    for (size_t k = 0; k < K; k++)
        assert_int_equal(ms[k], want[k]);
}

static void test_england_zimbabwe(void **state)
{
    (void)state;
    pl_settlement *st = genius("anac/y2010/EnglandZimbabwe", "EnglandZimbabwe_domain.xml",
                               "England.xml", "Zimbabwe.xml");
    if (!st)
        skip();
    const pl_frontier *f = pl_settle_frontier(st);
    assert_near(pl_space_size(pl_settle_space(st)), 576, 0);
    assert_int_equal(pl_frontier_size(f), 25);
    static const size_t sizes[] = {3, 9, 11, 16, 25};
    expect_sizes(st, sizes, 5);
    expect_sol(st, PL_SOL_NASH, 0.9109, 0.7332);
    expect_sol(st, PL_SOL_KS, 0.8223, 0.7866);
    expect_sol(st, PL_SOL_UTILITARIAN, 0.9109, 0.7332);
    assert_near(pl_settle_solution(st, PL_SOL_UTILITARIAN)->value, 1.6441, 1e-4);
    expect_sol(st, PL_SOL_EGALITARIAN, 0.8223, 0.7866);
    /* the frontier's extremes: points are in package order, so look for them */
    double best1 = 0, at1 = 0, best2 = 0, at2 = 0;
    for (size_t j = 0; j < pl_frontier_size(f); j++) {
        double a = pl_frontier_utility(f, j, 0), b = pl_frontier_utility(f, j, 1);
        if (a > best1 || (a == best1 && b > at1))
            best1 = a, at1 = b;
        if (b > best2 || (b == best2 && a > at2))
            best2 = b, at2 = a;
    }
    assert_near(best1, 1.0, 1e-4);
    assert_near(at1, 0.4503, 1e-4);
    assert_near(best2, 1.0, 1e-4);
    assert_near(at2, 0.4980, 1e-4);
    double nash[2], ks[2];
    size_t nv;
    assert_int_equal(pl_hull2(f, NULL, NULL, &nv, nash, ks, NULL), PL_OK);
    assert_int_equal(nv, 7);
    assert_near(nash[0], 0.9109, 1e-4);
    assert_near(nash[1], 0.7332, 1e-4);
    done(st);
}

static void test_itex_cypress(void **state)
{
    (void)state;
    pl_settlement *st = genius("anac/y2010/ItexvsCypress", "ItexvsCypress_domain.xml",
                               "ItexvsCypress_Itex.xml", "ItexvsCypress_Cypress.xml");
    if (!st)
        skip();
    const pl_frontier *f = pl_settle_frontier(st);
    assert_near(pl_space_size(pl_settle_space(st)), 180, 0);
    assert_int_equal(pl_frontier_size(f), 18);
    static const size_t sizes[] = {5, 9, 13, 18};
    expect_sizes(st, sizes, 4);
    static const pl_solution_kind all4[] = {PL_SOL_NASH, PL_SOL_KS, PL_SOL_EGALITARIAN,
                                            PL_SOL_UTILITARIAN};
    const uint32_t *w0 = pl_frontier_package(f, pl_settle_solution(st, PL_SOL_NASH)->ties[0]);
    for (int k = 0; k < 4; k++) {
        expect_sol(st, all4[k], 0.7215, 0.6705);
        const uint32_t *w = pl_frontier_package(f, pl_settle_solution(st, all4[k])->ties[0]);
        assert_memory_equal(w, w0, 4 * sizeof *w);
    }
    /* the package in words: $3.47, 45 days, 30 days after delivery, 5% spoilage */
    static const char *const words[] = {"$3.47", "45 days", "30 days after delivery", "5%"};
    for (size_t k = 0; k < 4; k++) {
        const char *name;
        pl_settle_option(st, k, w0[k], &name);
        assert_non_null(strstr(name, words[k]));
    }
    double nash[2], ks[2];
    size_t nv;
    assert_int_equal(pl_hull2(f, NULL, NULL, &nv, nash, ks, NULL), PL_OK);
    assert_int_equal(nv, 5);
    done(st);
}

static void test_reservation_values(void **state)
{
    (void)state;
    pl_settlement *st = genius("anac/y2010/EnglandZimbabwe", "EnglandZimbabwe_domain.xml",
                               "England10.xml", "Zimbabwe10.xml");
    if (!st)
        skip();
    const pl_frontier *f = pl_settle_frontier(st);
    assert_int_equal(pl_frontier_size(f), 24);
    double d[2] = {pl_settle_disagreement(st, 0), pl_settle_disagreement(st, 1)};
    assert_near(d[0], 0.00617677, 1e-9);
    assert_near(d[1], 0.84001, 1e-9);
    assert_int_equal(pl_frontier_n_rational(f, d), 10);
    uint64_t rational;
    assert_true(pl_settle_counts(st, &rational, NULL, NULL));
    assert_int_equal(rational, 24);
    expect_sol(st, PL_SOL_NASH, 0.4979, 1.0);
    expect_sol(st, PL_SOL_EGALITARIAN, 0.4979, 1.0);
    expect_sol(st, PL_SOL_KS, 0.5653, 0.9562);
    done(st);
    st = genius("anac/y2010/ItexvsCypress", "ItexvsCypress_domain.xml",
                "ItexvsCypress_Itex50.xml", "ItexvsCypress_Cypress100.xml");
    assert_non_null(st);
    expect_sol(st, PL_SOL_NASH, 0.7212, 0.6708);
    expect_sol(st, PL_SOL_KS, 0.7212, 0.6708);
    expect_sol(st, PL_SOL_EGALITARIAN, 0.7597, 0.5884);
    done(st);
}

/* The Party domain: exact ties matter (MODELS.md: doubles alone give 11, 99-102, 254-259). */
static void test_party_domain(void **state)
{
    (void)state;
    char p[10][512];
    const char *paths[10];
    snprintf(p[0], sizeof p[0], GENIUS "partydomain/party_domain.xml");
    FILE *fp = fopen(p[0], "rb");
    if (!fp)
        skip();
    fclose(fp);
    for (int i = 0; i < 10; i++) {
        if (i)
            snprintf(p[i], sizeof p[i], GENIUS "partydomain/party%d_utility.xml", i);
        paths[i] = p[i];
    }
    static const size_t want[10] = {0, 0, 10, 99, 253, 0, 575, 0, 0, 954};
    for (size_t m = 2; m <= 9; m++) {
        if (!want[m])
            continue;
        pl_scenario *s;
        pl_settlement *st = test_settle_genius(m + 1, paths, 0, &s);
        assert_near(pl_space_size(pl_settle_space(st)), 3072, 0);
        assert_int_equal(pl_frontier_size(pl_settle_frontier(st)), want[m]);
        if (m == 3) {
            double u[3];
            sol_u(st, PL_SOL_NASH, u);
            assert_near(u[0], 0.785, 1e-4);
            assert_near(u[1], 0.9286, 1e-4);
            assert_near(u[2], 0.7177, 1e-4);
        }
        pl_settle_free(st);
        pl_scenario_free(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge_equals_brute_force),
        cmocka_unit_test(test_floor_before_filter),
        cmocka_unit_test(test_points),
        cmocka_unit_test(test_points_stream_equals_sort),
        cmocka_unit_test(test_skyline_equals_naive),
        cmocka_unit_test(test_merge_refuses_early),
        cmocka_unit_test(test_solutions_on_frontier),
        cmocka_unit_test(test_symmetric_nash_and_ks_invariance),
        cmocka_unit_test(test_hull),
        cmocka_unit_test(test_logroll_hand),
        cmocka_unit_test(test_winset_1d_hand),
        cmocka_unit_test(test_acceptance_hand),
        cmocka_unit_test(test_absorption),
        cmocka_unit_test(test_scenario_by_hand),
        cmocka_unit_test(test_ratified_nash_by_hand),
        cmocka_unit_test(test_red_lines_filter),
        cmocka_unit_test(test_red_lines_clash),
        cmocka_unit_test(test_red_lines_ratifier),
        cmocka_unit_test(test_red_lines_brute_force),
        cmocka_unit_test(test_pair_exists_equals_count),
        cmocka_unit_test(test_solve_floored_same),
        cmocka_unit_test(test_rnash_pruned_equals_full),
        cmocka_unit_test(test_ratifiers_only_same),
        cmocka_unit_test(test_england_zimbabwe),
        cmocka_unit_test(test_itex_cypress),
        cmocka_unit_test(test_reservation_values),
        cmocka_unit_test(test_party_domain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
