/* SPDX-License-Identifier: MIT */
/*
** schema.h: typed reading of document nodes with precise messages.
**
** Every getter takes `what`, the thing being read in words ("capability of
** actor 'RUS'"), and on failure fills the error as
**   FILE:LINE:COL: <what> is <what was found>; expected <what is allowed>
** at the node's position, and returns PL_EINPUT.
*/
#ifndef PL_SCHEMA_H
#define PL_SCHEMA_H

#include "doc.h"
#include "parley/scenario.h"

#define PL_ID_MAX 64
#define PL_TEXT_MAX 10000

typedef struct pl_rd {
    const char *file;
    pl_error *err;            /* gets the first error found */
    pl_arena *arena;          /* where strings are copied */
    unsigned flags;           /* PL_LOAD_* */
    void (*warn)(const pl_error *w, void *payload);
    void *payload;
    pl_error_list *list;      /* every error, when the caller collects them; else NULL */
    size_t n_errors;          /* errors found so far */
    const pl_doc_node *typo;  /* the last mapping with an unknown key (see pl_rd_need) */
} pl_rd;

/*
** An error at n: the first one goes to r->err, each one to r->list. Warnings
** after an error are dropped: the file must change anyway, and a warning
** would come before the error it follows on stderr.
*/
int pl_rd_fail(pl_rd *r, const pl_doc_node *n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void pl_rd_warn(pl_rd *r, const pl_doc_node *n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Short quoted rendering of what a node holds, for messages: '"big"', 'a list'. */
const char *pl_rd_got(const pl_doc_node *n, char *buf, size_t size);

/* The node must be a mapping / list; `expect` completes "expected ...". */
int pl_rd_map(pl_rd *r, const pl_doc_node *n, const char *what, const char *expect);
int pl_rd_seq(pl_rd *r, const pl_doc_node *n, const char *what, const char *expect);

/*
** Going on after an error. rc (a reading's status) is kept in *acc, which
** holds the first failure (or an out-of-memory that follows it); returns 1
** when the caller must stop and return *acc: after any failure, unless the
** caller collects every error, rc is an input error and the list has room.
*/
int pl_rd_stop(pl_rd *r, int *acc, int rc);

/* Every key of map must be one of allowed[n]; else "unknown key" with a hint (each
   unknown key when collecting). */
int pl_rd_keys(pl_rd *r, const pl_doc_node *map, const char *const *allowed, size_t n,
               const char *where);
/* A required key's value, or an error at the map naming the missing key; when the map
   has an unknown key (likely this one misspelt) the failure is silent, its error given. */
int pl_rd_need(pl_rd *r, const pl_doc_node *map, const char *key, const char *where,
               const char *expect, pl_doc_node **out);

/* 1 if n is a plain scalar that reads as a decimal number (into *out). */
int pl_rd_is_number(const pl_doc_node *n, double *out);
int pl_rd_number(pl_rd *r, const pl_doc_node *n, const char *what, double lo, double hi,
                 double *out);
/* As pl_rd_number for a mapping key: a quoted number is accepted too, since
   JSON object keys are always strings. */
int pl_rd_key_number(pl_rd *r, const pl_doc_node *n, const char *what, double lo, double hi,
                     double *out);
int pl_rd_bool(pl_rd *r, const pl_doc_node *n, const char *what, int *out);
int pl_rd_text(pl_rd *r, const pl_doc_node *n, const char *what, const char **out);
int pl_rd_id(pl_rd *r, const pl_doc_node *n, const char *what, const char **out);

/* Provenance inherited from an enclosing entry (position entries). */
typedef struct pl_rd_prov {
    const char *source, *note;
} pl_rd_prov;

/*
** A number, plain or as {value, low, high, dist, sd, source, note}, within
** [lo, hi]. With PL_LOAD_REQUIRE_SOURCES it must have a source or note of its
** own or inherited (inherit may be NULL).
*/
int pl_rd_value(pl_rd *r, const pl_doc_node *n, const char *what, double lo, double hi,
                const pl_rd_prov *inherit, pl_value *out);

#endif
