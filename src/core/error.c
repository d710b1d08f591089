/* SPDX-License-Identifier: MIT */
/*
** error.c: status code texts and the error record.
*/
#include "error_int.h"
#include "fmt.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *pl_strerror(int code)
{
    switch (code) {
    case PL_OK: return "ok";
    case PL_ERROR: return "failure";
    case PL_EINPUT: return "bad input";
    case PL_ENOMEM: return "out of memory";
    case PL_EIO: return "input/output error";
    case PL_ERANGE: return "result out of range";
    case PL_EMISUSE: return "API misuse";
    case PL_ENOTFOUND: return "not found";
    default: return "unknown error";
    }
}

void pl_error_clear(pl_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

int pl_error_format(const pl_error *err, char *buf, size_t size)
{
    if (!err)
        return snprintf(buf, size, "%s", "");
    if (err->file[0] && err->line > 0)
        return snprintf(buf, size, "%s:%d:%d: %s", err->file, err->line,
                        err->col > 0 ? err->col : 1, err->msg);
    if (err->file[0])
        return snprintf(buf, size, "%s: %s", err->file, err->msg);
    return snprintf(buf, size, "%s", err->msg);
}

/* Copy at most dst_size-1 bytes, never splitting a UTF-8 sequence. */
static void copy_trunc(char *dst, size_t dst_size, const char *src)
{
    size_t n = strlen(src);
    if (n >= dst_size) {
        n = dst_size - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

int pl__error_vset(pl_error *err, int code, const char *file, int line, int col,
                   const char *fmt, va_list ap)
{
    if (!err)
        return code;
    char tmp[PL_ERROR_MSG_MAX * 2];
    pl__vsnprintf(tmp, sizeof tmp, fmt, ap);
    err->code = code;
    err->line = line;
    err->col = col;
    copy_trunc(err->file, sizeof err->file, file ? file : "");
    copy_trunc(err->msg, sizeof err->msg, tmp);
    return code;
}

int pl__error_set(pl_error *err, int code, const char *file, int line, int col,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pl__error_vset(err, code, file, line, col, fmt, ap);
    va_end(ap);
    return code;
}

int pl__error_nomem(pl_error *err)
{
    return pl__error_set(err, PL_ENOMEM, NULL, 0, 0, "out of memory");
}

/* ---- lists ------------------------------------------------------------------ */

struct pl_error_list {
    size_t n, max;
    pl_error *e;   /* max entries, allocated up front: adding never fails */
};

int pl_error_list_new(pl_error_list **out, size_t max)
{
    if (!out)
        return PL_EMISUSE;
    *out = NULL;
    if (max == 0)
        max = PL_ERROR_LIST_MAX_DEFAULT;
    pl_error_list *l = calloc(1, sizeof *l);
    if (!l || !(l->e = calloc(max, sizeof *l->e))) {
        free(l);
        return PL_ENOMEM;
    }
    l->max = max;
    *out = l;
    return PL_OK;
}

size_t pl_error_list_count(const pl_error_list *l) { return l ? l->n : 0; }

const pl_error *pl_error_list_get(const pl_error_list *l, size_t i)
{
    return l && i < l->n ? &l->e[i] : NULL;
}

int pl_error_list_full(const pl_error_list *l) { return l && l->n == l->max; }

void pl_error_list_clear(pl_error_list *l)
{
    if (l)
        l->n = 0;
}

void pl_error_list_free(pl_error_list *l)
{
    if (l)
        free(l->e);
    free(l);
}

int pl__error_list_add(pl_error_list *l, const pl_error *e)
{
    /* the same error again (a YAML alias reads one node twice) is kept once */
    for (size_t i = 0; l && i < l->n; i++)
        if (l->e[i].line == e->line && l->e[i].col == e->col &&
            strcmp(l->e[i].msg, e->msg) == 0 && strcmp(l->e[i].file, e->file) == 0)
            return PL_OK;
    if (l && l->n < l->max)
        l->e[l->n++] = *e;
    return PL_OK;
}

/* Insertion sort: stable, and a list holds a few dozen errors. */
void pl__error_list_sort(pl_error_list *l)
{
    for (size_t i = 1; l && i < l->n; i++) {
        pl_error x = l->e[i];
        int xl = x.line > 0 ? x.line : INT_MAX;
        size_t j = i;
        for (; j > 0; j--) {
            const pl_error *p = &l->e[j - 1];
            int pl = p->line > 0 ? p->line : INT_MAX;
            if (pl < xl || (pl == xl && p->col <= x.col))
                break;
            l->e[j] = *p;
        }
        l->e[j] = x;
    }
}
