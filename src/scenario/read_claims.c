/* SPDX-License-Identifier: MIT */
/*
** read_claims.c: a claims file (docs/claims-format.md):
**     parley-claims: 1
**     scenario: ukraine-2025
**     claims:
**       - id: council-cannot-act
**         claim: The P5 guarantor council cannot act against Russia.
**         source: "Then, in the event of a new escalation, each guarantor would ..."
**         check: {kind: can_act, body: GUARANTOR_COUNCIL, against: RUS, expect: false}
** Every reference is resolved against the scenario, with FILE:LINE:COL errors.
*/
#include "schema.h"
#include "../core/fmt.h"
#include "../core/suggest.h"
#include "proposal.h"
#include "../claims/claims_build.h"
#include "../core/error_int.h"
#include "parley/scenario.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The keys each kind takes besides `kind`. */
static const char *const kind_keys[PL__N_KINDS][4] = {
    {"body", "against", "expect", NULL}, {"proposal", "below", "above", NULL},
    {"proposal", "expect", NULL, NULL},  {"actor", "model", "max_shift", NULL},
    {"issues", "max_packages", NULL, NULL}, {"proposal", NULL, NULL, NULL},
    {"why", NULL, NULL, NULL}};

typedef struct creader {
    pl_rd rd;                 /* texts and arrays go to the document's arena until added */
    const pl_scenario *s;
    pl_claims *c;             /* the claims added so far */
} creader;

static int ref(creader *r, const pl_doc_node *n, const char *what, int body, long *out)
{
    const char *id;
    int rc = pl_rd_id(&r->rd, n, what, &id);
    if (rc)
        return rc;
    *out = body ? pl_scenario_body_index(r->s, id) : pl_scenario_actor_index(r->s, id);
    char tail[256];
    if (*out < 0)
        return pl_rd_fail(&r->rd, n, "%s is '%s', which is not %s of scenario '%s'; %s", what, id,
                          body ? "a body" : "an actor", pl_scenario_name(r->s),
                          pl__scenario_id_tail(r->s, body ? 'b' : 'a', id,
                                               body ? "expected a body id" : "expected an actor id",
                                               tail, sizeof tail));
    return PL_OK;
}

/* A node as a message shows it: a number plainly, anything else as pl_rd_got does. */
static const char *shown(const pl_doc_node *n, char *buf, size_t size)
{
    double v;
    if (pl_rd_is_number(n, &v)) {
        pl__snprintf(buf, size, "%g", v);
        return buf;
    }
    return pl_rd_got(n, buf, size);
}

/* What each field of a check holds, for "has no 'key'; expected 'key: ...'". */
static const char *field_expect(const char *key)
{
    static const char *const fields[][2] = {
        {"body", "a body id"}, {"against", "an actor id"}, {"expect", "true or false"},
        {"proposal", "a mapping issue id -> option or scale point"}, {"actor", "an actor id"},
        {"max_shift", "a number in [0, 100]"}, {"issues", "a list of issue ids, e.g. [NATO, GUAR]"},
        {"max_packages", "a whole number >= 0"},
        {"why", "text saying why the scenario cannot test the claim"}};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (strcmp(fields[i][0], key) == 0)
            return fields[i][1];
    return "a value";
}

static int need(creader *r, const pl_doc_node *map, const char *key, pl_doc_node **out)
{
    char where[64];
    snprintf(where, sizeof where, "check of kind %s", pl_doc_map_get(map, "kind")->text);
    return pl_rd_need(&r->rd, map, key, where, field_expect(key), out);
}

/* Settlement places an issue's outcomes at its options, else its step's grid, else its
   worded points (parley settle's defaults); a ratification proposal must be one of them. */
static int on_grid(const pl_issue *x, double v)
{
    size_t no = pl_issue_n_options(x);
    double step = pl_issue_step(x);
    for (size_t j = 0; j < no; j++)
        if (pl_issue_option(x, j, NULL, NULL) == v)
            return 1;
    if (no)
        return 0;
    if (step > 0)
        return v == 100 || fabs(v / step - nearbyint(v / step)) < 1e-9;
    for (size_t j = 0; j < pl_issue_n_anchors(x); j++)
        if (pl_issue_anchor(x, j, NULL) == v)
            return 1;
    return 0;
}

