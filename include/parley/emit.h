/* SPDX-License-Identifier: MIT */
/*
** emit.h: results describe themselves once, as a tree of objects, arrays,
** tables and scalars; an emitter turns that description into text, JSON or
** CSV. Errors are sticky: after the first failure every call returns the same
** code and pl_emitter_finish() reports it, so a describer may check only the
** final result.
*/
#ifndef PARLEY_EMIT_H
#define PARLEY_EMIT_H

#include <stddef.h>
#include "parley/export.h"
#include "parley/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pl_format {
    PL_FORMAT_TEXT = 0,  /* readable terminal text: headings, aligned tables */
    PL_FORMAT_JSON,      /* one JSON document; tables become arrays of objects */
    PL_FORMAT_CSV        /* one table (RFC 4180) chosen by pl_emit_opts.csv_table */
} pl_format;

/** Sink for the output; return 0 on success, PL_ENOMEM when a sink into memory could not
    grow (the emitter then reports out of memory), any other non-zero on failure (PL_EIO). */
typedef int (*pl_write_fn)(const char *data, size_t len, void *payload);

typedef struct pl_emit_opts {
    const char *csv_table;  /* CSV: key of the table to write; NULL = the first table */
} pl_emit_opts;
#define PL_EMIT_OPTS_INIT {NULL}

typedef struct pl_emitter pl_emitter;

/** Parse "text", "json" or "csv". Returns PL_OK or PL_EINPUT. */
PL_API int pl_format_parse(pl_format *out, const char *name);

PL_API int pl_emitter_new(pl_emitter **out, pl_format format, pl_write_fn write,
                          void *payload, const pl_emit_opts *opts, pl_error *err);
/** Flush and check: every container closed, the CSV table found. */
PL_API int pl_emitter_finish(pl_emitter *e, pl_error *err);
PL_API void pl_emitter_free(pl_emitter *e);  /* NULL is a no-op */

/*
** key names the member inside an object; it must be NULL inside arrays and
** table rows. title is a human heading for the text format (may be NULL).
*/
PL_API int pl_emit_object_begin(pl_emitter *e, const char *key, const char *title);
PL_API int pl_emit_object_end(pl_emitter *e);
PL_API int pl_emit_array_begin(pl_emitter *e, const char *key, const char *title);
PL_API int pl_emit_array_end(pl_emitter *e);
/** A table: rows of exactly ncols scalar cells, in column order. */
PL_API int pl_emit_table_begin(pl_emitter *e, const char *key, const char *title,
                               const char *const *columns, size_t ncols);
PL_API int pl_emit_row_begin(pl_emitter *e);
PL_API int pl_emit_row_end(pl_emitter *e);
PL_API int pl_emit_table_end(pl_emitter *e);

PL_API int pl_emit_string(pl_emitter *e, const char *key, const char *value); /* NULL -> null */
/** A finite number; NaN or infinity is refused with PL_ERANGE (never printed). */
PL_API int pl_emit_number(pl_emitter *e, const char *key, double value);
PL_API int pl_emit_int(pl_emitter *e, const char *key, long long value);
PL_API int pl_emit_bool(pl_emitter *e, const char *key, int value);
PL_API int pl_emit_null(pl_emitter *e, const char *key);
/** A number, or null when it is NaN or infinite (undefined, not computed). */
PL_API int pl_emit_number_or_null(pl_emitter *e, const char *key, double value);

/** Describe a scenario (actors, issues, positions, bodies, ratification, red lines). */
struct pl_scenario;
/**
 * Open the root object every command's document starts with: "parley" (the library's
 * version), then "scenario" (its name) when s is not NULL. Close it with
 * pl_emit_object_end. `parley serve` frames each analysis' document the same way.
 */
PL_API int pl_emit_document_begin(pl_emitter *e, const struct pl_scenario *s);
PL_API int pl_scenario_emit(const struct pl_scenario *s, pl_emitter *e);

#ifdef __cplusplus
}
#endif
#endif
