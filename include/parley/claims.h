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
    double threshold;           /* where the verdict turns, in value's units (NAN if none) */
    char detail[600];           /* the numbers behind it, in words */
    char margin[400];           /* value against threshold, in the claim's units, in words */
    char rule[200];             /* the rule the verdict rests on, if a rule decides it ("RUS
                                   is a veto member of GUARANTOR_COUNCIL"), else "" */
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

struct pl_proposal;
/**
 * Check every claim whose check takes a package (ratification,
 * self_enforcing, no_winners) against proposal p instead of the package the
 * claims file gives it; name (e.g. the proposal's file) is shown with those
 * claims. p must be read against the claims' scenario. *n (may be NULL):
 * how many claims now use it.
 */
PL_API int pl_claims_use_proposal(pl_claims *c, const struct pl_proposal *p, const char *name,
                                  size_t *n, pl_error *err);
/** The name of the proposal claim i is checked against (NULL: the claims file's package). */
PL_API const char *pl_claim_package_from(const pl_claims *c, size_t i);

/**
 * Evaluate every claim on s (the scenario the claims were read against, or a
 * Monte Carlo draw of it) into res (pl_claims_count entries).
 */
PL_API int pl_claims_evaluate(const pl_claims *c, const struct pl_scenario *s,
                              pl_claim_result *res, pl_error *err);
/** pl_claims_evaluate reporting the steps of the settlement it runs (if a claim needs one)
    to progress (NULL: none), as pl_settle_opts.progress. */
PL_API int pl_claims_evaluate_progress(const pl_claims *c, const struct pl_scenario *s,
                                       pl_claim_result *res, const pl_progress *progress,
                                       pl_error *err);
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

/* ---- break-even: what one input must become for a verdict to flip -------- */

/* One input of the scenario, seen from one claim. */
typedef struct pl_claim_flip {
    char input[112];            /* its label, as parley stress names it ("RUS capability") */
    size_t index;               /* its place in the scenario's walk of inputs */
    double now;                 /* its value in the scenario */
    double at;                  /* the nearest value at which the verdict flips (NAN: none) */
    double low, high;           /* the interval searched */
    int stated;                 /* 1: the input's own low/high; 0: its natural domain, outside
                                   any stated range (docs/claims-format.md) */
    int depends;                /* 1: the claim's number or verdict moves with it */
    int same_source;            /* 1: its source sentence is the claim's own */
} pl_claim_flip;

typedef struct pl_claims_explained pl_claims_explained;

/**
 * For every claim with a verdict (holds or fails) and every numeric input of
 * s (pl_scenario_n_uncertain's inputs and the exact ones), the smallest change
 * of that input alone that flips the verdict: each verdict is a step function
 * of one input, so the search scans 10 points either side of the value to the
 * ends of the interval, then bisects the nearest flip to 1e-9 and rounds it
 * onto the 1e-6 grid away from the value (the flipped side). Steps narrower
 * than the scan's spacing (a tenth of the way from the value to an end) can
 * be missed. Threads split the inputs; the result does not depend on their
 * number. At most 64 claims (PL_EMISUSE beyond).
 */
PL_API int pl_claims_explain(pl_claims_explained **out, const pl_claims *c,
                             const struct pl_scenario *s, int threads, pl_error *err);
PL_API void pl_claims_explained_free(pl_claims_explained *x);
/** The scenario's numeric inputs (every claim sees them all). */
PL_API size_t pl_claims_n_inputs(const pl_claims_explained *x);
/**
 * Input j as claim i sees it; ranked: those that flip it first (the smallest
 * change relative to the interval first), then the rest in the walk's order.
 */
PL_API const pl_claim_flip *pl_claims_flip(const pl_claims_explained *x, size_t i, size_t j);
/** How many inputs can flip claim i (0 for a verdict no single input moves). */
PL_API size_t pl_claims_n_flips(const pl_claims_explained *x, size_t i);
/**
 * 1 when claim i has a verdict no input can flip within its interval: it
 * follows from the rules (its result's `rule` names the rule when the check
 * knows it).
 */
PL_API int pl_claims_definitional(const pl_claims_explained *x, size_t i);
/** How many inputs claim i depends on share its source sentence ("tests its own input"). */
PL_API size_t pl_claims_n_circular(const pl_claims_explained *x, size_t i);

/**
 * pl_claims_emit with each verdict's margin and break-even (x from
 * pl_claims_explain, or NULL for none): the nearest flip per claim, or with
 * `full` every input that flips it, ranked; labels "by definition of the
 * rules" and "tests its own input".
 */
PL_API int pl_claims_emit_explained(const pl_claims *c, const pl_claim_result *res,
                                    const uint64_t *holds, const uint64_t *defined,
                                    uint64_t draws, const pl_claims_explained *x, int full,
                                    pl_emitter *e);

/* What `parley claims` checks beyond the verdicts (its options and their defaults). */
typedef struct pl_claims_document_opts {
    uint64_t draws;           /* Monte Carlo draws (0: only the scenario as written); 200 */
    uint64_t seed;            /* 1 */
    int threads;              /* 1; results never depend on it */
    int breakeven;            /* run the break-even search; 1 */
    int explain;              /* every input that can flip each verdict (needs breakeven); 0 */
    pl_progress progress;     /* the draws' progress */
    pl_progress settle_progress; /* the steps of the settlement a claim needs */
} pl_claims_document_opts;
#define PL_CLAIMS_DOCUMENT_OPTS_INIT {200, 1, 1, 1, 0, PL_PROGRESS_NONE, PL_PROGRESS_NONE}

/**
 * The whole document `parley claims` writes, frame included (pl_emit_document_begin):
 * pl_claims_evaluate_progress, pl_claims_explain and pl_claims_robustness_progress as o says,
 * then pl_claims_emit_explained. Nothing is emitted unless all of it was computed.
 * o NULL: the defaults. PL_EMISUSE for explain without breakeven.
 */
PL_API int pl_claims_document(const pl_claims *c, const struct pl_scenario *s,
                              const pl_claims_document_opts *o, pl_emitter *e, pl_error *err);

#ifdef __cplusplus
}
#endif

#endif