static int check_grid(creader *r, const pl_doc_node *prop, const double *x)
{
    for (size_t j = 0; j < prop->len; j++) {
        const pl_doc_node *key = pl_doc_map_key(prop, j);
        long k = pl_scenario_issue_index(r->s, key->text);
        const pl_issue *is = pl_scenario_issue(r->s, (size_t)k);
        if (!on_grid(is, x[k]))
            return pl_rd_fail(&r->rd, pl_doc_map_value(prop, j), "proposal for issue '%s' is "
                              "%g, which is no point of its outcome space; expected one of its "
                              "options, its step's grid or its worded points (a ratification "
                              "vote is on packages of that space)", pl_issue_id(is), x[k]);
    }
    return PL_OK;
}

static int read_proposal(creader *r, const pl_doc_node *check, pl__claim_spec *c)
{
    pl_doc_node *p;
    size_t K = pl_scenario_n_issues(r->s);
    long *opt = malloc((K ? K : 1) * sizeof *opt);
    double *x = NULL;
    int rc = opt ? need(r, check, "proposal", &p) : pl__error_nomem(r->rd.err);
    if (!rc && !(x = pl_arena_array(r->rd.arena, K ? K : 1, sizeof *x)))
        rc = pl__error_nomem(r->rd.err);
    if (!rc)
        rc = pl__read_proposal_node(&r->rd, r->s, p, x, opt, NULL);
    if (!rc && c->kind == PL__RATIFICATION)
        rc = check_grid(r, p, x);
    c->x = x, c->n_x = K;
    free(opt);
    return rc;
}

static int read_model(creader *r, const pl_doc_node *n, pl_model *out)
{
    char got[96];
    for (int m = 0; m < PL_MODEL_MEDIAN + 1; m++)
        if (n->type == PL_DOC_SCALAR && strcmp(n->text, pl_model_name((pl_model)m)) == 0) {
            *out = (pl_model)m;
            return PL_OK;
        }
    return pl_rd_fail(&r->rd, n, "model is %s; expected mean or median (the models whose "
                      "forecast an actor's weight moves directly)", pl_rd_got(n, got, sizeof got));
}

static int read_issues(creader *r, const pl_doc_node *check, pl__claim_spec *c)
{
    pl_doc_node *seq, *lim;
    size_t *issues = NULL;
    int rc = need(r, check, "issues", &seq);
    if (!rc)
        rc = pl_rd_seq(&r->rd, seq, "issues", "a list of issue ids, e.g. [NATO, GUAR]");
    if (!rc && (seq->len < 1 || seq->len > 4))
        rc = pl_rd_fail(&r->rd, seq, "issues lists %zu issues; expected 1 to 4", seq->len);
    if (!rc && !(c->issues = issues = pl_arena_array(r->rd.arena, seq->len, sizeof *issues)))
        rc = pl__error_nomem(r->rd.err);
    for (size_t i = 0; !rc && i < seq->len; i++) {
        const char *id;
        long k = -1;
        char tail[256];
        if (!(rc = pl_rd_id(&r->rd, seq->items[i], "an issue", &id)) &&
            (k = pl_scenario_issue_index(r->s, id)) < 0)
            rc = pl_rd_fail(&r->rd, seq->items[i], "'%s' is not an issue of scenario '%s'; %s",
                            id, pl_scenario_name(r->s),
                            pl__scenario_id_tail(r->s, 'i', id, "expected an issue id", tail,
                                                 sizeof tail));
        for (size_t j = 0; !rc && j < i; j++)
            if (issues[j] == (size_t)k)
                rc = pl_rd_fail(&r->rd, seq->items[i], "issue '%s' is listed twice; expected "
                                "each issue once", id);
        if (!rc)
            issues[c->n_issues++] = (size_t)k;
    }
    if (!rc && !(rc = need(r, check, "max_packages", &lim)) &&
        (!pl_rd_is_number(lim, &c->limit) || c->limit < 0 || c->limit != floor(c->limit) ||
         c->limit > 1e9)) {
        char got[96];
        rc = pl_rd_fail(&r->rd, lim, "max_packages is %s; expected a whole number >= 0",
                        shown(lim, got, sizeof got));
    }
    return rc;
}

