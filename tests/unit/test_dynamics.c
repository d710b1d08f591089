/* SPDX-License-Identifier: MIT */
/*
** test_dynamics.c: bargaining over time and durability (src/dynamics),
** MODELS.md sections 9 and 10. Expected values:
**  - published closed forms: Rubinstein x1 = (1 - d2)/(1 - d1 d2): 0.526316 for
**    (0.9, 0.9), (0.714286, 0.285714) for (0.9, 0.8); outside option 0.3 leaves
**    0.526316, 0.6 gives 0.4; breakdown p = 0.1, b = (0.2, 0.1): 0.568421, and
**    with discounts 0.9 and b = 0 Rubinstein at 0.9 x 0.9 = 0.81: 1/1.81; the
**    limit d_i = exp(-r_i D), D -> 0: x1 -> r2/(r1 + r2);
**  - enum: backward induction on the pie of 1,001 splits (the GENIUS pie domain,
**    built here; and read from ../shared when present), d = 0.9: x1 = 1, 0.1,
**    0.91, 0.181, 0.837 for T = 1..5, 0.343 for T = 10, and 0.523 / 0.529 for
**    large even / odd T; with the reservation values of pie_A10 and pie_B50
**    (0.235092, 0.150468), T = 1 gives (0.864, 0.136);
**  - hand: Fearon p = 0.6, c = (0.1, 0.15): [0.5, 0.75]; the worked commitment
**    example (d 0.9, cA 0.05, M 3 and 3, cap to 9/7: p 0.5 -> 0.3, war now;
**    guarantor 75/7 needs g = 0.277778; phasing 0.5, 0.438889, 0.370988, 0.3
**    and no two-period path);
**  - properties: a bigger shift is never more durable, a more likely guarantee
**    never less;
**  - hand (survival, competing risks with constant hazards -ln(1 - h)): one
**    shock h = 0.2 over 5 years: S(t) = 0.8^t (0.8^2.5 = 0.572433), ended
**    1 - 0.8^5 = 0.67232, outlives 0.32768, lifetime 0.67232 / -ln 0.8 =
**    3.012948; shocks 0.1 and 0.2 with war at year 3: S(3-) = 0.9^3 0.8^3 =
**    0.373248 (war), the shocks (ln 0.9 / ln 0.72) 0.626752 = 0.201017 and
**    0.425735, lifetime 0.626752 / -ln 0.72 = 1.907897; h = 1: lifetime 0.
*/
#include "tests/unit/test_util.h"
#include "dynamics/durability_impl.h"

#include <stdio.h>
#include <stdlib.h>

