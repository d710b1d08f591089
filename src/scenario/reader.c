/* SPDX-License-Identifier: MIT */
/*
** reader.c: scenario loader, top level, actors and issues.
**
** The document tree (doc.c) is walked once with the schema of
** docs/scenario-format.md; every check that can point at a place in the
** file is made here, so a loaded scenario is valid by construction.
*/
#include "reader.h"
#include "parley/version.h"
#include "../core/error_int.h"
#include "../core/suggest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PL_FORMAT_VERSION 1
#define CAPABILITY_MAX 1e12

/* ---- references -------------------------------------------------------- */

static int ref(pl_reader *r, const pl_doc_node *n, const char *kind, const char *plural,
               const char *where, int partial,
               const pl_idmap *ids, const char *(*id_of)(const pl_scenario *, size_t),
               size_t count, long *out)
{
    const char *id;
    if (partial) {
        /* anything unknown may name an entry in error, which has its message */
        *out = n && n->type == PL_DOC_SCALAR ? pl_idmap_get(ids, n->text) : -1;
        return *out >= 0 ? PL_OK : PL_EINPUT;
    }
    int rc = pl_rd_id(&r->rd, n, where, &id);
    if (rc)
        return rc;
    *out = pl_idmap_get(ids, id);
    if (*out >= 0)
        return PL_OK;
    /* Collect candidates only on this error path. */
    const char **cands = malloc((count ? count : 1) * sizeof *cands);
    if (!cands)
        return pl__error_nomem(r->rd.err);
    for (size_t i = 0; i < count; i++)
        cands[i] = id_of(r->s, i);
    const char *hint = pl_suggest(id, cands, count);
    if (hint)
        rc = pl_rd_fail(&r->rd, n, "%s '%s' in %s is not defined; did you mean '%s'?", kind,
                        id, where, hint);
    else if (count == 0)
        rc = pl_rd_fail(&r->rd, n, "%s '%s' in %s is not defined; the scenario defines no "
                        "%s", kind, id, where, plural);
    else if (count == 1)
        rc = pl_rd_fail(&r->rd, n, "%s '%s' in %s is not defined; expected '%s', the "
                        "scenario's only %s", kind, id, where, cands[0], kind);
    else
        rc = pl_rd_fail(&r->rd, n, "%s '%s' in %s is not defined; expected the id of one "
                        "of the scenario's %zu %s", kind, id, where, count, plural);
    free(cands);
    return rc;
}

static const char *actor_id_at(const pl_scenario *s, size_t i) { return s->actors[i].id; }
static const char *issue_id_at(const pl_scenario *s, size_t i) { return s->issues[i].id; }
static const char *body_id_at(const pl_scenario *s, size_t i) { return s->bodies[i].id; }

int pl__ref_actor(pl_reader *r, const pl_doc_node *n, const char *where, long *out)
{
    return ref(r, n, "actor", "actors", where, r->actor_ids_partial, &r->s->actor_ids,
               actor_id_at, r->s->n_actors, out);
}

int pl__ref_issue(pl_reader *r, const pl_doc_node *n, const char *where, long *out)
{
    return ref(r, n, "issue", "issues", where, r->issue_ids_partial, &r->s->issue_ids,
               issue_id_at, r->s->n_issues, out);
}

int pl__ref_body(pl_reader *r, const pl_doc_node *n, const char *where, long *out)
{
    return ref(r, n, "body", "bodies", where, r->body_ids_partial, &r->s->body_ids,
               body_id_at, r->s->n_bodies, out);
}

/* Register an id; duplicate ids are errors pointing at the second one. */
static int unique_id(pl_reader *r, pl_idmap *ids, const pl_doc_node **nodes, const char *kind,
                     const pl_doc_node *n, const char *id, long index)
{
    long prev = pl_idmap_put(ids, id, index);
    if (prev < 0)
        return PL_OK;
    return pl_rd_fail(&r->rd, n, "duplicate %s id '%s' (first at line %d); expected unique "
                      "%s ids", kind, id, nodes ? nodes[prev]->line : 0, kind);
}

