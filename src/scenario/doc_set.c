/* SPDX-License-Identifier: MIT */
/*
** doc_set.c: set a path of a parsed document to a new node (see doc_set.h).
*/
#include "doc_set.h"
#include "../core/error_int.h"
#include "../core/suggest.h"
#include "../core/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SEGS PL_DOC_MAX_DEPTH

typedef struct setter {
    pl_doc *d;
    const char *path;
    const char *seg[MAX_SEGS + 1];  /* + 1: the `value` of a number (set_at) */
    size_t seglen[MAX_SEGS + 1];
    size_t nseg;
    pl_doc_node *value;
    const char *origin;
    const pl_doc_where *where;
    pl_error *err;
} setter;

static int fail(const setter *c, const char *fmt, ...) PL_PRINTF(2, 3);
static int fail(const setter *c, const char *fmt, ...)
{
    char msg[PL_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return pl__error_set(c->err, PL_EINPUT, c->where->file, c->where->line, c->where->col,
                         "%s%s", c->where->prefix, msg);
}

/* The path up to and including segment i, for messages. */
static int upto(const setter *c, size_t i)
{
    return (int)(c->seg[i] + c->seglen[i] - c->path);
}

static int split(setter *c)
{
    const char *p = c->path;
    for (;;) {
        size_t n = strcspn(p, ".");
        if (n == 0)
            return fail(c, "the path '%s' has an empty part; expected names separated by "
                        "single dots, like positions.RUS.TERR.salience", c->path);
        if (c->nseg == MAX_SEGS)
            return fail(c, "the path '%.60s...' has more than %d parts; expected a path "
                        "into the scenario", c->path, MAX_SEGS);
        c->seg[c->nseg] = p;
        c->seglen[c->nseg++] = n;
        if (!p[n])
            return PL_OK;
        p += n + 1;
    }
}

/*
** How many parts of the path from part i the scalar key spells (ids and keys
** may contain dots: "v1.2" is parts "v1" and "2"), 0 when it spells none.
*/
static size_t spells(const setter *c, size_t i, const pl_doc_node *key)
{
    if (key->type != PL_DOC_SCALAR)
        return 0;
    for (size_t k = i; k < c->nseg; k++) {
        size_t span = (size_t)(c->seg[k] + c->seglen[k] - c->seg[i]);
        if (span == key->len && memcmp(c->seg[i], key->text, span) == 0)
            return k - i + 1;
        if (span > key->len)
            break;
    }
    return 0;
}

static pl_doc_node *new_node(setter *c, pl_doc_type t)
{
    pl_doc_node *n = pl_arena_alloc(&c->d->arena, sizeof *n);
    if (!n)
        return NULL;
    n->type = t;
    n->origin = c->origin;
    if (!c->origin) {  /* written in the file: at the place of the change */
        n->line = c->where->line;
        n->col = c->where->col;
    }
    return n;
}

/* A copy of container n with room for extra more items (pairs count two). */
static pl_doc_node *copy_container(setter *c, const pl_doc_node *n, size_t extra)
{
    size_t items = (n->type == PL_DOC_MAP ? 2 * n->len : n->len) + extra;
    pl_doc_node *m = pl_arena_alloc(&c->d->arena, sizeof *m);
    pl_doc_node **it = pl_arena_array(&c->d->arena, items ? items : 1, sizeof *it);
    if (!m || !it)
        return NULL;
    *m = *n;
    if (items > extra)
        memcpy(it, n->items, (items - extra) * sizeof *it);
    m->items = it;
    return m;
}

static int set_at(setter *c, const pl_doc_node *n, size_t i, pl_doc_node **out);

static int no_entry(setter *c, const pl_doc_node *seq, size_t i)
{
    const char **ids = pl__mallocarray(seq->len ? seq->len : 1, sizeof *ids);
    if (!ids)
        return pl__error_nomem(c->err);
    size_t n = 0;
    for (size_t j = 0; j < seq->len; j++) {
        const pl_doc_node *id = pl_doc_entry_id(seq->items[j]);
        if (id)
            ids[n++] = id->text;
    }
    char word[80];
    snprintf(word, sizeof word, "%.*s", (int)c->seglen[i], c->seg[i]);
    const char *hint = pl_suggest(word, ids, n);
    char list[200] = "";
    for (size_t j = 0, used = 0; j < n && used < sizeof list - 1; j++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", j ? ", " : "",
                                 ids[j]);
    int rc;
    if (hint)
        rc = fail(c, "%.*s has no entry with id '%s'; did you mean '%s'?", upto(c, i - 1),
                  c->path, word, hint);
    else if (n)
        rc = fail(c, "%.*s has no entry with id '%s'; expected one of: %s", upto(c, i - 1),
                  c->path, word, list);
    else
        rc = fail(c, "%.*s is a list without ids; expected an entry number from 1 to %zu",
                  upto(c, i - 1), c->path, seq->len);
    free(ids);
    return rc;
}

/* Entry seg[i] of a list: the one with that id (the longest such), else the one with that
   number; *used: the parts of the path it takes. */
static int find_entry(setter *c, const pl_doc_node *seq, size_t i, size_t *at, size_t *used)
{
    *used = 0;
    for (size_t j = 0; j < seq->len; j++) {
        const pl_doc_node *id = pl_doc_entry_id(seq->items[j]);
        size_t k = id ? spells(c, i, id) : 0;
        if (k > *used) {
            *at = j;
            *used = k;
        }
    }
    if (*used)
        return PL_OK;
    size_t k = 0, d = 0;
    for (; d < c->seglen[i] && c->seg[i][d] >= '0' && c->seg[i][d] <= '9' && k <= seq->len; d++)
        k = 10 * k + (size_t)(c->seg[i][d] - '0');
    if (d == c->seglen[i] && k >= 1 && k <= seq->len) {
        *at = k - 1;
        *used = 1;
        return PL_OK;
    }
    return no_entry(c, seq, i);
}

static int set_in_seq(setter *c, const pl_doc_node *n, size_t i, pl_doc_node **out)
{
    size_t at = 0, used;
    pl_doc_node *child, *m;
    int rc = find_entry(c, n, i, &at, &used);
    if (!rc)
        rc = set_at(c, n->items[at], i + used, &child);
    if (rc)
        return rc;
    if (!(m = copy_container(c, n, 0)))
        return pl__error_nomem(c->err);
    m->items[at] = child;
    *out = m;
    return PL_OK;
}

static int set_in_map(setter *c, const pl_doc_node *n, size_t i, pl_doc_node **out)
{
    size_t at = n->len, used = 1;
    for (size_t j = 0; j < n->len; j++) {
        size_t k = spells(c, i, pl_doc_map_key(n, j));
        if (k && (at == n->len || k > used)) {
            at = j;
            used = k;
        }
    }
    pl_doc_node *child, *m, *key = NULL;
    int rc = set_at(c, at < n->len ? pl_doc_map_value(n, at) : NULL, i + used, &child);
    if (rc)
        return rc;
    if (!(m = copy_container(c, n, at < n->len ? 0 : 2)))
        return pl__error_nomem(c->err);
    if (at == n->len) {  /* a new key, written as if in the file */
        if (!(key = new_node(c, PL_DOC_SCALAR)) ||
            !(key->text = pl_arena_strndup(&c->d->arena, c->seg[i], c->seglen[i])))
            return pl__error_nomem(c->err);
        key->len = c->seglen[i];
        key->plain = 1;
        m->items[2 * at] = key;
        m->len++;
    }
    m->items[2 * at + 1] = child;
    *out = m;
    return PL_OK;
}

/* A number written as {value, ...} given a single value: its value is meant. */
static int is_value_map(const pl_doc_node *n)
{
    const pl_doc_node *v = n && n->type == PL_DOC_MAP ? pl_doc_map_get(n, "value") : NULL;
    return v && v->type == PL_DOC_SCALAR;
}

/* *out: n (NULL: absent) with the rest of the path, from segment i, set. */
static int set_at(setter *c, const pl_doc_node *n, size_t i, pl_doc_node **out)
{
    if (i == c->nseg) {
        if (c->value->type == PL_DOC_SCALAR && is_value_map(n)) {
            static const char value_key[] = "value";
            c->seg[c->nseg] = value_key;
            c->seglen[c->nseg++] = sizeof value_key - 1;
            return set_in_map(c, n, i, out);
        }
        *out = c->value;
        return PL_OK;
    }
    if (!n) {  /* under a key that is not there: a mapping to hold the rest */
        pl_doc_node *empty = new_node(c, PL_DOC_MAP);
        if (!empty || !(empty->items = pl_arena_array(&c->d->arena, 1, sizeof *empty->items)))
            return pl__error_nomem(c->err);
        n = empty;
    }
    if (n->type == PL_DOC_MAP)
        return set_in_map(c, n, i, out);
    if (n->type == PL_DOC_SEQ)
        return set_in_seq(c, n, i, out);
    return fail(c, "%.*s is a single value ('%.40s'), not a mapping or list; expected the "
                "path to end there", upto(c, i - 1), c->path, n->text);
}

int pl__doc_set(pl_doc *d, pl_doc_node **root, const char *path, pl_doc_node *value,
                const char *origin, const pl_doc_where *where, pl_error *err)
{
    setter c = {0};
    c.d = d;
    c.path = path;
    c.value = value;
    c.origin = origin;
    c.where = where;
    c.err = err;
    int rc = split(&c);
    if (rc)
        return rc;
    if (c.seglen[0] == 8 && memcmp(path, "variants", 8) == 0)
        return fail(&c, "the path '%s' is inside the variants; expected a path outside "
                    "'variants' (a change cannot change the variants)", path);
    if (!*root || (*root)->type != PL_DOC_MAP)
        return PL_OK;  /* the reader says what the document should be */
    pl_doc_node *out;
    if ((rc = set_at(&c, *root, 0, &out)) == PL_OK)
        *root = out;
    return rc;
}

/* Mark n and what it holds; a node met again (an alias) is marked already. */
static void mark(pl_doc_node *n, const char *origin)
{
    if (n->origin)
        return;
    n->origin = origin;
    n->line = n->col = 0;
    if (n->type != PL_DOC_SCALAR)
        for (size_t j = 0; j < (n->type == PL_DOC_MAP ? 2 * n->len : n->len); j++)
            mark(n->items[j], origin);
}

pl_doc_node *pl__doc_adopt(pl_doc *d, pl_doc *v, const char *origin)
{
    pl_doc_node *root = v->root;
    if (root)
        mark(root, origin);
    pl_arena_adopt(&d->arena, &v->arena);
    v->root = NULL;
    return root;
}
