/* SPDX-License-Identifier: MIT */
/*
** fuzz_util.h: what the fuzz targets share.
*/
#ifndef PL_FUZZ_UTIL_H
#define PL_FUZZ_UTIL_H

#include <stddef.h>

/* An emitter sink that drops everything: the targets exercise the writers, not their output. */
static inline int fuzz_discard(const char *data, size_t len, void *payload)
{
    (void)data, (void)len, (void)payload;
    return 0;
}

#endif
