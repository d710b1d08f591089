/* SPDX-License-Identifier: MIT */
/*
** read_bodies.c: bodies (members, weights, quota rules, vetoes, referendum
** noise) and ratification links. Quotas are resolved to absolute thresholds
** here, so analyses never re-interpret "2/3" or "majority".
*/
#include "reader.h"
#include "../core/fmt.h"
#include "../core/error_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const body_keys[] = {"id", "name", "description", "members", "quota",
                                        "alternatives", "veto", "noise", "against"};
static const char *const weighted_keys[] = {"quota", "weights"};
static const char *const count_keys[] = {"members"};

/* ---- members ----------------------------------------------------------- */

static int member_slot(pl_reader *r, pl_body *b, const pl_doc_node *n, size_t m, long *actor)
{
    char where[128];
    snprintf(where, sizeof where, "members of body '%s'", b->id);
    int rc = pl__ref_actor(r, n, where, actor);
    if (rc)
        return rc;
    for (size_t p = 0; p < m; p++)
        if (b->member[p] == *actor)
            return pl_rd_fail(&r->rd, n, "actor '%s' is listed twice in %s; expected each "
                              "member once", r->s->actors[*actor].id, where);
    b->member[m] = *actor;
    return PL_OK;
}

static int read_members(pl_reader *r, pl_body *b, const pl_doc_node *n)
{
    char where[128], what[200];
    snprintf(where, sizeof where, "members of body '%s'", b->id);
    if (!n || (n->type != PL_DOC_MAP && n->type != PL_DOC_SEQ) || n->len == 0)
        return pl_rd_fail(&r->rd, n, "%s is %s; expected a mapping actor -> weight, or a "
                          "list of actor ids", where, n && n->len == 0 && n->type != PL_DOC_SCALAR
                              ? "empty" : pl_doc_describe(n));
    b->n_members = n->len;
    b->member = pl_arena_array(&r->s->arena, n->len, sizeof *b->member);
    b->weight = pl_arena_array(&r->s->arena, n->len, sizeof *b->weight);
    b->veto = pl_arena_array(&r->s->arena, n->len, sizeof *b->veto);
    if (!b->member || !b->weight || !b->veto)
        return pl__error_nomem(r->rd.err);
    int rc;
    long a;
    for (size_t m = 0; m < n->len; m++) {
        if (n->type == PL_DOC_SEQ) {
            if ((rc = member_slot(r, b, n->items[m], m, &a)))
                return rc;
            b->weight[m] = pl__value_exact(1.0);
            continue;
        }
        if ((rc = member_slot(r, b, pl_doc_map_key(n, m), m, &a)))
            return rc;
        snprintf(what, sizeof what, "weight of '%s' in body '%s'", r->s->actors[a].id, b->id);
        const pl_doc_node *wn = pl_doc_map_value(n, m);
        if ((rc = pl_rd_value(&r->rd, wn, what, 0, 1e12, NULL, &b->weight[m])))
            return rc;
        if (b->weight[m].low <= 0)
            return pl_rd_fail(&r->rd, wn, "%s is %g; expected a weight > 0 (leave the member "
                              "out instead)", what, b->weight[m].low);
    }
    return PL_OK;
}

/* ---- quotas ------------------------------------------------------------ */

static double total_of(const pl_body *b, const double *w)
{
    double t = 0;
    for (size_t m = 0; m < b->n_members; m++)
        t += w ? w[m] : b->weight[m].value;
    return t;
}

/* Plain decimal digits with an optional fraction part: "2", "66.7". */
static size_t decimal_prefix(const char *t)
{
    size_t i = 0, digits = 0;
    while (t[i] >= '0' && t[i] <= '9') {
        i++;
        digits++;
    }
    if (t[i] == '.')
        for (i++; t[i] >= '0' && t[i] <= '9'; i++)
            digits++;
    return digits ? i : 0;
}

/* Exact value of the decimal t[0..len): mantissa and power of ten; 0 if too long. */
static int decimal_exact(const char *t, size_t len, int64_t *mant, int64_t *pow10)
{
    int64_t m = 0, p = 1;
    int frac = 0, digits = 0;
    for (size_t i = 0; i < len; i++) {
        if (t[i] == '.') {
            frac = 1;
            continue;
        }
        if (++digits > 15)
            return 0;
        m = m * 10 + (t[i] - '0');
        if (frac)
            p *= 10;
    }
    *mant = m;
    *pow10 = p;
    return 1;
}

