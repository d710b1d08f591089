/* SPDX-License-Identifier: MIT */
/*
** buf.h: a growable text buffer (SVG, HTML, imported YAML):
** printf-style appends and XML/HTML escaping. After an allocation failure
** it drops everything and says so (failed), so writers need not check each call.
*/
#ifndef PL_BUF_H
#define PL_BUF_H

#include <stddef.h>

typedef struct pl__buf {
    char *buf;           /* NUL-terminated when not NULL */
    size_t len, cap;
    int failed;
} pl__buf;

void pl__buf_put(pl__buf *b, const char *s, size_t n);
void pl__buf_printf(pl__buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* s with <, >, & and " escaped (NULL: nothing). */
void pl__buf_escaped(pl__buf *b, const char *s);
/* The first n bytes of s, escaped. */
void pl__buf_escaped_n(pl__buf *b, const char *s, size_t n);
void pl__buf_free(pl__buf *b);

#endif
