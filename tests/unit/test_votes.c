/* SPDX-License-Identifier: MIT */
/*
** test_votes.c: who votes no on a package, and why (src/settle/votes.c,
** docs/models.md "Votes"). Sources of the expected values:
**  - hand: tests/scenarios/voters.yaml, derived below (the Nash package, each
**    judge's utility, no-deal value, margin, P(yes) and its issues' contributions);
**  - hand: tests/scenarios/nodeal.yaml, the no-deal values of test_nodeal.c split
**    into the issues' contributions and the cost of conflict;
**  - consistency: on every package of voters.yaml the votes give the probability
**    of ratification that pl_settle_ratification gives.
*/
#include "tests/unit/test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* tests/scenarios/NAME, with `drop` removed everywhere and `extra` appended. */
static pl_scenario *load(const char *name, const char *drop, const char *extra)
{
    char rel[256];
    static char buf[16384];
    snprintf(rel, sizeof rel, "tests/scenarios/%s", name);
    test_read_source(rel, buf, sizeof buf - 512);  /* room for `extra` */
    for (char *at; drop && (at = strstr(buf, drop)) != NULL;)
        memmove(at, at + strlen(drop), strlen(at + strlen(drop)) + 1);
    if (extra)
        strncat(buf, extra, sizeof buf - strlen(buf) - 1);
    pl_scenario *s = NULL;
    pl_error err;
    if (pl_scenario_load_buffer(&s, buf, strlen(buf), name, NULL, &err))
        fail_msg("%s", err.msg);
    return s;
}

static pl_settlement *settle(const pl_scenario *s)
{
    pl_settlement *st = NULL;
    pl_error err;
    if (pl_settle_compute(&st, s, NULL, &err))
        fail_msg("%s", err.msg);
    return st;
}

static pl_votes *votes_on(const pl_settlement *st, const uint32_t *w)
{
    pl_votes *v = NULL;
    pl_error err;
    if (pl_settle_votes(&v, st, w, &err))
        fail_msg("%s", err.msg);
    return v;
}

/* A vote's utility, no-deal value, margin (utility and points), P(yes) and remainder. */
static void expect_vote(const pl_vote *v, double u, double nd, double points, double p,
                        double other)
{
    assert_near(v->utility, u, 1e-12);
    assert_near(v->no_deal, nd, 1e-12);
    assert_near(v->margin, u - nd, 1e-12);
    assert_near(v->margin_points, points, 1e-10);
    assert_near(v->p_yes, p, 1e-12);
    assert_int_equal(v->yes, p >= 0.5);
    assert_near(v->other, other, 1e-12);
}

/* The k-th issue in the vote's order is `issue` with contribution c. */
static void expect_issue(const pl_vote *v, size_t k, size_t issue, double c)
{
    assert_true(k < v->n_issues);
    assert_int_equal(v->issue[k], issue);
    assert_near(v->contribution[issue], c, 1e-12);
}

enum { X, Y, Z };