/* The fields of each kind of check, after `kind` has been read. */
static int read_fields(creader *r, const pl_doc_node *check, pl__claim_spec *c)
{
    pl_doc_node *n;
    int rc = PL_OK;
    c->below = 0.5, c->expect = 0, c->above = 0;
    switch (c->kind) {
    case PL__CAN_ACT:
        if (!(rc = need(r, check, "body", &n)) && !(rc = ref(r, n, "body", 1, &c->body)) &&
            !(rc = need(r, check, "against", &n)) && !(rc = ref(r, n, "against", 0, &c->actor)) &&
            !(rc = need(r, check, "expect", &n)))
            rc = pl_rd_bool(&r->rd, n, "expect", &c->expect);
        return rc;
    case PL__RATIFICATION:
        if ((rc = read_proposal(r, check, c)))
            return rc;
        pl_doc_node *a = pl_doc_map_get(check, "above");
        if ((n = pl_doc_map_get(check, "below")) && a)
            return pl_rd_fail(&r->rd, a, "a ratification claim has both below and above; "
                              "expected one: below P (ratified with probability under P) or "
                              "above P (over P)");
        c->above = a != NULL;
        if (a || n)
            rc = pl_rd_number(&r->rd, a ? a : n, a ? "above" : "below", 0, 1, &c->below);
        return rc;
    case PL__SELF_ENFORCING:
        if (!(rc = read_proposal(r, check, c)) && !(rc = need(r, check, "expect", &n)))
            rc = pl_rd_bool(&r->rd, n, "expect", &c->expect);
        return rc;
    case PL__LEVERAGE:
        c->model = PL_MODEL_MEDIAN;
        if (!(rc = need(r, check, "actor", &n)) && !(rc = ref(r, n, "actor", 0, &c->actor)) &&
            (n = pl_doc_map_get(check, "model")))
            rc = read_model(r, n, &c->model);
        if (!rc && !(rc = need(r, check, "max_shift", &n)))
            rc = pl_rd_number(&r->rd, n, "max_shift", 0, 100, &c->limit);
        return rc;
    case PL__ZONE:
        return read_issues(r, check, c);
    case PL__NO_WINNERS:
        return read_proposal(r, check, c);
    default:
        if (!(rc = need(r, check, "why", &n)))
            rc = pl_rd_text(&r->rd, n, "why", &c->why);
        return rc;
    }
}

static int read_check(creader *r, const pl_doc_node *check, pl__claim_spec *c)
{
    pl_doc_node *kind;
    char got[96], allowed[600];
    int rc = pl_rd_map(&r->rd, check, "check", "a mapping with kind and its fields");
    size_t k = 0, u = 0;
    for (size_t j = 0; j < PL__N_KINDS; j++)
        u += (size_t)snprintf(allowed + u, sizeof allowed - u, "%s%s", j ? ", " : "one of ",
                              pl__claim_kinds[j]);
    if (!rc)
        rc = pl_rd_need(&r->rd, check, "kind", "check", allowed, &kind);
    if (rc)
        return rc;
    while (k < PL__N_KINDS && !(kind->type == PL_DOC_SCALAR &&
                                strcmp(kind->text, pl__claim_kinds[k]) == 0))
        k++;
    if (k == PL__N_KINDS)
        return pl_rd_fail(&r->rd, kind, "kind is %s; expected %s",
                          pl_rd_got(kind, got, sizeof got), allowed);
    c->kind = (pl__claim_kind)k;
    const char *keys[5] = {"kind"};
    size_t nk = 1;
    for (size_t j = 0; j < 4 && kind_keys[k][j]; j++)
        keys[nk++] = kind_keys[k][j];
    snprintf(allowed, sizeof allowed, "check of kind %s", pl__claim_kinds[k]);
    return (rc = pl_rd_keys(&r->rd, check, keys, nk, allowed)) ? rc : read_fields(r, check, c);
}

static int read_claim(creader *r, const pl_doc_node *n, pl__claim_spec *c)
{
    static const char *const keys[] = {"id", "claim", "source", "check"};
    pl_doc_node *id, *text, *check;
    int rc = pl_rd_map(&r->rd, n, "a claim", "a mapping with id, claim, source and check");
    if (!rc)
        rc = pl_rd_keys(&r->rd, n, keys, 4, "a claim");
    if (!rc && !(rc = pl_rd_need(&r->rd, n, "id", "a claim", "an identifier like "
                                 "council-cannot-act", &id)))
        rc = pl_rd_id(&r->rd, id, "the claim's id", &c->id);
    for (size_t j = 0; !rc && j < pl_claims_count(r->c); j++)
        if (strcmp(pl_claim_id(r->c, j), c->id) == 0)
            rc = pl_rd_fail(&r->rd, id, "claim id '%s' is used twice; expected unique ids", c->id);
    if (!rc && !(rc = pl_rd_need(&r->rd, n, "claim", "a claim", "the claim, in a sentence",
                                 &text)))
        rc = pl_rd_text(&r->rd, text, "claim", &c->claim);
    if (!rc && !c->claim[0])
        rc = pl_rd_fail(&r->rd, text, "claim is empty; expected the claim, in a sentence");
    if (!rc && pl_doc_map_get(n, "source"))
        rc = pl_rd_text(&r->rd, pl_doc_map_get(n, "source"), "source", &c->source);
    if (!rc && !(rc = pl_rd_need(&r->rd, n, "check", "a claim", "a mapping with kind and its "
                                 "fields", &check)))
        rc = read_check(r, check, c);
    return rc;
}

