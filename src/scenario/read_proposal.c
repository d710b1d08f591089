/* SPDX-License-Identifier: MIT */
/*
** read_proposal.c: a proposed package, e.g. the terms on the table:
**     TERR: 75
**     GUAR: {value: 100, source: "...", note: "..."}
**     PAY: split        # an option id, for issues with named options
** A term written as a mapping carries where it comes from (source, note),
** which the proposal keeps for those who show it.
*/
#include "proposal.h"
#include "../core/fmt.h"
#include "schema.h"
#include "parley/proposal.h"
#include "parley/emit.h"
#include "../core/error_int.h"
#include "../core/alloc.h"
#include "../core/arena.h"
#include "../core/suggest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* {value, source, note}: the value's node, and its provenance (NULL when absent). */
static int read_entry(pl_rd *rd, const pl_doc_node **v, const char *what, const char **src)
{
    static const char *const keys[] = {"value", "source", "note"};
    pl_doc_node *n = NULL;
    int rc = pl_rd_keys(rd, *v, keys, 3, what);
    if (!rc)
        rc = pl_rd_need(rd, *v, "value", what, "the option or scale point", &n);
    for (int j = 0; j < 2 && !rc; j++) {
        pl_doc_node *t = pl_doc_map_get(*v, keys[j + 1]);
        char of[200];
        snprintf(of, sizeof of, "%s of %s", keys[j + 1], what);
        if (t)
            rc = pl_rd_text(rd, t, of, &src[j]);
    }
    if (!rc)
        *v = n;
    return rc;
}

static int read_term(pl_rd *rd, const pl_issue *x, const pl_doc_node *v, double *at, long *opt,
                     const char **src)
{
    char what[160];
    snprintf(what, sizeof what, "proposal for issue '%s'", pl_issue_id(x));
    size_t no = pl_issue_n_options(x);
    int rc = v->type == PL_DOC_MAP ? read_entry(rd, &v, what, src) : PL_OK;
    if (rc)
        return rc;
    *opt = -1;
    if (!no)
        return pl_rd_number(rd, v, what, 0, 100, at);
    double num;
    int is_num = pl_rd_is_number(v, &num);
    for (size_t j = 0; v->type == PL_DOC_SCALAR && j < no; j++) {
        const char *id;
        double p = pl_issue_option(x, j, &id, NULL);
        if ((is_num && p == num) || (!is_num && strcmp(id, v->text) == 0)) {
            *opt = (long)j;
            *at = p;
            return PL_OK;
        }
    }
    char got[96], list[256];
    size_t u = 0;
    list[0] = '\0';
    for (size_t j = 0; j < no && u < sizeof list; j++) {
        const char *id;
        double p = pl_issue_option(x, j, &id, NULL);
        int w = pl__snprintf(list + u, sizeof list - u, "%s%s (%g)", j ? ", " : "", id, p);
        u += w > 0 ? (size_t)w : 0;
    }
    if (is_num)
        return pl_rd_fail(rd, v, "%s is %g, which is the scale point of none of its options; "
                          "expected one of: %s", what, num, list);
    int word = v->type == PL_DOC_SCALAR && v->len > 0;
    return pl_rd_fail(rd, v, "%s is %s%s; expected one of: %s", what,
                      pl_rd_got(v, got, sizeof got), word ? ", which is none of its options" : "",
                      list);
}

int pl__read_proposal_node(pl_rd *rd, const pl_scenario *s, const pl_doc_node *root, double *x,
                           long *opt, const char **src)
{
    size_t K = pl_scenario_n_issues(s);
    if (!root)
        return pl__error_set(rd->err, PL_EINPUT, rd->file, 1, 1, "the proposal is empty; "
                             "expected a mapping issue id -> option or scale point");
    int rc = pl_rd_map(rd, root, "the proposal", "a mapping issue id -> option or scale point");
    unsigned char *seen = rc ? NULL : calloc(K ? K : 1, 1);
    if (!rc && !seen)
        rc = pl__error_nomem(rd->err);
    for (size_t j = 0; !rc && j < root->len; j++) {
        const pl_doc_node *key = pl_doc_map_key(root, j);
        long k = key->type == PL_DOC_SCALAR ? pl_scenario_issue_index(s, key->text) : -1;
        char tail[256];
        if (k < 0)
            rc = pl_rd_fail(rd, key, "'%s' is not an issue of scenario '%s'; %s",
                            key->type == PL_DOC_SCALAR ? key->text : "?", pl_scenario_name(s),
                            key->type == PL_DOC_SCALAR
                                ? pl__scenario_id_tail(s, 'i', key->text, "expected an issue id",
                                                       tail, sizeof tail)
                                : "expected an issue id");
        else { /* a key given twice is refused by the parser */
            const char *from[2] = {NULL, NULL};
            rc = read_term(rd, pl_scenario_issue(s, (size_t)k), pl_doc_map_value(root, j),
                           &x[k], &opt[k], from);
            if (src)
                src[2 * k] = from[0], src[2 * k + 1] = from[1];
        }
        if (!rc)
            seen[k] = 1;
    }
    for (size_t k = 0; !rc && k < K; k++)
        if (!seen[k])
            rc = pl_rd_fail(rd, root, "the proposal says nothing on issue '%s'; expected a "
                            "term for every issue", pl_issue_id(pl_scenario_issue(s, k)));
    free(seen);
    return rc;
}