static void test_closed_forms(void **state)
{
    (void)state;
    double x1, x2, v;
    int deal;
    assert_int_equal(pl_rubinstein(0.9, 0.9, &x1, &x2, NULL), PL_OK);
    assert_near(x1, 0.526316, 1e-6);
    assert_int_equal(pl_rubinstein(0.9, 0.8, &x1, &x2, NULL), PL_OK);
    assert_near(x1, 0.714286, 1e-6);
    assert_near(x2, 0.285714, 1e-6);
    assert_int_equal(pl_rubinstein_outside(0.9, 0.9, 0, 0.3, &x1, &x2, &deal, NULL), PL_OK);
    assert_near(x1, 0.526316, 1e-6);
    assert_true(deal);
    assert_int_equal(pl_rubinstein_outside(0.9, 0.9, 0, 0.6, &x1, &x2, &deal, NULL), PL_OK);
    assert_near(x1, 0.4, 1e-12);
    assert_int_equal(pl_rubinstein_outside(0.9, 0.9, 0.5, 0.6, &x1, &x2, &deal, NULL), PL_OK);
    assert_false(deal);
    /* The proposer's own option binds (Muthoo 1999, ch. 5, by hand): d = (0.5, 0.9),
       M1 = 0.1/0.55 = 0.181818 < o1 = 0.4 and o2 = 0 <= 0.9 (1 - 0.4): x1 = 1 - 0.9 * 0.6
       = 0.46, not M1 (0.1818, what the responder-only rule gave: less than 1's option). */
    assert_int_equal(pl_rubinstein_outside(0.5, 0.9, 0.4, 0, &x1, &x2, &deal, NULL), PL_OK);
    assert_near(x1, 0.46, 1e-12);
    assert_near(x2, 0.54, 1e-12);
    /* d = 0.9 both: M1 = M2 = 0.526316; o1 = 0.6 > 0.9 M1 = 0.473684 binds, o2 = 0.3 <=
       0.9 (1 - 0.6) = 0.36 does not: x1 = 1 - 0.36 = 0.64. */
    assert_int_equal(pl_rubinstein_outside(0.9, 0.9, 0.6, 0.3, &x1, &x2, &deal, NULL), PL_OK);
    assert_near(x1, 0.64, 1e-12);
    /* both bind: o1 = 0.6 > 0.473684, o2 = 0.39 > 0.9 (1 - 0.6) = 0.36: x1 = 1 - o2 */
    assert_int_equal(pl_rubinstein_outside(0.9, 0.9, 0.6, 0.39, &x1, &x2, &deal, NULL), PL_OK);
    assert_near(x1, 0.61, 1e-12);
    /* On a grid, whenever there is a deal each party gets at least its own option
       (the outside option principle's defining property) and the shares sum to 1. */
    for (int i = 0; i <= 10; i++)
        for (int j = 0; j + i <= 10; j++)
            for (int k = 1; k <= 9; k += 4) {
                double o1 = i / 10.0, o2 = j / 10.0, d1 = k / 10.0, d2 = 1 - d1 / 2;
                assert_int_equal(pl_rubinstein_outside(d1, d2, o1, o2, &x1, &x2, &deal, NULL),
                                 PL_OK);
                assert_true(deal);
                assert_true(x1 >= o1 - 1e-12 && x2 >= o2 - 1e-12);
                assert_near(x1 + x2, 1, 1e-12);
            }
    assert_int_equal(pl_breakdown(0.1, 0.2, 0.1, 1, 1, &v, NULL), PL_OK);
    assert_near(v, 0.568421, 1e-6);
    /* both effects, b = 0: Rubinstein with d (1 - p) = 0.81: 1 / 1.81 */
    assert_int_equal(pl_breakdown(0.1, 0, 0, 0.9, 0.9, &v, NULL), PL_OK);
    assert_near(v, 1 / 1.81, 1e-15);
    /* the limit of frequent offers: the asymmetric Nash split r2 / (r1 + r2) */
    double r1 = 0.05, r2 = 0.15, D = 1e-6;
    assert_int_equal(pl_rubinstein(exp(-r1 * D), exp(-r2 * D), &x1, &x2, NULL), PL_OK);
    assert_near(x1, r2 / (r1 + r2), 1e-6);
    assert_near(pl_rubinstein_finite(0.9, 1), 1, 1e-15);
    assert_near(pl_rubinstein_finite(0.9, 2), 0.1, 1e-15);
    pl_error err;
    assert_int_equal(pl_rubinstein(1, 1, &x1, &x2, &err), PL_EINPUT);
    assert_int_equal(pl_rubinstein(1.2, 0.9, &x1, &x2, &err), PL_EINPUT);
    assert_int_equal(pl_breakdown(0, 0.2, 0.1, 1, 1, &v, &err), PL_EINPUT);
    assert_int_equal(pl_breakdown(0.5, 0.6, 0.6, 1, 1, &v, &err), PL_EINPUT);
}

/* The pie: 1,001 splits, u1 = k/1000, u2 = 1 - k/1000. */
static double *pie(void)
{
    double *u = malloc(1001 * 2 * sizeof *u);
    for (int k = 0; k <= 1000; k++) {
        u[2 * k] = k / 1000.0;
        u[2 * k + 1] = 1 - k / 1000.0;
    }
    return u;
}

static double x1_after(const double *u, const double *d, int T)
{
    double delta[2] = {0.9, 0.9};
    pl_bargain_result r;
    assert_int_equal(pl_backward_induction(&r, 2, 1001, u, d, delta, NULL, T, NULL), PL_OK);
    assert_true(r.agreed);
    double x = u[2 * r.outcome];
    pl_bargain_result_clear(&r);
    return x;
}

static void test_backward_induction_pie(void **state)
{
    (void)state;
    double *u = pie();
    static const double want[] = {1, 0.1, 0.91, 0.181, 0.837};
    for (int T = 1; T <= 5; T++) {
        assert_near(x1_after(u, NULL, T), want[T - 1], 1e-12);
        /* the continuous closed form, up to the rounding of each demand */
        assert_near(x1_after(u, NULL, T), pl_rubinstein_finite(0.9, T), 0.01);
    }
    assert_near(x1_after(u, NULL, 10), 0.343, 1e-12);
    assert_near(x1_after(u, NULL, 200), 0.523, 1e-12);
    assert_near(x1_after(u, NULL, 201), 0.529, 1e-12);
    double d[2] = {0.235092, 0.150468};
    assert_near(x1_after(u, d, 1), 0.864, 1e-12);
    /* three parties, unanimity, cyclic proposers: the first proposer keeps 1 at T = 1 */
    double tri[] = {1, 0, 0, 0.5, 0.5, 0, 0, 0, 1}, delta[3] = {0.9, 0.9, 0.9};
    pl_bargain_result r;
    assert_int_equal(pl_backward_induction(&r, 3, 3, tri, NULL, delta, NULL, 1, NULL), PL_OK);
    assert_int_equal(r.outcome, 0);
    pl_bargain_result_clear(&r);
    size_t order[3] = {2, 0, 1};
    assert_int_equal(pl_backward_induction(&r, 3, 3, tri, NULL, delta, order, 1, NULL), PL_OK);
    assert_int_equal(r.outcome, 2);
    pl_bargain_result_clear(&r);
    double bad_delta[2] = {0.9, 0};
    assert_int_equal(pl_backward_induction(&r, 2, 1001, u, NULL, bad_delta, NULL, 3, NULL),
                     PL_EINPUT);
    free(u);
}

