/* SPDX-License-Identifier: MIT */
/*
** emit.c: the emitter core (see parley/emit.h and emit_impl.h).
*/
#include "emit_impl.h"
#include "../core/error_int.h"
#include "parley/scenario.h"
#include "parley/version.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pl_format_parse(pl_format *out, const char *name)
{
    static const char *const names[] = {"text", "json", "csv"};
    for (int i = 0; i < 3; i++)
        if (name && strcmp(name, names[i]) == 0) {
            *out = (pl_format)i;
            return PL_OK;
        }
    return PL_EINPUT;
}

int pl__emit_fail(pl_emitter *e, int rc, const char *msg)
{
    if (!e->rc) {
        e->rc = rc;
        snprintf(e->msg, sizeof e->msg, "%s", msg);
    }
    return e->rc;
}

int pl__emit_write(pl_emitter *e, const char *data, size_t len)
{
    if (e->rc)
        return e->rc;
    int w = len ? e->write(data, len, e->payload) : 0;
    if (w == PL_ENOMEM) /* a sink into memory that could not grow: not an I/O error */
        return pl__emit_fail(e, PL_ENOMEM, "out of memory");
    if (w)
        return pl__emit_fail(e, PL_EIO, "cannot write the output");
    return PL_OK;
}

int pl__emit_puts(pl_emitter *e, const char *s) { return pl__emit_write(e, s, strlen(s)); }

const char *pl__scalar_text(char *buf, const pl_scalar *v, const char *null_text)
{
    switch (v->type) {
    case PL_S_STRING: return v->s;
    case PL_S_NUMBER: return pl__fmt_double(buf, v->d);
    case PL_S_INT: snprintf(buf, 40, "%lld", v->i); return buf;
    case PL_S_BOOL: return v->i ? "true" : "false";
    default: return null_text;
    }
}

/* An emitter with the backend set up by init; e->write may stay NULL for a
   backend that writes nothing (the tree). */
static int new_emitter(pl_emitter **out, int (*init)(pl_emitter *), pl_write_fn write,
                       void *payload, const pl_emit_opts *opts, pl_error *err)
{
    *out = NULL;
    pl_emitter *e = calloc(1, sizeof *e);
    if (!e)
        return pl__error_nomem(err);
    e->write = write;
    e->payload = payload;
    if (opts)
        e->opts = *opts;
    int rc = init(e);
    if (rc) {
        free(e);
        return pl__error_nomem(err); /* the backends' only failure */
    }
    *out = e;
    return PL_OK;
}

int pl_emitter_new(pl_emitter **out, pl_format format, pl_write_fn write, void *payload,
                   const pl_emit_opts *opts, pl_error *err)
{
    static int (*const init[])(pl_emitter *) = {
        [PL_FORMAT_TEXT] = pl__emit_text_init,
        [PL_FORMAT_JSON] = pl__emit_json_init,
        [PL_FORMAT_CSV] = pl__emit_csv_init,
    };
    if (!out || !write)
        return pl__fail(err, PL_EMISUSE, "pl_emitter_new: NULL argument");
    *out = NULL;
    if ((unsigned)format >= sizeof init / sizeof *init)
        return pl__fail(err, PL_EMISUSE, "pl_emitter_new: unknown format %d", format);
    return new_emitter(out, init[format], write, payload, opts, err);
}

int pl__emitter_new_tree(pl_emitter **out, pl_error *err)
{
    if (!out)
        return pl__fail(err, PL_EMISUSE, "pl__emitter_new_tree: NULL argument");
    return new_emitter(out, pl__emit_tree_init, NULL, NULL, NULL, err);
}

void pl_emitter_free(pl_emitter *e)
{
    if (!e)
        return;
    if (e->be && e->be->destroy)
        e->be->destroy(e);
    free(e);
}

int pl_emitter_finish(pl_emitter *e, pl_error *err)
{
    if (!e)
        return pl__fail(err, PL_EMISUSE, "pl_emitter_finish: NULL emitter");
    if (!e->rc && e->depth != 0)
        pl__emit_fail(e, PL_EMISUSE, "emitter: a container was left open");
    if (!e->rc)
        e->rc = e->be->finish(e);
    if (e->rc)
        return pl__fail(err, e->rc, "%s", e->msg[0] ? e->msg : pl_strerror(e->rc));
    return PL_OK;
}

/* ---- structure checks -------------------------------------------------- */

/* May a value with this key be written here? */
static int check_slot(pl_emitter *e, const char *key)
{
    if (e->rc)
        return e->rc;
    if (e->depth == 0)
        return key ? pl__emit_fail(e, PL_EMISUSE, "emitter: a key at the top level") : PL_OK;
    pl_ekind top = e->stack[e->depth - 1];
    if (top == PL_E_OBJECT && !key)
        return pl__emit_fail(e, PL_EMISUSE, "emitter: an object member without a key");
    if (top != PL_E_OBJECT && key)
        return pl__emit_fail(e, PL_EMISUSE, "emitter: a key outside an object");
    if (top == PL_E_TABLE)
        return pl__emit_fail(e, PL_EMISUSE, "emitter: a value in a table outside a row");
    if (top == PL_E_ROW && e->count[e->depth - 1] >= e->ncols[e->depth - 2])
        return pl__emit_fail(e, PL_EMISUSE, "emitter: a row with too many cells");
    return PL_OK;
}

