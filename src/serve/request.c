/* SPDX-License-Identifier: MIT */
/*
** request.c: a POST body (docs/api.md) read with the scenario loader's own
** JSON parser (libfyaml through pl_doc_parse), so every error has the line and
** column of the body: {"scenario", "variant", "set", "proposal", "analyses",
** "options": {"seed", "draws", "step", "breakeven"}}, every field optional.
*/
#include "serve_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "../core/alloc.h"
#include "../core/error_int.h"
#include "../core/fmt.h"

#define REQ_NAME "request"

const char *const pl__serve_analysis_names[PL_SERVE_N_ANALYSES] = {
    "forecast", "settle", "power", "durability", "claims"};

/* An error at node n of the body. */
#define BAD(err, n, ...) pl__error_set((err), PL_EINPUT, REQ_NAME, (n)->line, (n)->col, __VA_ARGS__)

/* A node as messages name it: a short scalar by its text, anything else by its kind. */
static const char *shown(const pl_doc_node *n)
{
    return n->type == PL_DOC_SCALAR && n->len > 0 && n->len <= 40 ? n->text : pl_doc_describe(n);
}

static int want_text(const pl_doc_node *n, const char *key, pl_error *err)
{
    if (n->type != PL_DOC_SCALAR || n->plain)
        return pl__error_set(err, PL_EINPUT, REQ_NAME, n->line, n->col,
                             "\"%s\" is %s; expected a string", key, shown(n));
    return PL_OK;
}

/* A whole number in [0, max] (a JSON number or a string of digits). */
static int want_whole(const pl_doc_node *n, const char *key, uint64_t max, uint64_t *out,
                      pl_error *err)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = 0;
    if (n->type == PL_DOC_SCALAR && n->text[0] >= '0' && n->text[0] <= '9')
        v = strtoull(n->text, &end, 10);
    if (!end || *end || errno || v > max)
        return pl__error_set(err, PL_EINPUT, REQ_NAME, n->line, n->col,
                             "\"%s\" is %s; expected a whole number from 0 to %llu", key,
                             shown(n),
                             (unsigned long long)max);
    *out = v;
    return PL_OK;
}

/* One `set` entry: [PATH, VALUE] with VALUE a string or a number, as "PATH=VALUE". */
static int read_change(pl__serve_req *q, const pl_doc_node *e, size_t i, pl_error *err)
{
    if (e->type != PL_DOC_SEQ || e->len != 2)
        return BAD(err, e, "a \"set\" entry is %s; expected [PATH, VALUE], e.g. "
                           "[\"positions.RUS.TERR.salience\", \"0.3\"]", shown(e));
    const pl_doc_node *p = e->items[0], *v = e->items[1];
    if (p->type != PL_DOC_SCALAR || !p->text[0] || strchr(p->text, '='))
        return BAD(err, p, "a \"set\" path is %s; expected a path such as "
                           "positions.RUS.TERR.salience", shown(p));
    if (v->type != PL_DOC_SCALAR)
        return BAD(err, v, "a \"set\" value is %s; expected a string or a number, as "
                           "--set PATH=VALUE takes it", shown(v));
    size_t lp = strlen(p->text), lv = strlen(v->text);
    char *c = pl_arena_alloc(&q->doc.arena, lp + lv + 2);
    if (!c)
        return pl__error_nomem(err);
    memcpy(c, p->text, lp);
    c[lp] = '=';
    memcpy(c + lp + 1, v->text, lv + 1);
    q->changes[i] = c;
    return PL_OK;
}

static int read_set(pl__serve_req *q, const pl_doc_node *n, pl_error *err)
{
    if (n->type != PL_DOC_SEQ)
        return BAD(err, n, "\"set\" is %s; expected a list of [PATH, VALUE] pairs", shown(n));
    if (n->len > PL_SERVE_MAX_CHANGES)
        return pl__error_set(err, PL_EINPUT, REQ_NAME, n->line, n->col, "\"set\" has %zu "
                             "changes; expected at most %u", n->len, PL_SERVE_MAX_CHANGES);
    q->changes = pl_arena_array(&q->doc.arena, n->len ? n->len : 1, sizeof *q->changes);
    if (!q->changes)
        return pl__error_nomem(err);
    for (size_t i = 0; i < n->len; i++) {
        int rc = read_change(q, n->items[i], i, err);
        if (rc)
            return rc;
    }
    q->n_changes = n->len;
    return PL_OK;
}

