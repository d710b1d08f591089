/* SPDX-License-Identifier: MIT */
/*
** suggest.h: "did you mean" hints by edit distance.
*/
#ifndef PL_SUGGEST_H
#define PL_SUGGEST_H

#include <stddef.h>
/* pl_suggest is public (parley/error.h), so that the CLI and bindings hint the same way. */
#include "parley/error.h"
#include "parley/scenario.h"

/* Levenshtein distance between a and b, capped at cap + 1 (cheap early exit). */
size_t pl__edit_distance(const char *a, const char *b, size_t cap);

/*
** The end of an error for an id that is not the scenario's issue (kind 'i'), actor ('a')
** or body ('b'): "did you mean 'X'?" (written into buf) when id is a plausible typo of X
** (pl_suggest), else expect followed by the scenario's ids of that kind, "(one of A, B,
** ...)", as many as buf holds (expect alone when memory ran out: a hint is never worth
** failing over).
*/
const char *pl__scenario_id_tail(const pl_scenario *s, char kind, const char *id,
                                 const char *expect, char *buf, size_t size);

#endif
