/* SPDX-License-Identifier: MIT */
/*
** schema.c: typed getters for document nodes (see schema.h).
*/
#include "schema.h"
#include "../core/fmt.h"
#include "../core/error_int.h"
#include "../core/suggest.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The input a message about n names: its file, or the change that put n there. */
static const char *node_file(const pl_rd *r, const pl_doc_node *n)
{
    return n && n->origin ? n->origin : r->file;
}

int pl_rd_fail(pl_rd *r, const pl_doc_node *n, const char *fmt, ...)
{
    pl_error e;
    va_list ap;
    va_start(ap, fmt);
    pl__error_vset(&e, PL_EINPUT, node_file(r, n), n ? n->line : 0, n ? n->col : 0, fmt, ap);
    va_end(ap);
    if (r->n_errors++ == 0 && r->err)
        *r->err = e;
    pl__error_list_add(r->list, &e);
    return PL_EINPUT;
}

int pl_rd_stop(pl_rd *r, int *acc, int rc)
{
    if (rc && (*acc == PL_OK || rc != PL_EINPUT))
        *acc = rc;
    return rc && !(rc == PL_EINPUT && r->list && !pl_error_list_full(r->list));
}

void pl_rd_warn(pl_rd *r, const pl_doc_node *n, const char *fmt, ...)
{
    if (!r->warn || r->n_errors)
        return;
    pl_error w;
    va_list ap;
    va_start(ap, fmt);
    pl__error_vset(&w, PL_OK, node_file(r, n), n ? n->line : 0, n ? n->col : 0, fmt, ap);
    va_end(ap);
    r->warn(&w, r->payload);
}

const char *pl_rd_got(const pl_doc_node *n, char *buf, size_t size)
{
    if (!n)
        return "missing";
    if (n->type != PL_DOC_SCALAR)
        return pl_doc_describe(n);
    if (n->plain && n->len == 0)
        return "empty";
    /* Show at most 40 bytes, cut on a character boundary. */
    size_t k = n->len;
    if (k > 40) {
        k = 40;
        while (k > 0 && ((unsigned char)n->text[k] & 0xC0) == 0x80)
            k--;
    }
    snprintf(buf, size, "%s\"%.*s%s\"", n->plain ? "" : "the quoted text ", (int)k,
             n->text, k < n->len ? "..." : "");
    return buf;
}

static int expect_type(pl_rd *r, const pl_doc_node *n, pl_doc_type t, const char *what,
                       const char *expect)
{
    char got[96];
    if (n && n->type == t)
        return PL_OK;
    return pl_rd_fail(r, n, "%s is %s; expected %s", what, pl_rd_got(n, got, sizeof got),
                      expect);
}

int pl_rd_map(pl_rd *r, const pl_doc_node *n, const char *what, const char *expect)
{
    return expect_type(r, n, PL_DOC_MAP, what, expect);
}

int pl_rd_seq(pl_rd *r, const pl_doc_node *n, const char *what, const char *expect)
{
    return expect_type(r, n, PL_DOC_SEQ, what, expect);
}

/*
** Pair i of map looks like a text cut by a comma: in a flow mapping,
** `{name: United States (Clinton, Mitchell)}` is the key name with the value "United
** States (Clinton" and a key "Mitchell)" without a value. Such a key has an empty plain
** value (which the reader places at its key) and follows a scalar value on its line.
*/
static int cut_by_comma(const pl_doc_node *map, size_t i)
{
    const pl_doc_node *k = pl_doc_map_key(map, i), *v = pl_doc_map_value(map, i);
    const pl_doc_node *before = i ? pl_doc_map_value(map, i - 1) : NULL;
    return v && v->type == PL_DOC_SCALAR && v->plain && v->len == 0 && before &&
           before->type == PL_DOC_SCALAR && before->line == k->line && before->col < k->col;
}

