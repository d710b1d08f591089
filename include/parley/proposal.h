/* SPDX-License-Identifier: MIT */
/*
** proposal.h: a proposed package, e.g. the terms on the table, read against
** a scenario: a YAML or JSON mapping issue id -> option id or scale point
** (0-100), every issue given:
**     TERR: 75
**     PAY: split        # an option id, for issues with named options
**     ARMY: {value: 100, source: "a radical reduction ...", note: "..."}
** The scenario layer parses it once, with FILE:LINE:COL errors; the analyses
** that judge it take the parsed proposal (pl_settle_proposal) or its points
** (pl_durability_compute), so no analysis reads a file.
*/
#ifndef PARLEY_PROPOSAL_H
#define PARLEY_PROPOSAL_H

#include <stddef.h>
#include "parley/export.h"
#include "parley/error.h"
#include "parley/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pl_proposal pl_proposal;

/**
 * Read a proposal against s. name is used in messages and picks JSON when it
 * ends in ".json" (NULL: "<proposal>", YAML). PL_EINPUT with the position
 * for anything that is not a term for every issue of s.
 */
PL_API int pl_proposal_load_buffer(pl_proposal **out, const pl_scenario *s, const char *data,
                                   size_t len, const char *name, pl_error *err);
/** The same from a file (PL_EIO when it cannot be read). */
PL_API int pl_proposal_load_file(pl_proposal **out, const pl_scenario *s, const char *path,
                                 pl_error *err);
PL_API void pl_proposal_free(pl_proposal *p);

/** Issues of the scenario it was read against, in the scenario's order. */
PL_API size_t pl_proposal_n_issues(const pl_proposal *p);
/** Scale point (0-100) of every issue, n_issues of them; an option id gives its point. */
PL_API const double *pl_proposal_points(const pl_proposal *p);
/** Option index chosen on issue k; -1 when the issue has no named options or k is too large. */
PL_API long pl_proposal_option(const pl_proposal *p, size_t k);
/** The source and the note of issue k's term, when written {value, source, note} (else NULL). */
PL_API const char *pl_proposal_source(const pl_proposal *p, size_t k);
PL_API const char *pl_proposal_note(const pl_proposal *p, size_t k);
struct pl_emitter;
/** A table "terms" (issue, point, source, note) when some term has a source or note; nothing
    otherwise. s is the scenario p was read against. */
PL_API int pl_proposal_emit_sources(const pl_proposal *p, const pl_scenario *s,
                                    struct pl_emitter *e);

/**
 * A proposal built in for a built-in scenario (scenarios/proposals/NAME.yaml,
 * e.g. "moscow-terms" for "ukraine-2025"): its text, NULL when there is none.
 */
PL_API const char *pl_builtin_proposal(const char *scenario, const char *name, size_t *len);
/** Name of built-in proposal i of a scenario (NULL past the last). */
PL_API const char *pl_builtin_proposal_name(const char *scenario, size_t i);

#ifdef __cplusplus
}
#endif

#endif
