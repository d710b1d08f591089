/* SPDX-License-Identifier: MIT */
/*
** arena.h: a bump allocator. Objects that are built once and freed whole
** (a scenario, a parsed document) take all their memory from one arena, so
** one free releases everything and error paths cannot leak.
** With -DPL_DEBUG_ARENA every allocation goes to malloc, so ASan sees each.
*/
#ifndef PL_ARENA_H
#define PL_ARENA_H

#include <stddef.h>

typedef struct pl_arena_block pl_arena_block;
typedef struct pl_arena {
    pl_arena_block *head;
    size_t total;          /* bytes obtained from malloc, for benchmarks */
} pl_arena;

void pl_arena_init(pl_arena *a);
void pl_arena_free(pl_arena *a);
/* Aligned for any object; NULL when out of memory. Zero-filled. */
void *pl_arena_alloc(pl_arena *a, size_t size);
/* Array of n objects of size each, with overflow check. */
void *pl_arena_array(pl_arena *a, size_t n, size_t size);
/* A copy of the array src of n objects of size each (overflow checked like pl_arena_array's),
   without zeroing it first. */
void *pl_arena_memdup(pl_arena *a, const void *src, size_t n, size_t size);
char *pl_arena_strndup(pl_arena *a, const char *s, size_t len);
char *pl_arena_strdup(pl_arena *a, const char *s);
/* Empty a for reuse: every block but the head is freed and the head's room is kept, so
   that the next allocations need no malloc. (With PL_DEBUG_ARENA: pl_arena_free.) */
void pl_arena_reset(pl_arena *a);
/* Move everything from holds into into (freed with it); from is left empty. */
void pl_arena_adopt(pl_arena *into, pl_arena *from);

#endif