/*
** "2/3" or "55%" -> share f; 1 if the text has exactly that shape. The share
** is also kept as an exact fraction (q->share_num / q->share_den) so that
** power indices can test it in integers; den stays 0 when the digits are too
** many to hold exactly.
*/
static int parse_fraction(const char *t, double *f, pl_quota *q)
{
    size_t a = decimal_prefix(t);
    int64_t n1, p1, n2, p2;
    if (!a)
        return 0;
    if (t[a] == '%' && t[a + 1] == '\0') {
        *f = pl__strtod(t, NULL) / 100;
        if (decimal_exact(t, a, &n1, &p1) && p1 <= INT64_MAX / 100) {
            q->share_num = n1;
            q->share_den = p1 * 100;
        }
        return 1;
    }
    if (t[a] != '/')
        return 0;
    size_t b = decimal_prefix(t + a + 1);
    if (!b || t[a + 1 + b] != '\0')
        return 0;
    double den = pl__strtod(t + a + 1, NULL);
    if (den == 0)
        return 0;
    *f = pl__strtod(t, NULL) / den;
    /* (n1 / p1) / (n2 / p2) = n1 p2 / (n2 p1), kept only when it fits */
    if (decimal_exact(t, a, &n1, &p1) && decimal_exact(t + a + 1, b, &n2, &p2) &&
        n1 < INT64_MAX / p2 && n2 < INT64_MAX / p1) {
        q->share_num = n1 * p2;
        q->share_den = n2 * p1;
    }
    return 1;
}

/* A quota written as a scalar or value mapping, measured against weights w. */
static int read_threshold(pl_reader *r, pl_body *b, const pl_doc_node *n, const double *w,
                          pl_quota *q)
{
    char what[160], got[96];
    snprintf(what, sizeof what, "quota of body '%s'", b->id);
    double total = total_of(b, w), f;
    if (!(total > 0))
        return pl_rd_fail(&r->rd, n, "%s is measured with weights that sum to 0; expected a "
                          "positive weight for at least one member", what);
    /* the document is freed after loading: keep a copy of the text */
    q->text = pl_arena_strdup(&r->s->arena, n->type == PL_DOC_SCALAR ? n->text : "weight");
    if (!q->text)
        return pl__error_nomem(r->rd.err);
    if (n->type == PL_DOC_SCALAR && strcmp(n->text, "majority") == 0) {
        q->threshold = total / 2;
        q->strict = 1;
        q->share_num = 1;
        q->share_den = 2;
        return PL_OK;
    }
    if (n->type == PL_DOC_SCALAR && strcmp(n->text, "unanimity") == 0) {
        q->threshold = total;
        q->share_num = q->share_den = 1;
        return PL_OK;
    }
    if (n->type == PL_DOC_SCALAR && !pl_rd_is_number(n, &f) && parse_fraction(n->text, &f, q)) {
        if (!(f > 0 && f <= 1))
            return pl_rd_fail(&r->rd, n, "%s is %s, a share of %g; expected a share in (0, 1] "
                              "such as \"2/3\" or \"55%%\"", what, n->text, f);
        q->threshold = f * total;
        return PL_OK;
    }
    if (n->type == PL_DOC_SCALAR && !pl_rd_is_number(n, &f))
        return pl_rd_fail(&r->rd, n, "%s is %s; expected a weight, a share like \"2/3\" or "
                          "\"55%%\", majority, unanimity, {members: N} (at least N members) or "
                          "{quota: Q, weights: {MEMBER: weight, ...}}", what,
                          pl_rd_got(n, got, sizeof got));
    pl_value v;
    int rc = pl_rd_value(&r->rd, n, what, 0, 1e15, NULL, &v);
    if (rc)
        return rc;
    if (v.low <= 0 || v.value > total || v.high > total)
        return pl_rd_fail(&r->rd, n, "%s is %g (range %g to %g) but the members' total weight "
                          "is %g; expected a quota in (0, %g]", what, v.value, v.low, v.high,
                          total, total);
    q->threshold = v.value;
    return PL_OK;
}

