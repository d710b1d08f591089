/* SPDX-License-Identifier: MIT */
/*
** buf.c: the text buffer of buf.h.
*/
#include "buf.h"
#include "fmt.h"
#include "alloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pl__buf_put(pl__buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    char *p = n < SIZE_MAX - b->len ? pl__grow(b->buf, &b->cap, b->len + n + 1, 1, 4096) : NULL;
    if (!p) {
        b->failed = 1;
        return;
    }
    b->buf = p;
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

void pl__buf_printf(pl__buf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = pl__vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        pl__buf_put(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->failed = 1;
        return;
    }
    va_start(ap, fmt);
    pl__vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    pl__buf_put(b, big, (size_t)n);
    free(big);
}

void pl__buf_escaped_n(pl__buf *b, const char *s, size_t n)
{
    const char *run = s;
    for (const char *p = s; p && p < s + n; p++) {
        const char *e = *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : *p == '&' ? "&amp;"
                      : *p == '"' ? "&quot;" : NULL;
        if (!e)
            continue;
        pl__buf_put(b, run, (size_t)(p - run));
        pl__buf_put(b, e, strlen(e));
        run = p + 1;
    }
    if (run)
        pl__buf_put(b, run, (size_t)(s + n - run));
}

void pl__buf_escaped(pl__buf *b, const char *s)
{
    if (s)
        pl__buf_escaped_n(b, s, strlen(s));
}

void pl__buf_free(pl__buf *b)
{
    free(b->buf);
    memset(b, 0, sizeof *b);
}
