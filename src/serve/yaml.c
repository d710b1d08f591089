/* SPDX-License-Identifier: MIT */
/*
** yaml.c: POST /api/yaml, the scenario text with the request's changes written
** into it. The text is parsed into the positioned tree, the changes applied as
** loading applies them (pl__doc_changed: containers on a changed path are
** copied, the rest shared), and the two trees walked together: a value that
** differs is replaced where the file wrote it, a key the changes add is
** inserted before the first key of its mapping. Everything else, comments and
** notes included, is the file's own bytes. The result is loaded again before it
** is answered, and must give the scenario the changes give. POST /api/save
** writes that text into --save-dir, under the download's name.
*/
#include "serve_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../core/alloc.h"
#include "../core/error_int.h"
#include "../core/fmt.h"
#include "../scenario/doc_set.h"

typedef struct edit {
    size_t at, cut;           /* replace text[at, at + cut) */
    char *with;               /* by this (malloc'd) */
} edit;

typedef struct edits {
    const char *text;
    size_t len;
    int json;                 /* the file is JSON: keys and text quoted as JSON */
    edit *e;
    size_t n, cap;
    int failed;               /* out of memory */
    const pl_doc_node *cannot;  /* a change this cannot write in place */
} edits;

/* Byte offset of (line, col), col counted in characters; len when past the end. */
static size_t offset_of(const char *t, size_t len, int line, int col)
{
    size_t i = 0;
    for (int l = 1; l < line && i < len; i++)
        if (t[i] == '\n')
            l++;
    for (int c = 1; c < col && i < len && t[i] != '\n'; c++)
        do
            i++;
        while (i < len && ((unsigned char)t[i] & 0xC0) == 0x80);
    return i;
}

/* Where node n's text starts: libfyaml places a quoted scalar after its quote. */
static size_t start_of(const edits *E, const pl_doc_node *n)
{
    size_t at = offset_of(E->text, E->len, n->line, n->col);
    if (n->type == PL_DOC_SCALAR && !n->plain && at > 0 &&
        (E->text[at - 1] == '"' || E->text[at - 1] == '\''))
        at--;
    return at;
}

/* Bytes of the scalar written at i: a quoted one to its closing quote, else plain text
   of n bytes (plain scalars the loader reads are single-line). */
static size_t scalar_span(const char *t, size_t len, size_t i, const pl_doc_node *n)
{
    if (i < len && (t[i] == '"' || t[i] == '\'')) {
        char q = t[i];
        size_t j = i + 1;
        while (j < len && t[j] != q)
            j += (q == '"' && t[j] == '\\') ? 2 : 1;
        if (q == '\'')  /* '' is a quote inside */
            while (j + 1 < len && t[j + 1] == '\'') {
                j += 2;
                while (j < len && t[j] != '\'')
                    j++;
            }
        return j < len ? j + 1 - i : len - i;
    }
    return n->len;
}

/* A plain word: safe unquoted as a key or value in YAML and in flow. */
static int plain_word(const char *s)
{
    if (!*s)
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-' || *p == '.' || *p == '+'))
            return 0;
    return 1;
}

/* A plain scalar JSON reads as it is: a number, true, false or null. */
static int json_literal(const char *s)
{
    char *end = NULL;
    pl__strtod(s, &end);
    return (end != s && *end == '\0') || !strcmp(s, "true") || !strcmp(s, "false") ||
           !strcmp(s, "null");
}

/* n in flow style onto b (a key: key 1). */
static void flow(pl__buf *b, const pl_doc_node *n, int json, int key)
{
    if (n->type == PL_DOC_SCALAR) {
        if (n->plain && (json ? !key && json_literal(n->text) : plain_word(n->text)))
            pl__buf_put(b, n->text, n->len);
        else  /* a JSON string is a YAML double-quoted scalar too */
            pl__serve_json_string(b, n->text, n->len);
        return;
    }
    int map = n->type == PL_DOC_MAP;
    pl__buf_put(b, map ? "{" : "[", 1);
    for (size_t i = 0; i < n->len; i++) {
        if (i)
            PL_SERVE_PUT(b, ", ");
        if (map) {
            flow(b, pl_doc_map_key(n, i), json, 1);
            PL_SERVE_PUT(b, ": ");
            flow(b, pl_doc_map_value(n, i), json, 0);
        } else
            flow(b, n->items[i], json, 0);
    }
    pl__buf_put(b, map ? "}" : "]", 1);
}

static void add(edits *E, size_t at, size_t cut, pl__buf *with)
{
    edit *e = pl__grow(E->e, &E->cap, E->n + 1, sizeof *E->e, 8);
    if (!e || with->failed) {
        E->failed = 1;
        pl__buf_free(with);
        return;
    }
    E->e = e;
    E->e[E->n++] = (edit){at, cut, with->buf ? with->buf : calloc(1, 1)};
    if (!E->e[E->n - 1].with)
        E->failed = 1;
}