/*
** tests/scenarios/voters.yaml, linear loss, status quo (50, 50, 50), so every
** no-deal value is the judge's utility of the status quo. With a_k = option/100:
** u_A = 1 - (0.5 a_X + 0.3 a_Y + 0.2 a_Z), u_B = 0.2 a_X + 0.3 a_Y + 0.5 a_Z,
** both 0.5 at the status quo. The Nash package gives A issue X and B issue Z and
** splits Y: (0, 50, 100), gains 0.15 each (product 0.0225; (0, 100, 100) and
** (0, 0, 100) give one side nothing, every other package less or a loss).
**  A: 0.65 vs 0.5: X 0.5 (1 - 0.5) = +0.25, Y 0, Z 0.2 (0 - 0.5) = -0.1; 15 points.
**  B: 0.65 vs 0.5: Z +0.25, Y 0, X -0.1.
**  COUNCIL (majority of 3, more than 1.5; V3 a veto), for A:
**   V1 (X 0 .4, Y 50 .4, Z 100 .2): 0.4 + 0.4 + 0.2 = 1 vs 0.2 + 0.4 + 0.1 = 0.7:
**      yes, margin 0.3 = 30 points (weights sum to 1); X +0.2, Z +0.1, Y 0.
**   V2 (X 20 .5, Y 40 .5): 0.4 + 0.45 = 0.85 vs 0.35 + 0.45 = 0.8: yes, 0.05; X +0.05.
**   V3 (X 60 .3, Y 50 .1, Z 20 .6): 0.12 + 0.1 + 0.12 = 0.34 vs 0.27 + 0.1 + 0.42
**      = 0.79: no, margin -0.45 = -45 points; Z 0.6 (0.2 - 0.7) = -0.3 first, then
**      X 0.3 (0.4 - 0.9) = -0.15, Y 0. Its veto blocks: P(pass) = 0.
**  REF (noise 10), for B: P (X 40 .5, Z 80 .5): 0.3 + 0.4 = 0.7 vs 0.45 + 0.35 =
**      0.8: margin -0.1 = -10 points, P(yes) = Phi(-10/10) = 0.158655253931457
**      (normal table); X 0.5 (0.6 - 0.9) = -0.15 first, then Y 0, Z +0.05.
*/
static void test_nash_by_hand(void **state)
{
    (void)state;
    pl_scenario *s = load("voters.yaml", NULL, NULL);
    pl_settlement *st = settle(s);
    const uint32_t *w = pl_settle_solution_package(st, PL_SOL_NASH);
    assert_non_null(w);
    assert_int_equal(w[X], 0);
    assert_int_equal(w[Y], 1);
    assert_int_equal(w[Z], 2);
    pl_votes *v = votes_on(st, w);
    assert_int_equal(pl_votes_n_parties(v), 2);
    expect_vote(pl_votes_party(v, 0), 0.65, 0.5, 15, 1, 0);
    expect_issue(pl_votes_party(v, 0), 0, X, 0.25);
    expect_issue(pl_votes_party(v, 0), 1, Y, 0);
    expect_issue(pl_votes_party(v, 0), 2, Z, -0.1);
    expect_vote(pl_votes_party(v, 1), 0.65, 0.5, 15, 1, 0);
    expect_issue(pl_votes_party(v, 1), 0, Z, 0.25);
    assert_null(pl_votes_party(v, 2));

    assert_int_equal(pl_votes_n_bodies(v), 2);
    const pl_vote_body *c = pl_votes_body(v, 0);
    assert_int_equal(c->body, 0);
    assert_int_equal(c->party, 0);
    assert_string_equal(c->rule, "2 of 3 members (quota \xe2\x80\x9cmajority\xe2\x80\x9d); a veto: Third councillor");
    assert_near(c->p_pass, 0, 0);
    assert_false(c->passes);
    assert_int_equal(c->n_members, 3);
    expect_vote(&c->members[0], 1, 0.7, 30, 1, 0);
    expect_issue(&c->members[0], 0, X, 0.2);
    expect_issue(&c->members[0], 1, Z, 0.1);
    expect_vote(&c->members[1], 0.85, 0.8, 5, 1, 0);
    expect_issue(&c->members[1], 0, X, 0.05);
    const pl_vote *v3 = &c->members[2];
    assert_int_equal(v3->actor, (size_t)pl_scenario_actor_index(s, "V3"));
    expect_vote(v3, 0.34, 0.79, -45, 0, 0);
    assert_int_equal(v3->red_line, -1);
    expect_issue(v3, 0, Z, -0.3);
    expect_issue(v3, 1, X, -0.15);
    expect_issue(v3, 2, Y, 0);

    const pl_vote_body *r = pl_votes_body(v, 1);
    assert_string_equal(r->rule, "the vote of its one member (quota \xe2\x80\x9cmajority\xe2\x80\x9d)");
    assert_near(r->noise, 10, 0);
    assert_near(r->p_pass, 0.158655253931457, 1e-12);
    assert_false(r->passes);
    expect_vote(&r->members[0], 0.7, 0.8, -10, 0.158655253931457, 0);
    expect_issue(&r->members[0], 0, X, -0.15);
    expect_issue(&r->members[0], 1, Y, 0);  /* ascending for a no: Y's 0 before Z's +0.05 */
    expect_issue(&r->members[0], 2, Z, 0.05);
    assert_near(pl_votes_p_ratified(v), 0, 0);
    assert_null(pl_votes_body(v, 2));
    pl_votes_free(v);
    pl_settle_free(st);
    pl_scenario_free(s);
}

/*
** The status quo as a proposal: every margin is 0. The parties accept (u >= N);
** the councillors are indifferent and vote no (the status quo bias), so the
** council fails; P's vote is Phi(0) = 1/2, which reaches tau = 1/2.
*/
static void test_proposal_at_status_quo(void **state)
{
    (void)state;
    pl_scenario *s = load("voters.yaml", NULL, NULL);
    pl_settlement *st = settle(s);
    static const char text[] = "X: x50\nY: 50\nZ: z50\n";
    pl_proposal *p = NULL;
    pl_error err;
    assert_int_equal(pl_proposal_load_buffer(&p, s, text, sizeof text - 1, "p.yaml", &err),
                     PL_OK);
    pl_votes *v = NULL;
    assert_int_equal(pl_settle_votes_proposal(&v, st, p, &err), PL_OK);
    expect_vote(pl_votes_party(v, 0), 0.5, 0.5, 0, 1, 0);
    expect_vote(pl_votes_party(v, 1), 0.5, 0.5, 0, 1, 0);
    const pl_vote_body *c = pl_votes_body(v, 0);
    for (size_t m = 0; m < 3; m++)
        assert_near(c->members[m].p_yes, 0, 0);
    assert_near(c->p_pass, 0, 0);
    assert_near(pl_votes_body(v, 1)->p_pass, 0.5, 1e-15);
    assert_true(pl_votes_body(v, 1)->passes);
    pl_votes_free(v);
    assert_int_equal(pl_settle_votes_proposal(&v, st, NULL, &err), PL_EMISUSE);
    assert_int_equal(pl_settle_votes(&v, NULL, NULL, &err), PL_EMISUSE);
    static const uint32_t off[3] = {0, 3, 0};  /* Y has options 0, 1, 2 */
    assert_int_equal(pl_settle_votes(&v, st, off, &err), PL_EMISUSE);
    pl_proposal_free(p);
    pl_settle_free(st);
    pl_scenario_free(s);
}

