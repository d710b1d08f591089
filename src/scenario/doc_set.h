/* SPDX-License-Identifier: MIT */
/*
** doc_set.h: changes to a parsed document before it is read (--set, variants).
**
** A path names a place in the document by the file's own structure: keys of
** mappings, and entries of lists by their `id` (or, in a list whose entries
** have no id, by their number from 1): `positions.RUS.TERR.salience`,
** `actors.EUR.at_table`, `bodies.GUARANTOR_COUNCIL.quota`. Setting a path
** puts a node there: a missing mapping key is added (the reader then judges
** it like any key written in the file); a list entry must exist. A text value
** on a number written as a mapping ({value, low, high, ...}) replaces its
** `value` and keeps the rest, so the reader checks it against its range.
**
** The update is persistent: every container on the path is copied, so the
** tree before the change stays intact (each variant is checked against the
** document as written). Everything new lives in the document's arena.
*/
#ifndef PL_DOC_SET_H
#define PL_DOC_SET_H

#include "doc.h"
#include "parley/scenario.h"

/* Where a change was written, for its messages. */
typedef struct pl_doc_where {
    const char *file;     /* "--set PATH" (line 0), or the scenario file */
    int line, col;        /* the path's place in the file; 0 for --set */
    const char *prefix;   /* put before the message ("variant 'x': "), or "" */
} pl_doc_where;

/*
** *root with the node at path set to value. The key nodes it adds carry
** origin (NULL: they take the place in where). PL_EINPUT with the path's
** problem (an entry that does not exist, a path through a single value),
** PL_ENOMEM.
*/
int pl__doc_set(pl_doc *d, pl_doc_node **root, const char *path, pl_doc_node *value,
                const char *origin, const pl_doc_where *where, pl_error *err);

/*
** The root of v, a document parsed from a change's value, made part of d:
** v's nodes are marked with origin and lose their place (line and col in
** the value's own text mean nothing in the file), and d takes v's memory
** (v is left empty).
*/
pl_doc_node *pl__doc_adopt(pl_doc *d, pl_doc *v, const char *origin);

/*
** The root of d with opts' variant, then each of its changes, applied (as
** loading with opts reads it; read_variants.c); d as written stays intact.
** Errors as at load: an unknown variant, a change's bad path or value.
*/
int pl__doc_changed(pl_doc *d, const pl_load_opts *opts, pl_doc_node **out, pl_error *err);

#endif