/* The same on the GENIUS pie files, when ../shared is there. */
static void test_pie_files(void **state)
{
    (void)state;
    const char *paths[3] = {PL_SHARED_DIR "/data/genius/pie/pie_domain.xml",
                            PL_SHARED_DIR "/data/genius/pie/pie_A.xml",
                            PL_SHARED_DIR "/data/genius/pie/pie_B.xml"};
    FILE *f = fopen(paths[0], "rb");
    if (!f) {
        print_message("skipped: %s is absent\n", paths[0]);
        skip();
    }
    fclose(f);
    pl_scenario *s;
    pl_settlement *st = test_settle_genius(3, paths, 0, &s);
    const pl_frontier *fr = pl_settle_frontier(st);
    size_t N = pl_frontier_size(fr);
    assert_int_equal(N, 1001);
    double *u = malloc(N * 2 * sizeof *u), delta[2] = {0.9, 0.9};
    for (size_t j = 0; j < N; j++)
        for (size_t i = 0; i < 2; i++)
            u[j * 2 + i] = pl_frontier_utility(fr, j, i);
    pl_bargain_result r;
    assert_int_equal(pl_backward_induction(&r, 2, N, u, NULL, delta, NULL, 3, NULL), PL_OK);
    assert_near(u[2 * r.outcome], 0.91, 1e-9);
    pl_bargain_result_clear(&r);
    free(u);
    pl_settle_free(st);
    pl_scenario_free(s);
}

static void test_durability_worked_example(void **state)
{
    (void)state;
    double lo, hi;
    assert_int_equal(pl_fearon_range(0.6, 0.1, 0.15, &lo, &hi, NULL), PL_OK);
    assert_near(lo, 0.5, 1e-15);
    assert_near(hi, 0.75, 1e-15);
    double p[2] = {pl_contest(3, 3, 1), pl_contest(9.0 / 7, 3, 1)};
    assert_near(p[0], 0.5, 1e-15);
    assert_near(p[1], 0.3, 1e-15);
    pl_commitment c;
    assert_int_equal(pl_commitment_check(&c, 2, p, 0.9, 0.05, 0.05, NULL), PL_OK);
    assert_int_equal(c.fails_at, 0);
    assert_int_equal(c.side, 0);
    /* 0.9 x 0.2 = 0.18 > 0.1 x 0.55 = 0.055, in values: W_0 = 4.5 > 1 + 0.9 x 2.5 = 3.25 */
    assert_near(c.war_a[0], 4.5, 1e-12);
    assert_near(c.peace_a[0], 3.25, 1e-12);
    pl_commitment_clear(&c);
    double g;
    int possible;
    assert_int_equal(pl_min_guarantee(3, 3, 9.0 / 7, 3, 75.0 / 7, 1, 1, 0.9, 0.05, 0.05, &g,
                                      &possible, NULL), PL_OK);
    assert_true(possible);
    assert_near(g, 0.277778, 1e-6);
    assert_int_equal(pl_min_guarantee(3, 3, 9.0 / 7, 3, 0.1, 1, 1, 0.9, 0.05, 0.05, &g,
                                      &possible, NULL), PL_OK);
    assert_false(possible);  /* a weak guarantor cannot make up the shift */
    assert_true(isnan(g));
    /* a guarantor so strong that a certain guarantee would make B fight: still possible at
       the minimum (0.3 + g (0.8 - 0.3) stays below B's limit 0.5 + 0.061111) */
    assert_int_equal(pl_min_guarantee(3, 3, 9.0 / 7, 3, 75.0 / 7, 1, 1, 0.9, 0.05, 0.05, &g,
                                      &possible, NULL), PL_OK);
    assert_true(possible);
    double path[8];
    size_t steps;
    assert_int_equal(pl_phasing(0.5, 0.3, 0.9, 0.05, 7, path, &steps, NULL), PL_OK);
    assert_int_equal(steps, 3);
    assert_near(path[1], 0.438889, 1e-6);
    assert_near(path[2], 0.370988, 1e-6);
    assert_near(path[3], 0.3, 1e-15);
    pl_commitment_clear(&c);
    assert_int_equal(pl_commitment_check(&c, 4, path, 0.9, 0.05, 0.05, NULL), PL_OK);
    assert_int_equal(c.fails_at, -1);
    pl_commitment_clear(&c);
    pl_error err;
    assert_int_equal(pl_phasing(0.5, 0.3, 0.9, 0.05, 2, path, &steps, &err), PL_ERANGE);
    assert_int_equal(pl_commitment_check(&c, 2, p, 1, 0.05, 0.05, &err), PL_EINPUT);
    double badp[2] = {0.5, 1.2};
    assert_int_equal(pl_commitment_check(&c, 2, badp, 0.9, 0.05, 0.05, &err), PL_EINPUT);
}