int pl__read_head(pl_reader *r, const pl_entry_kind *k, const pl_doc_node *n, size_t i,
                  pl_idmap *ids, const pl_doc_node **nodes, const char **id,
                  const char **name, const char **description)
{
    char where[128], what[96];
    snprintf(where, sizeof where, "%s %zu", k->kind, i + 1);
    int acc = pl_rd_map(&r->rd, n, where, k->shape), rc;
    if (acc || pl_rd_stop(&r->rd, &acc, pl_rd_keys(&r->rd, n, k->keys, k->nkeys, k->article)))
        return acc;
    pl_doc_node *v;
    snprintf(what, sizeof what, "%s id", k->kind);
    if ((rc = pl_rd_need(&r->rd, n, "id", where, k->example, &v)) == PL_OK)
        rc = pl_rd_id(&r->rd, v, what, id);
    if (rc) {
        pl_rd_stop(&r->rd, &acc, rc);
        *id = NULL;  /* nothing more of the entry can be read */
        return acc;
    }
    nodes[i] = v;
    if (pl_rd_stop(&r->rd, &acc, unique_id(r, ids, nodes, k->kind, v, *id, (long)i)))
        return acc;
    *name = *id;
    snprintf(what, sizeof what, "%s name", k->kind);
    if ((v = pl_doc_map_get(n, "name")) &&
        pl_rd_stop(&r->rd, &acc, pl_rd_text(&r->rd, v, what, name)))
        return acc;
    snprintf(what, sizeof what, "%s description", k->kind);
    if ((v = pl_doc_map_get(n, "description")))
        pl_rd_stop(&r->rd, &acc, pl_rd_text(&r->rd, v, what, description));
    return acc;
}

int pl__opt_value(pl_reader *r, const pl_doc_node *n, const char *key, const char *where,
                  double lo, double hi, pl_value *out, int *has)
{
    const pl_doc_node *v = pl_doc_map_get(n, key);
    if (!v)
        return PL_OK;
    char what[160];
    snprintf(what, sizeof what, "%s of %s", key, where);
    int rc = pl_rd_value(&r->rd, v, what, lo, hi, NULL, out);
    if (!rc && has)
        *has = 1;
    return rc;
}

/* ---- actors ------------------------------------------------------------ */

static const char *const actor_keys[] = {"id", "name", "description", "capability", "risk",
                                         "at_table", "roles", "no_deal", "discount"};

static int read_roles(pl_reader *r, const pl_doc_node *n, const char *what, unsigned *out)
{
    static const char *const names[PL_ROLE_COUNT] = {
        "belligerent", "mediator", "guarantor", "ally", "observer", "constituency"};
    int rc = pl_rd_seq(&r->rd, n, what, "a list such as [belligerent, guarantor]");
    for (size_t i = 0; !rc && i < n->len; i++) {
        const pl_doc_node *e = n->items[i];
        size_t j = 0;
        while (j < PL_ROLE_COUNT && !(e->type == PL_DOC_SCALAR && strcmp(e->text, names[j]) == 0))
            j++;
        if (j < PL_ROLE_COUNT) {
            *out |= 1u << j;
            continue;
        }
        char got[96];
        const char *hint = e->type == PL_DOC_SCALAR ? pl_suggest(e->text, names, PL_ROLE_COUNT)
                                                    : NULL;
        if (hint)
            return pl_rd_fail(&r->rd, e, "role %s in %s is unknown; did you mean '%s'?",
                              pl_rd_got(e, got, sizeof got), what, hint);
        return pl_rd_fail(&r->rd, e, "role %s in %s is unknown; expected one of: belligerent, "
                          "mediator, guarantor, ally, observer, constituency",
                          pl_rd_got(e, got, sizeof got), what);
    }
    return rc;
}

