/* SPDX-License-Identifier: MIT */
/*
** test_claims.c: the seed article's claims (scenarios/ukraine-2025.claims.yaml)
** evaluated on the built-in scenario, and flipped by documented edits of the
** scenario, which proves each verdict is computed, not stored:
**  - drop Russia's veto and decide by 4 of 5: the P5 council can act against
**    Russia, so council-cannot-act fails;
**  - remove Ukraine's ratification: its signature binds on its own, the
**    terms are "ratified" with probability 1 and terms-unratifiable fails;
**  - make the army cap leave Ukraine's capability as it is: Moscow's terms
**    shift less power and minsk-pattern flips to fails;
**  - cut the European leaders' capability from 20 to 1: leaving them out
**    moves no median forecast, so europe-decorative holds.
** Expected verdicts on the unedited scenario: by hand from the analyses'
** own outputs (parley power, settle, durability): council holds (RUS holds a
** veto), terms-unratifiable holds (the Rada's elites sit at 5-10 on the
** issues Moscow wants at 100), minsk-pattern holds (p 0.65 -> 0.83),
** europe-decorative fails (EUR is pivotal for the GUAR median), thin-zone
** fails (3 packages > 2), sanctions not modelled, no-winners holds.
*/
#include "tests/unit/test_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static pl_claims *builtin_claims(const pl_scenario *s)
{
    size_t len;
    const char *text = pl_builtin_claims("ukraine-2025", &len);
    pl_claims *c = NULL;
    pl_error err;
    assert_non_null(text);
    if (pl_claims_load_buffer(&c, s, text, len, "ukraine-2025.claims.yaml", &err))
        fail_msg("%s", err.msg);
    return c;
}

/* The built-in scenario's text with `from` replaced by `to` (which must occur once). */
static pl_scenario *edited(const char *from, const char *to)
{
    size_t len;
    const char *text = pl_builtin_text(NULL, &len), *at = strstr(text, from);
    if (!at || strstr(at + 1, from))
        fail_msg("the edit '%.40s' does not match exactly once", from);
    size_t a = (size_t)(at - text), nf = strlen(from), nt = strlen(to);
    char *buf = malloc(len - nf + nt + 1);
    memcpy(buf, text, a);
    memcpy(buf + a, to, nt);
    memcpy(buf + a + nt, at + nf, len - a - nf);
    buf[len - nf + nt] = '\0';
    pl_scenario *s = NULL;
    pl_error err;
    if (pl_scenario_load_buffer(&s, buf, len - nf + nt, "edited.yaml", NULL, &err))
        fail_msg("%s", err.msg);
    free(buf);
    return s;
}

static pl_claim_status status(const pl_scenario *s, const char *id)
{
    pl_claims *c = builtin_claims(s);
    pl_claim_result res[32];
    pl_error err;
    assert_true(pl_claims_count(c) <= 32);
    assert_int_equal(pl_claims_evaluate(c, s, res, &err), PL_OK);
    pl_claim_status st = PL_CLAIM_UNDEFINED;
    size_t found = 0;
    for (size_t i = 0; i < pl_claims_count(c); i++)
        if (strcmp(pl_claim_id(c, i), id) == 0)
            st = res[i].status, found = 1;
    assert_true(found);
    pl_claims_free(c);
    return st;
}

static void test_verdicts(void **state)
{
    (void)state;
    pl_scenario *s = test_builtin();
    assert_int_equal(status(s, "council-cannot-act"), PL_CLAIM_HOLDS);
    assert_int_equal(status(s, "terms-unratifiable"), PL_CLAIM_HOLDS);
    assert_int_equal(status(s, "minsk-pattern"), PL_CLAIM_HOLDS);
    assert_int_equal(status(s, "europe-decorative"), PL_CLAIM_FAILS);
    assert_int_equal(status(s, "thin-zone-guarantees"), PL_CLAIM_HOLDS);
    assert_int_equal(status(s, "sanctions-ineffective"), PL_CLAIM_NOT_MODELLED);
    assert_int_equal(status(s, "no-winners"), PL_CLAIM_HOLDS);
    pl_scenario_free(s);
    /* without Russia's red line the zone on NATO and GUAR is back: 3 packages, each with a
       force from NATO countries (GUAR 0 or 25), so the claim fails again */
    s = edited("red_lines:\n  RUS: {GUAR: \"< 50\"}\n", "");
    assert_int_equal(status(s, "thin-zone-guarantees"), PL_CLAIM_FAILS);
    pl_scenario_free(s);
}