/* The worked example as a scenario: an army cap scales A's capability 3 by 3/7. */
static const char dur_yaml[] =
    "parley: 1\nname: commitment\nactors:\n"
    "  - {id: A, capability: 1}\n  - {id: B, capability: 1}\n"
    "  - {id: G, capability: 1, at_table: false}\n"
    "issues:\n  - {id: ARMY, scale: {0: no cap, 100: cap}, status_quo: 0}\n"
    "positions:\n  A: {ARMY: {position: 0, salience: 1}}\n  B: {ARMY: {position: 100, "
    "salience: 1}}\n"
    "bodies:\n  - {id: GUARANTOR, members: [G], quota: majority}\n"
    "  - {id: JOINT, members: [G, B], quota: unanimity}\n"
    "durability:\n  sides: [A, B]\n  discount: 0.9\n  periods: 1\n"
    "  costs: {A: 0.05, B: 0.05}\n  capability: {A: 3, B: 3}\n"
    "  terms:\n    - {issue: ARMY, side: A, factor: {0: 1, 100: 0.42857142857142855}}\n"
    "  guarantees:\n"
    "    - {body: GUARANTOR, protects: A, capability: 10.714285714285714, probability: 0.3}\n"
    "    - {body: JOINT, protects: A, capability: 10.714285714285714, probability: 1}\n";

static void test_durability_scenario(void **state)
{
    (void)state;
    pl_scenario *s;
    pl_error err;
    if (pl_scenario_load_buffer(&s, dur_yaml, sizeof dur_yaml - 1, "dur.yaml", NULL, &err))
        fail_msg("%s", err.msg);
    double deal = 100;
    pl_durability *d;
    assert_int_equal(pl_durability_compute(&d, s, &deal, &err), PL_OK);
    assert_int_equal(pl_durability_periods(d), 2);
    assert_near(pl_durability_power(d, 0), 0.5, 1e-15);
    assert_near(pl_durability_power(d, 1), 0.3, 1e-12);
    int side;
    assert_int_equal(pl_durability_fails_at(d, &side), 0);
    assert_int_equal(side, 0);
    assert_int_equal(pl_durability_phasing(d), 3);
    /* war resumes at once: no gain from signing survives, whatever it was tactically */
    assert_near(pl_durability_strategic(d, 0.2), 0, 0);
    int cred, holds;
    double counted, minimum;
    /* GUARANTOR can act against B (not a member): 0.3 >= 0.277778 holds */
    assert_int_equal(pl_durability_guarantee(d, 0, &cred, &counted, &holds, &minimum, NULL),
                     PL_OK);
    assert_true(cred);
    assert_near(counted, 0.3, 0);
    assert_true(holds);
    assert_near(minimum, 0.277778, 1e-6);
    /* JOINT needs B's own consent: it cannot act against B, so it counts for nothing */
    assert_int_equal(pl_durability_guarantee(d, 1, &cred, &counted, &holds, &minimum, NULL),
                     PL_OK);
    assert_false(cred);
    assert_near(counted, 0, 0);
    assert_false(holds);
    pl_durability_free(d);
    /* no cap: nothing shifts, the deal holds and needs no phasing; but a likely guarantee
       would shift power toward A so far that B would rather fight: with M_G = 75/7 and
       p = 0.5 + 0.3 g (A at 3 + 75/7 against 3 wins with 0.822), B's limit
       0.5 + 0.1 x 0.55 / 0.9 = 0.561111 caps g at 0.061111 / 0.321739 = 0.189936 */
    deal = 0;
    assert_int_equal(pl_durability_compute(&d, s, &deal, &err), PL_OK);
    assert_int_equal(pl_durability_fails_at(d, NULL), -1);
    assert_int_equal(pl_durability_phasing(d), 0);
    assert_near(pl_durability_strategic(d, 0.2), 0.2, 0);  /* a lasting deal keeps it all */
    double maximum;
    assert_int_equal(pl_durability_guarantee(d, 0, &cred, &counted, &holds, &minimum, &maximum),
                     PL_OK);
    assert_false(holds);  /* 0.3 > the cap */
    assert_near(minimum, 0, 0);
    assert_near(maximum, 0.061111 / (pl_contest(3 + 75.0 / 7, 3, 1) - 0.5), 1e-5);
    pl_durability_free(d);
    pl_scenario_free(s);
    /* a scenario without the section */
    assert_int_equal(pl_scenario_load_builtin(&s, NULL, NULL, &err), PL_OK);
    pl_scenario_free(s);
}

