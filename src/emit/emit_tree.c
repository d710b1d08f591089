/* SPDX-License-Identifier: MIT */
/*
** emit_tree.c: the tree backend (see tree.h). It writes nothing: it keeps
** the description, scalars with their types, in one arena, so the reader
** formats values itself and one free releases everything (no partial tree
** to clean up after an allocation failure).
*/
#include "emit_impl.h"
#include "../core/arena.h"

#include <stdlib.h>
#include <string.h>

typedef struct tree_state {
    pl_arena arena;
    pl__tnode top;                            /* holds the top-level values */
    pl__tnode *open[PL_EMIT_MAX_DEPTH + 1];   /* [d]: the container at depth d, [0] = &top */
    pl__tnode *last[PL_EMIT_MAX_DEPTH + 1];   /* its last child so far */
} tree_state;

static const char *copy(pl_arena *a, const char *s, int *failed)
{
    if (!s)
        return NULL;
    char *c = pl_arena_strdup(a, s);
    *failed |= c == NULL;
    return c;
}

/* A node for the next value of the container at depth e->depth, not yet
   linked: it is linked only once complete, so a failure leaves the tree as it was. */
static pl__tnode *new_node(pl_emitter *e, pl_ekind kind, const char *key)
{
    tree_state *st = e->state;
    pl__tnode *n = pl_arena_alloc(&st->arena, sizeof *n);
    if (!n)
        return NULL;
    int failed = 0;
    n->kind = kind;
    n->key = copy(&st->arena, key, &failed);
    return failed ? NULL : n;
}

static void link_node(pl_emitter *e, pl__tnode *n)
{
    tree_state *st = e->state;
    pl__tnode *parent = st->open[e->depth];
    if (st->last[e->depth])
        st->last[e->depth]->next = n;
    else
        parent->first = n;
    st->last[e->depth] = n;
    parent->n++;
}

static const char *const *copy_cols(pl_arena *a, const char *const *cols, size_t ncols)
{
    const char **c = pl_arena_array(a, ncols, sizeof *c);
    int failed = c == NULL;
    for (size_t i = 0; !failed && i < ncols; i++)
        c[i] = copy(a, cols[i], &failed);
    return failed ? NULL : c;
}

int pl__tree_open(pl_emitter *e, pl_ekind kind, const char *key, const char *title,
                  const char *const *cols, size_t ncols)
{
    tree_state *st = e->state;
    pl__tnode *n = new_node(e, kind, key);
    int failed = n == NULL;
    if (!failed) {
        n->title = copy(&st->arena, title, &failed);
        n->ncols = ncols;
    }
    if (!failed && ncols && !(n->cols = copy_cols(&st->arena, cols, ncols)))
        failed = 1;
    if (failed)
        return PL_ENOMEM;
    link_node(e, n);
    st->open[e->depth + 1] = n;
    st->last[e->depth + 1] = NULL;
    return PL_OK;
}

int pl__tree_close(pl_emitter *e, pl_ekind kind)
{
    (void)e, (void)kind; /* the core's depth already says which container is open */
    return PL_OK;
}

int pl__tree_scalar(pl_emitter *e, const char *key, const pl_scalar *v)
{
    tree_state *st = e->state;
    pl__tnode *n = new_node(e, PL_E_SCALAR, key);
    int failed = n == NULL;
    if (!failed) {
        n->v = *v;
        n->v.s = copy(&st->arena, v->s, &failed);
    }
    if (failed)
        return PL_ENOMEM;
    link_node(e, n);
    return PL_OK;
}

static int tree_finish(pl_emitter *e)
{
    (void)e;
    return PL_OK;
}

void pl__tree_destroy(pl_emitter *e)
{
    tree_state *st = e->state;
    if (st)
        pl_arena_free(&st->arena);
    free(st);
}

static const pl_emit_backend tree_backend = {pl__tree_open, pl__tree_close, pl__tree_scalar,
                                             tree_finish, pl__tree_destroy};

int pl__emit_tree_init(pl_emitter *e)
{
    tree_state *st = calloc(1, sizeof *st);
    if (!st)
        return PL_ENOMEM;
    pl_arena_init(&st->arena);
    st->open[0] = &st->top;
    e->state = st;
    e->be = &tree_backend;
    return PL_OK;
}

const pl__tnode *pl__emitter_tree(const pl_emitter *e)
{
    /* only a tree-building backend's state is a tree_state; an emitter that
       failed holds a description cut short, which no one may render */
    if (!e || e->rc || !e->be || e->be->open != pl__tree_open)
        return NULL;
    return ((const tree_state *)e->state)->top.first;
}

const pl__tnode *pl__tree_get(const pl__tnode *obj, const char *key)
{
    if (!obj || obj->kind != PL_E_OBJECT)
        return NULL;
    for (const pl__tnode *m = obj->first; m; m = m->next)
        if (strcmp(m->key, key) == 0)
            return m;
    return NULL;
}