static void test_flips(void **state)
{
    (void)state;
    pl_scenario *s = edited("    quota: unanimity\n    veto: all\n    against: RUS",
                            "    quota: 4\n    against: RUS");
    assert_int_equal(status(s, "council-cannot-act"), PL_CLAIM_FAILS);
    pl_scenario_free(s);
    s = edited("ratification:\n  UKR: [UKR_RADA, UKR_RATIFY_PUBLIC]\n", "");
    assert_int_equal(status(s, "terms-unratifiable"), PL_CLAIM_FAILS);
    pl_scenario_free(s);
    s = edited("      factor:\n        0: 1\n        25: {value: 0.9, low: 0.85, high: 1}\n"
               "        50: {value: 0.75, low: 0.65, high: 0.85}\n"
               "        75: {value: 0.6, low: 0.5, high: 0.65}\n"
               "        100: {value: 0.45, low: 0.3, high: 0.5}\n",
               "      factor: {0: 1, 100: 1}\n");
    assert_int_equal(status(s, "minsk-pattern"), PL_CLAIM_FAILS);
    pl_scenario_free(s);
    s = edited("    capability:\n      value: 20\n      low: 12\n      high: 30\n",
               "    capability:\n      value: 1\n");
    assert_int_equal(status(s, "europe-decorative"), PL_CLAIM_HOLDS);
    pl_scenario_free(s);
}

static void test_robustness(void **state)
{
    (void)state;
    pl_scenario *s = test_builtin();
    pl_claims *c = builtin_claims(s);
    size_t n = pl_claims_count(c);
    uint64_t h1[32], d1[32], h2[32], d2[32];
    pl_error err;
    assert_int_equal(pl_claims_robustness(c, s, 24, 3, 1, h1, d1, &err), PL_OK);
    assert_int_equal(pl_claims_robustness(c, s, 24, 3, 3, h2, d2, &err), PL_OK);
    assert_memory_equal(h1, h2, n * sizeof *h1);
    assert_memory_equal(d1, d2, n * sizeof *d1);
    for (size_t i = 0; i < n; i++) {
        assert_true(h1[i] <= d1[i] && d1[i] <= 24);
        if (strcmp(pl_claim_id(c, i), "council-cannot-act") == 0)
            assert_true(h1[i] == 24); /* no range touches the veto */
        if (strcmp(pl_claim_id(c, i), "sanctions-ineffective") == 0)
            assert_true(d1[i] == 0);
    }
    pl_claims_free(c);
    pl_scenario_free(s);
}

/*
** A hand-made scenario for break-even (derivations by hand, below). One issue
** X; A at 100, B and C at 0, every salience 1, so the weights are the
** capabilities a = 60 (range 40-90), b = 35 (exact: searched over its natural
** domain 0-70, twice its value), c = 20 (range 10-30). The lower weighted
** median is the smallest position holding half the weight.
**  - leverage of C (max_shift 5): with C, 0 holds b + c = 55 of 115, under
**    57.5, so the median is 100; without C, 0 holds 35 of 95: 100. Shift 0:
**    holds. With C the median drops to 0 once b + c >= (a + b + c) / 2, i.e.
**    a <= b + c, and without C once a <= b; between the two the shift is 100
**    and the verdict flips. So: A capability flips it at a <= 55 (change
**    5 / 50 = 0.1 of its range); C capability at c >= a - b = 25 (5 / 20 =
**    0.25); B capability at b >= a - c = 40 (5 / 70 = 0.071); A's salience s
**    (exact 1, domain 0-1) at 60 s <= 55, s <= 0.916667 (0.083). B's and C's
**    saliences would need more than 1; any one position moves both medians
**    alike or none: they cannot flip it. C's capability quotes the claim's
**    sentence: it tests its own input.
**  - can_act on COUNCIL (A, B, C one seat each, unanimity, veto: all)
**    against A, expect false: A's veto is a rule; no number flips it.
**  - can_act on VOTE (A 2 in 1-4, B 1, C 1, quota 3) against A, expect false:
**    B + C = 2 < 3, holds; the quota (exact, natural domain 0 to the total
**    weight 4) flips it at <= 2; B's weight (domain 0-2) at >= 2.
*/
static const char hand_yaml[] =
    "parley: 1\nname: hand\nactors:\n"
    "  - {id: A, capability: {value: 60, low: 40, high: 90}}\n"
    "  - {id: B, capability: 35}\n"
    "  - {id: C, capability: {value: 20, low: 10, high: 30, source: \"C is only decorative here.\"}}\n"
    "issues:\n  - {id: X, scale: {0: none, 100: all}}\n"
    "positions:\n"
    "  A: {X: {position: 100, salience: 1}}\n"
    "  B: {X: {position: 0, salience: 1}}\n"
    "  C: {X: {position: 0, salience: 1}}\n"
    "bodies:\n"
    "  - {id: COUNCIL, members: {A: 1, B: 1, C: 1}, quota: unanimity, veto: all}\n"
    "  - {id: VOTE, members: {A: {value: 2, low: 1, high: 4}, B: 1, C: 1}, quota: 3}\n";

