/* SPDX-License-Identifier: MIT */
/*
** error.c: status code texts and the error record.
*/
#include "error_int.h"
#include "fmt.h"

#include <stdarg.h>
#include <stdio.h>
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