static int read_analyses(pl__serve_req *q, const pl_doc_node *n, pl_error *err)
{
    if (n->type != PL_DOC_SEQ)
        return BAD(err, n, "\"analyses\" is %s; expected a list of names: forecast, settle, "
                           "power, durability, claims", shown(n));
    for (size_t i = 0; i < n->len; i++) {
        const pl_doc_node *a = n->items[i];
        int k = 0;
        while (a->type == PL_DOC_SCALAR && k < PL_SERVE_N_ANALYSES &&
               strcmp(a->text, pl__serve_analysis_names[k]) != 0)
            k++;
        if (a->type != PL_DOC_SCALAR || k == PL_SERVE_N_ANALYSES)
            return pl__error_set(err, PL_EINPUT, REQ_NAME, a->line, a->col, "analysis '%s' "
                                 "is not known; expected forecast, settle, power, durability "
                                 "or claims", a->type == PL_DOC_SCALAR ? a->text : "(not a name)");
        q->analyses |= 1u << k;
    }
    if (!q->analyses)
        return BAD(err, n, "\"analyses\" is %s; expected at least one name", "empty");
    return PL_OK;
}

static int read_options(pl__serve_req *q, const pl_doc_node *n, pl_error *err)
{
    if (n->type != PL_DOC_MAP)
        return BAD(err, n, "\"options\" is %s; expected an object {\"seed\", \"draws\", "
                           "\"step\", \"breakeven\"}", shown(n));
    int rc = PL_OK;
    for (size_t i = 0; i < n->len && !rc; i++) {
        const pl_doc_node *k = pl_doc_map_key(n, i), *v = pl_doc_map_value(n, i);
        if (strcmp(k->text, "seed") == 0) {
            rc = want_whole(v, "seed", UINT64_MAX, &q->seed, err);
            q->has_seed = 1;
        } else if (strcmp(k->text, "draws") == 0) {
            rc = want_whole(v, "draws", UINT64_MAX, &q->draws, err);
            q->has_draws = 1;
        } else if (strcmp(k->text, "breakeven") == 0) {
            int yes = v->type == PL_DOC_SCALAR && v->plain && strcmp(v->text, "true") == 0;
            if (!yes && !(v->type == PL_DOC_SCALAR && v->plain && strcmp(v->text, "false") == 0))
                rc = BAD(err, v, "\"breakeven\" is %s; expected true or false",
                         shown(v));
            q->no_breakeven = !yes;
        } else if (strcmp(k->text, "step") == 0) {
            char *end = NULL;
            q->step = v->type == PL_DOC_SCALAR ? pl__strtod(v->text, &end) : 0;
            if (!end || *end || end == v->text || !(q->step >= 0.01 && q->step <= 100))
                rc = BAD(err, v, "\"step\" is %s; expected a grid step in [0.01, 100]",
                         shown(v));
        } else
            rc = BAD(err, k, "option \"%s\" is not known; expected seed, draws, step or "
                     "breakeven",
                     k->text);
    }
    return rc;
}

static int read_field(pl__serve_req *q, const pl_doc_node *k, const pl_doc_node *v,
                      pl_error *err)
{
    const char *key = k->text;
    int rc;
    if (strcmp(key, "set") == 0)
        return read_set(q, v, err);
    if (strcmp(key, "analyses") == 0)
        return read_analyses(q, v, err);
    if (strcmp(key, "options") == 0)
        return read_options(q, v, err);
    if (strcmp(key, "scenario") != 0 && strcmp(key, "variant") != 0 &&
        strcmp(key, "proposal") != 0)
        return BAD(err, k, "\"%s\" is not known; expected scenario, variant, set, proposal, "
                           "analyses or options", key);
    if (v->type == PL_DOC_SCALAR && v->plain && strcmp(v->text, "null") == 0)
        return PL_OK;  /* null: as if not given (the default) */
    if ((rc = want_text(v, key, err)))
        return rc;
    if (key[0] == 's') {
        q->scenario = v->text;
        q->scenario_len = v->len;
    } else if (key[0] == 'v')
        q->variant = v->text;
    else
        q->proposal = v->text;
    return PL_OK;
}

int pl__serve_req_parse(pl__serve_req *q, const char *body, size_t len, pl_error *err)
{
    memset(q, 0, sizeof *q);
    size_t i = 0;
    while (i < len && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t'))
        i++;
    if (i == len) {  /* no body: every default */
        pl_arena_init(&q->doc.arena);
        return PL_OK;
    }
    int rc = pl_doc_parse(&q->doc, body, len, REQ_NAME, PL_DOC_JSON, err);
    if (rc)
        return rc;
    const pl_doc_node *root = q->doc.root;
    if (!root || root->type != PL_DOC_MAP)
        return pl__error_set(err, PL_EINPUT, REQ_NAME, root ? root->line : 1,
                             root ? root->col : 1, "the body is %s; expected a JSON object",
                             root ? pl_doc_describe(root) : "empty");
    for (size_t j = 0; j < root->len && !rc; j++)
        rc = read_field(q, pl_doc_map_key(root, j), pl_doc_map_value(root, j), err);
    return rc;
}

void pl__serve_req_free(pl__serve_req *q)
{
    if (q)
        pl_doc_free(&q->doc);
}

void pl__serve_seed(pl_forecast_opts *fo, const pl__serve_req *q)
{
    if (q->has_seed) {  /* as the CLI's --seed: the exchange model's and the SMP's too */
        fo->exchange.seed = q->seed;
        fo->smp.seed = q->seed;
    }
}