/*
** The worked example with a second issue, GUAR, and the GUARANTOR guarantee
** tied to it (provided_by: GUAR >= 50). With the cap (ARMY 100) and GUAR 100
** the guarantee is provided and counts as above: 0.3 >= 0.277778, the deal
** holds. With GUAR 0 the same package does not provide it: counted 0, and the
** deal fails as it does without guarantees (in period 0, A's side).
*/
static void test_guarantee_provided_by(void **state)
{
    (void)state;
    static const char yaml[] =
        "parley: 1\nname: tied\nactors:\n"
        "  - {id: A, capability: 1}\n  - {id: B, capability: 1}\n"
        "  - {id: G, capability: 1, at_table: false}\n"
        "issues:\n  - {id: ARMY, scale: {0: no cap, 100: cap}, status_quo: 0}\n"
        "  - {id: GUAR, scale: {0: none, 50: some, 100: force}, status_quo: 0}\n"
        "positions:\n  A: {ARMY: {position: 0, salience: 1}, GUAR: {position: 100, salience: 1}}"
        "\n  B: {ARMY: {position: 100, salience: 1}, GUAR: {position: 0, salience: 1}}\n"
        "bodies:\n  - {id: GUARANTOR, members: [G], quota: majority}\n"
        "durability:\n  sides: [A, B]\n  discount: 0.9\n  periods: 1\n"
        "  costs: {A: 0.05, B: 0.05}\n  capability: {A: 3, B: 3}\n"
        "  terms:\n    - {issue: ARMY, side: A, factor: {0: 1, 100: 0.42857142857142855}}\n"
        "  guarantees:\n"
        "    - {body: GUARANTOR, protects: A, capability: 10.714285714285714, probability: 0.3,"
        " provided_by: {GUAR: \">= 50\"}}\n";
    pl_scenario *s;
    pl_error err;
    if (pl_scenario_load_buffer(&s, yaml, sizeof yaml - 1, "tied.yaml", NULL, &err))
        fail_msg("%s", err.msg);
    double with[2] = {100, 100}, without[2] = {100, 0};
    int cred, holds;
    double counted, minimum;
    pl_durability *d;
    assert_int_equal(pl_durability_compute(&d, s, with, &err), PL_OK);
    assert_true(pl_durability_guarantee_provided(d, 0));
    assert_int_equal(pl_durability_guarantee(d, 0, &cred, &counted, &holds, &minimum, NULL),
                     PL_OK);
    assert_true(cred);
    assert_near(counted, 0.3, 0);
    assert_true(holds);
    pl_durability_free(d);
    assert_int_equal(pl_durability_compute(&d, s, without, &err), PL_OK);
    assert_false(pl_durability_guarantee_provided(d, 0));
    assert_int_equal(pl_durability_guarantee(d, 0, &cred, &counted, &holds, &minimum, NULL),
                     PL_OK);
    assert_true(cred);  /* the body could act; the package does not create the guarantee */
    assert_near(counted, 0, 0);
    assert_false(holds);
    assert_int_equal(pl_durability_fails_at(d, NULL), 0);
    assert_near(minimum, 0.277778, 1e-6);  /* what it would need, if the package provided it */
    pl_durability_free(d);
    pl_scenario_free(s);
}

/*
** Staged agreements by hand, on the same scenario: one issue, A at 0 and B at 100
** (u = 1 at one's own end, 0 at the other), status quo 0, deal 100, b = 0.2,
** delta = 0.9 (the durability section's): a stage ending at period c adds
** ((1 - b) delta)^c of its gain. One period: V_A = 1 - 0.72 = 0.28, V_B = 0.72,
** agreement 0.8; three periods: 0.72^3 = 0.373248, agreement 0.512. The cap taking
** effect at period 3 makes A fight at period 2 (4.5 > 3.25) instead of 0.
*/
static void test_staging_by_hand(void **state)
{
    (void)state;
    static const char stages[] =
        "staging:\n  breakdown: 0.2\n  plans:\n"
        "    - {id: fast, stages: [{id: one, issues: [ARMY]}]}\n"
        "    - {id: slow, stages: [{id: one, issues: [ARMY], periods: 3}]}\n";
    char yaml[sizeof dur_yaml + sizeof stages];
    snprintf(yaml, sizeof yaml, "%s%s", dur_yaml, stages);
    pl_scenario *s;
    pl_error err;
    if (pl_scenario_load_buffer(&s, yaml, strlen(yaml), "staging.yaml", NULL, &err))
        fail_msg("%s", err.msg);
    pl_settle_opts o = PL_SETTLE_OPTS_INIT;
    o.max_enumerate = 0;
    o.logrolls = 0;
    pl_settlement *st;
    assert_int_equal(pl_settle_compute(&st, s, &o, &err), PL_OK);
    double deal = 100;
    pl_staging *g;
    assert_int_equal(pl_staging_compute(&g, s, st, &deal, &err), PL_OK);
    assert_int_equal(pl_staging_n_plans(g), 2);
    size_t periods;
    assert_near(pl_staging_agreement(g, 0, &periods), 0.8, 1e-15);
    assert_int_equal(periods, 1);
    assert_near(pl_staging_value(g, 0, 0), 0.28, 1e-12);
    assert_near(pl_staging_value(g, 0, 1), 0.72, 1e-12);
    assert_int_equal(pl_staging_fails_at(g, 0), 0);
    assert_near(pl_staging_agreement(g, 1, &periods), 0.512, 1e-12);
    assert_int_equal(periods, 3);
    assert_near(pl_staging_value(g, 1, 0), 1 - 0.373248, 1e-12);
    assert_near(pl_staging_value(g, 1, 1), 0.373248, 1e-12);
    assert_int_equal(pl_staging_fails_at(g, 1), 2);
    pl_staging_free(g);
    pl_settle_free(st);
    pl_scenario_free(s);
}

