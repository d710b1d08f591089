/* SPDX-License-Identifier: MIT */
/*
** proposal_fuzz.c: libFuzzer target for the proposal reader (`parley settle
** --proposal FILE`). The first byte is a selector: bit 0 reads the rest as
** JSON (a name ending in .json) instead of YAML; bit 1 reads it against a
** small scenario whose PAY issue has named options (so the option-id and
** option-point paths are reached) instead of the built-in scenario, whose
** issues have none. The two settlements (default options, no win-set
** enumeration, no logrolls) are computed once; each call reads a proposal
** (pl_proposal_load_buffer), takes its utilities (pl_settle_proposal) and
** checks that an accepted one has finite utilities, votes whose party
** utilities agree with them and probabilities in [0, 1] (pl_settle_votes_proposal),
** a verdict (pl_verdict_compute),
** and a refused one a message.
**   make fuzz FUZZ_TIME=300
** Built without libFuzzer (fuzz/replay.c) it replays files, for CTest.
*/
#include "parley/parley.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char options_scenario[] =
    "parley: 1\n"
    "name: fuzz-options\n"
    "actors:\n"
    "  - {id: RUS, capability: 80, no_deal: 0.2}\n"
    "  - {id: UKR, capability: 40}\n"
    "issues:\n"
    "  - {id: TERR, scale: {0: keeps, 50: freeze, 100: takes}, status_quo: 50}\n"
    "  - id: PAY\n"
    "    scale: {0: nothing, 100: all}\n"
    "    options:\n"
    "      - {id: none, at: 0}\n"
    "      - {id: split, name: Half each, at: 50}\n"
    "      - {id: all, at: 100}\n"
    "positions:\n"
    "  RUS:\n"
    "    TERR: {position: 90, salience: 0.8}\n"
    "    PAY: {position: 100, salience: 0.2, values: {none: 0, split: 0.6, all: 1}}\n"
    "  UKR:\n"
    "    TERR: {position: 10, salience: 0.9}\n"
    "    PAY: {position: 0, salience: 0.1}\n";

/* The two settlements, computed once (the reader is what is fuzzed; they stay reachable). */
static pl_settlement *settlement(int options, const pl_scenario **scenario)
{
    static pl_scenario *s[2];
    static pl_settlement *st[2];
    *scenario = s[options];
    if (st[options])
        return st[options];
    int rc = options ? pl_scenario_load_buffer(&s[1], options_scenario,
                                               sizeof options_scenario - 1,
                                               "fuzz-options.yaml", NULL, NULL)
                     : pl_scenario_load_builtin(&s[0], NULL, NULL, NULL);
    pl_settle_opts o = PL_SETTLE_OPTS_INIT;
    o.max_enumerate = 0;
    o.logrolls = 0;
    if (rc != PL_OK || pl_settle_compute(&st[options], s[options], &o, NULL) != PL_OK)
        abort();  /* both scenarios are valid: a failure here is a bug */
    *scenario = s[options];
    return st[options];
}

static int probability(double p) { return p >= 0 && p <= 1; }

/* The votes on an accepted proposal: each party's utility is the one pl_settle_proposal
   gives, and every probability is one. */
static void check_votes(const pl_settlement *st, const pl_proposal *p, const double *u,
                        size_t n)
{
    pl_votes *v = NULL;
    if (pl_settle_votes_proposal(&v, st, p, NULL) != PL_OK)
        abort();  /* nothing but memory can fail here */
    for (size_t i = 0; i < n; i++) {
        const pl_vote *x = pl_votes_party(v, i);
        if (!(fabs(x->utility - u[i]) <= 1e-12 * fmax(1, fabs(u[i]))) || !probability(x->p_yes))
            abort();
    }
    for (size_t r = 0; r < pl_votes_n_bodies(v); r++)
        if (!probability(pl_votes_body(v, r)->p_pass))
            abort();
    if (!probability(pl_votes_p_ratified(v)))
        abort();
    pl_votes_free(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *name = (data[0] & 1) ? "fuzz.json" : "fuzz.yaml";
    const pl_scenario *s;
    const pl_settlement *st = settlement((data[0] & 2) != 0, &s);
    size_t n = pl_frontier_n_parties(pl_settle_frontier(st));
    double *u = calloc(n ? n : 1, sizeof *u);
    pl_proposal *p = NULL;
    if (u) {
        pl_error err;
        pl_error_clear(&err);
        if (pl_proposal_load_buffer(&p, s, (const char *)data + 1, size - 1, name, &err) ==
                PL_OK && pl_settle_proposal(st, p, u, &err) == PL_OK) {
            for (size_t i = 0; i < n; i++)
                if (!isfinite(u[i]))
                    abort();  /* an accepted proposal must have finite utilities */
            check_votes(st, p, u, n);
            pl_verdict *v = NULL;  /* and is judged (durability on the built-in scenario) */
            if (pl_verdict_compute(&v, s, st, p, &err) != PL_OK || pl_verdict_n_parties(v) != n)
                abort();
            pl_verdict_free(v);
        } else if (err.msg[0] == '\0') {
            abort();  /* a refused proposal must say why */
        }
    }
    pl_proposal_free(p);
    free(u);
    return 0;
}
