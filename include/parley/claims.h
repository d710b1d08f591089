/* SPDX-License-Identifier: MIT */
/*
** claims.h: an article's claims as executable checks. A claims file
** (docs/claims-format.md) lists, for a scenario, each claim with the
** sentence it comes from and the check that tests it against parley's own
** analyses: whether a body can act against an actor, whether a package
** would be ratified, whether it is self-enforcing, how far one actor moves
** the forecasts, how many packages on some issues every party prefers to
** the status quo, and whether the parties' tactical gains survive as
** strategic ones. Checks are computed each time, never stored; a claim the
** scenario cannot speak to says so ("not modelled").
*/
#ifndef PARLEY_CLAIMS_H
#define PARLEY_CLAIMS_H

#include <stddef.h>
#include <stdint.h>
#include "parley/export.h"
#include "parley/error.h"
#include "parley/progress.h"
#include "parley/emit.h"

#ifdef __cplusplus
extern "C" {
#endif

struct pl_scenario;
typedef struct pl_claims pl_claims;

typedef enum pl_claim_status {
    PL_CLAIM_FAILS = 0,
    PL_CLAIM_HOLDS = 1,
    PL_CLAIM_NOT_MODELLED = 2,  /* the scenario has nothing to test it with */
    PL_CLAIM_UNDEFINED = 3      /* the analysis has no answer here (e.g. no deal to test) */
} pl_claim_status;

typedef struct pl_claim_result {
    pl_claim_status status;
    double value;               /* the number the check turns on (NAN if none) */
    char detail[600];           /* the numbers behind it, in words */
} pl_claim_result;

/** Read a claims file (YAML or JSON) against the scenario its checks refer to. */
PL_API int pl_claims_load_buffer(pl_claims **out, const struct pl_scenario *s, const char *data,
                                 size_t len, const char *name, pl_error *err);
PL_API int pl_claims_load_file(pl_claims **out, const struct pl_scenario *s, const char *path,
                               pl_error *err);
/** The claims file built in for a built-in scenario (NULL: none). */
PL_API const char *pl_builtin_claims(const char *scenario, size_t *len);
PL_API void pl_claims_free(pl_claims *c);

PL_API size_t pl_claims_count(const pl_claims *c);
PL_API const char *pl_claim_id(const pl_claims *c, size_t i);
PL_API const char *pl_claim_text(const pl_claims *c, size_t i);
PL_API const char *pl_claim_source(const pl_claims *c, size_t i);
PL_API const char *pl_claim_status_name(pl_claim_status st);

/**
 * Evaluate every claim on s (the scenario the claims were read against, or a
 * Monte Carlo draw of it) into res (pl_claims_count entries).
 */
PL_API int pl_claims_evaluate(const pl_claims *c, const struct pl_scenario *s,
                              pl_claim_result *res, pl_error *err);
/**
 * The same on `draws` Monte Carlo draws of s (stream i of seed for draw i, as
 * parley stress): holds[i] and defined[i] count the draws in which claim i
 * holds and in which it has an answer. Identical for any thread count.
 */
PL_API int pl_claims_robustness(const pl_claims *c, const struct pl_scenario *s, uint64_t draws,
                                uint64_t seed, int threads, uint64_t *holds, uint64_t *defined,
                                pl_error *err);
/** pl_claims_robustness reporting its draws done to progress (NULL: none). */
PL_API int pl_claims_robustness_progress(const pl_claims *c, const struct pl_scenario *s,
                                         uint64_t draws, uint64_t seed, int threads,
                                         const pl_progress *progress, uint64_t *holds,
                                         uint64_t *defined, pl_error *err);
/** Each claim: sentence, status, numbers, and (if draws > 0) its robustness. */
PL_API int pl_claims_emit(const pl_claims *c, const pl_claim_result *res, const uint64_t *holds,
                          const uint64_t *defined, uint64_t draws, pl_emitter *e);

#ifdef __cplusplus
}
#endif

#endif