static int read_scenario_name(creader *r, const pl_doc_node *v)
{
    char got[96];
    const char *want = pl_scenario_name(r->s);
    if (v->type != PL_DOC_SCALAR || v->len == 0)
        return pl_rd_fail(&r->rd, v, "scenario is %s; expected the name of the scenario the "
                          "claims are about, %s", v->type == PL_DOC_SCALAR ? "empty"
                          : pl_rd_got(v, got, sizeof got), want);
    if (strcmp(v->text, want) != 0)
        return pl_rd_fail(&r->rd, v, "these claims are about scenario '%s', not '%s'; expected "
                          "the scenario they were written for", v->text, want);
    return PL_OK;
}

static int read_root(creader *r, const pl_doc_node *root)
{
    static const char *const keys[] = {"parley-claims", "scenario", "claims"};
    pl_doc_node *v, *seq;
    double version;
    char got[96];
    if (!root)
        return pl__error_set(r->rd.err, PL_EINPUT, r->rd.file, 1, 1, "the claims file is "
                             "empty; expected a mapping starting 'parley-claims: 1'");
    int rc = pl_rd_map(&r->rd, root, "the claims file", "a mapping with parley-claims, "
                       "scenario and claims");
    if (!rc)
        rc = pl_rd_keys(&r->rd, root, keys, 3, "the claims file");
    if (!rc && !(rc = pl_rd_need(&r->rd, root, "parley-claims", "the claims file", "1", &v)) &&
        (v->type != PL_DOC_SCALAR || v->plain) && (!pl_rd_is_number(v, &version) || version != 1))
        rc = pl_rd_fail(&r->rd, v, "parley-claims is %s; expected 1 (the only version of the "
                        "claims format)", shown(v, got, sizeof got));
    if (!rc && v->type == PL_DOC_SCALAR && !v->plain) /* "1": the reader's own message */
        rc = pl_rd_number(&r->rd, v, "parley-claims", 1, 1, &version);
    if (!rc && (v = pl_doc_map_get(root, "scenario")))
        rc = read_scenario_name(r, v);
    if (!rc && !(rc = pl_rd_need(&r->rd, root, "claims", "the claims file", "a list of claims",
                                 &seq)))
        rc = pl_rd_seq(&r->rd, seq, "claims", "a list of claims");
    if (!rc && seq->len == 0)
        rc = pl_rd_fail(&r->rd, seq, "claims is empty; expected at least one claim");
    if (!rc)
        rc = pl__claims_new(&r->c, seq->len, r->rd.err);
    for (size_t i = 0; !rc && i < seq->len; i++) {
        pl__claim_spec c = {0};
        if (!(rc = read_claim(r, seq->items[i], &c)))
            rc = pl__claims_add(r->c, &c, r->rd.err);
    }
    return rc;
}

int pl_claims_load_buffer(pl_claims **out, const pl_scenario *s, const char *data, size_t len,
                          const char *name, pl_error *err)
{
    if (!out || !s || (!data && len))
        return pl__fail(err, PL_EMISUSE, "pl_claims_load_buffer: NULL argument");
    *out = NULL;
    name = name ? name : "<claims>";
    pl_doc doc;
    size_t n = strlen(name);
    int json = n >= 5 && strcmp(name + n - 5, ".json") == 0;
    creader r = {{name, err, NULL, 0, NULL, NULL}, s, NULL};
    int rc = pl_doc_parse(&doc, data ? data : "", len, name, json ? PL_DOC_JSON : 0, err);
    if (!rc) {
        r.rd.arena = &doc.arena;
        rc = read_root(&r, doc.root);
    }
    pl_doc_free(&doc);
    if (rc) {
        pl_claims_free(r.c);
        return rc;
    }
    *out = r.c;
    return PL_OK;
}

int pl_claims_load_file(pl_claims **out, const pl_scenario *s, const char *path, pl_error *err)
{
    char *data = NULL;
    size_t len = 0;
    int rc = pl__read_whole_file(path, &data, &len, err);
    if (!rc)
        rc = pl_claims_load_buffer(out, s, data, len, pl__input_name(path), err);
    free(data);
    return rc;
}
