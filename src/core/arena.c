/* SPDX-License-Identifier: MIT */
/*
** arena.c: bump allocator (see arena.h).
*/
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 65536u
#define ARENA_ALIGN 16u

struct pl_arena_block {
    pl_arena_block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

void pl_arena_init(pl_arena *a)
{
    a->head = NULL;
    a->total = 0;
}

void pl_arena_free(pl_arena *a)
{
    pl_arena_block *b = a->head;
    while (b) {
        pl_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}

void pl_arena_reset(pl_arena *a)
{
#ifdef PL_DEBUG_ARENA
    pl_arena_free(a); /* every object its own block: ASan sees a use after the reset */
#else
    pl_arena_block *head = a->head;
    if (!head)
        return;
    pl_arena_block *rest = head->next;
    head->next = NULL;
    a->head = NULL;
    pl_arena_free(&(pl_arena){rest, 0});
    head->used = 0;
    a->head = head;
    a->total = sizeof *head + head->size;
#endif
}

static pl_arena_block *new_block(pl_arena *a, size_t size)
{
    pl_arena_block *b = malloc(sizeof *b + size);
    if (!b)
        return NULL;
    b->used = 0;
    b->size = size;
    a->total += sizeof *b + size;
    return b;
}

/* Room for *size bytes, not zeroed; *size is rounded up to the alignment. */
static void *bump(pl_arena *a, size_t *sizep)
{
    size_t size = *sizep;
    if (size > SIZE_MAX - ARENA_ALIGN - sizeof(pl_arena_block))
        return NULL;
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (size == 0)
        size = ARENA_ALIGN;
    *sizep = size;
#ifdef PL_DEBUG_ARENA
    pl_arena_block *b = new_block(a, size);
    if (!b)
        return NULL;
    b->next = a->head;
    a->head = b;
#else
    pl_arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        if (size > ARENA_BLOCK / 4) {
            /* Big objects get a block of their own behind the head,
               so the head's free space is not wasted. */
            pl_arena_block *big = new_block(a, size);
            if (!big)
                return NULL;
            big->used = size;
            if (b) {
                big->next = b->next;
                b->next = big;
            } else {
                big->next = NULL;
                a->head = big;
            }
            return big->data;
        }
        b = new_block(a, ARENA_BLOCK);
        if (!b)
            return NULL;
        b->next = a->head;
        a->head = b;
    }
#endif
    void *p = b->data + b->used;
    b->used += size;
    return p;
}

void *pl_arena_alloc(pl_arena *a, size_t size)
{
    void *p = bump(a, &size);
    if (p)
        memset(p, 0, size);
    return p;
}

void *pl_arena_memdup(pl_arena *a, const void *src, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    size_t bytes = n * size, rounded = bytes;
    void *p = bump(a, &rounded);
    if (p && bytes) /* the padding after the copy is left as it was: nothing reads it */
        memcpy(p, src, bytes);
    return p;
}


void *pl_arena_array(pl_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return pl_arena_alloc(a, n * size);
}

char *pl_arena_strndup(pl_arena *a, const char *s, size_t len)
{
    char *p = pl_arena_alloc(a, len + 1);
    if (!p)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *pl_arena_strdup(pl_arena *a, const char *s)
{
    return pl_arena_strndup(a, s, strlen(s));
}

void pl_arena_adopt(pl_arena *into, pl_arena *from)
{
    pl_arena_block *tail = from->head;
    if (!tail)
        return;
    while (tail->next)
        tail = tail->next;
    /* behind into's head, which keeps its free space for the next allocation */
    if (into->head) {
        tail->next = into->head->next;
        into->head->next = from->head;
    } else
        into->head = from->head;
    into->total += from->total;
    pl_arena_init(from);
}