static const char hand_claims[] =
    "parley-claims: 1\nclaims:\n"
    "  - id: c-small\n    claim: C's leverage is small.\n"
    "    source: \"C is only decorative here.\"\n"
    "    check: {kind: leverage, actor: C, model: median, max_shift: 5}\n"
    "  - id: council\n    claim: The council cannot act against A.\n"
    "    check: {kind: can_act, body: COUNCIL, against: A, expect: false}\n"
    "  - id: vote\n    claim: The vote cannot go against A.\n"
    "    check: {kind: can_act, body: VOTE, against: A, expect: false}\n";

static const pl_claim_flip *flip_of(const pl_claims_explained *x, size_t i, const char *input)
{
    for (size_t j = 0; j < pl_claims_n_inputs(x); j++)
        if (strcmp(pl_claims_flip(x, i, j)->input, input) == 0)
            return pl_claims_flip(x, i, j);
    fail_msg("no input '%s'", input);
    return NULL;
}

static pl_claims_explained *explain_hand(pl_scenario **s, pl_claims **c, pl_claim_result *res,
                                         int threads)
{
    pl_error err;
    pl_claims_explained *x = NULL;
    if (pl_scenario_load_buffer(s, hand_yaml, sizeof hand_yaml - 1, "hand.yaml", NULL, &err) ||
        pl_claims_load_buffer(c, *s, hand_claims, sizeof hand_claims - 1, "hand.claims.yaml",
                              &err) ||
        pl_claims_evaluate(*c, *s, res, &err) || pl_claims_explain(&x, *c, *s, threads, &err))
        fail_msg("%s", err.msg);
    return x;
}

static void test_breakeven(void **state)
{
    (void)state;
    pl_scenario *s = NULL;
    pl_claims *c = NULL;
    pl_claim_result res[3];
    pl_claims_explained *x = explain_hand(&s, &c, res, 1);
    assert_int_equal(res[0].status, PL_CLAIM_HOLDS);
    assert_true(res[0].value == 0 && res[0].threshold == 5);
    const pl_claim_flip *f = flip_of(x, 0, "A capability");
    assert_true(f->stated && f->low == 40 && f->high == 90);
    assert_true(fabs(f->at - 55) <= 1e-6);
    f = flip_of(x, 0, "C capability");
    assert_true(fabs(f->at - 25) <= 1e-6 && f->same_source && f->depends);
    f = flip_of(x, 0, "B capability");
    assert_true(!f->stated && f->low == 0 && f->high == 70 && fabs(f->at - 40) <= 1e-6);
    assert_true(fabs(flip_of(x, 0, "A X salience")->at - 55.0 / 60) <= 1e-6);
    assert_true(isnan(flip_of(x, 0, "A X position")->at));
    assert_true(isnan(flip_of(x, 0, "B X salience")->at));
    /* ranked by the change relative to the interval */
    assert_int_equal(pl_claims_n_flips(x, 0), 4);
    assert_string_equal(pl_claims_flip(x, 0, 0)->input, "B capability");
    assert_string_equal(pl_claims_flip(x, 0, 1)->input, "A X salience");
    assert_string_equal(pl_claims_flip(x, 0, 2)->input, "A capability");
    assert_string_equal(pl_claims_flip(x, 0, 3)->input, "C capability");
    assert_false(pl_claims_definitional(x, 0));
    assert_int_equal(pl_claims_n_circular(x, 0), 1); /* C capability quotes the claim */
    /* the council: A's veto is a rule, no number moves it */
    assert_int_equal(res[1].status, PL_CLAIM_HOLDS);
    assert_int_equal(pl_claims_n_flips(x, 1), 0);
    assert_true(pl_claims_definitional(x, 1));
    assert_string_equal(res[1].rule, "A is a veto member of COUNCIL");
    assert_int_equal(pl_claims_n_circular(x, 1), 0);
    /* the vote: the quota at 2, B's weight at 2 (its natural domain's end) */
    assert_true(fabs(flip_of(x, 2, "VOTE quota")->at - 2) <= 1e-6);
    assert_true(fabs(flip_of(x, 2, "VOTE B weight")->at - 2) <= 1e-6);
    assert_true(isnan(flip_of(x, 2, "VOTE A weight")->at));
    assert_false(pl_claims_definitional(x, 2));
    pl_claims_explained_free(x);
    pl_claims_free(c), pl_scenario_free(s);
    /* the same for any thread count */
    pl_claims *c3 = NULL;
    pl_scenario *s3 = NULL;
    pl_claims_explained *x3 = explain_hand(&s3, &c3, res, 3);
    x = explain_hand(&s, &c, res, 1);
    for (size_t i = 0; i < 3; i++)
        for (size_t j = 0; j < pl_claims_n_inputs(x); j++)
            assert_memory_equal(pl_claims_flip(x, i, j), pl_claims_flip(x3, i, j),
                                sizeof(pl_claim_flip));
    pl_claims_explained_free(x), pl_claims_explained_free(x3);
    pl_claims_free(c), pl_claims_free(c3);
    pl_scenario_free(s), pl_scenario_free(s3);
}

