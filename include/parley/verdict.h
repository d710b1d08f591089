/* SPDX-License-Identifier: MIT */
/*
** verdict.h: a proposal judged against its scenario, the three findings every
** command that takes --proposal reports: which parties accept it (each
** party's utility of it against its no-deal value, as parley settle counts
** them), with what probability the ratifying bodies pass it, and whether it
** is self-enforcing (the commitment check of parley durability, when the
** scenario has a durability section). One entry point, so that durability,
** stress, claims and the report judge a proposal the same way.
*/
#ifndef PARLEY_VERDICT_H
#define PARLEY_VERDICT_H

#include <stddef.h>
#include <stdint.h>
#include "parley/export.h"
#include "parley/error.h"

#ifdef __cplusplus
extern "C" {
#endif

struct pl_scenario;
struct pl_settlement;
struct pl_proposal;
struct pl_durability;
struct pl_emitter;
typedef struct pl_verdict pl_verdict;

/**
 * Judge p on s; st is s's settlement (pl_settle_compute), p a proposal read
 * against s. Acceptance and ratification are settle's votes on p
 * (pl_settle_votes_proposal): party i accepts when its utility of the
 * proposal is at least its no-deal value (to 1e-12 relative) and p crosses
 * none of its red lines; the ratifying bodies vote on p's points, which need
 * not be options of the outcome space (NAN without ratifying bodies).
 */
PL_API int pl_verdict_compute(pl_verdict **out, const struct pl_scenario *s,
                              const struct pl_settlement *st, const struct pl_proposal *p,
                              pl_error *err);
PL_API void pl_verdict_free(pl_verdict *v);

/** The settlement's parties (pl_settle_party gives each one's actor). */
PL_API size_t pl_verdict_n_parties(const pl_verdict *v);
/** Party i's utility of the proposal and its no-deal value (NAN when i is too large). */
PL_API double pl_verdict_utility(const pl_verdict *v, size_t i);
PL_API double pl_verdict_nodeal(const pl_verdict *v, size_t i);
/** 1 when party i accepts (utility >= no-deal value, no red line crossed). */
PL_API int pl_verdict_accepts(const pl_verdict *v, size_t i);
/** The scenario issue of the first of party i's red lines the proposal crosses, or -1 (none,
    or i too large). */
PL_API long pl_verdict_red_line(const pl_verdict *v, size_t i);
/** 1 when every party accepts. */
PL_API int pl_verdict_accepted(const pl_verdict *v);
/** 1 when the proposal is a package of the outcome space (every point an option). */
PL_API int pl_verdict_is_package(const pl_verdict *v);
/** P(every ratifying body passes it); NAN without ratifying bodies. */
PL_API double pl_verdict_ratified(const pl_verdict *v);
/** 1 self-enforcing, 0 not (war resumes), -1 the scenario has no durability section. */
PL_API int pl_verdict_durable(const pl_verdict *v);
/** The durability analysis of the proposal (NULL without a durability section). */
PL_API const struct pl_durability *pl_verdict_durability(const pl_verdict *v);
/** The three findings in words, the acceptance table, the numbers. */
PL_API int pl_verdict_emit(const pl_verdict *v, struct pl_emitter *e);

/**
 * The package of st's outcome space at scale points x (one per issue): w[k]
 * the option of issue k placed at x[k] (to 1e-9). -1 when some x[k] is no
 * option of its issue (w is then unspecified).
 */
PL_API int pl_settle_package_at(const struct pl_settlement *st, const double *x, uint32_t *w);

#ifdef __cplusplus
}
#endif

#endif
