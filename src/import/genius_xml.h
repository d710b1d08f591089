/* SPDX-License-Identifier: MIT */
/*
** genius_xml.h: GENIUS XML files through libxml2, with positions.
**
** The bundled GENIUS files break XML in a few known ways (MODELS.md section
** 7): a comment before the XML declaration, a bare &, Windows-1252 bytes, no
** space between two attributes. The bytes are repaired before libxml2 sees
** them (each repair is a warning at the original line and column) and the
** repaired text is parsed strictly. Every element remembers where its start
** tag begins, so messages about an element or one of its attributes point at
** the original file's line and column.
*/
#ifndef PL_GENIUS_XML_H
#define PL_GENIUS_XML_H

#include <stddef.h>
#include <libxml/tree.h>
#include "parley/scenario.h"
#include "../core/arena.h"
#include "xml_read.h"

/* Where the repaired text and the original start to differ by a new amount. */
typedef struct pl__gx_map {
    size_t clean, orig;
} pl__gx_map;

typedef struct pl__gx {
    const char *file;          /* name in messages (borrowed) */
    const char *orig;          /* the bytes as given (borrowed) */
    size_t orig_len;
    char *clean;               /* repaired UTF-8 handed to libxml2 */
    size_t clean_len, clean_cap;
    pl__gx_map *map;           /* sorted by clean offset; map[0] is the start */
    size_t n_map, cap_map;
    xmlDocPtr doc;
    const pl_load_opts *opts;
    size_t n_warn;             /* warnings so far (shown up to a limit) */
    int oom;
    pl_error xml_err;          /* libxml2's first error, during the parse */
    pl__xml_quiet quiet;       /* libxml2's printing off until pl__gx_free */
} pl__gx;

/*
** Repair and parse data (named file; `what` is "domain" or "profile", for
** messages). On success g->doc holds the tree; pl__gx_free releases it.
*/
int pl__gx_parse(pl__gx *g, const char *data, size_t len, const char *file, const char *what,
                 const pl_load_opts *opts, pl_error *err);
void pl__gx_free(pl__gx *g);

/* PL_EINPUT at element n (at its attribute attr when not NULL). */
int pl__gx_fail(const pl__gx *g, pl_error *err, const xmlNode *n, const char *attr,
                const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/* A warning there, through opts->warn (the first few per file; then a count). */
void pl__gx_warn(pl__gx *g, const xmlNode *n, const char *attr, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* The count of warnings not shown, as one last warning; call once per file. */
void pl__gx_warn_summary(pl__gx *g);

/* Line of element n in the original file (for "see line N" hints). */
int pl__gx_line(const pl__gx *g, const xmlNode *n);

/* Is n an element called name? */
int pl__gx_is(const xmlNode *n, const char *name);
/* First element child of n called name (any element when name is NULL), or NULL. */
const xmlNode *pl__gx_child(const xmlNode *n, const char *name);
/* Next element sibling after n called name, or NULL. */
const xmlNode *pl__gx_next(const xmlNode *n, const char *name);
/* Attribute text copied into arena a; NULL when absent (or out of memory: *oom set). */
const char *pl__gx_attr(pl_arena *a, const xmlNode *n, const char *name, int *oom);
/* Text content of n copied into arena a. */
const char *pl__gx_text(pl_arena *a, const xmlNode *n, int *oom);

#endif
