/* SPDX-License-Identifier: MIT */
/*
** doc.c: build a positioned tree from libfyaml's event stream (see doc.h).
**
** Checks made here, before any schema is applied: the bytes are UTF-8
** without NUL, there is exactly one document, nesting stays within
** PL_DOC_MAX_DEPTH, mapping keys are scalars and unique, aliases name a
** finished anchor. libfyaml's own syntax errors are collected (not printed)
** and reported with its line and column.
*/
#include "doc.h"
#include "parley/input.h"
#include "../core/utf8.h"
#include "../core/error_int.h"
#include "../core/alloc.h"

#include <libfyaml.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- building state ---------------------------------------------------- */

typedef struct frame {
    pl_doc_node *node;
    size_t first;          /* index of its first child on the child stack */
    const char *anchor;    /* anchor to register when the node is complete */
    size_t anchor_len;
} frame;

typedef struct anchor_ent {
    const char *name;
    size_t len;
    pl_doc_node *node;
} anchor_ent;

typedef struct builder {
    pl_doc *doc;
    pl_error *err;
    frame stack[PL_DOC_MAX_DEPTH + 1];
    int depth;
    pl_doc_node **kids;    /* children of all open containers, in order */
    size_t nkids, capkids;
    anchor_ent *anchors;
    size_t nanchors, capanchors;
    int documents;
    int after_end;         /* a second document began without '---': report its first node */
} builder;

static int fail_at(builder *b, int line, int col, const char *fmt, ...) PL_PRINTF(4, 5);
static int fail_at(builder *b, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = pl__error_vset(b->err, PL_EINPUT, b->doc->name, line, col, fmt, ap);
    va_end(ap);
    return rc;
}

static int push_kid(builder *b, pl_doc_node *n)
{
    pl_doc_node **grown = pl__grow(b->kids, &b->capkids, b->nkids + 1, sizeof *grown, 256);
    if (!grown)
        return pl__error_nomem(b->err);
    b->kids = grown;
    b->kids[b->nkids++] = n;
    return PL_OK;
}

static void mark_of(struct fy_event *ev, int *line, int *col)
{
    const struct fy_mark *m = fy_event_start_mark(ev);
    *line = m ? m->line + 1 : 0;
    *col = m ? m->column + 1 : 0;
}

static pl_doc_node *new_node(builder *b, pl_doc_type t, struct fy_event *ev)
{
    pl_doc_node *n = pl_arena_alloc(&b->doc->arena, sizeof *n);
    if (!n) {
        pl__error_nomem(b->err);
        return NULL;
    }
    n->type = t;
    mark_of(ev, &n->line, &n->col);
    return n;
}

static int add_anchor(builder *b, const char *name, size_t len, pl_doc_node *n)
{
    anchor_ent *grown = pl__grow(b->anchors, &b->capanchors, b->nanchors + 1, sizeof *grown, 16);
    if (!grown)
        return pl__error_nomem(b->err);
    b->anchors = grown;
    /* A later anchor of the same name shadows the earlier one (YAML 1.2). */
    b->anchors[b->nanchors++] = (anchor_ent){name, len, n};
    return PL_OK;
}

static pl_doc_node *find_anchor(builder *b, const char *name, size_t len)
{
    for (size_t i = b->nanchors; i-- > 0;)
        if (b->anchors[i].len == len && memcmp(b->anchors[i].name, name, len) == 0)
            return b->anchors[i].node;
    return NULL;
}

/* ---- duplicate keys ---------------------------------------------------- */

static int cmp_key(const void *pa, const void *pb)
{
    const pl_doc_node *a = *(pl_doc_node *const *)pa, *b = *(pl_doc_node *const *)pb;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->text, b->text, n);
    if (c)
        return c;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    /* equal keys: order by position so the later one is reported */
    return (a->line != b->line) ? (a->line < b->line ? -1 : 1)
                                : (a->col < b->col ? -1 : a->col > b->col);
}