static int read_condition_weights(pl_reader *r, pl_body *b, const pl_doc_node *n, double **out)
{
    char where[160];
    snprintf(where, sizeof where, "quota weights of body '%s'", b->id);
    int rc = pl_rd_map(&r->rd, n, where, "a mapping member -> weight");
    if (rc)
        return rc;
    double *w = pl_arena_array(&r->s->arena, b->n_members, sizeof *w);
    if (!w)
        return pl__error_nomem(r->rd.err);
    for (size_t j = 0; j < n->len; j++) {
        long a;
        const pl_doc_node *k = pl_doc_map_key(n, j);
        if ((rc = pl__ref_actor(r, k, where, &a)))
            return rc;
        size_t m = 0;
        while (m < b->n_members && b->member[m] != a)
            m++;
        if (m == b->n_members)
            return pl_rd_fail(&r->rd, k, "'%s' in %s is not a member of the body; expected "
                              "one of its members", r->s->actors[a].id, where);
        char what[200];
        snprintf(what, sizeof what, "weight of '%s' in %s", r->s->actors[a].id, where);
        if ((rc = pl_rd_number(&r->rd, pl_doc_map_value(n, j), what, 0, 1e15, &w[m])))
            return rc;
    }
    for (size_t m = 0; m < b->n_members; m++)
        if (!pl_doc_map_get(n, r->s->actors[b->member[m]].id))
            return pl_rd_fail(&r->rd, n, "%s gives no weight for member '%s'; expected every "
                              "member listed", where, r->s->actors[b->member[m]].id);
    *out = w;
    return PL_OK;
}

static int read_condition(pl_reader *r, pl_body *b, const pl_doc_node *n, pl_quota *q)
{
    char where[160];
    snprintf(where, sizeof where, "a quota of body '%s'", b->id);
    if (n->type != PL_DOC_MAP || pl_doc_map_get(n, "value"))
        return read_threshold(r, b, n, NULL, q);
    const pl_doc_node *cnt = pl_doc_map_get(n, "members");
    int rc;
    if (cnt) {
        double k;
        char what[160];
        snprintf(what, sizeof what, "member count in a quota of body '%s'", b->id);
        if ((rc = pl_rd_keys(&r->rd, n, count_keys, 1, where)) ||
            (rc = pl_rd_number(&r->rd, cnt, what, 1, (double)b->n_members, &k)))
            return rc;
        if (k != (double)(size_t)k)
            return pl_rd_fail(&r->rd, cnt, "%s is %s; expected a whole number of members",
                              what, cnt->text);
        q->weights = pl_arena_array(&r->s->arena, b->n_members, sizeof *q->weights);
        if (!q->weights)
            return pl__error_nomem(r->rd.err);
        for (size_t m = 0; m < b->n_members; m++)
            q->weights[m] = 1.0;
        q->threshold = k;
        q->text = pl_arena_strdup(&r->s->arena, "members");
        if (!q->text)
            return pl__error_nomem(r->rd.err);
        return PL_OK;
    }
    pl_doc_node *qn, *wn;
    if ((rc = pl_rd_keys(&r->rd, n, weighted_keys, 2, where)) ||
        (rc = pl_rd_need(&r->rd, n, "quota", where, "a weight or share", &qn)) ||
        (rc = pl_rd_need(&r->rd, n, "weights", where, "a mapping member -> weight", &wn)) ||
        (rc = read_condition_weights(r, b, wn, &q->weights)))
        return rc;
    return read_threshold(r, b, qn, q->weights, q);
}

/* Number of conditions of a rule written as one quota or a list of them. */
static size_t rule_size(const pl_doc_node *n) { return n->type == PL_DOC_SEQ ? n->len : 1; }

/* Read the conditions of rule `rule` from n (one quota or a list) into b->quotas at *at. */
static int read_rule(pl_reader *r, pl_body *b, const pl_doc_node *n, size_t rule, size_t *at,
                     const char *what)
{
    if (rule_size(n) == 0)
        return pl_rd_fail(&r->rd, n, "%s of body '%s' is an empty list; expected at least one "
                          "condition", what, b->id);
    for (size_t c = 0; c < rule_size(n); c++) {
        pl_quota *q = &b->quotas[(*at)++];
        q->rule = rule;
        int rc = read_condition(r, b, n->type == PL_DOC_SEQ ? n->items[c] : n, q);
        if (rc)
            return rc;
    }
    return PL_OK;
}

