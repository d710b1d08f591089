/* SPDX-License-Identifier: MIT */
/*
** input.c: an input read once (parley/input.h) and loaded as a scenario
** through the reader or the importer its format calls for. This is the one
** place that chooses between them, so the CLI and a binding load any input
** the same way.
*/
#include "import_impl.h"
#include "parley/input.h"
#include "../scenario/doc.h"
#include "../core/error_int.h"

#include <stdlib.h>
#include <string.h>

struct pl_input {
    char *name;
    char *data;              /* len bytes and a NUL */
    size_t len;
    pl_input_format format;  /* recognised from the bytes */
};

/* A new input that takes data (malloc'd, NUL-terminated) over; data is freed on failure. */
static int adopt(pl_input **out, const char *name, char *data, size_t len, pl_error *err)
{
    pl_input *in = calloc(1, sizeof *in);
    size_t n = strlen(name) + 1;
    if (in && (in->name = malloc(n)))
        memcpy(in->name, name, n);
    if (!in || !in->name) {
        free(in);
        free(data);
        return pl__error_nomem(err);
    }
    in->data = data;
    in->len = len;
    in->format = pl_input_detect(data, len, name);
    *out = in;
    return PL_OK;
}

int pl_input_read(pl_input **out, const char *path, size_t max_bytes, pl_error *err)
{
    if (!out || !path)
        return pl__fail(err, PL_EMISUSE, "pl_input_read: NULL argument");
    *out = NULL;
    char *data;
    size_t len;
    int rc = pl__read_input(path, max_bytes, &data, &len, err);
    return rc ? rc : adopt(out, pl__input_name(path), data, len, err);
}

int pl_input_from_buffer(pl_input **out, const char *data, size_t len, const char *name,
                         pl_error *err)
{
    if (!out || (!data && len))
        return pl__fail(err, PL_EMISUSE, "pl_input_from_buffer: NULL argument");
    *out = NULL;
    char *copy = malloc(len + 1);
    if (!copy)
        return pl__error_nomem(err);
    if (len)
        memcpy(copy, data, len);
    copy[len] = '\0';
    return adopt(out, name ? name : "<input>", copy, len, err);
}

const char *pl_input_name(const pl_input *in) { return in ? in->name : NULL; }

const char *pl_input_data(const pl_input *in, size_t *len)
{
    if (len)
        *len = in ? in->len : 0;
    return in ? in->data : NULL;
}

pl_input_format pl_input_format_of(const pl_input *in)
{
    return in ? in->format : PL_INPUT_UNKNOWN;
}

void pl_input_free(pl_input *in)
{
    if (!in)
        return;
    free(in->name);
    free(in->data);
    free(in);
}

/* ---- loading ------------------------------------------------------------------ */

/* YAML or JSON (or text of no known format, read as YAML): the input is the parley text. */
static int load_text(pl_scenario **out, char **yaml, const pl_input *in,
                     const pl_load_opts *opts, pl_error *err)
{
    pl_scenario *s = NULL;
    int rc = pl_scenario_load_buffer(&s, in->data, in->len, in->name, opts, err);
    if (!rc && yaml && !(*yaml = malloc(in->len + 1)))
        rc = pl__error_nomem(err);
    if (!rc && yaml)
        memcpy(*yaml, in->data, in->len + 1);
    if (!rc && out)
        *out = s;
    else
        pl_scenario_free(s);
    return rc;
}

/* GENIUS: in[0] the domain, the others its profiles. */
static int load_genius(pl_scenario **out, char **yaml, size_t n, const pl_input *const *in,
                       const pl_load_opts *opts, pl_error *err)
{
    const char **data = malloc(n * sizeof *data), **names = malloc(n * sizeof *names);
    size_t *len = malloc(n * sizeof *len);
    int rc = data && names && len ? PL_OK : pl__error_nomem(err);
    for (size_t i = 0; !rc && i < n; i++) {
        data[i] = in[i]->data;
        len[i] = in[i]->len;
        names[i] = in[i]->name;
    }
    if (!rc)
        rc = pl_import_genius_buffers(out, yaml, n, data, len, names, opts, err);
    free(data);
    free(names);
    free(len);
    return rc;
}

static int load_any(pl_scenario **out, char **yaml, size_t n, const pl_input *const *in,
                    pl_input_format as, const pl_load_opts *opts, pl_error *err);

int pl_input_load(pl_scenario **out, char **yaml, size_t n, const pl_input *const *in,
                  pl_input_format as, const pl_load_opts *opts, pl_error *err)
{
    if (out)
        *out = NULL;
    if (yaml)
        *yaml = NULL;
    pl_error_list *list = opts ? opts->errors : NULL;
    pl_error first;
    pl_error_clear(&first);
    pl_error_list_clear(list);
    int rc = load_any(out, yaml, n, in, as, opts, &first);
    /* an importer stops at its first error: then that one is the list */
    if (rc && pl_error_list_count(list) == 0)
        pl__error_list_add(list, &first);
    if (err && rc)
        *err = first;
    return rc;
}

static int load_any(pl_scenario **out, char **yaml, size_t n, const pl_input *const *in,
                    pl_input_format as, const pl_load_opts *opts, pl_error *err)
{
    for (size_t i = 0; in && i < n; i++)
        if (!in[i])
            return pl__fail(err, PL_EMISUSE, "pl_input_load: input %zu is NULL", i + 1);
    if (!in || n == 0 || (unsigned)as >= PL_INPUT_FORMAT_COUNT)
        return pl__fail(err, PL_EMISUSE, "pl_input_load: no input or no such format");
    pl_input_format f = as != PL_INPUT_UNKNOWN ? as : in[0]->format;
    if (f == PL_INPUT_GENIUS_DOMAIN || f == PL_INPUT_GENIUS_PROFILE)
        return load_genius(out, yaml, n, in, opts, err);
    if (n != 1)
        return pl__error_set(err, PL_EINPUT, in[1]->name, 0, 0, "%s is read alone, but %zu "
                             "inputs were given; expected one (several only for GENIUS: the "
                             "domain, then its profiles)", pl_input_format_title(f), n);
    const pl_input *x = in[0];
    switch (f) {
    case PL_INPUT_DEU:
        return pl_import_buffer(out, yaml, x->data, x->len, x->name, PL_IMPORT_DEU, opts, err);
    case PL_INPUT_DECIDE:
        return pl_import_buffer(out, yaml, x->data, x->len, x->name, PL_IMPORT_DECIDE, opts, err);
    case PL_INPUT_KTAB_CSV:
    case PL_INPUT_KTAB_XML:
        /* told apart by the bytes, as --from ktab always did */
        return pl_import_buffer(out, yaml, x->data, x->len, x->name, PL_IMPORT_KTAB, opts, err);
    default:
        return load_text(out, yaml, x, opts, err);
    }
}
