/* SPDX-License-Identifier: MIT */
/*
** error.h: status codes and the caller-owned error record.
**
** Every fallible function returns int: PL_OK (0) or a negative PL_E* code,
** and fills an optional pl_error * (NULL is allowed) with the code, a one-line
** message saying what is wrong and what is expected, and, for input errors,
** the file, line and column (1-based) where the problem is.
** The library never prints and never exits; there is no global "last error".
*/
#ifndef PARLEY_ERROR_H
#define PARLEY_ERROR_H

#include <stddef.h>
#include "parley/export.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
    PL_OK = 0,
    PL_ERROR = -1,     /* other failure */
    PL_EINPUT = -2,    /* bad input: syntax, type, range, reference */
    PL_ENOMEM = -3,    /* out of memory */
    PL_EIO = -4,       /* file could not be read or written */
    PL_ERANGE = -5,    /* a result would not be a finite number */
    PL_EMISUSE = -6,   /* API misuse: NULL where an object is required, bad index */
    PL_ENOTFOUND = -7  /* a named thing (built-in scenario, body, issue) does not exist */
};

#define PL_ERROR_FILE_MAX 256
#define PL_ERROR_MSG_MAX 512

typedef struct pl_error {
    int code;                       /* PL_E* code, PL_OK when nothing happened */
    int line;                       /* 1-based line, 0 when not about a position */
    int col;                        /* 1-based column (in characters), 0 when unknown */
    char file[PL_ERROR_FILE_MAX];   /* input name, "" when not about a file */
    char msg[PL_ERROR_MSG_MAX];     /* what is wrong; what is expected */
} pl_error;

/** Static text for a status code, e.g. "bad input". */
PL_API const char *pl_strerror(int code);

/** Reset an error record to "no error". NULL is a no-op. */
PL_API void pl_error_clear(pl_error *err);

/**
 * Format as "file:line:col: message" (parts that are unknown are left out).
 * Returns the length that the full text needs, like snprintf.
 */
PL_API int pl_error_format(const pl_error *err, char *buf, size_t size);

/**
 * "Did you mean ...?": the candidate closest to word when it is a plausible
 * typo (edit distance at most 2 and less than half the word's length, or a
 * difference of case only), else NULL. Ties go to the earlier candidate;
 * words over 64 bytes match nothing. The library's own messages use it for
 * unknown keys and ids; callers can use it for their own words (commands,
 * options). Returns a pointer into cands.
 */
PL_API const char *pl_suggest(const char *word, const char *const *cands, size_t n);

/*
** A list of errors: every problem a load finds, rather than the first one
** alone (pl_load_opts.errors; `parley validate` prints them). It keeps at
** most `max` errors; a reader that fills it stops there.
*/
typedef struct pl_error_list pl_error_list;

/* How many errors a list keeps when no other number is given. */
#define PL_ERROR_LIST_MAX_DEFAULT 50

/** A new, empty list keeping at most max errors (0: PL_ERROR_LIST_MAX_DEFAULT). */
PL_API int pl_error_list_new(pl_error_list **out, size_t max);
/** Number of errors held. */
PL_API size_t pl_error_list_count(const pl_error_list *l);
/** Error i (the loaders leave them sorted by line and column); NULL past the end. */
PL_API const pl_error *pl_error_list_get(const pl_error_list *l, size_t i);
/** 1 when the list holds its maximum: whoever filled it stopped there, and there may be more. */
PL_API int pl_error_list_full(const pl_error_list *l);
/** Empty the list (its maximum stays). */
PL_API void pl_error_list_clear(pl_error_list *l);
/** Release a list. NULL is a no-op. */
PL_API void pl_error_list_free(pl_error_list *l);

#ifdef __cplusplus
}
#endif
#endif
