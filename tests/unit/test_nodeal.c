/* SPDX-License-Identifier: MIT */
/*
** test_nodeal.c: the no-deal value over time (src/settle/nodeal.c,
** docs/models.md "No deal over time"). Sources of the expected values:
**  - hand: the discounted average of 1 - L(|p - q(t)| / 100) along
**    q(t) = clamp(q + d t, 0, 100) over [0, H] (derivations by each test);
**  - quadrature: the closed form equals composite Simpson's rule on the same
**    integral (kinks placed on the grid) to 1e-10, with and without discount;
**  - hand: the no-deal values of tests/scenarios/nodeal.yaml's parties and
**    ratifying member (derivation in test_scenario_by_hand).
*/
#include "tests/unit/test_util.h"
#include "src/settle/settlement.h"

/* delta = 1: the plain average. q = 40, d = 5, p = 80, H = 4: the distance is
   0.4 - 0.05 t (q stays below p), e = 0.6 + 0.05 t, whose average over [0, 4]
   is 0.6 + 0.05 * 2 = 0.7. */
static void test_linear_no_discount(void **state)
{
    (void)state;
    assert_near(pl__nodeal_path_mean(40, 5, 80, 0, 4, 1), 0.7, 1e-14);
}

/* delta = e^-1 (r = 1), same path: e = 0.6 + 0.05 E[T] with T exponential
   truncated to [0, 4]: E[T] = 1/r - H e^{-rH} / (1 - e^{-rH})
   = 1 - 4 e^-4 / (1 - e^-4) = 0.92537055854490..., so 0.64626852792724... */
static void test_linear_discounted(void **state)
{
    (void)state;
    double et = 1 - 4 * exp(-4) / (1 - exp(-4));
    assert_near(pl__nodeal_path_mean(40, 5, 80, 0, 4, exp(-1)), 0.6 + 0.05 * et, 1e-14);
    assert_near(0.6 + 0.05 * et, 0.64626852792724, 1e-13);
}

/* The path crosses the position: q = 40, d = 10, p = 60, H = 4. The distance
   |20 - 10 t| / 100 averages (20 + 20) / 4 / 100 = 0.1 (linear: e = 0.9);
   squared it averages 0.01 * int_0^4 (2 - t)^2 dt / 4 = 0.01 * (16/3) / 4 = 0.04/3. */
static void test_crossing(void **state)
{
    (void)state;
    assert_near(pl__nodeal_path_mean(40, 10, 60, 0, 4, 1), 0.9, 1e-14);
    assert_near(pl__nodeal_path_mean(40, 10, 60, 1, 4, 1), 1 - 0.04 / 3, 1e-14);
}

/* The path reaches the end of the scale and stays: q = 90, d = 5, p = 100,
   H = 4: the distance (10 - 5 t) / 100 until t = 2, then 0, averages
   (int_0^2 (10 - 5 t) dt / 100) / 4 = (10 / 100) / 4 = 0.025; e = 0.975. */
static void test_clamped(void **state)
{
    (void)state;
    assert_near(pl__nodeal_path_mean(90, 5, 100, 0, 4, 1), 0.975, 1e-14);
    assert_near(pl__nodeal_path_mean(10, -5, 0, 0, 4, 1), 0.975, 1e-14);  /* the mirror */
}

/* No drift: the value of today, exactly; no horizon or no future: today too. */
static void test_degenerate(void **state)
{
    (void)state;
    assert_near(pl__nodeal_path_mean(40, 0, 80, 0, 4, 0.9), 0.6, 1e-15);
    assert_near(pl__nodeal_path_mean(40, 5, 80, 0, 0, 0.9), 0.6, 0);
    assert_near(pl__nodeal_path_mean(40, 5, 80, 1, 4, 0), 1 - 0.16, 0);
    /* delta -> 1 is continuous (the series branch of the moments) */
    assert_near(pl__nodeal_path_mean(40, 5, 80, 0, 4, 1 - 1e-12), 0.7, 1e-11);
}

