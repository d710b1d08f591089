/* SPDX-License-Identifier: MIT */
/*
** utf8.c: strict UTF-8 validation (RFC 3629: no overlongs, no surrogates,
** nothing above U+10FFFF). Runs before YAML parsing so that binary files
** and other encodings get a precise message instead of a parser error.
*/
#include "utf8.h"
#include "error_int.h"

size_t pl_utf8_seq(const unsigned char *s, size_t avail)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;        /* overlong */
        if (c == 0xED) hi = 0x9F;        /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;        /* overlong */
        if (c == 0xF4) hi = 0x8F;        /* above U+10FFFF */
    } else
        return 0;
    if (avail < n)
        return 0;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return n;
}

int pl_utf8_find_bad(const char *data, size_t len, size_t *at, int *line, int *col)
{
    const unsigned char *s = (const unsigned char *)data;
    size_t i = len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF ? 3 : 0;
    *line = 1;
    *col = 1;
    while (i < len) {
        size_t n = s[i] ? pl_utf8_seq(s + i, len - i) : 0;
        if (n == 0) {
            *at = i;
            return 1;
        }
        if (s[i] == '\n') {
            ++*line;
            *col = 1;
        } else
            ++*col;
        i += n;
    }
    return 0;
}

int pl_utf8_check(const char *data, size_t len, const char *name, pl_error *err)
{
    size_t at;
    int line, col;
    if (!pl_utf8_find_bad(data, len, &at, &line, &col))
        return PL_OK;
    unsigned char c = (unsigned char)data[at];
    if (c == 0)
        return pl__error_set(err, PL_EINPUT, name, line, col, "%s",
                             "file contains a NUL byte (binary data?); "
                             "expected UTF-8 text (YAML or JSON)");
    return pl__error_set(err, PL_EINPUT, name, line, col, "invalid UTF-8 byte 0x%02X; expected "
                         "UTF-8 text (convert the file, e.g. with iconv -t UTF-8)", c);
}
