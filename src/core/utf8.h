/* SPDX-License-Identifier: MIT */
/*
** utf8.h: strict UTF-8 validation with a position for the first bad byte.
*/
#ifndef PL_UTF8_H
#define PL_UTF8_H

#include <stddef.h>
#include "parley/error.h"

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if it is not valid. */
size_t pl_utf8_seq(const unsigned char *s, size_t avail);

/*
** The first byte of data that is a NUL or not strict UTF-8 (a leading BOM is
** allowed): 1 with its offset, line and column (1-based, in characters, the
** BOM not counted), else 0. Every reader of text checks with this one test,
** so each reports a bad byte at its place in the user's own file.
*/
int pl_utf8_find_bad(const char *data, size_t len, size_t *at, int *line, int *col);

/*
** PL_OK if data is UTF-8 text without NUL bytes (a leading BOM is allowed);
** else PL_EINPUT with name:line:col of the first offending byte.
*/
int pl_utf8_check(const char *data, size_t len, const char *name, pl_error *err);

#endif
