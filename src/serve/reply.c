/* SPDX-License-Identifier: MIT */
/*
** reply.c: what the server answers with: JSON errors in the CLI's words
** ({"ok": false, "error": {"status", "message", "file", "line", "col",
** "path"}}), JSON string literals, and emitters writing into a buffer.
*/
#include "serve_impl.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "../core/error_int.h"

void pl__serve_json_string(pl__buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    PL_SERVE_PUT(b, "\"");
    size_t run = 0;  /* bytes copied as they are, put in one go */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        pl__buf_put(b, s + run, i - run);
        run = i + 1;
        char esc[7] = {'\\', (char)c, 0};
        if (c == '\n')
            esc[1] = 'n';
        else if (c == '\t')
            esc[1] = 't';
        else if (c == '\r')
            esc[1] = 'r';
        else if (c < 0x20) {
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
        }
        pl__buf_put(b, esc, strlen(esc));
    }
    pl__buf_put(b, s + run, n - run);
    PL_SERVE_PUT(b, "\"");
}

static void key_string(pl__buf *b, const char *key, const char *s)
{
    pl__buf_printf(b, ", \"%s\": ", key);
    pl__serve_json_string(b, s, strlen(s));
}

void pl__serve_error(pl__serve_resp *r, int status, const pl_error *err, const char *path)
{
    char text[PL_ERROR_FILE_MAX + PL_ERROR_MSG_MAX + 32];
    pl_error_format(err, text, sizeof text);
    pl__buf_free(&r->body);
    r->status = status;
    r->type = "application/json";
    pl__buf *b = &r->body;
    pl__buf_printf(b, "{\"ok\": false, \"error\": {\"status\": %d", status);
    key_string(b, "message", text);
    if (err->file[0])
        key_string(b, "file", err->file);
    if (err->line > 0)
        pl__buf_printf(b, ", \"line\": %d, \"col\": %d", err->line, err->col > 0 ? err->col : 1);
    if (path)
        key_string(b, "path", path);
    PL_SERVE_PUT(b, "}}\n");
}

void pl__serve_fail(pl__serve_resp *r, int status, const char *fmt, ...)
{
    pl_error err;
    pl_error_clear(&err);
    va_list ap;
    va_start(ap, fmt);
    pl__error_vset(&err, PL_EINPUT, NULL, 0, 0, fmt, ap);
    va_end(ap);
    pl__serve_error(r, status, &err, NULL);
}

int pl__serve_status_of(int code)
{
    if (code == PL_EINPUT || code == PL_ENOTFOUND)
        return 400;
    return code == PL_ENOMEM ? 503 : 500;
}

static int to_buf(const char *data, size_t len, void *payload)
{
    pl__buf *b = payload;
    pl__buf_put(b, data, len);
    return b->failed ? PL_ENOMEM : 0;
}

int pl__serve_emitter(pl_emitter **e, pl__buf *b, pl_error *err)
{
    return pl_emitter_new(e, PL_FORMAT_JSON, to_buf, b, NULL, err);
}

void pl__serve_resp_free(pl__serve_resp *r)
{
    pl__buf_free(&r->body);
}
