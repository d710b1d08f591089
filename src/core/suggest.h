/* SPDX-License-Identifier: MIT */
/*
** suggest.h: "did you mean" hints by edit distance.
*/
#ifndef PL_SUGGEST_H
#define PL_SUGGEST_H

#include <stddef.h>
/* pl_suggest is public (parley/error.h), so that the CLI and bindings hint the same way. */
#include "parley/error.h"

/* Levenshtein distance between a and b, capped at cap + 1 (cheap early exit). */
size_t pl__edit_distance(const char *a, const char *b, size_t cap);

#endif