static int read_discount(pl_reader *r, const pl_doc_node *n, const char *where, pl_actor *a)
{
    const pl_doc_node *v = pl_doc_map_get(n, "discount");
    int rc = pl__opt_value(r, n, "discount", where, 0, 1, &a->discount, NULL);
    if (rc || !v || a->discount.low > 0)
        return rc;
    return pl_rd_fail(&r->rd, v, "%sdiscount of %s is 0; expected a discount factor in (0, 1] "
                      "(1: no discounting)", a->discount.value > 0 ? "the low end of " : "",
                      where);
}

static int read_actor(pl_reader *r, const pl_doc_node *n, size_t i)
{
    static const pl_entry_kind kind = {"actor", "an actor", "a mapping with id, name, capability",
                                       "an identifier like RUS", actor_keys,
                                       sizeof actor_keys / sizeof *actor_keys};
    pl_actor *a = &r->s->actors[i];
    int head = pl__read_head(r, &kind, n, i, &r->s->actor_ids, r->actor_nodes, &a->id, &a->name,
                             &a->description), rc = PL_OK, e;
    if (!a->id) {
        r->actor_ids_partial = 1;
        return head;
    }
    if (pl_rd_stop(&r->rd, &rc, head))
        return rc;
    char where[128], what[160];
    snprintf(where, sizeof where, "actor '%s'", a->id);
    a->at_table = 1;
    a->discount = pl__value_exact(1);
    pl_doc_node *v;
    snprintf(what, sizeof what, "capability of %s", where);
    if ((e = pl_rd_need(&r->rd, n, "capability", where, "a number >= 0", &v)) == PL_OK)
        e = pl_rd_value(&r->rd, v, what, 0, CAPABILITY_MAX, NULL, &a->capability);
    if (pl_rd_stop(&r->rd, &rc, e) ||
        pl_rd_stop(&r->rd, &rc, pl__opt_value(r, n, "risk", where, -1, 1, &a->risk, &a->has_risk)) ||
        pl_rd_stop(&r->rd, &rc, pl__opt_value(r, n, "no_deal", where, 0, 1, &a->no_deal,
                                          &a->has_no_deal)) ||
        pl_rd_stop(&r->rd, &rc, read_discount(r, n, where, a)))
        return rc;
    snprintf(what, sizeof what, "at_table of %s", where);
    if ((v = pl_doc_map_get(n, "at_table")) &&
        pl_rd_stop(&r->rd, &rc, pl_rd_bool(&r->rd, v, what, &a->at_table)))
        return rc;
    snprintf(what, sizeof what, "roles of %s", where);
    if ((v = pl_doc_map_get(n, "roles")))
        pl_rd_stop(&r->rd, &rc, read_roles(r, v, what, &a->roles));
    return rc;
}

static int read_actors(pl_reader *r, const pl_doc_node *seq)
{
    int rc = pl_rd_seq(&r->rd, seq, "actors", "a list of actors");
    if (rc) {
        r->actor_ids_partial = 1;
        return rc;
    }
    if (seq->len < 2) {
        r->actor_ids_partial = 1;  /* a reference to a missing actor is this error again */
        if (pl_rd_stop(&r->rd, &rc, pl_rd_fail(&r->rd, seq, "actors lists %zu actor%s; "
                                               "expected at least 2", seq->len,
                                               seq->len == 1 ? "" : "s")))
            return rc;
    }
    pl_scenario *s = r->s;
    s->n_actors = seq->len;
    s->actors = pl_arena_array(&s->arena, seq->len, sizeof *s->actors);
    r->actor_nodes = pl_arena_array(&s->arena, seq->len, sizeof *r->actor_nodes);
    if (!s->actors || !r->actor_nodes || pl_idmap_init(&s->actor_ids, &s->arena, seq->len))
        return pl__error_nomem(r->rd.err);
    for (size_t i = 0; i < seq->len; i++)
        if (pl_rd_stop(&r->rd, &rc, read_actor(r, seq->items[i], i)))
            return rc;
    return rc;
}

/* ---- issues ------------------------------------------------------------ */

static const char *const issue_keys[] = {"id", "name", "description", "scale", "status_quo",
                                         "outcome", "group", "options", "step",
                                         "decided_by"};

