/* SPDX-License-Identifier: MIT */
/*
** import_impl.h: what the importers share: reading delimited rows through
** libcsv with their line and column, and writing parley YAML text.
*/
#ifndef PL_IMPORT_IMPL_H
#define PL_IMPORT_IMPL_H

#include "../core/buf.h"
#include <stddef.h>
#include "parley/import.h"

/* ---- rows ----------------------------------------------------------------- */

typedef struct pl__row {
    const char *file;
    size_t line;          /* 1-based */
    size_t n;             /* fields */
    char **field;         /* NUL-terminated, unquoted */
    size_t *col;          /* 1-based byte column where each field starts */
} pl__row;

/* Called per non-empty physical line; a non-zero return stops the reading. */
typedef int (*pl__row_fn)(const pl__row *row, void *ctx, pl_error *err);

/* The first byte after a byte-order mark and blanks (spaces, tabs, line ends), or NULL. */
const char *pl__first_byte(const char *data, size_t len);

/* Split data into lines and each line into fields (delimiter delim, quote character quote). */
int pl__read_rows(const char *data, size_t len, const char *file, unsigned char delim,
                  unsigned char quote, pl__row_fn fn, void *ctx, pl_error *err);

/* Error at a field of a row: "file:line:col: ..." */
int pl__row_fail_err(pl_error *err, const pl__row *row, size_t field, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* A number from field f (finite, in [lo, hi]; infinite bounds: none); 0 and *present = 0 when empty. */
int pl__row_number(const pl__row *row, size_t f, const char *what, double lo, double hi,
                   double *out, int *present, pl_error *err);

/* ---- YAML text ------------------------------------------------------------ */

typedef pl__buf pl__ybuf;

void pl__y_raw(pl__ybuf *b, const char *s);
#define pl__y_printf pl__buf_printf
/* A double-quoted YAML string with escapes. */
void pl__y_str(pl__ybuf *b, const char *s);
/* The shortest text that reads back as v. */
void pl__y_num(pl__ybuf *b, double v);
/* Make s an identifier (letters, digits, _ . -; a letter first), into out. */
void pl__y_id(char *out, size_t size, const char *s);

/* A KTAB spatial scenario, read from CSV or XML, as the importers hand it to pl__ktab_yaml. */
typedef struct pl__ktab_out {
    const char *file, *title, *desc;
    const char *notes;          /* comment lines for the top of the YAML, or NULL */
    size_t n_act, n_dim;
    const void *ctx;
    void (*actor)(const void *ctx, size_t i, const char **id, const char **name, double *cap,
                  const double **x, const double **s);  /* x on 0-100, s on 0-1 */
    void (*dim)(const void *ctx, size_t d, const char **id, const char **name);
} pl__ktab_out;
/* The parley scenario YAML of a KTAB scenario (one issue per dimension). */
void pl__ktab_yaml(pl__ybuf *b, const pl__ktab_out *o);

/* A warning at a row's field, through opts->warn. */
void pl__import_warn(const pl_load_opts *opts, const pl__row *row, size_t field,
                     const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/*
** The end of every import: with rc == PL_OK, load b's text as a scenario into
** *out (when out is not NULL) and hand the text to *yaml (when yaml is not
** NULL); b's memory is released either way.
*/
int pl__import_finish(pl__ybuf *b, int rc, const char *name, pl_scenario **out, char **yaml,
                      const pl_load_opts *opts, pl_error *err);

/* The importers: YAML text into b. */
int pl__import_deu(pl__ybuf *b, const char *data, size_t len, const char *file,
                   const pl_load_opts *opts, pl_error *err);
int pl__import_decide(pl__ybuf *b, const char *data, size_t len, const char *file,
                      const pl_load_opts *opts, pl_error *err);
int pl__import_ktab(pl__ybuf *b, const char *data, size_t len, const char *file,
                    const pl_load_opts *opts, pl_error *err);
/* XML: the first byte after a byte-order mark and blanks is '<' (detect.c). */
int pl__looks_xml(const char *data, size_t len);

/* KTAB's SMP scenario XML (format "ktab" when the input starts with '<'). */
int pl__import_ktab_xml(pl__ybuf *b, const char *data, size_t len, const char *file,
                        const pl_load_opts *opts, pl_error *err);

#endif