/*
** `quota` is the first rule; each item of `alternatives` is another, and a
** decision passes when every condition of at least one rule holds.
*/
static int read_quotas(pl_reader *r, pl_body *b, const pl_doc_node *n, const pl_doc_node *alt)
{
    static const pl_doc_node majority = {PL_DOC_SCALAR, 1, 0, 0, 8, "majority", NULL};
    if (!n)
        n = &majority;
    if (alt && (alt->type != PL_DOC_SEQ || alt->len == 0)) {
        char got[96];
        return pl_rd_fail(&r->rd, alt, "alternatives of body '%s' is %s; expected a list of "
                          "rules, each a quota or a list of quotas", b->id,
                          alt->type == PL_DOC_SEQ ? "an empty list" : pl_rd_got(alt, got, sizeof got));
    }
    size_t cnt = rule_size(n);
    for (size_t k = 0; alt && k < alt->len; k++)
        cnt += rule_size(alt->items[k]);
    b->n_rules = 1 + (alt ? alt->len : 0);
    b->quotas = pl_arena_array(&r->s->arena, cnt ? cnt : 1, sizeof *b->quotas);
    if (!b->quotas)
        return pl__error_nomem(r->rd.err);
    size_t at = 0;
    int rc = read_rule(r, b, n, 0, &at, "quota");
    for (size_t k = 0; !rc && alt && k < alt->len; k++)
        rc = read_rule(r, b, alt->items[k], k + 1, &at, "an alternative");
    b->n_quotas = at;
    return rc;
}

/* ---- vetoes ------------------------------------------------------------ */

static int read_veto(pl_reader *r, pl_body *b, const pl_doc_node *n)
{
    char where[128], got[96];
    snprintf(where, sizeof where, "veto of body '%s'", b->id);
    if (n->type == PL_DOC_SCALAR && (strcmp(n->text, "all") == 0 || strcmp(n->text, "none") == 0)) {
        memset(b->veto, n->text[0] == 'a', b->n_members);
        return PL_OK;
    }
    if (n->type != PL_DOC_SEQ)
        return pl_rd_fail(&r->rd, n, "%s is %s; expected all, none, or a list of member ids",
                          where, pl_rd_got(n, got, sizeof got));
    for (size_t j = 0; j < n->len; j++) {
        long a;
        int rc = pl__ref_actor(r, n->items[j], where, &a);
        if (rc)
            return rc;
        size_t m = 0;
        while (m < b->n_members && b->member[m] != a)
            m++;
        if (m == b->n_members)
            return pl_rd_fail(&r->rd, n->items[j], "veto holder '%s' is not a member of body "
                              "'%s'; expected one of its members", r->s->actors[a].id, b->id);
        b->veto[m] = 1;
    }
    return PL_OK;
}

/* ---- bodies ------------------------------------------------------------ */

static int read_body(pl_reader *r, const pl_doc_node *n, size_t j, const pl_doc_node **nodes)
{
    static const pl_entry_kind kind = {"body", "a body", "a mapping with id, members, quota",
                                       "an identifier like COUNCIL", body_keys,
                                       sizeof body_keys / sizeof *body_keys};
    pl_body *b = &r->s->bodies[j];
    int head = pl__read_head(r, &kind, n, j, &r->s->body_ids, nodes, &b->id, &b->name,
                             &b->description), rc = PL_OK, e;
    if (!b->id) {
        r->body_ids_partial = 1;
        return head;
    }
    b->against = -1;
    if (pl_rd_stop(&r->rd, &rc, head))
        return rc;
    char where[128], what[160];
    pl_doc_node *v;
    snprintf(where, sizeof where, "body '%s'", b->id);
    if ((e = pl_rd_need(&r->rd, n, "members", where, "{ACTOR: weight, ...}", &v)) == PL_OK)
        e = read_members(r, b, v);
    if (e) {
        pl_rd_stop(&r->rd, &rc, e);
        return rc;  /* quotas and vetoes are about the members */
    }
    if (pl_rd_stop(&r->rd, &rc, read_quotas(r, b, pl_doc_map_get(n, "quota"),
                                            pl_doc_map_get(n, "alternatives"))))
        return rc;
    if ((v = pl_doc_map_get(n, "veto")) && pl_rd_stop(&r->rd, &rc, read_veto(r, b, v)))
        return rc;
    if (pl_rd_stop(&r->rd, &rc, pl__opt_value(r, n, "noise", where, 0, 100, &b->noise,
                                              &b->has_noise)))
        return rc;
    snprintf(what, sizeof what, "against of %s", where);
    if ((v = pl_doc_map_get(n, "against")))
        pl_rd_stop(&r->rd, &rc, pl__ref_actor(r, v, what, &b->against));
    return rc;
}