static int unknown_key(pl_rd *r, const pl_doc_node *map, size_t i, const char *const *allowed,
                       size_t n, const char *where)
{
    const pl_doc_node *k = pl_doc_map_key(map, i);
    const char *hint = pl_suggest(k->text, allowed, n);
    if (hint)
        return pl_rd_fail(r, k, "unknown key '%.64s' in %s; did you mean '%s'?", k->text,
                          where, hint);
    if (cut_by_comma(map, i))
        return pl_rd_fail(r, k, "unknown key '%.64s' in %s; a comma inside { } ends an "
                          "unquoted text, so the rest became a key: expected the text in "
                          "quotes (name: \"a, b\")", k->text, where);
    char list[256] = "";
    for (size_t j = 0; j < n; j++) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", j ? ", " : "", allowed[j]);
    }
    return pl_rd_fail(r, k, "unknown key '%.64s' in %s; expected one of: %s", k->text, where,
                      list);
}

int pl_rd_keys(pl_rd *r, const pl_doc_node *map, const char *const *allowed, size_t n,
               const char *where)
{
    int acc = PL_OK;
    for (size_t i = 0; i < map->len; i++) {
        const pl_doc_node *k = pl_doc_map_key(map, i);
        size_t j = 0;
        while (j < n && strcmp(k->text, allowed[j]) != 0)
            j++;
        if (j == n) {
            r->typo = map;
            if (pl_rd_stop(r, &acc, unknown_key(r, map, i, allowed, n, where)))
                break;
        }
    }
    return acc;
}

int pl_rd_need(pl_rd *r, const pl_doc_node *map, const char *key, const char *where,
               const char *expect, pl_doc_node **out)
{
    *out = pl_doc_map_get(map, key);
    if (*out)
        return PL_OK;
    if (map == r->typo)
        return PL_EINPUT;
    return pl_rd_fail(r, map, "%s has no '%s'; expected '%s: %s'", where, key, key, expect);
}

/* Decimal number syntax: [+-] digits [. digits] [e [+-] digits], or [+-] . digits ... */
static int decimal_syntax(const char *s)
{
    if (*s == '+' || *s == '-')
        s++;
    int digits = 0;
    while (isdigit((unsigned char)*s)) {
        s++;
        digits++;
    }
    if (*s == '.') {
        s++;
        while (isdigit((unsigned char)*s)) {
            s++;
            digits++;
        }
    }
    if (!digits)
        return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!isdigit((unsigned char)*s))
            return 0;
        while (isdigit((unsigned char)*s))
            s++;
    }
    return *s == '\0';
}

int pl_rd_is_number(const pl_doc_node *n, double *out)
{
    if (!n || n->type != PL_DOC_SCALAR || !n->plain || !decimal_syntax(n->text))
        return 0;
    errno = 0;
    double v = pl__strtod(n->text, NULL);
    if (!isfinite(v))
        return 0;
    *out = v;
    return 1;
}

static int is_nonfinite_word(const char *t)
{
    static const char *const words[] = {".nan", ".NaN", ".NAN", "nan", "NaN", "NAN",
                                        ".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF",
                                        "+.inf", "inf", "Inf", "-inf", "infinity",
                                        "Infinity", "-Infinity"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(t, words[i]) == 0)
            return 1;
    return 0;
}

int pl_rd_number(pl_rd *r, const pl_doc_node *n, const char *what, double lo, double hi,
                 double *out)
{
    char got[96];
    double v;
    if (pl_rd_is_number(n, &v)) {
        if (v < lo || v > hi)
            return pl_rd_fail(r, n, "%s is %s; expected a number in [%g, %g]", what, n->text,
                              lo, hi);
        *out = v;
        return PL_OK;
    }
    if (n && n->type == PL_DOC_SCALAR && n->plain) {
        if (is_nonfinite_word(n->text))
            return pl_rd_fail(r, n, "%s is %s, not a finite number; expected a number in "
                              "[%g, %g]", what, n->text, lo, hi);
        if (decimal_syntax(n->text))
            return pl_rd_fail(r, n, "%s is %.40s, too large for a double; expected a "
                              "number in [%g, %g]", what, n->text, lo, hi);
    }
    if (n && n->type == PL_DOC_SCALAR && !n->plain && decimal_syntax(n->text))
        return pl_rd_fail(r, n, "%s is %s; expected a number (remove the quotes)", what,
                          pl_rd_got(n, got, sizeof got));
    return pl_rd_fail(r, n, "%s is %s; expected a number in [%g, %g]", what,
                      pl_rd_got(n, got, sizeof got), lo, hi);
}

