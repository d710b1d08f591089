/* SPDX-License-Identifier: MIT */
/*
** import.c: the importers' shared machinery (see import_impl.h) and the
** public entry points: convert to YAML text, then load that text.
*/
#include "import_impl.h"
#include "parley/input.h"
#include "../scenario/doc.h"
#include "../core/fmt.h"
#include "../core/error_int.h"
#include "../core/utf8.h"
#include "../core/alloc.h"

#include <csv.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- rows ----------------------------------------------------------------- */

typedef struct row_builder {
    pl__row row;
    size_t cap;
    int oom;
} row_builder;

static void on_field(void *s, size_t len, void *ctx)
{
    row_builder *b = ctx;
    if (b->oom)
        return;
    if (b->row.n == b->cap) {
        /* the two arrays grow together: each from the same old capacity */
        size_t fcap = b->cap, ccap = b->cap;
        char **f = pl__grow(b->row.field, &fcap, b->cap + 1, sizeof *f, 16);
        size_t *c = f ? pl__grow(b->row.col, &ccap, b->cap + 1, sizeof *c, 16) : NULL;
        if (f)
            b->row.field = f;
        if (!f || !c) {
            b->oom = 1;
            return;
        }
        b->row.col = c;
        b->cap = fcap;
    }
    char *t = malloc(len + 1);
    if (!t) {
        b->oom = 1;
        return;
    }
    memcpy(t, s ? s : "", len);
    t[len] = '\0';
    b->row.field[b->row.n++] = t;
}

static void on_record(int c, void *ctx)
{
    (void)c;
    (void)ctx;
}

/* Only the space character is padding: tabs may be the delimiter. */
static int is_pad(unsigned char c) { return c == ' '; }

/* 1-based columns where the fields of line start (delimiters outside quotes). */
static void field_columns(const char *line, size_t len, unsigned char delim,
                          unsigned char quote, size_t *col, size_t n)
{
    size_t k = 0;
    int quoted = 0;
    if (n)
        col[k++] = 1;
    for (size_t i = 0; i < len && k < n; i++) {
        if ((unsigned char)line[i] == quote)
            quoted = !quoted;
        else if ((unsigned char)line[i] == delim && !quoted)
            col[k++] = i + 2;
    }
    while (k < n)
        col[k++] = len + 1;
}

static void row_clear(row_builder *b)
{
    for (size_t i = 0; i < b->row.n; i++)
        free(b->row.field[i]);
    b->row.n = 0;
}

/*
** Where a line's quoting goes wrong, for the message: the column of an
** unclosed opening quote, or of text after a closing one; 0 if none found.
*/
static size_t quote_trouble(const char *line, size_t len, unsigned char delim,
                            unsigned char quote, int *unclosed, size_t *opened)
{
    size_t open = 0;
    int quoted = 0, at_start = 1;
    *unclosed = 0;
    *opened = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)line[i];
        if (quoted) {
            if (ch == quote && i + 1 < len && (unsigned char)line[i + 1] == quote)
                i++; /* a doubled quote inside quotes */
            else if (ch == quote) {
                quoted = 0;
                if (i + 1 < len && (unsigned char)line[i + 1] != delim && line[i + 1] != ' ') {
                    *opened = open;
                    return i + 2;
                }
            }
        } else if (ch == quote) {
            if (!at_start)
                return i + 1;
            quoted = 1;
            open = i + 1;
        }
        at_start = ch == delim || (at_start && ch == ' ');
    }
    *unclosed = quoted;
    return quoted ? open : 0;
}

/* Parse one physical line with libcsv; 0 or an error. */
static int parse_line(row_builder *b, const char *line, size_t len, unsigned char delim,
                      unsigned char quote, pl_error *err)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return pl__error_nomem(err);
    csv_set_delim(&p, delim);
    csv_set_quote(&p, quote);
    csv_set_space_func(&p, is_pad);
    int bad = csv_parse(&p, line, len, on_field, on_record, b) != len ||
              csv_fini(&p, on_field, on_record, b) != 0;
    csv_free(&p);
    if (b->oom)
        return pl__error_nomem(err);
    if (!bad)
        return PL_OK;
    int unclosed;
    size_t opened, col = quote_trouble(line, len, delim, quote, &unclosed, &opened);
    if (unclosed)
        return pl__error_set(err, PL_EINPUT, b->row.file, (int)b->row.line, (int)col,
                             "a quoted field is not closed; expected a closing %c before the "
                             "end of the line", quote);
    if (opened)
        return pl__error_set(err, PL_EINPUT, b->row.file, (int)b->row.line, (int)col,
                             "text follows the quote that closes the field opened at column "
                             "%zu; expected quotes only around whole fields (is a %c missing?)",
                             opened, quote);
    return pl__error_set(err, PL_EINPUT, b->row.file, (int)b->row.line, col ? (int)col : 1,
                         "a %c inside a field; expected quotes only around whole fields", quote);
}