typedef struct anchor {
    double at;
    const char *text;
    const pl_doc_node *node;
} anchor;

static int cmp_anchor(const void *a, const void *b)
{
    double x = ((const anchor *)a)->at, y = ((const anchor *)b)->at;
    return (x > y) - (x < y);
}

static int read_scale(pl_reader *r, const pl_doc_node *n, pl_issue *x, const char *where)
{
    char what[160];
    snprintf(what, sizeof what, "scale of %s", where);
    int rc = pl_rd_map(&r->rd, n, what, "a mapping from scale points to words, "
                       "like {0: \"...\", 50: \"...\", 100: \"...\"}");
    if (rc)
        return rc;
    anchor *as = pl_arena_array(&r->s->arena, n->len ? n->len : 1, sizeof *as);
    if (!as)
        return pl__error_nomem(r->rd.err);
    for (size_t j = 0; j < n->len; j++) {
        const pl_doc_node *k = pl_doc_map_key(n, j);
        snprintf(what, sizeof what, "scale point of %s", where);
        if ((rc = pl_rd_key_number(&r->rd, k, what, 0, 100, &as[j].at)))
            return rc;
        for (size_t p = 0; p < j; p++)
            if (as[p].at == as[j].at)
                return pl_rd_fail(&r->rd, k, "scale point %g of %s is given twice (as '%s' "
                                  "and '%s'); expected each point once", as[j].at, where,
                                  as[p].node->text, k->text);
        snprintf(what, sizeof what, "words for scale point %s of %s", k->text, where);
        if ((rc = pl_rd_text(&r->rd, pl_doc_map_value(n, j), what, &as[j].text)))
            return rc;
        as[j].node = k;
    }
    qsort(as, n->len, sizeof *as, cmp_anchor);
    if (n->len == 0 || as[0].at != 0 || as[n->len - 1].at != 100)
        return pl_rd_fail(&r->rd, n, "scale of %s has no anchor at %s; expected words for "
                          "both 0 and 100", where, (n->len && as[0].at == 0) ? "100" : "0");
    x->n_anchors = n->len;
    x->anchor_at = pl_arena_array(&r->s->arena, n->len, sizeof *x->anchor_at);
    x->anchor_text = pl_arena_array(&r->s->arena, n->len, sizeof *x->anchor_text);
    if (!x->anchor_at || !x->anchor_text)
        return pl__error_nomem(r->rd.err);
    for (size_t j = 0; j < n->len; j++) {
        x->anchor_at[j] = as[j].at;
        x->anchor_text[j] = as[j].text;
    }
    return PL_OK;
}

static const char *const option_keys[] = {"id", "name", "at"};

static int read_option(pl_reader *r, const pl_doc_node *n, pl_issue *x, size_t j,
                       const char *where)
{
    char what[200];
    snprintf(what, sizeof what, "option %zu of %s", j + 1, where);
    int rc = pl_rd_map(&r->rd, n, what, "{id: ..., name: ..., at: 0-100}");
    if (!rc)
        rc = pl_rd_keys(&r->rd, n, option_keys, sizeof option_keys / sizeof *option_keys,
                        "an option");
    pl_doc_node *v;
    if (!rc)
        rc = pl_rd_need(&r->rd, n, "id", what, "an identifier like freeze", &v);
    if (!rc)
        rc = pl_rd_id(&r->rd, v, "option id", &x->option_id[j]);
    if (rc)
        return rc;
    if (pl_idmap_put(&x->option_ids, x->option_id[j], (long)j) >= 0)
        return pl_rd_fail(&r->rd, v, "option id '%s' of %s is given twice; expected "
                          "unique option ids", x->option_id[j], where);
    x->option_name[j] = x->option_id[j];
    if ((v = pl_doc_map_get(n, "name")) && (rc = pl_rd_text(&r->rd, v, "option name",
                                                             &x->option_name[j])))
        return rc;
    snprintf(what, sizeof what, "option '%s' of %s", x->option_id[j], where);
    if ((rc = pl_rd_need(&r->rd, n, "at", what, "a number in [0, 100]", &v)))
        return rc;
    snprintf(what, sizeof what, "at of option '%s' of %s", x->option_id[j], where);
    return pl_rd_number(&r->rd, v, what, 0, 100, &x->option_at[j]);
}