/* V1 rules out X = 0: at the Nash package it votes no whatever its margin of +0.3, and
   the red line is named (issue X). */
static void test_red_line(void **state)
{
    (void)state;
    pl_scenario *s = load("voters.yaml", NULL, "red_lines:\n  V1: {X: \"< 25\"}\n");
    pl_settlement *st = settle(s);
    pl_votes *v = votes_on(st, pl_settle_solution_package(st, PL_SOL_NASH));
    const pl_vote *v1 = &pl_votes_body(v, 0)->members[0];
    assert_int_equal(v1->red_line, X);
    expect_vote(v1, 1, 0.7, 30, 0, 0);
    expect_issue(v1, 0, Y, 0);  /* a no: the most negative first (none is), ties in order */
    pl_votes_free(v);
    pl_settle_free(st);
    pl_scenario_free(s);
}

/* Without a status quo there is no no-deal point: every no-deal value is 0, and each
   issue counts its whole value: V3's 0.34 is X 0.12, Z 0.12 and Y 0.1. */
static void test_no_status_quo(void **state)
{
    (void)state;
    pl_scenario *s = load("voters.yaml", "    status_quo: 50\n", NULL);
    pl_settlement *st = settle(s);
    static const uint32_t w[3] = {0, 1, 2};
    pl_votes *v = votes_on(st, w);
    const pl_vote *v3 = &pl_votes_body(v, 0)->members[2];
    expect_vote(v3, 0.34, 0, 34, 1, 0);
    expect_issue(v3, 0, X, 0.12);
    expect_issue(v3, 1, Z, 0.12);
    expect_issue(v3, 2, Y, 0.1);
    pl_votes_free(v);
    pl_settle_free(st);
    pl_scenario_free(s);
}

/*
** tests/scenarios/nodeal.yaml (test_nodeal.c derives its no-deal values), the
** package LINE 20, AID 50. B: u = 0.6 (1 - 0.2) + 0.4 (1 - 0.5) = 0.68 vs N_B =
** 0.40. Its no-deal point: LINE's path from 40 averages e = 0.5, AID stays at 50:
** LINE 0.6 (0.8 - 0.5) = +0.18, AID 0; the rest, 0.1, is its cost of conflict.
** B_PUBLIC: 0.8 (1 - 0.1) = 0.72 vs 0.40; LINE 0.8 (0.9 - 0.6) = +0.24, and the
** cost it bears for B, 10 points of its scale 0.8 = 0.08; 0.32 / 0.8 = 40 points.
*/
static void test_nodeal_path(void **state)
{
    (void)state;
    pl_scenario *s = load("nodeal.yaml", NULL, NULL);
    pl_settlement *st = settle(s);
    static const uint32_t w[2] = {2, 5};  /* grids of step 10 */
    pl_votes *v = votes_on(st, w);
    const pl_vote *b = pl_votes_party(v, 1);
    expect_vote(b, 0.68, 0.40, 28, 1, 0.1);
    expect_issue(b, 0, 0, 0.18);
    expect_issue(b, 1, 1, 0);
    const pl_vote *pub = &pl_votes_body(v, 0)->members[0];
    expect_vote(pub, 0.72, 0.40, 40, 1, 0.08);
    expect_issue(pub, 0, 0, 0.24);
    pl_votes_free(v);
    pl_settle_free(st);
    pl_scenario_free(s);
}

/* The votes are the votes every other result counts: on each of the 27 packages the
   product of the bodies' probabilities is pl_settle_ratification's, exactly. */
static void test_same_as_ratification(void **state)
{
    (void)state;
    pl_scenario *s = load("voters.yaml", NULL, NULL);
    pl_settlement *st = settle(s);
    uint32_t w[3];
    for (unsigned i = 0; i < 27; i++) {
        w[0] = i / 9, w[1] = i / 3 % 3, w[2] = i % 3;
        pl_votes *v = votes_on(st, w);
        assert_true(pl_votes_p_ratified(v) == pl_settle_ratification(st, w));
        for (size_t p = 0; p < 2; p++)
            assert_true(pl_votes_party(v, p)->utility ==
                        pl_space_utility(pl_settle_space(st), p, w));
        pl_votes_free(v);
    }
    pl_settle_free(st);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nash_by_hand),
        cmocka_unit_test(test_proposal_at_status_quo),
        cmocka_unit_test(test_red_line),
        cmocka_unit_test(test_no_status_quo),
        cmocka_unit_test(test_nodeal_path),
        cmocka_unit_test(test_same_as_ratification),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