static int open_kind(pl_emitter *e, pl_ekind kind, const char *key, const char *title,
                     const char *const *cols, size_t ncols)
{
    if (kind == PL_E_ROW) {
        if (e->rc)
            return e->rc;
        if (e->depth == 0 || e->stack[e->depth - 1] != PL_E_TABLE)
            return pl__emit_fail(e, PL_EMISUSE, "emitter: a row outside a table");
    } else if (check_slot(e, key)) {
        return e->rc;
    } else if (e->depth > 0 && e->stack[e->depth - 1] == PL_E_ROW) {
        return pl__emit_fail(e, PL_EMISUSE, "emitter: a container inside a table row");
    }
    if (e->depth >= PL_EMIT_MAX_DEPTH)
        return pl__emit_fail(e, PL_EMISUSE, "emitter: nesting too deep");
    if (e->depth > 0)
        e->count[e->depth - 1]++;
    int rc = e->be->open(e, kind, key, title, cols, ncols);
    if (rc)
        return pl__emit_fail(e, rc, "emitter: cannot open a container");
    e->stack[e->depth] = kind;
    e->count[e->depth] = 0;
    e->ncols[e->depth] = ncols;
    e->depth++;
    return PL_OK;
}

static int close_kind(pl_emitter *e, pl_ekind kind)
{
    if (e->rc)
        return e->rc;
    if (e->depth == 0 || e->stack[e->depth - 1] != kind)
        return pl__emit_fail(e, PL_EMISUSE, "emitter: end does not match begin");
    if (kind == PL_E_ROW && e->count[e->depth - 1] != e->ncols[e->depth - 2])
        return pl__emit_fail(e, PL_EMISUSE, "emitter: a row with too few cells");
    int rc = e->be->close(e, kind);
    e->depth--;
    return rc ? pl__emit_fail(e, rc, "emitter: cannot close a container") : PL_OK;
}

static int scalar(pl_emitter *e, const char *key, const pl_scalar *v)
{
    if (check_slot(e, key))
        return e->rc;
    if (e->depth > 0)
        e->count[e->depth - 1]++;
    int rc = e->be->scalar(e, key, v);
    return rc ? pl__emit_fail(e, rc, "emitter: cannot write a value") : PL_OK;
}

/* ---- public calls ------------------------------------------------------ */

int pl_emit_object_begin(pl_emitter *e, const char *key, const char *title)
{
    return e ? open_kind(e, PL_E_OBJECT, key, title, NULL, 0) : PL_EMISUSE;
}

int pl_emit_document_begin(pl_emitter *e, const struct pl_scenario *s)
{
    /* errors are sticky: the last call's result is the first failure's */
    pl_emit_object_begin(e, NULL, NULL);
    int rc = pl_emit_string(e, "parley", pl_version());
    return s ? pl_emit_string(e, "scenario", pl_scenario_name(s)) : rc;
}
int pl_emit_object_end(pl_emitter *e) { return e ? close_kind(e, PL_E_OBJECT) : PL_EMISUSE; }
int pl_emit_array_begin(pl_emitter *e, const char *key, const char *title)
{
    return e ? open_kind(e, PL_E_ARRAY, key, title, NULL, 0) : PL_EMISUSE;
}
int pl_emit_array_end(pl_emitter *e) { return e ? close_kind(e, PL_E_ARRAY) : PL_EMISUSE; }

int pl_emit_table_begin(pl_emitter *e, const char *key, const char *title,
                        const char *const *columns, size_t ncols)
{
    if (!e)
        return PL_EMISUSE;
    if (!columns || ncols == 0)
        return pl__emit_fail(e, PL_EMISUSE, "emitter: a table without columns");
    return open_kind(e, PL_E_TABLE, key, title, columns, ncols);
}
int pl_emit_table_end(pl_emitter *e) { return e ? close_kind(e, PL_E_TABLE) : PL_EMISUSE; }
int pl_emit_row_begin(pl_emitter *e) { return e ? open_kind(e, PL_E_ROW, NULL, NULL, NULL, 0) : PL_EMISUSE; }
int pl_emit_row_end(pl_emitter *e) { return e ? close_kind(e, PL_E_ROW) : PL_EMISUSE; }

int pl_emit_string(pl_emitter *e, const char *key, const char *value)
{
    pl_scalar v = {value ? PL_S_STRING : PL_S_NULL, value, 0, 0};
    return e ? scalar(e, key, &v) : PL_EMISUSE;
}

int pl_emit_number(pl_emitter *e, const char *key, double value)
{
    if (!e)
        return PL_EMISUSE;
    if (!isfinite(value))
        return pl__emit_fail(e, PL_ERANGE, "a result is not a finite number; it was not "
                             "written");
    pl_scalar v = {PL_S_NUMBER, NULL, value, 0};
    return scalar(e, key, &v);
}

int pl_emit_int(pl_emitter *e, const char *key, long long value)
{
    pl_scalar v = {PL_S_INT, NULL, 0, value};
    return e ? scalar(e, key, &v) : PL_EMISUSE;
}

int pl_emit_bool(pl_emitter *e, const char *key, int value)
{
    pl_scalar v = {PL_S_BOOL, NULL, 0, value != 0};
    return e ? scalar(e, key, &v) : PL_EMISUSE;
}

int pl_emit_null(pl_emitter *e, const char *key)
{
    pl_scalar v = {PL_S_NULL, NULL, 0, 0};
    return e ? scalar(e, key, &v) : PL_EMISUSE;
}

int pl_emit_number_or_null(pl_emitter *e, const char *key, double value)
{
    return isfinite(value) ? pl_emit_number(e, key, value) : pl_emit_null(e, key);
}