static double unit(uint64_t *s)
{
    *s = *s * 6364136223846793005u + 1442695040888963407u;
    return (double)(*s >> 11) * 0x1p-53;
}

/* Does A (whose chance falls from p0 to p1) keep the deal? */
static int durable(double p0, double p1, double delta, double c)
{
    double p[2] = {p0, p1};
    pl_commitment k;
    assert_int_equal(pl_commitment_check(&k, 2, p, delta, c, c, NULL), PL_OK);
    int ok = k.war_a[0] <= k.peace_a[0] + 1e-12 && k.war_a[1] <= k.peace_a[1] + 1e-12;
    pl_commitment_clear(&k);
    return ok;
}

static void test_survival_closed_forms(void **state)
{
    (void)state;
    double h[2] = {0.2, 0}, ends[4], life;
    assert_int_equal(pl_survival(1, h, -1, 5, &life, ends, NULL), PL_OK);
    assert_near(ends[0], 0.67232, 1e-12);
    assert_near(ends[1], 0, 0);
    assert_near(ends[2], 0.32768, 1e-12);
    assert_near(life, 3.012948, 1e-6);
    assert_near(pl_survival_at(1, h, -1, 1), 0.8, 1e-15);
    assert_near(pl_survival_at(1, h, -1, 2.5), 0.572433, 1e-6);
    assert_near(pl_survival_at(1, h, -1, 0), 1, 0);
    h[0] = 0.1, h[1] = 0.2;
    assert_int_equal(pl_survival(2, h, 3, 5, &life, ends, NULL), PL_OK);
    assert_near(ends[0], 0.201017, 1e-6);
    assert_near(ends[1], 0.425735, 1e-6);
    assert_near(ends[2], 0.373248, 1e-12);
    assert_near(ends[3], 0, 0);
    assert_near(life, 1.907897, 1e-6);
    assert_near(pl_survival_at(2, h, 3, 3), 0, 0);   /* war from year 3 on */
    assert_near(pl_survival_at(2, h, 3, 2), 0.9 * 0.9 * 0.8 * 0.8, 1e-12);
    /* a shock that strikes for certain: the deal ends at once */
    h[0] = 1;
    assert_int_equal(pl_survival(2, h, -1, 5, &life, ends, NULL), PL_OK);
    assert_near(life, 0, 0);
    assert_near(ends[0], 1, 0);
    assert_near(ends[1], 0, 0);
    /* no shock, war at year 0: the commitment problem ends it before it starts */
    assert_int_equal(pl_survival(0, h, 0, 5, &life, ends, NULL), PL_OK);
    assert_near(life, 0, 0);
    assert_near(ends[0], 1, 0);
    /* bad input */
    h[0] = 1.5;
    assert_int_equal(pl_survival(1, h, -1, 5, &life, ends, NULL), PL_EINPUT);
    h[0] = 0.1;
    assert_int_equal(pl_survival(1, h, -1, 0, &life, ends, NULL), PL_EINPUT);
}

/*
** Regimes by hand: issue X, status quo 50, deal 0. B (at 20, salience 1) gains
** from the deal (0.8 against 0.7); under regime "b-turn" (B at 100) the deal
** is worth 0 against 0.5 without it, so B leaves (hazard 0.2). A (at 0) under
** "a-soft" (at 10, salience 0.5) still values the deal 0.45 above no deal's
** 0.3: it stays. No power shift, so S(t) = 0.8^t whatever the period.
*/
static const char regimes_yaml[] =
    "parley: 1\nname: regimes\nactors:\n  - {id: A, capability: 1}\n  - {id: B, capability: 1}\n"
    "issues:\n  - {id: X, scale: {0: low, 100: high}, status_quo: 50}\n"
    "positions:\n  A: {X: {position: 0, salience: 1}}\n  B: {X: {position: 20, salience: 1}}\n"
    "durability:\n  sides: [A, B]\n  discount: 0.9\n  periods: 5\n%s"
    "  costs: {A: 0.1, B: 0.1}\n  capability: {A: 1, B: 1}\n"
    "regimes:\n"
    "  - {id: b-turn, actor: B, hazard: 0.2, positions: {X: {position: 100, salience: 1}}}\n"
    "  - {id: a-soft, actor: A, hazard: 0.5, positions: {X: {position: 10, salience: 0.5}}}\n";