int pl__read_bodies(pl_reader *r, const pl_doc_node *seq)
{
    pl_scenario *s = r->s;
    if (!seq)
        return pl_idmap_init(&s->body_ids, &s->arena, 0) ? pl__error_nomem(r->rd.err) : PL_OK;
    int rc = pl_rd_seq(&r->rd, seq, "bodies", "a list of bodies");
    if (rc) {
        r->body_ids_partial = 1;
        return rc;
    }
    s->n_bodies = seq->len;
    s->bodies = pl_arena_array(&s->arena, seq->len ? seq->len : 1, sizeof *s->bodies);
    const pl_doc_node **nodes = malloc((seq->len ? seq->len : 1) * sizeof *nodes);
    if (!s->bodies || !nodes || pl_idmap_init(&s->body_ids, &s->arena, seq->len)) {
        free(nodes);
        return pl__error_nomem(r->rd.err);
    }
    for (size_t j = 0; j < seq->len; j++)
        if (pl_rd_stop(&r->rd, &rc, read_body(r, seq->items[j], j, nodes)))
            break;
    free(nodes);
    return rc;
}

/* ---- ratification ------------------------------------------------------ */

/*
** A body id or a list of distinct body ids under `where` (ratification of an
** actor, the bodies that decide an issue) into a new array *out of *n.
*/
static int read_body_list(pl_reader *r, const pl_doc_node *v, const char *where, long **out,
                          size_t *n)
{
    pl_scenario *s = r->s;
    size_t cnt = v->type == PL_DOC_SEQ ? v->len : 1;
    long b;
    int rc;
    if (cnt == 0)
        return pl_rd_fail(&r->rd, v, "%s is an empty list; expected at least one body id",
                          where);
    long *list = pl_arena_array(&s->arena, cnt, sizeof *list);
    if (!list)
        return pl__error_nomem(r->rd.err);
    for (size_t m = 0; m < cnt; m++) {
        const pl_doc_node *e = v->type == PL_DOC_SEQ ? v->items[m] : v;
        char got[96];
        if (e->type != PL_DOC_SCALAR || (e->plain && e->len == 0))
            return pl_rd_fail(&r->rd, e, "%s is %s; expected a body id or a list of body ids",
                              where, pl_rd_got(e, got, sizeof got));
        if ((rc = pl__ref_body(r, e, where, &b)))
            return rc;
        for (size_t p = 0; p < m; p++)
            if (list[p] == b)
                return pl_rd_fail(&r->rd, e, "body '%s' is listed twice in %s; expected "
                                  "each body once", s->bodies[b].id, where);
        list[m] = b;
    }
    *out = list;
    *n = cnt;
    return PL_OK;
}

/* One actor's ratification: a body id or a list of them. */
static int read_ratifiers(pl_reader *r, const pl_doc_node *key, const pl_doc_node *v)
{
    pl_scenario *s = r->s;
    long a;
    int rc = pl__ref_actor(r, key, "ratification", &a);
    if (rc)
        return rc;
    char where[128];
    snprintf(where, sizeof where, "ratification of '%s'", s->actors[a].id);
    return read_body_list(r, v, where, &s->ratifiers[a], &s->n_ratifiers[a]);
}

int pl__read_ratification(pl_reader *r, const pl_doc_node *map)
{
    int rc = pl_rd_map(&r->rd, map, "ratification", "a mapping actor -> body or list of bodies");
    if (rc)
        return rc;
    for (size_t j = 0; j < map->len; j++)
        if (pl_rd_stop(&r->rd, &rc, read_ratifiers(r, pl_doc_map_key(map, j),
                                                   pl_doc_map_value(map, j))))
            break;
    return rc;
}

/* Each issue's `decided_by` (read after the bodies it names). */
int pl__read_decided_by(pl_reader *r, const pl_doc_node *issues)
{
    int rc = PL_OK;
    for (size_t k = 0; issues && issues->type == PL_DOC_SEQ && k < issues->len; k++) {
        pl_issue *x = &r->s->issues[k];
        const pl_doc_node *v = issues->items[k]->type == PL_DOC_MAP
                                   ? pl_doc_map_get(issues->items[k], "decided_by") : NULL;
        char where[128];
        if (!v || !x->id)
            continue;
        snprintf(where, sizeof where, "decided_by of issue '%s'", x->id);
        if (pl_rd_stop(&r->rd, &rc, read_body_list(r, v, where, &x->deciders, &x->n_deciders)))
            break;
    }
    return rc;
}
