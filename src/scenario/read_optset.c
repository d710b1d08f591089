/* SPDX-License-Identifier: MIT */
/*
** read_optset.c: a set of an issue's outcomes, as red lines and a guarantee's
** provided_by write it: a comparison with a scale point ("< 50", ">= 75",
** "!= 0", "== 25"), or a list of the issue's options (ids or their scale
** points; an issue without named options: points of its worded scale). A
** single option may stand alone. One parser for both keys.
*/
#include "reader.h"
#include "../core/error_int.h"
#include "../core/fmt.h"
#include "../core/suggest.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *text;
    pl_optset_op op;
} ops[] = {{"<=", PL_OPSET_LE}, {">=", PL_OPSET_GE}, {"!=", PL_OPSET_NE}, {"==", PL_OPSET_EQ},
           {"<", PL_OPSET_LT}, {">", PL_OPSET_GT}};

/* 1 if t starts like a comparison (an option id cannot: ids start with a letter or digit). */
static int is_comparison(const char *t)
{
    while (*t == ' ')
        t++;
    return *t && strchr("<>=!", *t) != NULL;
}

/* The comparison operator at the start of t, or -1. */
static int op_at(const char *t, size_t *len)
{
    while (*t == ' ')
        t++;
    for (size_t j = 0; j < sizeof ops / sizeof *ops; j++)
        if (strncmp(t, ops[j].text, strlen(ops[j].text)) == 0) {
            *len = strlen(ops[j].text);
            return (int)j;
        }
    return -1;
}

/* "< 50": an operator, then a number in [0, 100], spaces around either. */
static int read_comparison(pl_reader *r, const pl_doc_node *n, int j, size_t len,
                           const char *what, pl_optset *out)
{
    const char *t = n->text;
    while (*t == ' ')
        t++;
    t += j < 0 ? 0 : len;
    while (*t == ' ')
        t++;
    char *end = NULL;
    double v = j >= 0 && (isdigit((unsigned char)*t) || *t == '.' || *t == '-' || *t == '+')
                   ? pl__strtod(t, &end) : NAN;
    while (end && *end == ' ')
        end++;
    if (j < 0 || !end || *end || !isfinite(v))
        return pl_rd_fail(&r->rd, n, "%s is \"%s\"; expected a comparison with a scale point "
                          "like \"< 50\" (one of <, <=, >, >=, ==, !=, then a number)", what,
                          n->text);
    if (v < 0 || v > 100)
        return pl_rd_fail(&r->rd, n, "%s compares with %g; expected a scale point in [0, 100]",
                          what, v);
    out->op = ops[j].op;
    out->value = v;
    return PL_OK;
}

/* Options of x as "a, b, c" (or its anchors' points), for messages. */
static void choices(const pl_issue *x, char *buf, size_t size)
{
    size_t u = 0, m = x->n_options ? x->n_options : x->n_anchors;
    buf[0] = '\0';
    for (size_t v = 0; v < m && u < size; v++) {
        int w = x->n_options ? snprintf(buf + u, size - u, "%s%s", v ? ", " : "", x->option_id[v])
                             : pl__snprintf(buf + u, size - u, "%s%g", v ? ", " : "",
                                            x->anchor_at[v]);
        u += w > 0 ? (size_t)w : 0;
    }
}

/* One listed option: its id, or its scale point; *at gets the point. */
static int read_item(pl_reader *r, const pl_doc_node *e, const pl_issue *x, const char *what,
                     double *at)
{
    double v;
    int num = pl_rd_is_number(e, &v);
    size_t m = x->n_options ? x->n_options : x->n_anchors;
    const double *pts = x->n_options ? x->option_at : x->anchor_at;
    long id = x->n_options && e->type == PL_DOC_SCALAR ? pl_idmap_get(&x->option_ids, e->text)
                                                       : -1;
    if (id >= 0) {
        *at = x->option_at[id];
        return PL_OK;
    }
    for (size_t j = 0; num && j < m; j++)
        if (pts[j] == v) {
            *at = v;
            return PL_OK;
        }
    char got[96], list[512];
    const char *hint = x->n_options && e->type == PL_DOC_SCALAR && !num
                           ? pl_suggest(e->text, x->option_id, x->n_options) : NULL;
    pl_rd_got(e, got, sizeof got);
    if (hint)
        return pl_rd_fail(&r->rd, e, "%s lists %s, which is not an option of issue '%s'; did "
                          "you mean '%s'?", what, got, x->id, hint);
    choices(x, list, sizeof list);
    return pl_rd_fail(&r->rd, e, "%s lists %s, which is not an option of issue '%s'; expected "
                      "%s: %s", what, got, x->id, x->n_options ? "one of its options"
                      : "one of its scale points (it names no options)", list);
}