static void test_regimes_scenario(void **state)
{
    (void)state;
    static const char *const step[] = {"", "  period: {months: 6}\n", "  period: {years: 0.25}\n"};
    for (size_t v = 0; v < 3; v++) {
        char yaml[sizeof regimes_yaml + 64];
        snprintf(yaml, sizeof yaml, regimes_yaml, step[v]);
        pl_scenario *s;
        pl_error err;
        if (pl_scenario_load_buffer(&s, yaml, strlen(yaml), "regimes.yaml", NULL, &err))
            fail_msg("%s", err.msg);
        double deal = 0, value, no_deal, ends, horizon, by_war;
        const char *id, *actor;
        int leaves;
        pl_durability *d;
        assert_int_equal(pl_durability_compute(&d, s, &deal, &err), PL_OK);
        assert_int_equal(pl_durability_n_regimes(d), 2);
        assert_int_equal(pl_durability_regime(d, 0, &id, &actor, &value, &no_deal, &leaves, &ends),
                         PL_OK);
        assert_string_equal(id, "b-turn");
        assert_string_equal(actor, "B");
        assert_near(value, 0, 1e-15);
        assert_near(no_deal, 0.5, 1e-15);
        assert_true(leaves);
        assert_near(ends, 0.67232, 1e-12);
        assert_int_equal(pl_durability_regime(d, 1, NULL, NULL, &value, &no_deal, &leaves, &ends),
                         PL_OK);
        assert_near(value, 0.45, 1e-15);
        assert_near(no_deal, 0.3, 1e-15);
        assert_false(leaves);
        assert_near(ends, 0, 0);
        assert_near(pl_durability_lifetime(d, &horizon, &by_war), 3.012948, 1e-6);
        assert_near(horizon, 5, 1e-12);
        assert_near(by_war, 0, 0);
        assert_near(pl_durability_survival(d, 5), 0.32768, 1e-12);
        pl_durability_free(d);
        pl_scenario_free(s);
    }
}

static void test_monotone(void **state)
{
    (void)state;
    uint64_t s = 5;
    for (int rep = 0; rep < 2000; rep++) {
        double delta = 0.5 + 0.49 * unit(&s), c = 0.2 * unit(&s), p0 = unit(&s);
        double p1 = p0 * unit(&s), p2 = p1 * unit(&s);  /* p2: a bigger fall than p1 */
        if (!durable(p0, p1, delta, c))
            assert_false(durable(p0, p2, delta, c));
        double MA = 1 + 5 * unit(&s), MB = 1 + 5 * unit(&s), cap = MA * unit(&s);
        double g1 = unit(&s), g2 = g1 + (1 - g1) * unit(&s), MG = 10 * unit(&s);
        double plain = pl_contest(cap, MB, 1), helped = pl_contest(cap + MG, MB, 1);
        double pa = pl_contest(MA, MB, 1);
        if (durable(pa, g1 * helped + (1 - g1) * plain, delta, c))
            assert_true(durable(pa, g2 * helped + (1 - g2) * plain, delta, c));
    }
}

/* A random power path for the guarantee's bisection: A's chance before the deal, then a
   shift of power spread over some periods (plain), and with a guarantor's capability added
   to the protected side from period 1 (helped); some paths are random walks, some flat. */
static size_t guarantee_path(uint64_t *s, double *plain, double *helped, int *protect_a)
{
    size_t T1 = 1 + (size_t)(80 * unit(s)), w = 1 + (size_t)(6 * unit(s) * unit(s));
    double MA = 1 + 9 * unit(s), MB = 1 + 9 * unit(s), f = 0.05 + 0.95 * unit(s);
    double MG = 10 * unit(s), gamma = 0.5 + 2 * unit(s);
    int kind = (int)(4 * unit(s));
    *protect_a = unit(s) < 0.5;
    for (size_t t = 0; t < T1; t++) {
        double x = t < w ? (double)t / (double)w : 1;  /* the shift done by period t */
        /* the protected side is the one whose power falls (the one tempted to fight) */
        double ma = *protect_a ? MA * (1 - x + x * f) : MA, mb = *protect_a ? MB : MB * (1 - x + x * f);
        plain[t] = pl_contest(ma, mb, gamma);
        helped[t] = t ? pl_contest(ma + (*protect_a ? MG : 0), mb + (*protect_a ? 0 : MG), gamma)
                      : plain[0];
        if (kind == 1) {  /* a random walk, the guarantee a random lift */
            plain[t] = t ? fmin(1, fmax(0, plain[t - 1] + 0.1 * (unit(s) - 0.5))) : unit(s);
            helped[t] = fmin(1, fmax(0, plain[t] + (*protect_a ? 1 : -1) * 0.2 * unit(s)));
        } else if (kind == 2) {  /* the guarantee changes nothing: every check is flat in g */
            helped[t] = plain[t];
        }
    }
    return T1;
}