/* The built-in council claim alone (cheap: no settlement): definitional, by RUS's veto. */
static void test_builtin_definitional(void **state)
{
    (void)state;
    static const char one[] =
        "parley-claims: 1\nclaims:\n  - id: council-cannot-act\n    claim: P5 cannot act.\n"
        "    check: {kind: can_act, body: GUARANTOR_COUNCIL, against: RUS, expect: false}\n";
    pl_scenario *s = test_builtin();
    pl_claims *c = NULL;
    pl_claims_explained *x = NULL;
    pl_claim_result r;
    pl_error err;
    if (pl_claims_load_buffer(&c, s, one, sizeof one - 1, "one.yaml", &err) ||
        pl_claims_evaluate(c, s, &r, &err) || pl_claims_explain(&x, c, s, 2, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(r.status, PL_CLAIM_HOLDS);
    assert_true(pl_claims_definitional(x, 0));
    assert_string_equal(r.rule, "RUS is a veto member of GUARANTOR_COUNCIL");
    assert_true(pl_claims_n_inputs(x) > pl_scenario_n_uncertain(s)); /* exact inputs too */
    pl_claims_explained_free(x);
    pl_claims_free(c);
    pl_scenario_free(s);
}

/* Margins on the built-in scenario, against the numbers by hand: on GUAR without EUR, RUS
   holds 80 x 0.20 = 16 at 100 against UKR's and the USA's 15.05 below (margin 0.95). */
static void test_margins(void **state)
{
    (void)state;
    pl_scenario *s = test_builtin();
    pl_claims *c = builtin_claims(s);
    pl_claim_result res[32];
    pl_error err;
    assert_int_equal(pl_claims_evaluate(c, s, res, &err), PL_OK);
    for (size_t i = 0; i < pl_claims_count(c); i++) {
        const char *id = pl_claim_id(c, i);
        if (strcmp(id, "europe-decorative") == 0) {
            assert_true(res[i].value == 85 && res[i].threshold == 5);
            assert_non_null(strstr(res[i].margin, "median 100 holds by 0.95 weight units (16 at "
                                   "or above it against 15.05 below)"));
        }
        if (strcmp(id, "thin-zone-guarantees") == 0)  /* no package within Russia's red line */
            assert_non_null(strstr(res[i].margin, "0 packages against at most 2: within by 2"));
        if (strcmp(id, "terms-unratifiable") == 0)
            assert_string_equal(res[i].rule, "UKR's signature needs UKR_RADA and "
                                "UKR_RATIFY_PUBLIC");
    }
    pl_claims_free(c);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_verdicts),
        cmocka_unit_test(test_flips),
        cmocka_unit_test(test_robustness),
        cmocka_unit_test(test_breakeven),
        cmocka_unit_test(test_builtin_definitional),
        cmocka_unit_test(test_margins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