/* The outcome space of the issue for settlement: named options, or a grid step. */
static int read_outcome_space(pl_reader *r, const pl_doc_node *n, pl_issue *x,
                              const char *where)
{
    char what[160];
    const pl_doc_node *opts = pl_doc_map_get(n, "options");
    pl_doc_node *v = pl_doc_map_get(n, "step");
    int rc;
    if (opts && v)
        return pl_rd_fail(&r->rd, v, "%s has both options and step; expected one of them "
                          "(options name the outcomes, step makes a grid)", where);
    if (v) {
        snprintf(what, sizeof what, "step of %s", where);
        if ((rc = pl_rd_number(&r->rd, v, what, 0.01, 100, &x->step)))
            return rc;
    }
    if (!opts)
        return PL_OK;
    snprintf(what, sizeof what, "options of %s", where);
    if ((rc = pl_rd_seq(&r->rd, opts, what, "a list of {id, name, at}")))
        return rc;
    if (opts->len < 1)
        return pl_rd_fail(&r->rd, opts, "%s lists no option; expected at least 1", what);
    pl_arena *a = &r->s->arena;
    x->n_options = opts->len;
    x->option_id = pl_arena_array(a, opts->len, sizeof *x->option_id);
    x->option_name = pl_arena_array(a, opts->len, sizeof *x->option_name);
    x->option_at = pl_arena_array(a, opts->len, sizeof *x->option_at);
    if (!x->option_id || !x->option_name || !x->option_at ||
        pl_idmap_init(&x->option_ids, a, opts->len))
        return pl__error_nomem(r->rd.err);
    for (size_t j = 0; j < opts->len; j++)
        if ((rc = read_option(r, opts->items[j], x, j, where)))
            return rc;
    return PL_OK;
}

static int read_issue(pl_reader *r, const pl_doc_node *n, size_t k)
{
    static const pl_entry_kind kind = {"issue", "an issue", "a mapping with id, name, scale",
                                       "an identifier like TERR", issue_keys,
                                       sizeof issue_keys / sizeof *issue_keys};
    pl_issue *x = &r->s->issues[k];
    int head = pl__read_head(r, &kind, n, k, &r->s->issue_ids, r->issue_nodes, &x->id, &x->name,
                             &x->description), rc = PL_OK, e;
    if (!x->id) {
        r->issue_ids_partial = 1;
        return head;
    }
    if (pl_rd_stop(&r->rd, &rc, head))
        return rc;
    char where[128], what[160];
    snprintf(where, sizeof where, "issue '%s'", x->id);
    pl_doc_node *v;
    if ((e = pl_rd_need(&r->rd, n, "scale", where, "{0: \"...\", 100: \"...\"}", &v)) == PL_OK)
        e = read_scale(r, v, x, where);
    if (pl_rd_stop(&r->rd, &rc, e) ||
        pl_rd_stop(&r->rd, &rc, pl__opt_value(r, n, "status_quo", where, 0, 100, &x->status_quo,
                                          &x->has_status_quo)) ||
        pl_rd_stop(&r->rd, &rc, pl__opt_value(r, n, "outcome", where, 0, 100, &x->outcome,
                                          &x->has_outcome)))
        return rc;
    snprintf(what, sizeof what, "group of %s", where);
    if ((v = pl_doc_map_get(n, "group")) &&
        pl_rd_stop(&r->rd, &rc, pl_rd_id(&r->rd, v, what, &x->group)))
        return rc;
    if ((e = read_outcome_space(r, n, x, where)) != PL_OK)
        r->bad_options[k] = 1;  /* values on this issue cannot be checked */
    pl_rd_stop(&r->rd, &rc, e);
    return rc;
}

