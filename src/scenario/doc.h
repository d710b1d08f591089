/* SPDX-License-Identifier: MIT */
/*
** doc.h: a parsed YAML/JSON document as a small tree whose every node knows
** its line and column. libfyaml 0.7 gives positions for events but not for
** mapping or sequence nodes, so the tree is built from its event stream.
** The tree lives in one arena; aliases point at the anchored node (shared).
*/
#ifndef PL_DOC_H
#define PL_DOC_H

#include <stddef.h>
#include "parley/error.h"
#include "../core/arena.h"

#define PL_DOC_MAX_DEPTH 64

/* ---- reading inputs (read_file.c) ---------------------------------------- */

/*
** The whole input at path ("-": standard input) into a malloc'd, NUL-terminated
** *data, at most max bytes (0: PL_INPUT_MAX_DEFAULT); above it PL_EINPUT naming
** the limit (a regular file is refused before it is read).
*/
int pl__read_input(const char *path, size_t max, char **data, size_t *size, pl_error *err);
/* The same with the default limit. */
int pl__read_whole_file(const char *path, char **data, size_t *size, pl_error *err);
/* The name of path in messages: "<stdin>" for "-". */
const char *pl__input_name(const char *path);
/* A limit as given (0: the default) into *max; PL_EMISUSE above PL_INPUT_MAX_CEILING. */
int pl__input_limit(size_t *max, pl_error *err);
/* The error for an input named name that passes the limit max. */
int pl__input_too_big(pl_error *err, const char *name, size_t max);

typedef enum pl_doc_type { PL_DOC_SCALAR, PL_DOC_MAP, PL_DOC_SEQ } pl_doc_type;

typedef struct pl_doc_node pl_doc_node;
struct pl_doc_node {
    pl_doc_type type;
    int plain;            /* scalar written plain (unquoted): may be a number, bool, null */
    int line, col;        /* 1-based */
    size_t len;           /* scalar: bytes; seq: items; map: pairs */
    const char *text;     /* scalar text, NUL-terminated (may contain no NUL) */
    pl_doc_node **items;  /* seq: len items; map: 2*len, key then value */
    /* NULL for a node of the document; for one a change put there (doc_set.h), what
       messages name instead of the file ("--set PATH"), with line and col 0 */
    const char *origin;
};

typedef struct pl_doc {
    pl_arena arena;
    pl_doc_node *root;    /* NULL for an empty document */
    const char *name;     /* for messages; borrowed */
} pl_doc;

enum { PL_DOC_JSON = 1 };  /* flags */

/* Parse; on error fills err with name:line:col and returns PL_EINPUT/PL_ENOMEM. */
int pl_doc_parse(pl_doc *d, const char *data, size_t len, const char *name,
                 unsigned flags, pl_error *err);
void pl_doc_free(pl_doc *d);

/* Map helpers. */
pl_doc_node *pl_doc_map_key(const pl_doc_node *map, size_t i);
pl_doc_node *pl_doc_map_value(const pl_doc_node *map, size_t i);
/* Value under key, or NULL. O(pairs). */
pl_doc_node *pl_doc_map_get(const pl_doc_node *map, const char *key);
/* The `id` scalar of list entry e (a mapping), or NULL when it has none. */
const pl_doc_node *pl_doc_entry_id(const pl_doc_node *e);

/* Name of a node's type for messages: "a mapping", "a list", "text", "a number"... */
const char *pl_doc_describe(const pl_doc_node *n);

#endif