/* Composite Simpson on [a, b] with n (even) steps of e^{-rt} f(q(t)). */
static double simpson(double a, double b, int n, double q, double d, double p, int quad,
                      double r, double *wsum)
{
    double h = (b - a) / n, s = 0, w = 0;
    for (int i = 0; i <= n; i++) {
        double t = a + i * h, x = q + d * t;
        x = x < 0 ? 0 : x > 100 ? 100 : x;
        double g = fabs(p - x) / 100, c = i == 0 || i == n ? 1 : i % 2 ? 4 : 2;
        s += c * exp(-r * t) * (1 - (quad ? g * g : g));
        w += c * exp(-r * t);
    }
    *wsum += w * h / 3;
    return s * h / 3;
}

/* The closed form against quadrature, on pieces that put the kinks on the grid. */
static void test_against_quadrature(void **state)
{
    (void)state;
    /* q, d, p, H, delta; kinks: crossing (p - q) / d, end of scale */
    static const double cases[][5] = {
        {30, 8, 70, 10, 0.9}, {30, 8, 70, 10, 0.5}, {95, 2.5, 20, 6, 0.8}, {60, -12, 35, 8, 0.95},
        {50, 3, 50, 5, 0.7}};
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        const double *k = cases[c];
        double cuts[4] = {0, k[3], k[3], k[3]};
        size_t nc = 1;
        double tp = (k[2] - k[0]) / k[1], te = k[1] > 0 ? (100 - k[0]) / k[1] : -k[0] / k[1];
        if (tp > 0 && tp < k[3]) cuts[nc++] = tp;
        if (te > 0 && te < k[3]) cuts[nc++] = te;
        if (nc == 3 && cuts[2] < cuts[1]) { double t = cuts[1]; cuts[1] = cuts[2]; cuts[2] = t; }
        cuts[nc] = k[3];
        for (int quad = 0; quad < 2; quad++) {
            double num = 0, den = 0;
            for (size_t i = 0; i < nc; i++)
                num += simpson(cuts[i], cuts[i + 1], 20000, k[0], k[1], k[2], quad, -log(k[4]),
                               &den);
            assert_near(pl__nodeal_path_mean(k[0], k[1], k[2], quad, k[3], k[4]), num / den,
                        1e-10);
        }
    }
}

static pl_scenario *load(const char *cut_at)
{
    static char buf[8192];
    size_t n = test_read_source("tests/scenarios/nodeal.yaml", buf, sizeof buf);
    if (cut_at) {
        char *at = strstr(buf, cut_at);
        assert_non_null(at);
        *at = '\0', n = (size_t)(at - buf);
    }
    pl_scenario *s = NULL;
    pl_error err;
    if (pl_scenario_load_buffer(&s, buf, n, "nodeal.yaml", NULL, &err))
        fail_msg("%s", err.msg);
    return s;
}

static pl_nodeal nodeal_of(const pl_settlement *st, const pl_scenario *s, const char *id)
{
    pl_nodeal nd;
    assert_int_equal(pl_settle_nodeal(st, (size_t)pl_scenario_actor_index(s, id), &nd), PL_OK);
    return nd;
}