int pl_rd_key_number(pl_rd *r, const pl_doc_node *n, const char *what, double lo, double hi,
                     double *out)
{
    if (n && n->type == PL_DOC_SCALAR && !n->plain && decimal_syntax(n->text)) {
        pl_doc_node plain = *n;
        plain.plain = 1;
        return pl_rd_number(r, &plain, what, lo, hi, out);
    }
    return pl_rd_number(r, n, what, lo, hi, out);
}

int pl_rd_bool(pl_rd *r, const pl_doc_node *n, const char *what, int *out)
{
    char got[96];
    if (n && n->type == PL_DOC_SCALAR && n->plain) {
        if (strcmp(n->text, "true") == 0) {
            *out = 1;
            return PL_OK;
        }
        if (strcmp(n->text, "false") == 0) {
            *out = 0;
            return PL_OK;
        }
    }
    return pl_rd_fail(r, n, "%s is %s; expected true or false", what,
                      pl_rd_got(n, got, sizeof got));
}

int pl_rd_text(pl_rd *r, const pl_doc_node *n, const char *what, const char **out)
{
    char got[96];
    if (!n || n->type != PL_DOC_SCALAR || (n->plain && n->len == 0))
        return pl_rd_fail(r, n, "%s is %s; expected text", what, pl_rd_got(n, got, sizeof got));
    if (n->len > PL_TEXT_MAX)
        return pl_rd_fail(r, n, "%s is %zu bytes long; expected at most %d", what, n->len,
                          PL_TEXT_MAX);
    *out = pl_arena_strndup(r->arena, n->text, n->len);
    return *out ? PL_OK : pl__error_nomem(r->err);
}

int pl_rd_id(pl_rd *r, const pl_doc_node *n, const char *what, const char **out)
{
    char got[96];
    if (!n || n->type != PL_DOC_SCALAR || n->len == 0)
        return pl_rd_fail(r, n, "%s is %s; expected an identifier like RUS or TERR", what,
                          pl_rd_got(n, got, sizeof got));
    if (n->len > PL_ID_MAX)
        return pl_rd_fail(r, n, "%s is %zu bytes long; expected an identifier of at most %d",
                          what, n->len, PL_ID_MAX);
    const unsigned char *t = (const unsigned char *)n->text;
    int ok = isalpha(t[0]) && t[0] < 0x80;
    for (size_t i = 1; ok && i < n->len; i++)
        ok = t[i] < 0x80 && (isalnum(t[i]) || t[i] == '_' || t[i] == '.' || t[i] == '-');
    if (!ok)
        return pl_rd_fail(r, n, "%s is %s; expected an identifier: a letter, then letters, "
                          "digits, '_', '.' or '-'", what, pl_rd_got(n, got, sizeof got));
    *out = pl_arena_strndup(r->arena, n->text, n->len);
    return *out ? PL_OK : pl__error_nomem(r->err);
}

/* ---- numbers with ranges and provenance -------------------------------- */

static const char *const value_keys[] = {"value", "low", "high", "dist", "sd", "source", "note"};

static int read_dist(pl_rd *r, const pl_doc_node *n, const char *what, pl_dist *out)
{
    char got[96];
    if (n->type == PL_DOC_SCALAR)
        for (int d = PL_DIST_UNIFORM; pl_dist_name((pl_dist)d); d++)
            if (strcmp(n->text, pl_dist_name((pl_dist)d)) == 0) {
                *out = (pl_dist)d;
                return PL_OK;
            }
    return pl_rd_fail(r, n, "dist of %s is %s; expected uniform, triangular, normal or pert",
                      what, pl_rd_got(n, got, sizeof got));
}

