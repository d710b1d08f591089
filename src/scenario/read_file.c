/* SPDX-License-Identifier: MIT */
/*
** read_file.c: a whole input into memory, once, never beyond a limit.
**
** Whatever reads a file (scenarios, imports, claims, proposals) comes here,
** so "-" is standard input everywhere and no input can grow without bound:
** a regular file is measured before it is read, and anything else (a pipe,
** a FIFO, /dev/zero) is read only until it passes the limit.
*/
#include "doc.h"
#include "parley/input.h"
#include "../core/error_int.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CHUNK ((size_t)65536)

const char *pl__input_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

int pl__input_limit(size_t *max, pl_error *err)
{
    if (*max == 0)
        *max = PL_INPUT_MAX_DEFAULT;
    if (*max > PL_INPUT_MAX_CEILING)
        return pl__fail(err, PL_EMISUSE, "an input limit of %zu bytes is above the highest, "
                        "%zu MiB; expected a smaller limit", *max, PL_INPUT_MAX_CEILING >> 20);
    return PL_OK;
}

int pl__input_too_big(pl_error *err, const char *name, size_t max)
{
    /* whole MiB read best; a limit given in bytes is shown as given */
    if (max % ((size_t)1 << 20) == 0)
        return pl__error_set(err, PL_EINPUT, name, 0, 0, "larger than the input limit of %zu "
                             "MiB; expected a smaller input or a higher limit", max >> 20);
    return pl__error_set(err, PL_EINPUT, name, 0, 0, "larger than the input limit of %zu "
                         "bytes; expected a smaller input or a higher limit", max);
}

/* Read f to its end, or to one byte past max, into a malloc'd, NUL-terminated buffer. */
static int read_stream(FILE *f, const char *name, size_t max, size_t size_hint, char **data,
                       size_t *size, pl_error *err)
{
    /* a regular file's size is known: the first read meets its end */
    size_t cap = size_hint + 2 > CHUNK ? size_hint + 2 : CHUNK, len = 0;
    if (cap > max + 2)
        cap = max + 2;  /* room for one byte too many, and the NUL */
    char *buf = malloc(cap);
    if (!buf)
        return pl__error_nomem(err);
    while (!feof(f) && !ferror(f)) {
        if (len + 1 == cap) {
            /* len <= max here, so cap < max + 2 and the buffer can grow */
            size_t want = 2 * cap < max + 2 ? 2 * cap : max + 2;
            char *nb = realloc(buf, want);
            if (!nb) {
                free(buf);
                return pl__error_nomem(err);
            }
            buf = nb;
            cap = want;
        }
        len += fread(buf + len, 1, cap - 1 - len, f);
        if (len > max) {
            free(buf);
            return pl__input_too_big(err, name, max);
        }
    }
    if (ferror(f)) {
        int e = errno;
        free(buf);
        return pl__error_set(err, PL_EIO, name, 0, 0, "cannot read: %s", strerror(e));
    }
    buf[len] = '\0';
    *data = buf;
    *size = len;
    return PL_OK;
}

int pl__read_input(const char *path, size_t max, char **data, size_t *size, pl_error *err)
{
    *data = NULL;
    *size = 0;
    if (!path)
        return pl__fail(err, PL_EMISUSE, "no path to read");
    int rc = pl__input_limit(&max, err);
    if (rc)
        return rc;
    const char *name = pl__input_name(path);
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return pl__error_set(err, PL_EIO, name, 0, 0, "cannot open: %s", strerror(errno));
    struct stat st;
    size_t hint = 0;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
        if ((uintmax_t)st.st_size > (uintmax_t)max)
            rc = pl__input_too_big(err, name, max);
        else
            hint = (size_t)st.st_size;
    }
    if (!rc)
        rc = read_stream(f, name, max, hint, data, size, err);
    if (!is_stdin)
        fclose(f);
    return rc;
}

int pl__read_whole_file(const char *path, char **data, size_t *size, pl_error *err)
{
    return pl__read_input(path, 0, data, size, err);
}