/*
** tests/scenarios/nodeal.yaml (linear loss, saliences as given, H = 4, delta = 1):
**  A: 0.5 (1 - 0.4) + 0.5 (1 - 0.3) = 0.65 today; LINE moves towards its 80:
**     e = 0.6 + 0.05 t averages 0.7, a drift loss of 0.5 (0.6 - 0.7) = -0.05;
**     no cost: 0.70.
**  B: 0.6 (1 - 0.4) + 0.4 (1 - 0.5) = 0.56; LINE moves away from its 0:
**     e = 0.6 - 0.05 t averages 0.5, loss 0.6 * 0.1 = 0.06; cost 10 points of
**     its scale 1 = 0.1: 0.56 - 0.06 - 0.1 = 0.40.
**  B_PUBLIC (ratifies for B, no cost of its own: bears B's 10 points): only
**     LINE, salience 0.8, position 10: 0.8 * 0.7 = 0.56; e = 0.7 - 0.05 t
**     averages 0.6, loss 0.08; cost 10 points of its scale 0.8 = 0.08: 0.40.
*/
static void test_scenario_by_hand(void **state)
{
    (void)state;
    pl_scenario *s = load(NULL);
    pl_settle_opts o = PL_SETTLE_OPTS_INIT;
    pl_settlement *st = NULL;
    pl_error err;
    if (pl_settle_compute(&st, s, &o, &err))
        fail_msg("%s", err.msg);
    pl_nodeal a = nodeal_of(st, s, "A"), b = nodeal_of(st, s, "B"), v = nodeal_of(st, s, "B_PUBLIC");
    assert_near(a.base, 0.65, 1e-14);
    assert_near(a.drift, -0.05, 1e-14);
    assert_near(a.cost, 0, 0);
    assert_near(a.value, 0.70, 1e-14);
    assert_int_equal(a.cost_from, -1);
    assert_near(b.base, 0.56, 1e-14);
    assert_near(b.drift, 0.06, 1e-14);
    assert_near(b.cost, 0.1, 1e-14);
    assert_near(b.value, 0.40, 1e-14);
    assert_near(v.base, 0.56, 1e-14);
    assert_near(v.drift, 0.08, 1e-14);
    assert_near(v.cost, 0.08, 1e-14);
    assert_near(v.cost_points, 10, 1e-12);
    assert_near(v.value, 0.40, 1e-14);
    assert_int_equal(v.cost_from, pl_scenario_actor_index(s, "B"));
    assert_int_equal(a.path, 1);
    assert_near(a.horizon, 4, 0);
    assert_near(a.discount, 1, 0);
    assert_near(pl_settle_disagreement(st, 1), 0.40, 1e-14);  /* what settle uses */
    pl_settle_free(st);
    /* a member of no body, or no actor: not found */
    assert_int_equal(pl_settle_nodeal(NULL, 0, &a), PL_EMISUSE);
    pl_scenario_free(s);
}

/* Without the section: the static value, nothing else, and the uncertain inputs of the
   section (horizon, cost, drift: three ranges) are gone. */
static void test_without_section(void **state)
{
    (void)state;
    pl_scenario *s = load("no_deal:"), *w = load(NULL);
    pl_settle_opts o = PL_SETTLE_OPTS_INIT;
    pl_settlement *st = NULL;
    pl_error err;
    if (pl_settle_compute(&st, s, &o, &err))
        fail_msg("%s", err.msg);
    pl_nodeal b = nodeal_of(st, s, "B");
    assert_int_equal(b.path, 0);
    assert_near(b.value, 0.56, 1e-15);
    assert_near(b.drift, 0, 0);
    assert_near(b.cost, 0, 0);
    assert_int_equal(b.cost_from, -1);
    assert_int_equal(pl_scenario_n_uncertain(w), pl_scenario_n_uncertain(s) + 3);
    pl_settle_free(st);
    pl_scenario_free(s), pl_scenario_free(w);
}

/* A draw moves the section's numbers within their ranges, and the value follows. */
static void test_draws(void **state)
{
    (void)state;
    pl_scenario *s = load(NULL);
    size_t n0 = pl_scenario_n_uncertain(s);
    double drawn[64];
    assert_true(n0 <= 64);
    pl_settle_opts o = PL_SETTLE_OPTS_INIT;
    pl_error err;
    for (uint64_t i = 0; i < 8; i++) {
        pl_scenario *d = NULL;
        pl_settlement *st = NULL;
        assert_int_equal(pl_scenario_draw(&d, s, 7, i, drawn, &err), PL_OK);
        if (pl_settle_compute(&st, d, &o, &err))
            fail_msg("%s", err.msg);
        double H = drawn[n0 - 3], c = drawn[n0 - 2], dr = drawn[n0 - 1];
        assert_true(H >= 2 && H <= 6 && c >= 5 && c <= 20 && dr >= 0 && dr <= 10);
        pl_nodeal b = nodeal_of(st, d, "B");
        /* B's LINE: e(t) = 0.6 - dr t / 100, averaging 0.6 - dr H / 200 (delta = 1) */
        assert_near(b.drift, 0.6 * dr * H / 200, 1e-12);
        assert_near(b.cost, c / 100, 1e-14);
        pl_settle_free(st);
        pl_scenario_free(d);
    }
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_linear_no_discount),
        cmocka_unit_test(test_linear_discounted),
        cmocka_unit_test(test_crossing),
        cmocka_unit_test(test_clamped),
        cmocka_unit_test(test_degenerate),
        cmocka_unit_test(test_against_quadrature),
        cmocka_unit_test(test_scenario_by_hand),
        cmocka_unit_test(test_without_section),
        cmocka_unit_test(test_draws),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