static int same_key(const pl_doc_node *a, const pl_doc_node *b)
{
    return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

static int check_dup_keys(builder *b, pl_doc_node *map)
{
    size_t n = map->len;
    if (n < 2)
        return PL_OK;
    const pl_doc_node *dup = NULL, *first = NULL;
    if (n <= 16) {
        for (size_t i = 1; i < n && !dup; i++)
            for (size_t j = 0; j < i; j++)
                if (same_key(map->items[2 * i], map->items[2 * j])) {
                    dup = map->items[2 * i];
                    first = map->items[2 * j];
                    break;
                }
    } else {
        /* Sort a copy of the keys: O(n log n) for big mappings (10,000 actors). */
        pl_doc_node **keys = malloc(n * sizeof *keys);
        if (!keys)
            return pl__error_nomem(b->err);
        for (size_t i = 0; i < n; i++)
            keys[i] = map->items[2 * i];
        qsort(keys, n, sizeof *keys, cmp_key);
        for (size_t i = 1; i < n; i++)
            if (same_key(keys[i], keys[i - 1]) &&
                (!dup || keys[i]->line < dup->line ||
                 (keys[i]->line == dup->line && keys[i]->col < dup->col))) {
                dup = keys[i];
                first = keys[i - 1];
            }
        free(keys);
    }
    if (!dup)
        return PL_OK;
    return pl__error_set(b->err, PL_EINPUT, b->doc->name, dup->line, dup->col,
                         "duplicate key '%s' (first given at line %d); expected each key once",
                         dup->text, first->line);
}

/* ---- events ------------------------------------------------------------ */

static int attach(builder *b, pl_doc_node *n)
{
    if (b->depth == 0) {
        if (n->line == 0) {
            n->line = 1;
            n->col = 1;
        }
        b->doc->root = n;
        return PL_OK;
    }
    frame *f = &b->stack[b->depth - 1];
    if (f->node->type == PL_DOC_MAP && ((b->nkids - f->first) % 2) == 0 &&
        n->type != PL_DOC_SCALAR)
        return fail_at(b, n->line, n->col, "%s", "a mapping key must be plain text, "
                       "not a list or mapping; expected 'key: value'");
    if (n->line == 0) {
        /* libfyaml gives no mark for an empty (null) scalar: use its key's
           place in a mapping, else its container's */
        const pl_doc_node *near = (f->node->type == PL_DOC_MAP && b->nkids > f->first)
                                      ? b->kids[b->nkids - 1] : f->node;
        n->line = near->line;
        n->col = near->col;
    }
    if (f->node->line == 0) {  /* implicit block start: take the first child's place */
        f->node->line = n->line;
        f->node->col = n->col;
    }
    return push_kid(b, n);
}

/*
** A tag ("!!str 80", "!foo") asks for a type or meaning of its own; the
** schema already gives every value its type, so a tag is refused where it
** stands rather than silently ignored.
*/
static int refuse_tag(builder *b, struct fy_token *tag, const pl_doc_node *n)
{
    if (!tag)
        return PL_OK;
    const struct fy_mark *m = fy_token_start_mark(tag);
    size_t hl = 0, sl = 0;
    const char *h = fy_tag_token_handle(tag, &hl), *s = fy_tag_token_suffix(tag, &sl);
    return fail_at(b, m ? m->line + 1 : n->line, m ? m->column + 1 : n->col,
                   "a YAML tag '%.*s%.*s'; expected a value without a tag (the format gives "
                   "every value its type)", (int)(hl < 20 ? hl : 20), h ? h : "",
                   (int)(sl < 60 ? sl : 60), s ? s : "");
}

static int open_container(builder *b, pl_doc_type t, struct fy_event *ev,
                          struct fy_token *anchor, struct fy_token *tag)
{
    pl_doc_node *n = new_node(b, t, ev);
    if (!n)
        return PL_ENOMEM;
    if (tag)
        return refuse_tag(b, tag, n);
    if (b->depth >= PL_DOC_MAX_DEPTH)
        return pl__error_set(b->err, PL_EINPUT, b->doc->name, n->line, n->col,
                             "nesting deeper than %d levels; expected a flatter document",
                             PL_DOC_MAX_DEPTH);
    int rc = attach(b, n);
    if (rc)
        return rc;
    frame *f = &b->stack[b->depth++];
    f->node = n;
    f->first = b->nkids;
    f->anchor = anchor ? fy_token_get_text(anchor, &f->anchor_len) : NULL;
    return PL_OK;
}

static int close_container(builder *b)
{
    frame *f = &b->stack[--b->depth];
    pl_doc_node *n = f->node;
    size_t cnt = b->nkids - f->first;
    n->items = pl_arena_array(&b->doc->arena, cnt ? cnt : 1, sizeof *n->items);
    if (!n->items)
        return pl__error_nomem(b->err);
    if (cnt) /* an empty container may come before any child was ever stored (kids NULL) */
        memcpy(n->items, b->kids + f->first, cnt * sizeof *n->items);
    b->nkids = f->first;
    n->len = n->type == PL_DOC_MAP ? cnt / 2 : cnt;
    if (n->type == PL_DOC_MAP) {
        int rc = check_dup_keys(b, n);
        if (rc)
            return rc;
    }
    return f->anchor ? add_anchor(b, f->anchor, f->anchor_len, n) : PL_OK;
}

/*
** The scalar's text, copied into the arena. Read chunk by chunk through a
** token iterator: fy_token_get_text() of libfyaml 0.7.12 leaks its work
** buffer on scalars with many escapes (found by the fuzzer: 'a''b...').
*/
static char *scalar_text(pl_arena *a, struct fy_token *t, size_t *len)
{
    struct fy_token_iter *it = fy_token_iter_create(t);
    const struct fy_iter_chunk *c = NULL;
    char *buf = NULL, *out = NULL;
    size_t used = 0, cap = 0;
    int err = 0;
    if (!it)
        return NULL;
    while ((c = fy_token_iter_chunk_next(it, c, &err)) != NULL) {
        char *nb = c->len < SIZE_MAX - 1 - used
                       ? pl__grow(buf, &cap, used + c->len + 1, 1, 64)
                       : NULL;
        if (!nb)
            goto done;
        buf = nb;
        memcpy(buf + used, c->str, c->len);
        used += c->len;
    }
    if (!err) {
        out = pl_arena_strndup(a, buf ? buf : "", used);
        *len = used;
    }
done:
    free(buf);
    fy_token_iter_destroy(it);
    return out;
}

static int on_scalar(builder *b, struct fy_event *ev)
{
    pl_doc_node *n = new_node(b, PL_DOC_SCALAR, ev);
    if (!n)
        return PL_ENOMEM;
    if (ev->scalar.tag)
        return refuse_tag(b, ev->scalar.tag, n);
    size_t len = 0;
    if (!(n->text = scalar_text(&b->doc->arena, ev->scalar.value, &len)))
        return pl__error_nomem(b->err);
    if (memchr(n->text, '\0', len))
        return fail_at(b, n->line, n->col, "%s",
                       "text contains a NUL character; expected text without \\0 escapes");
    n->len = len;
    n->plain = fy_token_scalar_style(ev->scalar.value) == FYSS_PLAIN;
    int rc = attach(b, n);
    if (rc)
        return rc;
    if (ev->scalar.anchor) {
        size_t alen;
        const char *a = fy_token_get_text(ev->scalar.anchor, &alen);
        return add_anchor(b, a, alen, n);
    }
    return PL_OK;
}

static int on_alias(builder *b, struct fy_event *ev)
{
    int line, col;
    mark_of(ev, &line, &col);
    size_t len = 0;
    const char *name = fy_token_get_text(ev->alias.anchor, &len);
    pl_doc_node *n = name ? find_anchor(b, name, len) : NULL;
    if (!n) {
        char tmp[80];
        size_t k = len < sizeof tmp - 1 ? len : sizeof tmp - 1;
        memcpy(tmp, name ? name : "", k);
        tmp[k] = '\0';
        return fail_at(b, line, col, "alias '*%s' does not name a complete anchor defined "
                       "before it; expected '&name' earlier in the file", tmp);
    }
    return attach(b, n);
}

/* A second document: at its '---', or where its first node starts when it
   began without one (text after a '...' end marker). */
static int second_document(builder *b, struct fy_event *ev)
{
    int line, col;
    mark_of(ev, &line, &col);
    if (ev->type == FYET_DOCUMENT_START && (ev->document_start.implicit || line == 0)) {
        b->after_end = 1;  /* no '---' and so no place: wait for the node */
        return PL_OK;
    }
    if (ev->type == FYET_DOCUMENT_START)
        return fail_at(b, line, col, "%s", "a second YAML document ('---'); "
                       "expected one document per file");
    return fail_at(b, line ? line : 1, line ? col : 1, "%s", "text after the end of the "
                   "document ('...'); expected one document per file");
}

static int on_event(builder *b, struct fy_event *ev)
{
    if ((ev->type == FYET_DOCUMENT_START && ++b->documents > 1) ||
        (b->after_end && ev->type != FYET_DOCUMENT_END && ev->type != FYET_STREAM_END))
        return second_document(b, ev);
    switch (ev->type) {
    case FYET_MAPPING_START:
        return open_container(b, PL_DOC_MAP, ev, ev->mapping_start.anchor,
                              ev->mapping_start.tag);
    case FYET_SEQUENCE_START:
        return open_container(b, PL_DOC_SEQ, ev, ev->sequence_start.anchor,
                              ev->sequence_start.tag);
    case FYET_MAPPING_END:
    case FYET_SEQUENCE_END:
        return close_container(b);
    case FYET_SCALAR:
        return on_scalar(b, ev);
    case FYET_ALIAS:
        return on_alias(b, ev);
    default:
        return PL_OK;
    }
}

/* ---- libfyaml diagnostics ---------------------------------------------- */

/*
** In event mode libfyaml 0.7 does not collect errors (FYPCF_COLLECT_DIAG
** only works for documents); it prints them through the diag output
** function as "NAME:LINE:COL: error: MESSAGE" followed by the source line.
** We capture the first such line instead of letting it reach stderr.
*/
typedef struct diag_capture {
    int line, col;
    char msg[256];
} diag_capture;

static void capture(struct fy_diag *diag, void *user, const char *buf, size_t len)
{
    (void)diag;
    diag_capture *c = user;
    if (c->msg[0] || len == 0)
        return;
    char text[512];
    size_t n = len < sizeof text - 1 ? len : sizeof text - 1;
    memcpy(text, buf, n);
    text[n] = '\0';
    char *err = strstr(text, ": error: ");
    if (!err)
        return;
    *err = '\0';
    /* back over ":COL" and ":LINE" */
    char *colp = strrchr(text, ':');
    if (!colp)
        return;
    *colp = '\0';
    char *linep = strrchr(text, ':');
    if (!linep)
        return;
    c->line = atoi(linep + 1);
    c->col = atoi(colp + 1);
    snprintf(c->msg, sizeof c->msg, "%s", err + 9);
    size_t m = strlen(c->msg);
    while (m > 0 && (c->msg[m - 1] == '\n' || c->msg[m - 1] == '\r'))
        c->msg[--m] = '\0';
}

static int syntax_error(builder *b, const diag_capture *c, int json)
{
    const char *lang = json ? "JSON" : "YAML";
    if (json && strcmp(c->msg, "missing document start") == 0) /* libfyaml's words for it */
        return pl__error_set(b->err, PL_EINPUT, b->doc->name, c->line, c->col, "%s",
                             "text after the end of the JSON value; expected one value per file");
    if (c->msg[0])
        return pl__error_set(b->err, PL_EINPUT, b->doc->name, c->line, c->col,
                             "%s syntax error: %s; expected valid %s", lang, c->msg, lang);
    return pl__error_set(b->err, PL_EINPUT, b->doc->name, 1, 1, "%s syntax error; expected "
                         "valid %s", lang, lang);
}

static int run_parser(builder *b, const char *data, size_t len, unsigned flags)
{
    diag_capture cap;
    memset(&cap, 0, sizeof cap);
    struct fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    dcfg.output_fn = capture;
    dcfg.user = &cap;
    dcfg.colorize = false;
    dcfg.show_source = false;
    struct fy_diag *diag = fy_diag_create(&dcfg);
    if (!diag)
        return pl__error_nomem(b->err);
    /* Collect errors rather than print them: printing draws the source line with
       carets, and libfyaml 0.7.12 overruns a stack buffer doing so for long lines
       (found by the fuzzer). */
    fy_diag_set_collect_errors(diag, true);
    struct fy_parse_cfg cfg = {0};
    cfg.flags = FYPCF_DISABLE_DEPTH_LIMIT |
                FYPCF_DEFAULT_VERSION_1_2 |
                ((flags & PL_DOC_JSON) ? FYPCF_JSON_FORCE : FYPCF_JSON_NONE);
    cfg.diag = diag;
    struct fy_parser *fyp = fy_parser_create(&cfg);
    int rc = PL_OK;
    if (!fyp || fy_parser_set_string(fyp, data, len) != 0)
        rc = pl__error_nomem(b->err);
    struct fy_event *ev;
    while (rc == PL_OK && (ev = fy_parser_parse(fyp)) != NULL) {
        rc = on_event(b, ev);
        fy_parser_event_free(fyp, ev);
    }
    if (rc == PL_OK && fy_parser_get_stream_error(fyp)) {
        void *it = NULL;
        struct fy_diag_error *e = fy_diag_errors_iterate(diag, &it);
        if (e && e->msg && !cap.msg[0]) {
            cap.line = e->line;
            cap.col = e->column;
            snprintf(cap.msg, sizeof cap.msg, "%s", e->msg);
        }
        /* libfyaml reports every syntax error it finds; a stream error without a
           report is one of its allocations failing, not the input's fault */
        rc = cap.msg[0] ? syntax_error(b, &cap, (flags & PL_DOC_JSON) != 0)
                        : pl__error_nomem(b->err);
    }
    fy_parser_destroy(fyp);
    fy_diag_destroy(diag);
    return rc;
}

/* ---- entry points ------------------------------------------------------ */

int pl_doc_parse(pl_doc *d, const char *data, size_t len, const char *name,
                 unsigned flags, pl_error *err)
{
    memset(d, 0, sizeof *d);
    pl_arena_init(&d->arena);
    d->name = name;
    /* the loaders apply the caller's limit; this one keeps every position within an int */
    if (len > PL_INPUT_MAX_CEILING)
        return pl__input_too_big(err, name, PL_INPUT_MAX_CEILING);
    int rc = pl_utf8_check(data, len, name, err);
    if (rc)
        return rc;
    builder b = {0};
    b.doc = d;
    b.err = err;
    rc = run_parser(&b, data, len, flags);
    free(b.kids);
    free(b.anchors);
    return rc;
}

void pl_doc_free(pl_doc *d)
{
    if (d)
        pl_arena_free(&d->arena);
}

pl_doc_node *pl_doc_map_key(const pl_doc_node *map, size_t i) { return map->items[2 * i]; }
pl_doc_node *pl_doc_map_value(const pl_doc_node *map, size_t i) { return map->items[2 * i + 1]; }

pl_doc_node *pl_doc_map_get(const pl_doc_node *map, const char *key)
{
    size_t klen = strlen(key);
    for (size_t i = 0; i < map->len; i++) {
        const pl_doc_node *k = map->items[2 * i];
        if (k->len == klen && memcmp(k->text, key, klen) == 0)
            return map->items[2 * i + 1];
    }
    return NULL;
}

const char *pl_doc_describe(const pl_doc_node *n)
{
    if (!n)
        return "nothing";
    if (n->type == PL_DOC_MAP)
        return "a mapping";
    if (n->type == PL_DOC_SEQ)
        return "a list";
    return n->plain ? "a plain scalar" : "quoted text";
}

const pl_doc_node *pl_doc_entry_id(const pl_doc_node *e)
{
    const pl_doc_node *id = e && e->type == PL_DOC_MAP ? pl_doc_map_get(e, "id") : NULL;
    return id && id->type == PL_DOC_SCALAR ? id : NULL;
}
