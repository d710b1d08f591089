/* SPDX-License-Identifier: MIT */
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
**           power and a position and salience per dimension), or KTAB's SMP
**           scenario XML (<Scenario> with <Dimensions> and <Actors>): an input
**           whose first byte after a byte-order mark and blanks is '<'
**   genius  GENIUS negotiation XML (MODELS.md section 7): a domain file and one
**           additive profile per party (pl_import_genius_*, several files)
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
 * Recognise an importer's format from data, as pl_input_detect does (parley/input.h):
 * a DEU header (prnrnmc), a Decide record (#A, #P, #M, #D, #O, #/, quoted or not),
 * a KTAB counts line followed by an "Actor," header, or XML whose root element
 * is <Scenario> (KTAB). 1 and *out set if recognised, else 0.
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
/** The same for a file ("-": standard input), read once and at most opts->max_input
    bytes (PL_EIO when it cannot be read, PL_EINPUT above the limit). */
PL_API int pl_import_file(pl_scenario **out, char **yaml, const char *path, pl_import_format f,
                          const pl_load_opts *opts, pl_error *err);

/**
 * GENIUS: domain file first, then one profile per party (at least 2), so
 * n_files >= 3; data[i] holds len[i] bytes named names[i] in messages
 * (names may be NULL). Each profile becomes an actor (capability 1, its
 * reservation value as no_deal, its discount factor below 1 as discount),
 * each discrete issue's items and each integer issue's values become named
 * options, and every actor's evaluations become per-option values
 * (evaluation / highest evaluation of the issue) with the issue weight, as
 * given, as salience. The known defects of real GENIUS files (a comment
 * before the XML declaration, a bare &, Windows-1252 bytes, attributes with
 * no space between them, no vtype, duplicate items, a discount factor that is
 * not a number or above 1, weights that do not sum to 1) are repaired or
 * tolerated with a warning through opts->warn; real-valued issues and
 * nonlinear (hyper-rectangle) profiles are refused with PL_EINPUT. *yaml and
 * *out as for pl_import_buffer.
 */
PL_API int pl_import_genius_buffers(pl_scenario **out, char **yaml, size_t n_files,
                                    const char *const *data, const size_t *len,
                                    const char *const *names, const pl_load_opts *opts,
                                    pl_error *err);
/** The same for files: paths[0] the domain, then the profiles ("-": standard input), each
    read at most opts->max_input bytes (PL_EIO when one cannot be read). */
PL_API int pl_import_genius_files(pl_scenario **out, char **yaml, size_t n_files,
                                  const char *const *paths, const pl_load_opts *opts,
                                  pl_error *err);

#ifdef __cplusplus
}
#endif

#endif
