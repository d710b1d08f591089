/* SPDX-License-Identifier: MIT */
/*
** defaults.h: the analyses' option structs filled with their defaults by a
** function, for callers that cannot expand the PL_*_OPTS_INIT macros (a
** binding that loads libparley at run time, e.g. the Python package's cffi
** ABI mode). The size check also tells such a caller that its idea of the
** struct's layout is not the library's.
*/
#ifndef PARLEY_DEFAULTS_H
#define PARLEY_DEFAULTS_H

#include <stddef.h>
#include "parley/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Fill *out, a struct of `size` bytes, with the defaults of option struct
 * `kind`: "load" (pl_load_opts), "forecast", "settle", "stress", "power",
 * "report", "evaluate", "compare" (pl_<kind>_opts), i.e. its PL_*_OPTS_INIT.
 * @return PL_OK; PL_ENOTFOUND for another kind; PL_EMISUSE when out is NULL
 *         or size is not the struct's size (the caller was built against
 *         other headers).
 */
PL_API int pl_opts_default(const char *kind, void *out, size_t size);

#ifdef __cplusplus
}
#endif
#endif
