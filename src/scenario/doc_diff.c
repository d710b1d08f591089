/* SPDX-License-Identifier: MIT */
/*
** doc_diff.c: the differences between two document trees, by path (doc_diff.h).
*/
#include "doc_diff.h"

#include <stdio.h>
#include <string.h>

#define PATH_MAX_BYTES 1024

typedef struct differ {
    char path[PATH_MAX_BYTES];
    pl_doc_diff_fn fn;
    void *payload;
} differ;

static const char *shown(const pl_doc_node *n)
{
    if (!n)
        return NULL;
    return n->type == PL_DOC_MAP ? "(a mapping)" : n->type == PL_DOC_SEQ ? "(a list)" : n->text;
}

static int node(differ *d, const pl_doc_node *a, const pl_doc_node *b);

/* Into the part `part` of the path (len: the path's length before it), then back. */
static int part(differ *d, size_t len, const char *part, const pl_doc_node *a,
                const pl_doc_node *b)
{
    snprintf(d->path + len, sizeof d->path - len, "%s%s", len ? "." : "", part);
    int rc = node(d, a, b);
    d->path[len] = '\0';
    return rc;
}

static int maps(differ *d, const pl_doc_node *a, const pl_doc_node *b)
{
    size_t len = strlen(d->path);
    int rc = 0;
    for (size_t i = 0; !rc && i < a->len; i++)
        rc = part(d, len, pl_doc_map_key(a, i)->text, pl_doc_map_value(a, i),
                  pl_doc_map_get(b, pl_doc_map_key(a, i)->text));
    for (size_t i = 0; !rc && i < b->len; i++)
        if (!pl_doc_map_get(a, pl_doc_map_key(b, i)->text))
            rc = part(d, len, pl_doc_map_key(b, i)->text, NULL, pl_doc_map_value(b, i));
    return rc;
}

/* Entry of seq with the id text, or NULL. */
static const pl_doc_node *with_id(const pl_doc_node *seq, const char *text)
{
    for (size_t j = 0; j < seq->len; j++) {
        const pl_doc_node *id = pl_doc_entry_id(seq->items[j]);
        if (id && strcmp(id->text, text) == 0)
            return seq->items[j];
    }
    return NULL;
}

static int seqs(differ *d, const pl_doc_node *a, const pl_doc_node *b)
{
    size_t len = strlen(d->path);
    char num[24];
    int rc = 0, ids = a->len > 0 || b->len > 0;
    for (size_t i = 0; i < a->len; i++)
        ids &= pl_doc_entry_id(a->items[i]) != NULL;
    for (size_t i = 0; i < b->len; i++)
        ids &= pl_doc_entry_id(b->items[i]) != NULL;
    if (!ids) {  /* by position */
        size_t n = a->len > b->len ? a->len : b->len;
        for (size_t i = 0; !rc && i < n; i++) {
            snprintf(num, sizeof num, "%zu", i + 1);
            rc = part(d, len, num, i < a->len ? a->items[i] : NULL,
                      i < b->len ? b->items[i] : NULL);
        }
        return rc;
    }
    for (size_t i = 0; !rc && i < a->len; i++) {
        const pl_doc_node *id = pl_doc_entry_id(a->items[i]);  /* not NULL: ids above */
        if (id)
            rc = part(d, len, id->text, a->items[i], with_id(b, id->text));
    }
    for (size_t i = 0; !rc && i < b->len; i++) {
        const pl_doc_node *id = pl_doc_entry_id(b->items[i]);
        if (id && !with_id(a, id->text))
            rc = part(d, len, id->text, NULL, b->items[i]);
    }
    return rc;
}

/*
** A scalar against a number written as a mapping ({value, low, high, note, ...})
** means the same as {value: scalar}: the value is compared at the number's own
** path (as --set names it) and the mapping's other keys against nothing, so
** adding a note to 30 while making it 31 reads "30 -> 31" and "note: - -> ...",
** not "30 -> (a mapping)". flip: the mapping is a (the scalar b).
*/
static int scalar_and_value_map(differ *d, const pl_doc_node *scalar, const pl_doc_node *map,
                                int flip)
{
    size_t len = strlen(d->path);
    const pl_doc_node *v = pl_doc_map_get(map, "value");
    int rc = flip ? node(d, v, scalar) : node(d, scalar, v);
    for (size_t i = 0; !rc && i < map->len; i++) {
        const char *key = pl_doc_map_key(map, i)->text;
        if (strcmp(key, "value") != 0)
            rc = flip ? part(d, len, key, pl_doc_map_value(map, i), NULL)
                      : part(d, len, key, NULL, pl_doc_map_value(map, i));
    }
    return rc;
}

static int is_value_map(const pl_doc_node *n)
{
    return n && n->type == PL_DOC_MAP && pl_doc_map_get(n, "value") &&
           pl_doc_map_get(n, "value")->type == PL_DOC_SCALAR;
}

static int node(differ *d, const pl_doc_node *a, const pl_doc_node *b)
{
    if (a && b && a->type == PL_DOC_SCALAR && is_value_map(b))
        return scalar_and_value_map(d, a, b, 0);
    if (a && b && b->type == PL_DOC_SCALAR && is_value_map(a))
        return scalar_and_value_map(d, b, a, 1);
    if (a && b && a->type == b->type) {
        if (a->type == PL_DOC_MAP)
            return maps(d, a, b);
        if (a->type == PL_DOC_SEQ)
            return seqs(d, a, b);
        if (a->len == b->len && memcmp(a->text, b->text, a->len) == 0)
            return 0;
    }
    if (!a && !b)
        return 0;
    return d->fn(d->path[0] ? d->path : "(the document)", shown(a), shown(b), d->payload);
}

int pl__doc_diff(const pl_doc_node *a, const pl_doc_node *b, pl_doc_diff_fn fn, void *payload)
{
    differ d;
    d.path[0] = '\0';
    d.fn = fn;
    d.payload = payload;
    return node(&d, a, b);
}
