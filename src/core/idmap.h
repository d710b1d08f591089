/* SPDX-License-Identifier: MIT */
/*
** idmap.h: open-addressing hash map from an id string to an index, for
** O(1) id look-ups in scenarios of 10,000+ actors. Keys are borrowed: they
** must outlive the map (they live in the scenario's arena).
*/
#ifndef PL_IDMAP_H
#define PL_IDMAP_H

#include <stddef.h>
#include "arena.h"

typedef struct pl_idmap {
    const char **keys;
    long *vals;
    size_t cap;      /* power of two, 0 when empty */
} pl_idmap;

/* Room for n keys, in arena memory. Returns 0 or -1 when out of memory. */
int pl_idmap_init(pl_idmap *m, pl_arena *a, size_t n);
/* Insert; returns the index already stored under key, or -1 if it was new. */
long pl_idmap_put(pl_idmap *m, const char *key, long val);
/* Index stored under key, or -1. */
long pl_idmap_get(const pl_idmap *m, const char *key);

#endif