struct pl_proposal {
    size_t K;
    double *x;          /* scale point per issue */
    long *opt;          /* option index per issue, -1: none */
    const char **src;   /* source and note per issue (2K; NULL: none), in the arena */
    pl_arena arena;
};

static int read_text(pl_proposal *p, const pl_scenario *s, const char *data, size_t len,
                     const char *name, pl_error *err)
{
    pl_doc doc;
    size_t n = strlen(name);
    int json = n >= 5 && strcmp(name + n - 5, ".json") == 0;
    int rc = pl_doc_parse(&doc, data ? data : "", len, name, json ? PL_DOC_JSON : 0, err);
    if (!rc) {
        pl_rd rd = {name, err, &p->arena, 0, NULL, NULL};  /* texts outlive the document */
        rc = pl__read_proposal_node(&rd, s, doc.root, p->x, p->opt, p->src);
    }
    pl_doc_free(&doc);
    return rc;
}

int pl_proposal_load_buffer(pl_proposal **out, const pl_scenario *s, const char *data,
                            size_t len, const char *name, pl_error *err)
{
    if (!out || !s || (!data && len))
        return pl__fail(err, PL_EMISUSE, "pl_proposal_load_buffer: NULL argument");
    *out = NULL;
    size_t K = pl_scenario_n_issues(s);
    pl_proposal *p = calloc(1, sizeof *p);
    int rc = p ? PL_OK : pl__error_nomem(err);
    if (!rc) {
        p->K = K;
        pl_arena_init(&p->arena);
        p->x = pl__mallocarray(K ? K : 1, sizeof *p->x);
        p->opt = pl__mallocarray(K ? K : 1, sizeof *p->opt);
        p->src = calloc(K ? 2 * K : 1, sizeof *p->src);
        rc = p->x && p->opt && p->src
                 ? read_text(p, s, data, len, name ? name : "<proposal>", err)
                 : pl__error_nomem(err);
    }
    if (rc) {
        pl_proposal_free(p);
        return rc;
    }
    *out = p;
    return PL_OK;
}

int pl_proposal_load_file(pl_proposal **out, const pl_scenario *s, const char *path,
                          pl_error *err)
{
    if (!out || !s || !path)
        return pl__fail(err, PL_EMISUSE, "pl_proposal_load_file: NULL argument");
    char *data = NULL;
    size_t len = 0;
    int rc = pl__read_whole_file(path, &data, &len, err);
    if (!rc)
        rc = pl_proposal_load_buffer(out, s, data, len, pl__input_name(path), err);
    free(data);
    return rc;
}

void pl_proposal_free(pl_proposal *p)
{
    if (!p)
        return;
    free(p->x);
    free(p->opt);
    free(p->src);
    pl_arena_free(&p->arena);
    free(p);
}

size_t pl_proposal_n_issues(const pl_proposal *p) { return p ? p->K : 0; }
const double *pl_proposal_points(const pl_proposal *p) { return p ? p->x : NULL; }

long pl_proposal_option(const pl_proposal *p, size_t k)
{
    return p && k < p->K ? p->opt[k] : -1;
}

const char *pl_proposal_source(const pl_proposal *p, size_t k)
{
    return p && k < p->K ? p->src[2 * k] : NULL;
}

const char *pl_proposal_note(const pl_proposal *p, size_t k)
{
    return p && k < p->K ? p->src[2 * k + 1] : NULL;
}

int pl_proposal_emit_sources(const pl_proposal *p, const pl_scenario *s, pl_emitter *e)
{
    static const char *const cols[] = {"issue", "point", "source", "note"};
    if (!p || !s || !e || pl_scenario_n_issues(s) != p->K)
        return PL_EMISUSE;
    size_t any = 0;
    for (size_t k = 0; k < 2 * p->K; k++)
        any += p->src[k] != NULL;
    if (!any)
        return PL_OK;
    pl_emit_table_begin(e, "terms", "Where each term of the proposal comes from", cols, 4);
    for (size_t k = 0; k < p->K; k++) {
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, pl_issue_id(pl_scenario_issue(s, k)));
        pl_emit_number(e, NULL, p->x[k]);
        pl_emit_string(e, NULL, p->src[2 * k]);
        pl_emit_string(e, NULL, p->src[2 * k + 1]);
        pl_emit_row_end(e);
    }
    return pl_emit_table_end(e);
}