/* Text, not binary: no NUL byte and strict UTF-8 (else the first bad byte's position). */
static int check_text(const char *data, size_t len, const char *file, pl_error *err)
{
    size_t at;
    int line, col;
    if (!pl_utf8_find_bad(data, len, &at, &line, &col))
        return PL_OK;
    unsigned char ch = (unsigned char)data[at];
    return pl__error_set(err, PL_EINPUT, file, line, col,
                         ch == 0 ? "a NUL byte: this is not a text file; expected a "
                                   "tab-separated table"
                                 : "byte 0x%02x is not UTF-8; expected a text file in UTF-8", ch);
}

int pl__read_rows(const char *data, size_t len, const char *file, unsigned char delim,
                  unsigned char quote, pl__row_fn fn, void *ctx, pl_error *err)
{
    row_builder b;
    memset(&b, 0, sizeof b);
    b.row.file = file;
    int rc = check_text(data, len, file, err);
    size_t at = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        at = 3; /* a byte-order mark */
    while (!rc && at < len) {
        const char *nl = memchr(data + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - data) : len, l = end - at;
        b.row.line++;
        if (l && data[at + l - 1] == '\r')
            l--;
        if (l) {
            rc = parse_line(&b, data + at, l, delim, quote, err);
            if (!rc && b.row.n) {
                field_columns(data + at, l, delim, quote, b.row.col, b.row.n);
                rc = fn(&b.row, ctx, err);
            }
            row_clear(&b);
        }
        at = end + 1;
    }
    free(b.row.field);
    free(b.row.col);
    return rc;
}

int pl__row_fail_err(pl_error *err, const pl__row *row, size_t field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = pl__error_vset(err, PL_EINPUT, row->file, (int)row->line,
                            field < row->n ? (int)row->col[field] : 1, fmt, ap);
    va_end(ap);
    return rc;
}

int pl__row_number(const pl__row *row, size_t f, const char *what, double lo, double hi,
                   double *out, int *present, pl_error *err)
{
    const char *t = f < row->n ? row->field[f] : "";
    while (*t == ' ')
        t++;
    *out = 0;
    *present = *t != '\0';
    if (!*present)
        return PL_OK;
    char *end;
    double v = pl__strtod(t, &end);
    while (*end == ' ')
        end++;
    if (end == t || *end || !isfinite(v) || v < lo || v > hi) {
        char lim[64], lo_s[32], hi_s[32];
        if (isinf(lo) && isinf(hi))
            snprintf(lim, sizeof lim, "a finite number");
        else if (isinf(hi))
            snprintf(lim, sizeof lim, "a number >= %s", pl__fmt_double(lo_s, lo));
        else
            snprintf(lim, sizeof lim, "a number in [%s, %s]", pl__fmt_double(lo_s, lo),
                     pl__fmt_double(hi_s, hi));
        return pl__row_fail_err(err, row, f, "%s is '%.40s'; expected %s", what, t, lim);
    }
    *out = v;
    return PL_OK;
}

void pl__import_warn(const pl_load_opts *opts, const pl__row *row, size_t field,
                     const char *fmt, ...)
{
    if (!opts || !opts->warn)
        return;
    pl_error w;
    va_list ap;
    va_start(ap, fmt);
    pl__error_vset(&w, PL_OK, row->file, (int)row->line,
                   field < row->n ? (int)row->col[field] : 1, fmt, ap);
    va_end(ap);
    opts->warn(&w, opts->payload);
}

/* ---- YAML text ------------------------------------------------------------ */

void pl__y_raw(pl__ybuf *b, const char *s) { pl__buf_put(b, s, strlen(s)); }

void pl__y_str(pl__ybuf *b, const char *s)
{
    pl__buf_put(b, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            pl__buf_put(b, e, 2);
        } else if (c < 0x20 || c == 0x7f) {
            pl__y_printf(b, "\\x%02x", c);
        } else {
            pl__buf_put(b, s, 1);
        }
    }
    pl__buf_put(b, "\"", 1);
}