/* A list (or a single option) into out->at, with its text "[a, b]". */
static int read_list(pl_reader *r, const pl_doc_node *n, const pl_issue *x, const char *what,
                     pl_optset *out)
{
    int seq = n->type == PL_DOC_SEQ;
    size_t len = seq ? n->len : 1, u = 1;
    if (n->type != PL_DOC_SEQ && n->type != PL_DOC_SCALAR)
        return pl_rd_seq(&r->rd, n, what, "a comparison like \"< 50\" or a list of options");
    if (len == 0)
        return pl_rd_fail(&r->rd, n, "%s is an empty list; expected at least one option", what);
    char text[512] = "[";
    out->op = PL_OPSET_LIST;
    out->n = len;
    if (!(out->at = pl_arena_array(&r->s->arena, len, sizeof *out->at)))
        return pl__error_nomem(r->rd.err);
    for (size_t j = 0; j < len; j++) {
        const pl_doc_node *e = seq ? n->items[j] : n;
        int rc = read_item(r, e, x, what, &out->at[j]);
        if (rc)
            return rc;
        int w = snprintf(text + u, sizeof text - u, "%s%s", j ? ", " : "", e->text);
        u = w > 0 && (size_t)w < sizeof text - u ? u + (size_t)w : u;
    }
    snprintf(text + u, sizeof text - u, "]");
    return (out->text = pl_arena_strdup(&r->s->arena, text)) ? PL_OK
                                                             : pl__error_nomem(r->rd.err);
}

int pl__read_optset(pl_reader *r, const pl_doc_node *n, size_t k, const char *what,
                    pl_optset *out)
{
    const pl_issue *x = &r->s->issues[k];
    size_t len = 0;
    memset(out, 0, sizeof *out);
    out->issue = k;
    if (r->bad_options && r->bad_options[k])
        return PL_OK;  /* its options have their error; an empty list matches nothing */
    if (n->type != PL_DOC_SCALAR || !is_comparison(n->text))
        return read_list(r, n, x, what, out);
    int j = op_at(n->text, &len);  /* before the call: it sets len */
    int rc = read_comparison(r, n, j, len, what, out);
    if (!rc && !(out->text = pl_arena_strdup(&r->s->arena, n->text)))
        rc = pl__error_nomem(r->rd.err);
    return rc;
}

int pl__read_optsets(pl_reader *r, const pl_doc_node *map, const char *what, pl_optset **out,
                     size_t *count)
{
    int rc = pl_rd_map(&r->rd, map, what, "a mapping issue -> comparison like \"< 50\" or "
                       "list of options");
    if (rc)
        return rc;
    if (map->len == 0)
        return pl_rd_fail(&r->rd, map, "%s is empty; expected at least one issue", what);
    if (!(*out = pl_arena_array(&r->s->arena, map->len, sizeof **out)))
        return pl__error_nomem(r->rd.err);
    *count = map->len;
    for (size_t j = 0; j < map->len; j++) {
        long k;
        char w2[256];
        int e = pl__ref_issue(r, pl_doc_map_key(map, j), what, &k);
        if (!e) {
            snprintf(w2, sizeof w2, "%s on issue '%s'", what, r->s->issues[k].id);
            e = pl__read_optset(r, pl_doc_map_value(map, j), (size_t)k, w2, &(*out)[j]);
        }
        if (pl_rd_stop(&r->rd, &rc, e))
            return rc;
    }
    return rc;
}
