/* SPDX-License-Identifier: MIT */
/*
** suggest.h: "did you mean" hints by edit distance.
*/
#ifndef PL_SUGGEST_H
#define PL_SUGGEST_H

#include <stddef.h>

/* Levenshtein distance between a and b, capped at cap + 1 (cheap early exit). */
size_t pl__edit_distance(const char *a, const char *b, size_t cap);

/*
** The candidate closest to word, if it is close enough to be a plausible
** typo (distance <= 2 and less than half the word's length, or a case-only
** difference); NULL otherwise. Ties go to the earlier candidate.
*/
const char *pl__suggest(const char *word, const char *const *cands, size_t n);

#endif