/* The range part of a value mapping: low/high/dist/sd, checked against value. */
static int read_range(pl_rd *r, const pl_doc_node *map, const char *what, double lo, double hi,
                      pl_value *v)
{
    const pl_doc_node *nl = pl_doc_map_get(map, "low"), *nh = pl_doc_map_get(map, "high");
    const pl_doc_node *nd = pl_doc_map_get(map, "dist"), *ns = pl_doc_map_get(map, "sd");
    char w[160];
    if (!nl != !nh)
        return pl_rd_fail(r, nl ? nl : nh, "%s has only '%s'; expected both low and high, "
                          "or neither", what, nl ? "low" : "high");
    if (!nl) {
        if (nd || ns)
            return pl_rd_fail(r, nd ? nd : ns, "%s has '%s' but no range; expected low and "
                              "high with it", what, nd ? "dist" : "sd");
        return PL_OK;
    }
    snprintf(w, sizeof w, "low of %s", what);
    int rc = pl_rd_number(r, nl, w, lo, hi, &v->low);
    snprintf(w, sizeof w, "high of %s", what);
    if (!rc)
        rc = pl_rd_number(r, nh, w, lo, hi, &v->high);
    if (rc)
        return rc;
    if (v->low > v->high)
        return pl_rd_fail(r, nl, "low of %s is %g, above high %g; expected low <= value <= "
                          "high", what, v->low, v->high);
    if (v->value < v->low || v->value > v->high)
        return pl_rd_fail(r, pl_doc_map_get(map, "value"), "%s is %g, outside its range "
                          "[%g, %g]; expected low <= value <= high", what, v->value, v->low,
                          v->high);
    v->dist = PL_DIST_UNIFORM;
    if (nd && (rc = read_dist(r, nd, what, &v->dist)))
        return rc;
    if (ns) {
        if (v->dist != PL_DIST_NORMAL)
            return pl_rd_fail(r, ns, "%s has 'sd' but its dist is not normal; expected sd "
                              "only with dist: normal", what);
        snprintf(w, sizeof w, "sd of %s", what);
        if ((rc = pl_rd_number(r, ns, w, 0, 1e12, &v->sd)))
            return rc;
        if (v->sd <= 0)
            return pl_rd_fail(r, ns, "%s is 0; expected a positive standard deviation", w);
    } else if (v->dist == PL_DIST_NORMAL)
        v->sd = (v->high - v->low) / 4;
    return PL_OK;
}

int pl_rd_value(pl_rd *r, const pl_doc_node *n, const char *what, double lo, double hi,
                const pl_rd_prov *inherit, pl_value *out)
{
    memset(out, 0, sizeof *out);
    out->line = n ? n->line : 0;
    out->col = n ? n->col : 0;
    int rc;
    if (!n || n->type != PL_DOC_MAP) {
        if ((rc = pl_rd_number(r, n, what, lo, hi, &out->value)))
            return rc;
        out->low = out->high = out->value;
    } else {
        char where[200];
        snprintf(where, sizeof where, "%s", what);
        pl_doc_node *nv;
        if ((rc = pl_rd_keys(r, n, value_keys, sizeof value_keys / sizeof *value_keys, where)) ||
            (rc = pl_rd_need(r, n, "value", what, "a number", &nv)) ||
            (rc = pl_rd_number(r, nv, what, lo, hi, &out->value)))
            return rc;
        out->low = out->high = out->value;
        if ((rc = read_range(r, n, what, lo, hi, out)))
            return rc;
        const pl_doc_node *src = pl_doc_map_get(n, "source"), *note = pl_doc_map_get(n, "note");
        char w[200];
        snprintf(w, sizeof w, "source of %s", what);
        if (src && (rc = pl_rd_text(r, src, w, &out->source)))
            return rc;
        snprintf(w, sizeof w, "note of %s", what);
        if (note && (rc = pl_rd_text(r, note, w, &out->note)))
            return rc;
    }
    if (!out->source && inherit)
        out->source = inherit->source;
    if (!out->note && inherit)
        out->note = inherit->note;
    if ((r->flags & PL_LOAD_REQUIRE_SOURCES) && !out->source && !out->note)
        return pl_rd_fail(r, n, "%s has neither source nor note; expected "
                          "{value: ..., source: \"quoted sentence\"} or a note with the "
                          "reasoning", what);
    return PL_OK;
}