static int read_issues(pl_reader *r, const pl_doc_node *seq)
{
    int rc = pl_rd_seq(&r->rd, seq, "issues", "a list of issues");
    if (rc) {
        r->issue_ids_partial = 1;
        return rc;
    }
    if (seq->len < 1) {
        r->issue_ids_partial = 1;  /* a reference to an issue is this error again */
        if (pl_rd_stop(&r->rd, &rc, pl_rd_fail(&r->rd, seq, "issues lists no issue; expected "
                                               "at least 1")))
            return rc;
    }
    pl_scenario *s = r->s;
    s->n_issues = seq->len;
    s->issues = pl_arena_array(&s->arena, seq->len, sizeof *s->issues);
    r->issue_nodes = pl_arena_array(&s->arena, seq->len, sizeof *r->issue_nodes);
    r->bad_options = pl_arena_array(&s->arena, seq->len, 1);
    if (!s->issues || !r->issue_nodes || !r->bad_options ||
        pl_idmap_init(&s->issue_ids, &s->arena, seq->len))
        return pl__error_nomem(r->rd.err);
    for (size_t k = 0; k < seq->len; k++)
        if (pl_rd_stop(&r->rd, &rc, read_issue(r, seq->items[k], k)))
            return rc;
    return rc;
}

/* ---- top level --------------------------------------------------------- */

static const char *const top_keys[] = {"parley", "name", "title", "description", "source",
                                       "actors", "issues", "positions", "bodies",
                                       "ratification", "durability", "staging", "regimes",
                                       "red_lines", "variants",
                                       "no_deal"};

static int read_version(pl_reader *r, const pl_doc_node *root)
{
    const pl_doc_node *v = pl_doc_map_get(root, "parley");
    double ver;
    char got[96];
    if (!v)
        return pl_rd_fail(&r->rd, root, "the format version is missing; expected 'parley: %d' "
                          "at the top", PL_FORMAT_VERSION);
    /* compare as doubles: casting 1e20 to int would be undefined */
    if (!pl_rd_is_number(v, &ver) || ver != floor(ver))
        return pl_rd_fail(&r->rd, v, "format version is %s; expected the integer %d",
                          pl_rd_got(v, got, sizeof got), PL_FORMAT_VERSION);
    if (ver != PL_FORMAT_VERSION)
        return pl_rd_fail(&r->rd, v, "format version %s is not supported; expected %d (this "
                          "is parley " PL_VERSION_STRING ")", v->text, PL_FORMAT_VERSION);
    return PL_OK;
}

static int read_header(pl_reader *r, const pl_doc_node *root)
{
    static const char *const texts[] = {"title", "description", "source"};
    pl_scenario *s = r->s;
    const char **text_of[] = {&s->title, &s->description, &s->source};
    pl_doc_node *v;
    int rc = PL_OK, e;
    if (pl_rd_stop(&r->rd, &rc, read_version(r, root)))
        return rc;
    if ((e = pl_rd_need(&r->rd, root, "name", "the scenario", "a short identifier", &v)) == PL_OK)
        e = pl_rd_id(&r->rd, v, "scenario name", &s->name);
    if (pl_rd_stop(&r->rd, &rc, e))
        return rc;
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
        if ((v = pl_doc_map_get(root, texts[k])) &&
            pl_rd_stop(&r->rd, &rc, pl_rd_text(&r->rd, v, texts[k], text_of[k])))
            return rc;
    return rc;
}

/* Per-actor ratification arrays exist even when the file has no ratification. */
static int alloc_ratification(pl_reader *r)
{
    pl_scenario *s = r->s;
    s->n_ratifiers = pl_arena_array(&s->arena, s->n_actors, sizeof *s->n_ratifiers);
    s->ratifiers = pl_arena_array(&s->arena, s->n_actors, sizeof *s->ratifiers);
    return (s->n_ratifiers && s->ratifiers) ? PL_OK : pl__error_nomem(r->rd.err);
}

