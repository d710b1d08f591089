/* SPDX-License-Identifier: MIT */
/*
** error_int.h: internal helpers to fill a pl_error. Each returns `code`
** so that callers can write `return pl__error_set(err, PL_EINPUT, ...)`.
*/
#ifndef PL_ERROR_INT_H
#define PL_ERROR_INT_H

#include <stdarg.h>
#include "parley/error.h"

#if defined(__GNUC__)
#define PL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define PL_PRINTF(f, a)
#endif

int pl__error_set(pl_error *err, int code, const char *file, int line, int col,
                  const char *fmt, ...) PL_PRINTF(6, 7);
int pl__error_vset(pl_error *err, int code, const char *file, int line, int col,
                   const char *fmt, va_list ap);
int pl__error_nomem(pl_error *err);

/* Keep a copy of e in l; nothing (PL_OK) when l is NULL or full, or already holds e. */
int pl__error_list_add(pl_error_list *l, const pl_error *e);
/* Sort by line, then column (errors without a line last); equal places keep their order. */
void pl__error_list_sort(pl_error_list *l);

/*
** How a message asks for a proposal file, in the words of both front ends (the library's
** messages reach the command line and Python alike).
*/
#define PL__PROPOSAL_HINT "--proposal FILE (Python: proposal=)"

/* Plain message, no position. */
#define pl__fail(err, code, ...) pl__error_set((err), (code), NULL, 0, 0, __VA_ARGS__)

#endif