/* The guarantee's bisection decides most of its steps from the sure ranges instead of walking
   the path (durability.c, sure_side): on 2,000 random paths the minimum guarantee, whether
   it is possible and the other side's limit are the same, bit for bit, as with every step
   walked. Yearly and monthly discounts (1 - delta down to 0.0026 makes the values large). */
static void test_guarantee_sure_ranges(void **state)
{
    (void)state;
    uint64_t s = 21;
    double plain[81], helped[81];
    int edges = 0, limits = 0;
    for (int rep = 0; rep < 2000; rep++) {
        int protect_a;
        size_t T1 = guarantee_path(&s, plain, helped, &protect_a);
        double delta = unit(&s) < 0.5 ? 0.5 + 0.49 * unit(&s) : pow(0.8 + 0.17 * unit(&s), 1.0 / 12);
        double cA = 0.2 * unit(&s), cB = 0.2 * unit(&s), g[2], gmax[2];
        int possible[2];
        for (int sure = 0; sure < 2; sure++)
            assert_int_equal(pl__min_guarantee_path(T1, plain, helped, protect_a, delta, cA, cB,
                                                    &g[sure], &possible[sure], &gmax[sure], sure,
                                                    NULL), PL_OK);
        assert_memory_equal(&g[0], &g[1], sizeof *g);
        assert_memory_equal(&gmax[0], &gmax[1], sizeof *gmax);
        assert_int_equal(possible[0], possible[1]);
        edges += g[0] > 0 && g[0] < 1;
        limits += gmax[0] > 0 && gmax[0] < 1;
    }
    printf("guarantee bisections: %d minima and %d limits strictly inside (0, 1)\n", edges,
           limits);
    assert_true(edges >= 100 && limits >= 100); /* the edges were searched, not only 0 or 1 */
}

/*
** The sure ranges' margin E (durability.c, sure_side) at the edges themselves: the
** bisections above stop at 1e-9 and almost never probe within rounding of a root. Here
** each random path's edge is narrowed to two adjacent doubles of the walked check, and
** the sure-range check is compared with the walk at 64 doubles either side of it, for
** each side asked about: the same answer at every one (with E = 0 some differ).
*/
static void test_guarantee_sure_margin(void **state)
{
    (void)state;
    uint64_t s = 77;
    double plain[81], helped[81];
    long probes = 0;
    for (int rep = 0; rep < 600; rep++) {
        int protect_a;
        size_t T1 = guarantee_path(&s, plain, helped, &protect_a);
        double delta = unit(&s) < 0.5 ? 0.5 + 0.49 * unit(&s) : pow(0.8 + 0.17 * unit(&s), 1.0 / 12);
        double cA = 0.2 * unit(&s), cB = 0.2 * unit(&s);
        for (int which = 1; which <= 3; which++) {
#define HOLDS(g, sure) pl__guarantee_holds(T1, plain, helped, protect_a, delta, cA, cB, g, which, sure)
            double lo = 0, hi = 1;
            int at_lo = HOLDS(lo, 0);
            if (at_lo == HOLDS(hi, 0))
                continue; /* no edge in [0, 1] to narrow */
            while (nextafter(lo, 1) < hi) { /* to adjacent doubles: the walk's own edge */
                double mid = lo + (hi - lo) / 2;
                mid = mid > lo && mid < hi ? mid : nextafter(lo, 1);
                if (HOLDS(mid, 0) == at_lo)
                    lo = mid;
                else
                    hi = mid;
            }
            double g = lo;
            for (int k = 0; k < 64; k++)
                g = nextafter(g, -1);
            for (int k = 0; k < 130 && g <= 1; k++, g = nextafter(g, 2), probes++)
                assert_int_equal(HOLDS(g, 1), HOLDS(g, 0));
#undef HOLDS
        }
    }
    assert_true(probes > 20000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_closed_forms),
        cmocka_unit_test(test_backward_induction_pie),
        cmocka_unit_test(test_pie_files),
        cmocka_unit_test(test_durability_worked_example),
        cmocka_unit_test(test_monotone),
        cmocka_unit_test(test_survival_closed_forms),
        cmocka_unit_test(test_regimes_scenario),
        cmocka_unit_test(test_durability_scenario),
        cmocka_unit_test(test_guarantee_provided_by),
        cmocka_unit_test(test_staging_by_hand),
        cmocka_unit_test(test_guarantee_sure_ranges),
        cmocka_unit_test(test_guarantee_sure_margin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
