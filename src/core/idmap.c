/* SPDX-License-Identifier: MIT */
/*
** idmap.c: string -> index hash map (see idmap.h). FNV-1a with linear probing;
** the table is at least twice the number of keys, so probes stay short.
*/
#include "idmap.h"

#include <stdint.h>
#include <string.h>

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

int pl_idmap_init(pl_idmap *m, pl_arena *a, size_t n)
{
    size_t cap = 8;
    while (cap < 2 * n + 1)
        cap *= 2;
    m->keys = pl_arena_array(a, cap, sizeof *m->keys);
    m->vals = pl_arena_array(a, cap, sizeof *m->vals);
    m->cap = cap;
    return (m->keys && m->vals) ? 0 : -1;
}

long pl_idmap_put(pl_idmap *m, const char *key, long val)
{
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)hash_str(key) & mask;; i = (i + 1) & mask) {
        if (!m->keys[i]) {
            m->keys[i] = key;
            m->vals[i] = val;
            return -1;
        }
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
    }
}

long pl_idmap_get(const pl_idmap *m, const char *key)
{
    if (!m->cap || !key)
        return -1;
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)hash_str(key) & mask; m->keys[i]; i = (i + 1) & mask)
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
    return -1;
}