/*
** A required section's node. After an unknown top-level key, a missing section
** is most likely that key misspelt: the failure is then silent.
*/
static int section(pl_reader *r, const pl_doc_node *root, int typo, const char *key,
                   const char *expect, pl_doc_node **v)
{
    if (typo)
        r->rd.typo = root;
    return pl_rd_need(&r->rd, root, key, "the scenario", expect, v);
}

/* The actors and issues sections: what every later section refers to. */
static int read_lists(pl_reader *r, const pl_doc_node *root, int typo)
{
    pl_doc_node *v;
    int rc = PL_OK, e;
    if ((e = section(r, root, typo, "actors", "a list of actors", &v)) == PL_OK)
        e = read_actors(r, v);
    else
        r->actor_ids_partial = 1;
    if (pl_rd_stop(&r->rd, &rc, e))
        return rc;
    if ((e = section(r, root, typo, "issues", "a list of issues", &v)) == PL_OK)
        e = read_issues(r, v);
    else
        r->issue_ids_partial = 1;
    pl_rd_stop(&r->rd, &rc, e);
    return rc;
}

static int read_root(pl_reader *r, const pl_doc_node *root)
{
    if (!root)
        return pl__error_set(r->rd.err, PL_EINPUT, r->rd.file, 1, 1, "the file is empty; "
                             "expected a parley scenario (a mapping starting 'parley: 1')");
    int rc = pl_rd_map(&r->rd, root, "the top level", "a mapping with parley, name, actors, "
                       "issues, positions"), e;
    if (rc)
        return rc;
    int typo = pl_rd_keys(&r->rd, root, top_keys, sizeof top_keys / sizeof *top_keys,
                          "the top level");
    pl_doc_node *v;
    if (pl_rd_stop(&r->rd, &rc, typo) || pl_rd_stop(&r->rd, &rc, read_header(r, root)) ||
        pl_rd_stop(&r->rd, &rc, read_lists(r, root, typo)))
        return rc;
    if ((e = section(r, root, typo, "positions", "a mapping actor -> issue -> {position, "
                     "salience}", &v)) == PL_OK)
        e = pl__read_positions(r, v);
    if (pl_rd_stop(&r->rd, &rc, e) ||
        pl_rd_stop(&r->rd, &rc, pl__read_bodies(r, pl_doc_map_get(root, "bodies"))) ||
        pl_rd_stop(&r->rd, &rc, alloc_ratification(r)))
        return rc;
    if ((v = pl_doc_map_get(root, "ratification")) &&
        pl_rd_stop(&r->rd, &rc, pl__read_ratification(r, v)))
        return rc;
    if (pl_rd_stop(&r->rd, &rc, pl__read_decided_by(r, pl_doc_map_get(root, "issues"))))
        return rc;
    if ((v = pl_doc_map_get(root, "red_lines")) &&
        pl_rd_stop(&r->rd, &rc, pl__read_red_lines(r, v)))
        return rc;
    if ((v = pl_doc_map_get(root, "durability")) &&
        pl_rd_stop(&r->rd, &rc, pl__read_durability(r, v)))
        return rc;
    if ((v = pl_doc_map_get(root, "staging")) &&
        pl_rd_stop(&r->rd, &rc, pl__read_staging(r, v)))
        return rc;
    if ((v = pl_doc_map_get(root, "regimes")))
        pl_rd_stop(&r->rd, &rc, pl__read_regimes(r, v));
    if ((v = pl_doc_map_get(root, "variants")))
        pl_rd_stop(&r->rd, &rc, pl__read_variants(r, v));
    if ((v = pl_doc_map_get(root, "no_deal")))
        pl_rd_stop(&r->rd, &rc, pl__read_nodeal(r, v));
    return rc;
}

/* ---- entry points ------------------------------------------------------ */

static int is_json_name(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    return n >= 5 && strcmp(name + n - 5, ".json") == 0;
}

/*
** Reading proper, once the input is known to be within its limit. The first
** error goes to err; with a list, every one goes there too (the loader adds
** a failure found before the reader, a syntax error say, as the only one).
*/
static int load(pl_scenario **out, const char *data, size_t len, const char *name,
                const pl_load_opts *opts, pl_error *err);

