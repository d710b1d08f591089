/* SPDX-License-Identifier: MIT */
/*
** compare.h: what differs between two runs of parley's analyses, a and b:
** the inputs that differ, named by path (the paths --set takes) with both
** values, then every result that changed, largest change first.
**
** Each side is a scenario (a file, the same file with a variant or --set
** changes, a built-in), with an optional proposal and an optional claims
** file. The analyses run on each side and describe their results into a tree
** (the same description `parley forecast`, `settle`, ... print); the two trees
** are matched member by member (objects by key, arrays by position, table rows
** by their identifying columns), and every scalar that differs is a change
** (two numbers when the size of the change is above 1e-9, the output's noise
** rule). docs/models.md ("Comparing two runs") defines the size of a change.
**
** The two scenarios must have the same actors and the same issues (ids, in
** any order): results about an actor or an issue that exists on one side only
** have nothing to be compared with, so pl_compare_compute refuses them
** (PL_EINPUT naming the first id that differs and where it is written).
*/
#ifndef PARLEY_COMPARE_H
#define PARLEY_COMPARE_H

#include <stddef.h>
#include "parley/export.h"
#include "parley/error.h"
#include "parley/emit.h"
#include "parley/forecast.h"
#include "parley/settle.h"

#ifdef __cplusplus
extern "C" {
#endif

struct pl_scenario;
struct pl_proposal;
struct pl_claims;

typedef enum pl_compare_analysis {
    PL_COMPARE_FORECAST = 0,  /* every model's forecast per issue (parley forecast) */
    PL_COMPARE_SETTLE,        /* frontier, solutions, ratification, a proposal (parley settle) */
    PL_COMPARE_POWER,         /* each body's power indices (parley power) */
    PL_COMPARE_DURABILITY,    /* the commitment check of the deal (parley durability) */
    PL_COMPARE_CLAIMS,        /* each claim's verdict and numbers (parley claims) */
    PL_COMPARE_COUNT
} pl_compare_analysis;

/** "forecast", "settle", "power", "durability", "claims"; NULL out of range. */
PL_API const char *pl_compare_analysis_name(pl_compare_analysis a);

/* One side of the comparison. Everything is borrowed for pl_compare_compute only. */
typedef struct pl_compare_side {
    const char *label;                 /* how the output names the side ("a.yaml"); NULL: "a"/"b";
                                          the output adds " --proposal NAME" with a proposal */
    const struct pl_scenario *s;       /* as loaded, with its variant and --set changes */
    const char *text;                  /* the parley text s was read from, before its changes */
    size_t len;
    const char *name;                  /* that text's name in messages (its file) */
    const struct pl_proposal *proposal;  /* NULL: none (durability tests the Nash package) */
    const char *proposal_text;         /* the proposal's text, for the input diff; NULL: none */
    size_t proposal_len;
    const char *proposal_name;         /* the proposal's name in messages and labels (its file) */
    const struct pl_claims *claims;    /* read against s; NULL: no claims compared */
} pl_compare_side;
#define PL_COMPARE_SIDE_INIT {NULL, NULL, NULL, 0, NULL, NULL, NULL, 0, NULL, NULL}

typedef struct pl_compare_opts {
    /* bit (1 << pl_compare_analysis) per analysis; 0: each one both scenarios can run
       (power needs bodies, durability a durability section, claims a claims file) */
    unsigned analyses;
    pl_forecast_opts forecast;
    pl_settle_opts settle;
} pl_compare_opts;
#define PL_COMPARE_OPTS_INIT {0u, PL_FORECAST_OPTS_INIT, PL_SETTLE_OPTS_INIT}

/* A difference: an input (analysis NULL) or a result. */
typedef struct pl_compare_diff {
    const char *analysis;   /* results: pl_compare_analysis_name; inputs: NULL */
    const char *what;       /* the path: "positions.A.X.position", "forecasts[X,mean].forecast" */
    const char *a, *b;      /* each side's value as printed; NULL where it has none */
    double change;          /* b - a when both are numbers, else NaN */
    double size;            /* the ranking measure (docs/models.md); inputs: 0 */
} pl_compare_diff;

typedef struct pl_compare pl_compare;

/**
 * Compare side a with side b: the input diff, then each analysis on both sides
 * and the result diff, sorted by size (largest first; equal sizes in the order
 * of the results). An analysis asked for in opts->analyses that a side cannot
 * run is PL_EINPUT saying which and why.
 * @return PL_OK; PL_EINPUT (scenarios with other actors or issues, an analysis
 *         that cannot run, an analysis' own input error); PL_EMISUSE; PL_ENOMEM.
 */
PL_API int pl_compare_compute(pl_compare **out, const pl_compare_side *a,
                              const pl_compare_side *b, const pl_compare_opts *opts,
                              pl_error *err);
PL_API void pl_compare_free(pl_compare *c);  /* NULL is a no-op */

/** The inputs that differ, in the order of a's documents, then b's. */
PL_API size_t pl_compare_n_inputs(const pl_compare *c);
PL_API const pl_compare_diff *pl_compare_input(const pl_compare *c, size_t i);
/** The results that changed, largest change first. */
PL_API size_t pl_compare_n_results(const pl_compare *c);
PL_API const pl_compare_diff *pl_compare_result(const pl_compare *c, size_t i);
/** Bit mask of the analyses that ran. */
PL_API unsigned pl_compare_analyses(const pl_compare *c);

/**
 * Describe the comparison: "compared" (the sides, the analyses, whether
 * anything differs), the table "inputs" (what, a, b) and the table "results"
 * (analysis, what, a, b, change, size).
 */
PL_API int pl_compare_emit(const pl_compare *c, pl_emitter *e);

/**
 * How `parley compare` labels a side (pl_compare_side.label): the file it was
 * read from as given ("built-in NAME" when file is NULL), then " --variant ID"
 * for the variant applied and " --set PATH=VALUE" for each change (the
 * comparison adds " --proposal NAME" for a side's proposal). Writes at
 * most size bytes (NUL included); returns the label's length, or a length >= size
 * when it was cut short.
 */
PL_API size_t pl_compare_label(const struct pl_scenario *s, const char *file, char *buf,
                               size_t size);

#ifdef __cplusplus
}
#endif
#endif