/* Value v replaces the scalar o where the file wrote it. */
static void replace(edits *E, const pl_doc_node *o, const pl_doc_node *v)
{
    if (o->type != PL_DOC_SCALAR || o->line <= 0 || o->origin) {
        E->cannot = v;
        return;
    }
    size_t at = start_of(E, o);
    pl__buf b = {0};
    flow(&b, v, E->json, 0);
    add(E, at, scalar_span(E->text, E->len, at, o), &b);
}

/* Key k with value v, new in mapping o: before o's first key. */
static void insert(edits *E, const pl_doc_node *o, const pl_doc_node *k, const pl_doc_node *v)
{
    const pl_doc_node *first = o->len ? pl_doc_map_key(o, 0) : NULL;
    if (!first || first->line <= 0 || first->origin) {
        E->cannot = k;
        return;
    }
    size_t at = start_of(E, first), j = at;
    while (j > 0 && (E->text[j - 1] == ' ' || E->text[j - 1] == '\t'))
        j--;
    int in_flow = j > 0 && (E->text[j - 1] == '{' || E->text[j - 1] == ',');
    pl__buf b = {0};
    flow(&b, k, E->json, 1);
    PL_SERVE_PUT(&b, ": ");
    flow(&b, v, E->json, 0);
    if (in_flow)
        PL_SERVE_PUT(&b, ", ");
    else {
        PL_SERVE_PUT(&b, "\n");  /* the first key's column: a space per character before it */
        size_t ls = at;
        while (ls > 0 && E->text[ls - 1] != '\n')
            ls--;
        for (size_t i = ls; i < at; i++)
            if (((unsigned char)E->text[i] & 0xC0) != 0x80)
                PL_SERVE_PUT(&b, " ");
    }
    add(E, at, 0, &b);
}

static const pl_doc_node *value_of(const pl_doc_node *map, const char *key)
{
    return map->type == PL_DOC_MAP ? pl_doc_map_get(map, key) : NULL;
}

/* Walk the file's node o and the changed node c together. */
static void walk(edits *E, const pl_doc_node *o, const pl_doc_node *c)
{
    if (o == c || E->cannot)
        return;
    if (o->type != c->type || o->type == PL_DOC_SCALAR) {
        replace(E, o, c);
        return;
    }
    if (o->type == PL_DOC_SEQ) {
        if (o->len != c->len)
            E->cannot = c;
        for (size_t i = 0; i < o->len && i < c->len; i++)
            walk(E, o->items[i], c->items[i]);
        return;
    }
    for (size_t i = 0; i < c->len; i++) {
        const pl_doc_node *k = pl_doc_map_key(c, i), *v = pl_doc_map_value(c, i);
        const pl_doc_node *ov = value_of(o, k->text);
        if (ov)
            walk(E, ov, v);
        else
            insert(E, o, k, v);
    }
}

static int by_offset(const void *a, const void *b)
{
    const edit *x = a, *y = b;
    return x->at < y->at ? -1 : x->at > y->at;
}

/* The text with the edits made, into out. */
static void apply(const edits *E, pl__buf *out)
{
    size_t from = 0;
    if (E->n)
        qsort(E->e, E->n, sizeof *E->e, by_offset);
    for (size_t i = 0; i < E->n; i++) {
        const edit *e = &E->e[i];
        if (e->at < from)  /* two changes on one value: the walk gives one edit each */
            continue;
        pl__buf_put(out, E->text + from, e->at - from);
        pl__buf_put(out, e->with, strlen(e->with));
        from = e->at + e->cut;
    }
    pl__buf_put(out, E->text + from, E->len - from);
}

static void free_edits(edits *E)
{
    for (size_t i = 0; i < E->n; i++)
        free(E->e[i].with);
    free(E->e);
}

/* The edited text into out; PL_EINPUT with err for a change it cannot write in place. */
static int edited(const char *text, size_t len, const char *name, const pl__serve_req *q,
                  pl__buf *out, pl_error *err)
{
    int json = strlen(name) > 5 && strcmp(name + strlen(name) - 5, ".json") == 0;
    pl_doc d;
    int rc = pl_doc_parse(&d, text, len, name, json ? PL_DOC_JSON : 0, err);
    pl_load_opts lo = PL_LOAD_OPTS_INIT;
    lo.variant = q->variant;
    lo.changes = q->changes;
    lo.n_changes = q->n_changes;
    pl_doc_node *root = NULL;
    if (!rc)
        rc = pl__doc_changed(&d, &lo, &root, err);
    edits E = {text, len, json, NULL, 0, 0, 0, NULL};
    if (!rc && d.root && root)
        walk(&E, d.root, root);
    if (!rc && E.cannot)
        rc = pl__fail(err, PL_EINPUT, "a change replaces a list or a whole section; expected "
                      "changes to single values or new keys (POST /api/yaml writes them into "
                      "the text)");
    if (!rc && E.failed)
        rc = pl__error_nomem(err);
    if (!rc)
        apply(&E, out);
    free_edits(&E);
    pl_doc_free(&d);
    return rc;
}