void pl__y_num(pl__ybuf *b, double v)
{
    char buf[40];
    pl__y_raw(b, pl__fmt_double(buf, v));
}

void pl__y_id(char *out, size_t size, const char *s)
{
    size_t k = 0;
    if (size == 0)
        return;
    /* ASCII letters only: isalpha() of a byte above 0x7f follows the locale */
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) && size > 2)
        out[k++] = 'x';
    for (; *s && k + 1 < size; s++) {
        unsigned char c = (unsigned char)*s;
        out[k++] = (c < 0x80 && (isalnum(c) || c == '_' || c == '.' || c == '-')) ? (char)c : '_';
    }
    out[k] = '\0';
}

/* ---- entry points --------------------------------------------------------- */

static const char *const format_names[PL_IMPORT_COUNT] = {"deu", "decide", "ktab"};

const char *pl_import_format_name(pl_import_format f)
{
    return (unsigned)f < PL_IMPORT_COUNT ? format_names[f] : NULL;
}

int pl_import_format_parse(pl_import_format *out, const char *name)
{
    for (int f = 0; name && f < PL_IMPORT_COUNT; f++)
        if (strcmp(name, format_names[f]) == 0) {
            *out = (pl_import_format)f;
            return PL_OK;
        }
    return PL_EINPUT;
}

const char *pl__first_byte(const char *data, size_t len)
{
    size_t at = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (at < len && (data[at] == ' ' || data[at] == '\t' || data[at] == '\n' ||
                        data[at] == '\r'))
        at++;
    return at < len ? data + at : NULL;
}

int pl_import_sniff(const char *data, size_t len, pl_import_format *out)
{
    switch (pl_input_detect(data, len, NULL)) {
    case PL_INPUT_DEU: *out = PL_IMPORT_DEU; return 1;
    case PL_INPUT_DECIDE: *out = PL_IMPORT_DECIDE; return 1;
    case PL_INPUT_KTAB_CSV:
    case PL_INPUT_KTAB_XML: *out = PL_IMPORT_KTAB; return 1;
    default: return 0;
    }
}

int pl__import_finish(pl__ybuf *b, int rc, const char *name, pl_scenario **out, char **yaml,
                      const pl_load_opts *opts, pl_error *err)
{
    if (!rc && b->failed)
        rc = pl__error_nomem(err);
    if (!rc && out) {
        char label[300];
        snprintf(label, sizeof label, "%s (as parley YAML)", name);
        rc = pl_scenario_load_buffer(out, b->buf, b->len, label, opts, err);
    }
    if (!rc && yaml) {
        *yaml = b->buf;
        b->buf = NULL;
    }
    pl__buf_free(b);
    return rc;
}

int pl_import_buffer(pl_scenario **out, char **yaml, const char *data, size_t len,
                     const char *name, pl_import_format f, const pl_load_opts *opts,
                     pl_error *err)
{
    pl__ybuf b = {0};
    if (out)
        *out = NULL;
    if (yaml)
        *yaml = NULL;
    if (!data && len)
        return pl__fail(err, PL_EMISUSE, "pl_import_buffer: no data");
    if (!name)
        name = "<input>";
    int rc = f == PL_IMPORT_DEU      ? pl__import_deu(&b, data, len, name, opts, err)
             : f == PL_IMPORT_DECIDE ? pl__import_decide(&b, data, len, name, opts, err)
             : f == PL_IMPORT_KTAB && pl__looks_xml(data, len)
                 ? pl__import_ktab_xml(&b, data, len, name, opts, err)
             : f == PL_IMPORT_KTAB ? pl__import_ktab(&b, data, len, name, opts, err)
                                     : pl__fail(err, PL_EMISUSE, "unknown import format %d", f);
    return pl__import_finish(&b, rc, name, out, yaml, opts, err);
}

int pl_import_file(pl_scenario **out, char **yaml, const char *path, pl_import_format f,
                   const pl_load_opts *opts, pl_error *err)
{
    size_t len = 0;
    char *data = NULL;
    int rc = pl__read_input(path, opts ? opts->max_input : 0, &data, &len, err);
    if (!rc)
        rc = pl_import_buffer(out, yaml, data, len, pl__input_name(path), f, opts, err);
    free(data);
    return rc;
}
