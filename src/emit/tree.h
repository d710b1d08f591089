/* SPDX-License-Identifier: MIT */
/*
** tree.h: a description kept in memory as a tree (emit_tree.c), for the
** library's own renderers that need all of it before they write: the text
** backend (column widths) and the HTML report (findings first, then the
** details). Scalars keep their type, so a renderer formats a number itself
** instead of reading text back.
*/
#ifndef PL_EMIT_TREE_H
#define PL_EMIT_TREE_H

#include <stddef.h>
#include "parley/emit.h"

/* PL_E_SCALAR is never open in the emitter; it only names tree leaves. */
typedef enum pl_ekind { PL_E_OBJECT, PL_E_ARRAY, PL_E_TABLE, PL_E_ROW, PL_E_SCALAR } pl_ekind;
typedef enum pl_stype { PL_S_STRING, PL_S_NUMBER, PL_S_INT, PL_S_BOOL, PL_S_NULL } pl_stype;

typedef struct pl_scalar {
    pl_stype type;
    const char *s;          /* PL_S_STRING */
    double d;               /* PL_S_NUMBER (finite) */
    long long i;            /* PL_S_INT; PL_S_BOOL: 0 or 1 */
} pl_scalar;

/* Text of a scalar for machine formats (JSON, CSV): numbers shortest-exact,
   booleans true/false, strings as they are, null as null_text. buf: 40 bytes. */
const char *pl__scalar_text(char *buf, const pl_scalar *v, const char *null_text);

typedef struct pl__tnode pl__tnode;
struct pl__tnode {
    pl_ekind kind;
    const char *key;          /* its name in the enclosing object, else NULL */
    const char *title;        /* containers: a heading for people, or NULL */
    pl_scalar v;              /* PL_E_SCALAR (v.s is the tree's own copy) */
    const char *const *cols;  /* PL_E_TABLE: the ncols column names */
    size_t ncols;
    pl__tnode *first;         /* children in order (a table's rows, a row's cells) */
    pl__tnode *next;          /* the next sibling */
    size_t n;                 /* number of children */
};

/*
** An emitter that writes nothing and keeps the description; the core checks
** it as for every format (pl_emitter_finish, then read it with pl__emitter_tree).
*/
int pl__emitter_new_tree(pl_emitter **out, pl_error *err);
/* The top-level values, linked by next (NULL: none). Borrowed from the
   emitter: valid until pl_emitter_free. */
const pl__tnode *pl__emitter_tree(const pl_emitter *e);
/* The first member of object obj named key, or NULL (also when obj is not an object). */
const pl__tnode *pl__tree_get(const pl__tnode *obj, const char *key);

#endif
