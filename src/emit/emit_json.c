/* SPDX-License-Identifier: MIT */
/*
** emit_json.c: JSON backend (RFC 8259). Streams as it goes; tables become
** arrays of objects keyed by column name. Numbers are written in the
** shortest form that reads back exactly; strings are escaped per RFC 8259
** (control characters as \u00XX, everything else UTF-8 as is).
**
** Written here rather than through libfyaml's emitter: its JSON mode picks
** quoting from scalar style, and this writer is a few dozen lines with exact
** control over number text (see docs/design-notes.md).
*/
#include "emit_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct json_state {
    const char *const *cols[PL_EMIT_MAX_DEPTH];  /* column names of open tables */
} json_state;

static int indent(pl_emitter *e, int depth)
{
    static const char spaces[] = "                                                                ";
    int rc = pl__emit_write(e, "\n", 1);
    size_t n = 2 * (size_t)depth;
    return rc ? rc : pl__emit_write(e, spaces, n < 64 ? n : 64);
}

static int put_string(pl_emitter *e, const char *s)
{
    int rc = pl__emit_write(e, "\"", 1);
    const char *run = s;
    for (; !rc && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        rc = pl__emit_write(e, run, (size_t)(s - run));
        char esc[8];
        switch (c) {
        case '"': strcpy(esc, "\\\""); break;
        case '\\': strcpy(esc, "\\\\"); break;
        case '\n': strcpy(esc, "\\n"); break;
        case '\t': strcpy(esc, "\\t"); break;
        case '\r': strcpy(esc, "\\r"); break;
        default: snprintf(esc, sizeof esc, "\\u%04x", c); break;
        }
        if (!rc)
            rc = pl__emit_puts(e, esc);
        run = s + 1;
    }
    if (!rc)
        rc = pl__emit_write(e, run, (size_t)(s - run));
    return rc ? rc : pl__emit_write(e, "\"", 1);
}

/* Separator, newline and indent before a member, then "key": if any. */
static int lead(pl_emitter *e, const char *key)
{
    int d = e->depth;
    int rc = PL_OK;
    if (d > 0 && e->count[d - 1] > 1)
        rc = pl__emit_write(e, ",", 1);
    if (!rc && d > 0)
        rc = indent(e, d);
    if (!rc && !key && d > 0 && e->stack[d - 1] == PL_E_ROW) {
        /* a table cell: its key is the column name */
        json_state *st = e->state;
        key = st->cols[d - 2][e->count[d - 1] - 1];
    }
    if (!rc && key) {
        rc = put_string(e, key);
        if (!rc)
            rc = pl__emit_write(e, ": ", 2);
    }
    return rc;
}

static int j_open(pl_emitter *e, pl_ekind kind, const char *key, const char *title,
                  const char *const *cols, size_t ncols)
{
    (void)title;
    (void)ncols;
    json_state *st = e->state;
    int rc = lead(e, key);
    if (kind == PL_E_TABLE)
        st->cols[e->depth] = cols;
    if (rc)
        return rc;
    return pl__emit_puts(e, (kind == PL_E_OBJECT || kind == PL_E_ROW) ? "{" : "[");
}

static int j_close(pl_emitter *e, pl_ekind kind)
{
    int rc = PL_OK;
    if (e->count[e->depth - 1] > 0)
        rc = indent(e, e->depth - 1);
    return rc ? rc : pl__emit_puts(e, (kind == PL_E_OBJECT || kind == PL_E_ROW) ? "}" : "]");
}

static int j_scalar(pl_emitter *e, const char *key, const pl_scalar *v)
{
    int rc = lead(e, key);
    char buf[40];
    if (rc)
        return rc;
    if (v->type == PL_S_STRING)
        return put_string(e, v->s);
    return pl__emit_puts(e, pl__scalar_text(buf, v, "null"));
}

static int j_finish(pl_emitter *e) { return pl__emit_write(e, "\n", 1); }

static void j_destroy(pl_emitter *e) { free(e->state); }

static const pl_emit_backend json_backend = {j_open, j_close, j_scalar, j_finish, j_destroy};

int pl__emit_json_init(pl_emitter *e)
{
    e->state = calloc(1, sizeof(json_state));
    if (!e->state)
        return PL_ENOMEM;
    e->be = &json_backend;
    return PL_OK;
}