/* The edited text must load to the scenario the changes give: same description. */
static int same_scenario(const pl_scenario *want, const pl__buf *text, const char *name,
                         pl_error *err)
{
    pl_scenario *got = NULL;
    int rc = pl_scenario_load_buffer(&got, text->buf, text->len, name, NULL, err);
    pl__buf a = {0}, b = {0};
    pl_emitter *ea = NULL, *eb = NULL;
    if (!rc && !(rc = pl__serve_emitter(&ea, &a, err)) && !(rc = pl__serve_emitter(&eb, &b, err))) {
        pl_emit_object_begin(ea, NULL, NULL), pl_scenario_emit(want, ea), pl_emit_object_end(ea);
        pl_emit_object_begin(eb, NULL, NULL), pl_scenario_emit(got, eb), pl_emit_object_end(eb);
        if (!(rc = pl_emitter_finish(ea, err)) && !(rc = pl_emitter_finish(eb, err)) &&
            (a.len != b.len || memcmp(a.buf, b.buf, a.len) != 0))
            rc = pl__fail(err, PL_ERROR, "the edited text does not load to the changed scenario; "
                          "expected the same (a bug: please report the request)");
    }
    pl_emitter_free(ea), pl_emitter_free(eb);
    pl__buf_free(&a), pl__buf_free(&b);
    pl_scenario_free(got);
    return rc;
}

void pl__serve_yaml(pl__serve_ctx *c, const pl__serve_req *q, pl__serve_resp *r)
{
    pl_scenario *s = NULL;
    if (pl__serve_load(c, q, &s, r))  /* the changes are checked as loading checks them */
        return;
    const char *text = q->scenario ? q->scenario : c->text;
    size_t len = q->scenario ? q->scenario_len : c->len;
    size_t sp = strspn(text, " \t\r\n");
    const char *name = q->scenario ? (text[sp] == '{' ? "scenario.json" : "scenario.yaml") : c->name;
    pl_error err;
    pl_error_clear(&err);
    int rc = edited(text, len, name, q, &r->body, &err);
    if (!rc)
        rc = same_scenario(s, &r->body, name, &err);
    if (rc)
        pl__serve_error(r, rc == PL_EINPUT ? 400 : pl__serve_status_of(rc), &err, NULL);
    else {
        const char *id = pl_scenario_name(s);
        r->type = "text/yaml; charset=utf-8";
        snprintf(r->disposition, sizeof r->disposition, "attachment; filename=\"%.100s-edited.%s\"",
                 plain_word(id) ? id : "scenario", strstr(name, ".json") ? "json" : "yaml");
    }
    pl_scenario_free(s);
}

/* text into dir/file through a temporary file renamed into place. */
static int write_file(const char *dir, const char *file, const pl__buf *text, pl_error *err)
{
    char path[4096], tmp[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, file) >= sizeof path ||
        (size_t)snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, file) >= sizeof tmp)
        return pl__fail(err, PL_EIO, "--save-dir %s: the path is too long", dir);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return pl__fail(err, PL_EIO, "--save-dir %s: cannot write there", dir);
    size_t done = 0;
    while (done < text->len) {
        ssize_t n = write(fd, text->buf + done, text->len - done);
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    if (close(fd) != 0 || done < text->len || rename(tmp, path) != 0) {
        unlink(tmp);
        return pl__fail(err, PL_EIO, "--save-dir %s: writing %s failed", dir, file);
    }
    return PL_OK;
}

void pl__serve_save(pl__serve_ctx *c, const pl__serve_req *q, pl__serve_resp *r)
{
    if (!c->save_dir) {
        pl__serve_fail(r, 404, "saving is off; expected parley serve --save-dir DIR to allow it "
                       "(or POST /api/yaml to download the text)");
        return;
    }
    pl__serve_yaml(c, q, r);
    if (r->status != 200)
        return;
    /* the name the download would have: filename="NAME" of the disposition */
    char file[160];
    const char *f = strchr(r->disposition, '"');
    snprintf(file, sizeof file, "%s", f ? f + 1 : "scenario-edited.yaml");
    file[strcspn(file, "\"")] = '\0';
    pl_error err;
    pl_error_clear(&err);
    int rc = write_file(c->save_dir, file, &r->body, &err);
    pl__buf_free(&r->body);
    r->disposition[0] = '\0';
    r->type = "application/json";
    if (rc)
        pl__serve_error(r, 500, &err, NULL);
    else {
        PL_SERVE_PUT(&r->body, "{\"ok\": true, \"saved\": ");
        pl__serve_json_string(&r->body, file, strlen(file));
        PL_SERVE_PUT(&r->body, "}\n");
    }
}
