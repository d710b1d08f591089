/*
** import.h: scenarios from other tools' files (MODELS.md sections 5, 6, 12).
**
** An importer turns its input into parley's own YAML text, which is then
** loaded like any hand-written scenario: imports never bypass validation,
** and `parley import` writes that very text, so it loads back to the same
** scenario. Problems in the input are reported at the input's own
** file:line:col.
**   deu     DEU I-III table (Arregui & Perarnaud 2021): TAB-separated, one
**           issue per row with its reference point and recorded outcome;
**           row 2 holds GDP (trillions) used as capability
**   decide  Decide exchange-model CSV (#A actors, #P issues, #M bounds, #D data)
**   ktab    KTAB spatial-model CSV (counts line, header, one row per actor with
**           power and a position and salience per dimension)
*/
#ifndef PARLEY_IMPORT_H
#define PARLEY_IMPORT_H

#include <stddef.h>
#include "parley/export.h"
#include "parley/error.h"
#include "parley/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pl_import_format {
    PL_IMPORT_DEU = 0,
    PL_IMPORT_DECIDE,
    PL_IMPORT_KTAB,
    PL_IMPORT_COUNT
} pl_import_format;

/** Format by name ("deu", "decide", "ktab"); PL_EINPUT for others. */
PL_API int pl_import_format_parse(pl_import_format *out, const char *name);
PL_API const char *pl_import_format_name(pl_import_format f);

/**
 * Recognise a format from the first bytes of data: a DEU header (prnrnmc),
 * Decide records (#A, #P, #/, #O, quoted or not) or a KTAB counts line
 * followed by an "Actor," header. 1 and *out set if recognised, else 0.
 */
PL_API int pl_import_sniff(const char *data, size_t len, pl_import_format *out);

/**
 * Convert data (named `name` in messages) from format f: *yaml receives the
 * parley YAML text (malloc'd; free() it) and *out the loaded scenario; either
 * pointer may be NULL when not wanted. Warnings (e.g. a missing salience
 * counted as 0) go to opts->warn.
 */
PL_API int pl_import_buffer(pl_scenario **out, char **yaml, const char *data, size_t len,
                            const char *name, pl_import_format f, const pl_load_opts *opts,
                            pl_error *err);
/** The same for a file (PL_EIO when it cannot be read). */
PL_API int pl_import_file(pl_scenario **out, char **yaml, const char *path, pl_import_format f,
                          const pl_load_opts *opts, pl_error *err);

#ifdef __cplusplus
}
#endif

#endif
