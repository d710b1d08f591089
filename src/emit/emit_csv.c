/* SPDX-License-Identifier: MIT */
/*
** emit_csv.c: CSV backend (RFC 4180). A CSV file holds one table, so this
** backend writes the table named by pl_emit_opts.csv_table (or the first
** table described) with a header row, and ignores everything else. Fields
** are quoted by libcsv only when they need it (separator, quote, line break,
** or surrounding space), so numbers stay unquoted.
*/
#include "emit_impl.h"
#include "../core/alloc.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct csv_state {
    int table_depth;     /* depth of the table being written, 0 = none */
    int done;            /* the table was written */
    int first_cell;
    char *buf;
    size_t cap;
    char seen[256];      /* keys of the tables described, for the error message */
} csv_state;

static int needs_quotes(const char *s)
{
    size_t n = strlen(s);
    if (n && (s[0] == ' ' || s[n - 1] == ' '))
        return 1;
    return strpbrk(s, ",\"\r\n") != NULL;
}

static int put_field(pl_emitter *e, const char *s)
{
    csv_state *st = e->state;
    int rc = st->first_cell ? PL_OK : pl__emit_write(e, ",", 1);
    st->first_cell = 0;
    if (rc || !needs_quotes(s))
        return rc ? rc : pl__emit_puts(e, s);
    /* room for every character doubled, the quotes and the NUL */
    size_t len = strlen(s), need = pl__mul(2, len) + 3;
    char *nb = pl__grow(st->buf, &st->cap, need, 1, 256);
    if (!nb)
        return PL_ENOMEM;
    st->buf = nb;
    size_t n = csv_write(st->buf, st->cap, s, len);
    return pl__emit_write(e, st->buf, n);
}

static int c_open(pl_emitter *e, pl_ekind kind, const char *key, const char *title,
                  const char *const *cols, size_t ncols)
{
    (void)title;
    csv_state *st = e->state;
    if (kind == PL_E_ROW) {
        st->first_cell = 1;
        return PL_OK;
    }
    /* Only tables reached through objects are candidates: a table nested
       in a list (e.g. one per body) has no single CSV meaning. */
    if (kind != PL_E_TABLE || st->done || st->table_depth)
        return PL_OK;
    for (int d = 0; d < e->depth; d++)
        if (e->stack[d] != PL_E_OBJECT)
            return PL_OK;
    if (key && !strstr(st->seen, key)) {  /* (substring test: good enough for a hint) */
        size_t used = strlen(st->seen);
        snprintf(st->seen + used, sizeof st->seen - used, "%s%s", used ? ", " : "", key);
    }
    const char *want = e->opts.csv_table;
    if (want && (!key || strcmp(key, want) != 0))
        return PL_OK;
    st->table_depth = e->depth + 1;
    st->first_cell = 1;
    int rc = PL_OK;
    for (size_t c = 0; !rc && c < ncols; c++)
        rc = put_field(e, cols[c]);
    return rc ? rc : pl__emit_write(e, "\r\n", 2);
}

static int c_close(pl_emitter *e, pl_ekind kind)
{
    csv_state *st = e->state;
    if (kind == PL_E_ROW && st->table_depth == e->depth - 1)
        return pl__emit_write(e, "\r\n", 2);
    if (kind == PL_E_TABLE && st->table_depth == e->depth) {
        st->table_depth = 0;
        st->done = 1;
    }
    return PL_OK;
}

static int c_scalar(pl_emitter *e, const char *key, const pl_scalar *v)
{
    (void)key;
    csv_state *st = e->state;
    if (!st->table_depth || st->table_depth != e->depth - 1)
        return PL_OK;
    char buf[40];
    return put_field(e, pl__scalar_text(buf, v, ""));
}

static int c_finish(pl_emitter *e)
{
    csv_state *st = e->state;
    if (st->done)
        return PL_OK;
    char msg[400];
    if (st->seen[0])
        snprintf(msg, sizeof msg, "no table named '%s' in this output; expected one of: %s",
                 e->opts.csv_table ? e->opts.csv_table : "", st->seen);
    else
        snprintf(msg, sizeof msg, "this output has no table to write as CSV; expected "
                 "--format text or json");
    return pl__emit_fail(e, PL_EINPUT, msg);
}

static void c_destroy(pl_emitter *e)
{
    csv_state *st = e->state;
    if (st)
        free(st->buf);
    free(st);
}

static const pl_emit_backend csv_backend = {c_open, c_close, c_scalar, c_finish, c_destroy};

int pl__emit_csv_init(pl_emitter *e)
{
    e->state = calloc(1, sizeof(csv_state));
    if (!e->state)
        return PL_ENOMEM;
    e->be = &csv_backend;
    return PL_OK;
}