int pl_scenario_load_buffer(pl_scenario **out, const char *data, size_t len, const char *name,
                            const pl_load_opts *opts, pl_error *err)
{
    if (!out || (!data && len))
        return pl__fail(err, PL_EMISUSE, "pl_scenario_load_buffer: NULL argument");
    *out = NULL;
    if (!name)
        name = "<input>";
    pl_error_list *list = opts ? opts->errors : NULL;
    pl_error first;
    pl_error_clear(&first);
    pl_error_list_clear(list);
    int rc = load(out, data, len, name, opts, &first);
    if (rc && pl_error_list_count(list) == 0)
        pl__error_list_add(list, &first);
    pl__error_list_sort(list);
    if (err && rc)
        *err = first;
    return rc;
}

int pl__read_doc(pl_scenario **out, const pl_doc_node *root, const char *name,
                 const char *data, size_t len, const pl_load_opts *opts, unsigned how,
                 pl_error *err)
{
    *out = NULL;
    pl_arena arena;
    pl_arena_init(&arena);
    pl_scenario *s = pl_arena_alloc(&arena, sizeof *s);
    if (!s) {
        pl_arena_free(&arena);
        return pl__error_nomem(err);
    }
    s->arena = arena;
    pl_reader r = {0};
    r.rd.file = name;
    r.rd.err = err;
    r.rd.arena = &s->arena;
    r.rd.flags = opts ? opts->flags : 0;
    r.rd.warn = opts && !(how & PL__READ_QUIET) ? opts->warn : NULL;
    r.rd.payload = opts ? opts->payload : NULL;
    r.rd.list = opts && !(how & PL__READ_FIRST_ERROR) ? opts->errors : NULL;
    r.s = s;
    r.root = root;
    if (!(s->file = pl_arena_strdup(&s->arena, name)) ||
        (data && !(s->text = pl_arena_strndup(&s->arena, data, len)))) {
        pl_scenario_free(s);
        return pl__error_nomem(err);
    }
    int rc = read_root(&r, root);
    if (rc) {
        pl_scenario_free(s);
        return rc;
    }
    s->text_len = data ? len : 0;
    *out = s;
    return PL_OK;
}

static int load(pl_scenario **out, const char *data, size_t len, const char *name,
                const pl_load_opts *opts, pl_error *err)
{
    size_t max = opts ? opts->max_input : 0;
    int rc = pl__input_limit(&max, err);
    if (rc)
        return rc;
    if (len > max)
        return pl__input_too_big(err, name, max);
    pl_doc doc;
    rc = pl_doc_parse(&doc, data ? data : "", len, name, is_json_name(name) ? PL_DOC_JSON : 0,
                          err);
    /* the file as written (quiet when changed: its warnings come with the changed one),
       its variants, then the changes asked for */
    int changing = opts && (opts->variant || opts->n_changes);
    pl_scenario *s = NULL;
    if (!rc)
        rc = pl__read_doc(&s, doc.root, name, data ? data : "", len, opts,
                          changing ? PL__READ_QUIET : 0, err);
    if (!rc)
        rc = pl__check_variants(&doc, name, opts, err);
    if (!rc && changing) {
        pl_scenario_free(s);
        rc = pl__read_changed(&s, &doc, name, data ? data : "", len, opts, err);
    }
    pl_doc_free(&doc);
    if (rc) {
        pl_scenario_free(s);
        return rc;
    }
    *out = s;
    return PL_OK;
}

int pl_scenario_load_file(pl_scenario **out, const char *path, const pl_load_opts *opts,
                          pl_error *err)
{
    if (!out || !path)
        return pl__fail(err, PL_EMISUSE, "pl_scenario_load_file: NULL argument");
    *out = NULL;
    char *buf;
    size_t len;
    int rc = pl__read_input(path, opts ? opts->max_input : 0, &buf, &len, err);
    if (!rc)
        rc = pl_scenario_load_buffer(out, buf, len, pl__input_name(path), opts, err);
    free(buf);
    return rc;
}
