/* SPDX-License-Identifier: MIT */
/*
** input.h: an input read once into memory, with a size limit, its format
** recognised from its bytes, and loaded as a scenario whatever its format.
**
** Every scenario input (a parley YAML or JSON file, or another tool's file)
** is read whole, once, and never beyond a limit: a device or a pipe that
** does not end (/dev/zero) is refused at the limit instead of filling
** memory, and a pipe or a FIFO is not opened twice. The path "-" is standard
** input (name a file called "-" as "./-"). The format is then recognised from
** the bytes, so an input read from a pipe or a file with any name is read
** like a named one:
**   KTAB XML, GENIUS  XML whose root element, after a declaration, comments
**                     and blanks, is <Scenario> (KTAB), <negotiation_template>
**                     (a GENIUS domain) or <utility_space> (a GENIUS profile)
**   DEU               a header line starting "prnrnmc" (quoted or not)
**   Decide            a first line that is a Decide record: #A, #P, #M, #D, #O
**                     or #/, quoted or not, then a delimiter or the line's end
**   KTAB CSV          a second line starting "Actor,"
**   JSON, YAML        a name ending .json, or .yaml or .yml; without one, JSON
**                     when the first byte after blanks is { or [, YAML when a
**                     line starts "parley:"
** Anything else is PL_INPUT_UNKNOWN, which pl_input_load reads as YAML (so its
** errors are the YAML reader's, e.g. "the file is empty").
*/
#ifndef PARLEY_INPUT_H
#define PARLEY_INPUT_H

#include <stddef.h>
#include "parley/export.h"
#include "parley/error.h"
#include "parley/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The limit on an input's size when none is given: 256 MiB. */
#define PL_INPUT_MAX_DEFAULT ((size_t)256 << 20)
/* The highest limit that may be given: 2047 MiB, so every line and column
   of an input fits the int of a pl_error. */
#define PL_INPUT_MAX_CEILING ((size_t)2047 << 20)

typedef enum pl_input_format {
    PL_INPUT_UNKNOWN = 0,    /* not recognised; as a format to read with: recognise it */
    PL_INPUT_YAML,
    PL_INPUT_JSON,
    PL_INPUT_DEU,            /* DEU I-III table */
    PL_INPUT_DECIDE,         /* Decide exchange-model CSV */
    PL_INPUT_KTAB_CSV,       /* KTAB spatial-model CSV */
    PL_INPUT_KTAB_XML,       /* KTAB SMP scenario XML */
    PL_INPUT_GENIUS_DOMAIN,  /* GENIUS domain (with its profiles: several inputs) */
    PL_INPUT_GENIUS_PROFILE, /* GENIUS profile (after its domain) */
    PL_INPUT_FORMAT_COUNT
} pl_input_format;

/**
 * The format's name as `--from` takes it: "yaml", "json", "deu", "decide",
 * "ktab" (both KTAB formats), "genius" (both GENIUS kinds); NULL for
 * PL_INPUT_UNKNOWN and values out of range.
 */
PL_API const char *pl_input_format_name(pl_input_format f);
/** The format in words for messages: "KTAB CSV", "a GENIUS domain", ...; "an unknown format". */
PL_API const char *pl_input_format_title(pl_input_format f);
/**
 * Format by name (as pl_input_format_name gives it); "ktab" gives
 * PL_INPUT_KTAB_CSV and "genius" PL_INPUT_GENIUS_DOMAIN, which pl_input_load
 * reads as KTAB CSV or XML, and as a domain with its profiles, as the bytes
 * show. PL_EINPUT (and *out unchanged) for other names.
 */
PL_API int pl_input_format_parse(pl_input_format *out, const char *name);

/**
 * Recognise the format of len bytes (see the top of this header); name,
 * which may be NULL, is used only to tell YAML from JSON by its ending.
 * Complexity: O(len) at worst (the search for a line "parley:").
 */
PL_API pl_input_format pl_input_detect(const char *data, size_t len, const char *name);

typedef struct pl_input pl_input;

/**
 * Read the file at path ("-": standard input) whole into a new input, and
 * recognise its format. A regular file larger than max_bytes is refused
 * before it is read; anything else is read until its end or until it passes
 * max_bytes. max_bytes 0 means PL_INPUT_MAX_DEFAULT.
 * @return PL_OK; PL_EINPUT when the input is larger than max_bytes (the
 *         message names the limit); PL_EIO when it cannot be opened or read;
 *         PL_EMISUSE for a NULL argument or max_bytes above PL_INPUT_MAX_CEILING;
 *         PL_ENOMEM.
 */
PL_API int pl_input_read(pl_input **out, const char *path, size_t max_bytes, pl_error *err);
/** A new input holding a copy of len bytes, named `name` in messages (NULL: "<input>"). */
PL_API int pl_input_from_buffer(pl_input **out, const char *data, size_t len, const char *name,
                                pl_error *err);
/** The name used in messages: the path as given, "<stdin>" for "-". */
PL_API const char *pl_input_name(const pl_input *in);
/** The bytes (followed by a NUL byte that len does not count); *len gets their number. */
PL_API const char *pl_input_data(const pl_input *in, size_t *len);
/** The format recognised from the bytes (pl_input_detect). */
PL_API pl_input_format pl_input_format_of(const pl_input *in);
/** Release an input. NULL is a no-op. */
PL_API void pl_input_free(pl_input *in);

/**
 * Load a scenario from n inputs read as format `as` (PL_INPUT_UNKNOWN: the
 * format recognised in in[0]): YAML or JSON through the scenario reader (an
 * unrecognised input as YAML; JSON without a .json name by the YAML 1.2
 * parser, which reads every JSON document), another tool's format through
 * its importer (see parley/import.h), GENIUS as in[0] the domain and the
 * rest its profiles (n >= 3). Every other format takes exactly one input.
 * *out and *yaml as for pl_import_buffer: the scenario, and the parley text
 * it was loaded from (for YAML and JSON the input's own bytes); either may
 * be NULL. opts->max_input also limits the parley YAML an importer writes.
 * opts->errors gets every error of a YAML or JSON input (see
 * pl_scenario_load_buffer); an importer stops at its first error, which is
 * then the list's only one.
 * @return PL_OK, PL_EINPUT (err has the input's name, line and column),
 *         PL_EMISUSE or PL_ENOMEM.
 */
PL_API int pl_input_load(pl_scenario **out, char **yaml, size_t n, const pl_input *const *in,
                         pl_input_format as, const pl_load_opts *opts, pl_error *err);

#ifdef __cplusplus
}
#endif

#endif
