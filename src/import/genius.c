/* SPDX-License-Identifier: MIT */
/*
** import_genius.c: GENIUS negotiation files (MODELS.md section 7, "GENIUS XML
** import (tolerant)") as parley YAML.
**
** Domain: negotiation_template > utility_space > objective > issue (vtype
** discrete with item children, or integer with lowerbound/upperbound).
** Profile: utility_space > objective > the same issues, items with an
** evaluation (integer issues: an evaluator, linear slope and offset), one
** weight per issue keyed by index; reservation and discount_factor beside
** the objective. Each profile becomes an actor; each item or integer value a
** named option, placed evenly on 0-100; each actor's evaluations become its
** values of the options (GENIUS's e / max e), the weight its salience.
*/
#include "import_impl.h"
#include "genius_xml.h"
#include "../scenario/doc.h"
#include "../core/fmt.h"
#include "../scenario/schema.h"
#include "../core/error_int.h"
#include "../core/alloc.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GX_MAX_INT_VALUES 1000  /* options made from one integer issue */
#define GX_MAX_INDEX 1e9        /* |index|, |bound|: whole numbers that fit a long */

enum { GX_DISCRETE, GX_INTEGER };

typedef struct gx_key {
    const char *v;
    size_t j;
} gx_key;

typedef struct gx_issue {
    const xmlNode *node;        /* in the domain, for messages */
    const char *name;
    long index;
    int kind;
    size_t n;                   /* options */
    const char **item;          /* discrete: the items' values, in order */
    const xmlNode **item_node;  /* discrete: the domain's items, for messages */
    gx_key *key;                /* discrete: items sorted by value, then by order */
    size_t *run;                /* per item: where the items of its value start in key */
    size_t *run_len;            /* per start of such a run: how many items share the value */
    long lb, ub;                /* integer */
    char id[PL_ID_MAX];
} gx_issue;

typedef struct gx_party {
    const char *file;
    char id[PL_ID_MAX];
    double *w;                  /* weight per issue; < 0 until read */
    double **v;                 /* per issue: value per option; NULL until read */
    double rv, discount;
} gx_party;

typedef struct gx_ctx {
    pl_arena arena;
    const pl_load_opts *opts;
    pl__gx dom;                 /* the domain's tree, kept for messages */
    gx_issue *iss;
    size_t n_iss, cap_iss;
    gx_party *p;
    size_t n_p;
    int oom;
} gx_ctx;

/* ---- small helpers -------------------------------------------------------- */

static const char *attr(gx_ctx *c, const xmlNode *n, const char *name)
{
    return pl__gx_attr(&c->arena, n, name, &c->oom);
}

/* A finite number, spaces around it allowed; 0 if t is not one. */
static int parse_num(const char *t, double *out)
{
    if (!t)
        return 0;
    char *end;
    double v = pl__strtod(t, &end);
    if (end == t)
        return 0;
    while (isspace((unsigned char)*end))
        end++;
    if (*end || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

/* "a number in [lo, hi]" (or ">= lo" when hi is infinite), into buf (80 bytes). */
static const char *range_text(char *buf, double lo, double hi)
{
    char a[40], b[40];
    if (isinf(lo) && isinf(hi))
        snprintf(buf, 80, "a finite number");
    else if (isinf(hi))
        snprintf(buf, 80, "a number >= %s", pl__fmt_double(a, lo));
    else
        snprintf(buf, 80, "a number in [%s, %s]", pl__fmt_double(a, lo), pl__fmt_double(b, hi));
    return buf;
}

/* Attribute `name` of element n as a number in [lo, hi]; `what` names it in messages. */
static int need_num(gx_ctx *c, const pl__gx *g, const xmlNode *n, const char *name,
                    const char *what, double lo, double hi, double *out, pl_error *err)
{
    char r[80];
    const char *t = attr(c, n, name);
    if (c->oom)
        return pl__error_nomem(err);
    if (!t)
        return pl__gx_fail(g, err, n, NULL, "%s is missing; expected %s=\"%s\"", what, name,
                           range_text(r, lo, hi));
    if (!parse_num(t, out) || *out < lo || *out > hi)
        return pl__gx_fail(g, err, n, name, "%s is '%.40s'; expected %s", what, t,
                           range_text(r, lo, hi));
    return PL_OK;
}

static int need_whole(gx_ctx *c, const pl__gx *g, const xmlNode *n, const char *name,
                      const char *what, long *out, pl_error *err)
{
    double v;
    int rc = need_num(c, g, n, name, what, -GX_MAX_INDEX, GX_MAX_INDEX, &v, err);
    if (!rc && v != floor(v))
        rc = pl__gx_fail(g, err, n, name, "%s is %g; expected a whole number", what, v);
    *out = rc ? 0 : (long)v;
    return rc;
}

/* Text that the scenario format can hold (names, item values). */
static int check_text(const pl__gx *g, const xmlNode *n, const char *name, const char *t,
                      const char *what, pl_error *err)
{
    size_t len = strlen(t);
    if (len > PL_TEXT_MAX)
        return pl__gx_fail(g, err, n, name, "%s is %zu bytes long; expected at most %d",
                           what, len, PL_TEXT_MAX);
    return PL_OK;
}

static long find_issue(const gx_ctx *c, long index)
{
    for (size_t k = 0; k < c->n_iss; k++)
        if (c->iss[k].index == index)
            return (long)k;
    return -1;
}

/* The file name without directories. */
static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* An identifier from a file name without directories and extension. */
static void stem_id(char *out, size_t size, const char *path)
{
    char stem[PL_ID_MAX];
    snprintf(stem, sizeof stem, "%s", base_name(path));
    char *dot = strrchr(stem, '.');
    if (dot && dot != stem)
        *dot = '\0';
    pl__y_id(out, size, stem[0] ? stem : "genius");
}

/* Make id (PL_ID_MAX bytes) differ from the first n ids of the array at `ids` (stride bytes). */
static void unique_id(char *id, const char *ids, size_t stride, size_t n)
{
    char base[PL_ID_MAX - 12]; /* room for "_" and a count; longer ids are cut */
    size_t len = strnlen(id, sizeof base - 1);
    memcpy(base, id, len);
    base[len] = '\0';
    for (size_t try = 2;; try++) {
        size_t k = 0;
        while (k < n && strcmp(ids + k * stride, id) != 0)
            k++;
        if (k == n)
            return;
        snprintf(id, PL_ID_MAX, "%s_%zu", base, try);
    }
}

static int wrong_root(const pl__gx *g, const xmlNode *root, int want_domain, pl_error *err)
{
    const char *name = root ? (const char *)root->name : "";
    if (want_domain && pl__gx_is(root, "utility_space"))
        return pl__gx_fail(g, err, root, NULL, "this is a GENIUS profile (<utility_space>), "
                           "not a domain; expected the domain (<negotiation_template>) as the "
                           "first file");
    if (!want_domain && pl__gx_is(root, "negotiation_template"))
        return pl__gx_fail(g, err, root, NULL, "this is a GENIUS domain "
                           "(<negotiation_template>), not a profile; expected a profile "
                           "(<utility_space>) after the domain");
    return pl__gx_fail(g, err, root, NULL, "the root element is <%.40s>; expected <%s> (a "
                       "GENIUS %s)", name, want_domain ? "negotiation_template" : "utility_space",
                       want_domain ? "domain" : "profile");
}

/* Call fn on every element called name under objective obj, nested objectives included. */
typedef int (*gx_visit)(gx_ctx *c, void *arg, const xmlNode *n, pl_error *err);

static int walk(gx_ctx *c, void *arg, const xmlNode *obj, const char *name, gx_visit fn,
                pl_error *err)
{
    for (const xmlNode *n = pl__gx_child(obj, NULL); n; n = pl__gx_next(n, NULL)) {
        int rc = pl__gx_is(n, name) ? fn(c, arg, n, err)
                 : pl__gx_is(n, "objective") ? walk(c, arg, n, name, fn, err) : PL_OK;
        if (rc)
            return rc;
    }
    return PL_OK;
}

/* ---- the domain ----------------------------------------------------------- */

/* An issue's name and index (both required; indices distinct). */
static int issue_head(gx_ctx *c, const pl__gx *g, const xmlNode *n, gx_issue *x, pl_error *err)
{
    x->name = attr(c, n, "name");
    if (c->oom)
        return pl__error_nomem(err);
    if (!x->name || !x->name[0])
        return pl__gx_fail(g, err, n, NULL, "an <issue> without a name; expected "
                           "name=\"...\"");
    int rc = check_text(g, n, "name", x->name, "the issue name", err);
    char what[160];
    snprintf(what, sizeof what, "the index of issue '%.80s'", x->name);
    if (!rc)
        rc = need_whole(c, g, n, "index", what, &x->index, err);
    long k = rc ? -1 : find_issue(c, x->index);
    if (k >= 0)
        rc = pl__gx_fail(g, err, n, "index", "issue '%.80s' has index %ld, like issue '%.80s' "
                         "(line %d); expected distinct indices", x->name, x->index,
                         c->iss[k].name, pl__gx_line(g, c->iss[k].node));
    return rc;
}

/* vtype: discrete or integer; missing is read as discrete (AMPOvsCity), real is refused. */
static int issue_kind(gx_ctx *c, const xmlNode *n, gx_issue *x, pl_error *err)
{
    pl__gx *g = &c->dom;
    const char *vt = attr(c, n, "vtype"), *type = attr(c, n, "type");
    if (c->oom)
        return pl__error_nomem(err);
    if (!vt) {
        int typed = type && (!strcmp(type, "discrete") || !strcmp(type, "integer") ||
                             !strcmp(type, "real"));
        vt = typed ? type : "discrete";
        pl__gx_warn(g, n, NULL, "issue '%.80s' has no vtype; read as %s%s", x->name, vt,
                    typed ? " (its type attribute)" : "");
    }
    if (!strcmp(vt, "discrete") || !strcmp(vt, "integer")) {
        x->kind = vt[0] == 'd' ? GX_DISCRETE : GX_INTEGER;
        return PL_OK;
    }
    if (!strcmp(vt, "real"))
        return pl__gx_fail(g, err, n, attr(c, n, "vtype") ? "vtype" : NULL, "issue '%.80s' is "
                           "real-valued; parley imports discrete and integer GENIUS issues, "
                           "whose options can be listed; expected vtype=\"discrete\" or "
                           "\"integer\"", x->name);
    return pl__gx_fail(g, err, n, "vtype", "issue '%.80s' has vtype '%.40s'; expected discrete "
                       "or integer", x->name, vt);
}

static int key_cmp(const void *a, const void *b)
{
    const gx_key *p = a, *q = b;
    int c = strcmp(p->v, q->v);
    return c ? c : (p->j > q->j) - (p->j < q->j);
}

/* Index the items by value, so profiles match theirs in O(log m) even with duplicates. */
static int index_items(gx_ctx *c, gx_issue *x, pl_error *err)
{
    size_t m = x->n;
    x->key = pl_arena_array(&c->arena, m, sizeof *x->key);
    x->run = pl_arena_array(&c->arena, m, sizeof *x->run);
    x->run_len = pl_arena_array(&c->arena, m, sizeof *x->run_len);
    if (!x->key || !x->run || !x->run_len)
        return pl__error_nomem(err);
    for (size_t j = 0; j < m; j++) {
        x->key[j].v = x->item[j];
        x->key[j].j = j;
    }
    qsort(x->key, m, sizeof *x->key, key_cmp);
    for (size_t p = 0, e; p < m; p = e) {
        for (e = p + 1; e < m && !strcmp(x->key[e].v, x->key[p].v); e++)
            ;
        x->run_len[p] = e - p;
        for (size_t q = p; q < e; q++)
            x->run[x->key[q].j] = p;
    }
    return PL_OK;
}

/* Where the items of value v start in x->key, or x->n when the domain has none. */
static size_t find_value(const gx_issue *x, const char *v)
{
    size_t lo = 0, hi = x->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(x->key[mid].v, v) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < x->n && !strcmp(x->key[lo].v, v) ? lo : x->n;
}

/* Items that repeat a value stay separate options (AMPOvsCity); say so. */
static int warn_duplicates(gx_ctx *c, const gx_issue *x, pl_error *err)
{
    size_t *seen = pl_arena_array(&c->arena, x->n, sizeof *seen);
    if (!seen)
        return pl__error_nomem(err);
    for (size_t j = 0; j < x->n; j++) {
        size_t p = x->run[j];
        if (seen[p]++)
            pl__gx_warn(&c->dom, x->item_node[j], "value", "item '%.80s' appears twice in issue "
                        "'%.80s' (items %zu and %zu); kept as two options", x->item[j], x->name,
                        x->key[p].j + 1, j + 1);
    }
    return PL_OK;
}

static int dom_items(gx_ctx *c, const xmlNode *n, gx_issue *x, pl_error *err)
{
    pl__gx *g = &c->dom;
    size_t m = 0;
    for (const xmlNode *it = pl__gx_child(n, "item"); it; it = pl__gx_next(it, "item"))
        m++;
    if (!m)
        return pl__gx_fail(g, err, n, NULL, "issue '%.80s' lists no <item>; expected at least "
                           "one <item value=\"...\"/>", x->name);
    x->item = pl_arena_array(&c->arena, m, sizeof *x->item);
    x->item_node = pl_arena_array(&c->arena, m, sizeof *x->item_node);
    if (!x->item || !x->item_node)
        return pl__error_nomem(err);
    size_t j = 0;
    for (const xmlNode *it = pl__gx_child(n, "item"); it; it = pl__gx_next(it, "item"), j++) {
        const char *v = attr(c, it, "value");
        if (c->oom)
            return pl__error_nomem(err);
        if (!v)
            return pl__gx_fail(g, err, it, NULL, "an <item> of issue '%.80s' has no value; "
                               "expected value=\"...\"", x->name);
        int rc = check_text(g, it, "value", v, "the item value", err);
        if (rc)
            return rc;
        x->item[j] = v;
        x->item_node[j] = it;
    }
    x->n = m;
    int rc = index_items(c, x, err);
    return rc ? rc : warn_duplicates(c, x, err);
}

static int int_range(gx_ctx *c, const xmlNode *n, gx_issue *x, pl_error *err)
{
    pl__gx *g = &c->dom;
    char what[160];
    snprintf(what, sizeof what, "the lowerbound of integer issue '%.80s'", x->name);
    int rc = need_whole(c, g, n, "lowerbound", what, &x->lb, err);
    snprintf(what, sizeof what, "the upperbound of integer issue '%.80s'", x->name);
    if (!rc)
        rc = need_whole(c, g, n, "upperbound", what, &x->ub, err);
    if (!rc && x->ub < x->lb)
        rc = pl__gx_fail(g, err, n, "upperbound", "issue '%.80s' has upperbound %ld below its "
                         "lowerbound %ld; expected lowerbound <= upperbound", x->name, x->ub,
                         x->lb);
    if (!rc && x->ub - x->lb >= GX_MAX_INT_VALUES)
        rc = pl__gx_fail(g, err, n, "upperbound", "integer issue '%.80s' has %ld values "
                         "(%ld to %ld); parley makes each an option and takes at most %d; "
                         "expected a narrower range", x->name, x->ub - x->lb + 1, x->lb, x->ub,
                         GX_MAX_INT_VALUES);
    x->n = rc ? 0 : (size_t)(x->ub - x->lb + 1);
    return rc;
}

static int dom_issue(gx_ctx *c, void *arg, const xmlNode *n, pl_error *err)
{
    (void)arg;
    gx_issue *grown = pl__grow(c->iss, &c->cap_iss, c->n_iss + 1, sizeof *grown, 16);
    if (!grown)
        return pl__error_nomem(err);
    c->iss = grown;
    gx_issue *x = &c->iss[c->n_iss];
    memset(x, 0, sizeof *x);
    x->node = n;
    int rc = issue_head(c, &c->dom, n, x, err);
    if (!rc)
        rc = issue_kind(c, n, x, err);
    if (!rc)
        rc = x->kind == GX_DISCRETE ? dom_items(c, n, x, err) : int_range(c, n, x, err);
    if (rc)
        return rc;
    pl__y_id(x->id, sizeof x->id, x->name);
    unique_id(x->id, c->iss[0].id, sizeof *x, c->n_iss);
    c->n_iss++;
    return PL_OK;
}

static int read_domain(gx_ctx *c, pl_error *err)
{
    pl__gx *g = &c->dom;
    const xmlNode *root = xmlDocGetRootElement(g->doc);
    if (!pl__gx_is(root, "negotiation_template"))
        return wrong_root(g, root, 1, err);
    const xmlNode *us = pl__gx_child(root, "utility_space");
    const xmlNode *obj = pl__gx_child(us, "objective");
    if (!obj)
        return pl__gx_fail(g, err, us ? us : root, NULL, "no <%s> in the domain; expected "
                           "<negotiation_template><utility_space><objective> holding the "
                           "issues", us ? "objective" : "utility_space");
    int rc = walk(c, NULL, obj, "issue", dom_issue, err);
    if (!rc && !c->n_iss)
        rc = pl__gx_fail(g, err, obj, NULL, "the domain lists no <issue>; expected at least "
                         "one");
    return rc;
}

/* ---- a profile ------------------------------------------------------------ */

typedef struct gx_prof {
    gx_party *p;
    pl__gx *g;
} gx_prof;

/*
** A profile's item matched to the domain's by value, its raw evaluation into v.
** The k-th item of a value is the domain's k-th (used[] counts them per run of
** x->key); GENIUS keys evaluations by value, so one more replaces the last.
*/
static int prof_item(gx_ctx *c, gx_prof *f, const xmlNode *it, const gx_issue *x, double *v,
                     size_t *used, pl_error *err)
{
    const char *val = attr(c, it, "value");
    if (c->oom)
        return pl__error_nomem(err);
    if (!val)
        return pl__gx_fail(f->g, err, it, NULL, "an <item> of issue '%.80s' has no value; "
                           "expected value=\"...\" naming an item of the domain", x->name);
    double e;
    char what[200];
    snprintf(what, sizeof what, "the evaluation of item '%.60s' of issue '%.60s'", val, x->name);
    int rc = need_num(c, f->g, it, "evaluation", what, 0, INFINITY, &e, err);
    if (rc)
        return rc;
    size_t p = find_value(x, val), j;
    if (p == x->n)
        return pl__gx_fail(f->g, err, it, "value", "item '%.80s' of issue '%.80s' is not in the "
                           "domain %s; expected one of the domain's items of that issue", val,
                           x->name, c->dom.file);
    if (used[p] < x->run_len[p]) {
        j = x->key[p + used[p]++].j;
    } else {
        char a[40], b[40];
        j = x->key[p + used[p] - 1].j;
        pl__gx_warn(f->g, it, "value", "item '%.80s' of issue '%.80s' is given again, with "
                    "evaluation %s after %s; the last one counts, as in GENIUS", val, x->name,
                    pl__fmt_double(a, e), pl__fmt_double(b, v[j]));
    }
    v[j] = e;
    return PL_OK;
}

/* Every domain item valued (a duplicate the profile lists fewer times shares the last evaluation). */
static int prof_items_done(gx_ctx *c, gx_prof *f, const xmlNode *n, const gx_issue *x, double *v,
                           const size_t *used, pl_error *err)
{
    size_t missing = x->n; /* the first item, in the domain's order, with no evaluation */
    for (size_t p = 0; p < x->n; p += x->run_len[p]) {
        if (!used[p] && x->key[p].j < missing)
            missing = x->key[p].j;
        for (size_t q = p + used[p]; used[p] && q < p + x->run_len[p]; q++)
            v[x->key[q].j] = v[x->key[p + used[p] - 1].j];
    }
    if (missing < x->n)
        return pl__gx_fail(f->g, err, n, NULL, "issue '%.80s' gives no evaluation for item "
                           "'%.80s'; expected an <item value=\"...\" evaluation=\"...\"> for "
                           "every item of the domain %s", x->name, x->item[missing], c->dom.file);
    double max = 0;
    for (size_t j = 0; j < x->n; j++)
        max = fmax(max, v[j]);
    if (!(max > 0))
        pl__gx_warn(f->g, n, NULL, "every item of issue '%.80s' has evaluation 0; its values are "
                    "all 0", x->name);
    for (size_t j = 0; j < x->n; j++)
        v[j] = max > 0 ? v[j] / max : 0; /* GENIUS: evaluation / highest evaluation */
    return PL_OK;
}

static int prof_items(gx_ctx *c, gx_prof *f, const xmlNode *n, const gx_issue *x, double *v,
                      pl_error *err)
{
    size_t *used = pl_arena_array(&c->arena, x->n, sizeof *used);
    if (!used)
        return pl__error_nomem(err);
    for (const xmlNode *it = pl__gx_child(n, "item"); it; it = pl__gx_next(it, "item")) {
        int rc = prof_item(c, f, it, x, v, used, err);
        if (rc)
            return rc;
    }
    return prof_items_done(c, f, n, x, v, used, err);
}

/* The bound `name` of a profile's integer issue, when given, must be the domain's. */
static int same_bound(gx_ctx *c, gx_prof *f, const xmlNode *n, const gx_issue *x,
                      const char *name, long want, pl_error *err)
{
    if (!xmlHasProp(n, (const xmlChar *)name))
        return PL_OK;
    char what[160];
    long got;
    snprintf(what, sizeof what, "the %s of issue '%.80s'", name, x->name);
    int rc = need_whole(c, f->g, n, name, what, &got, err);
    if (!rc && got != want)
        rc = pl__gx_fail(f->g, err, n, name, "%s is %ld here but %ld in the domain %s; expected "
                         "the domain's range", what, got, want, c->dom.file);
    return rc;
}

/* Integer issue: e = clamp01(slope (v - lowerbound) + offset), GENIUS's linear evaluator. */
static int prof_linear(gx_ctx *c, gx_prof *f, const xmlNode *n, const gx_issue *x, double *v,
                       pl_error *err)
{
    int rc = same_bound(c, f, n, x, "lowerbound", x->lb, err);
    if (!rc)
        rc = same_bound(c, f, n, x, "upperbound", x->ub, err);
    if (rc)
        return rc;
    const xmlNode *ev = pl__gx_child(n, "evaluator");
    if (!ev)
        return pl__gx_fail(f->g, err, n, NULL, "integer issue '%.80s' has no <evaluator>; "
                           "expected <evaluator ftype=\"linear\" slope=\"...\" offset=\"...\"/>",
                           x->name);
    const char *ftype = attr(c, ev, "ftype");
    if (c->oom)
        return pl__error_nomem(err);
    if (!ftype || strcmp(ftype, "linear"))
        return pl__gx_fail(f->g, err, ev, ftype ? "ftype" : NULL, "the evaluator of issue "
                           "'%.80s' has ftype '%.40s'; parley reads linear evaluators only; "
                           "expected ftype=\"linear\"", x->name, ftype ? ftype : "");
    double slope, offset;
    char what[160];
    snprintf(what, sizeof what, "the slope of the evaluator of issue '%.80s'", x->name);
    rc = need_num(c, f->g, ev, "slope", what, -INFINITY, INFINITY, &slope, err);
    snprintf(what, sizeof what, "the offset of the evaluator of issue '%.80s'", x->name);
    if (!rc)
        rc = need_num(c, f->g, ev, "offset", what, -INFINITY, INFINITY, &offset, err);
    for (size_t j = 0; !rc && j < x->n; j++) {
        double e = slope * (double)j + offset;
        v[j] = e < 0 ? 0 : e > 1 ? 1 : e;
    }
    return rc;
}

/* A profile's issue: the domain's issue of the same index, name and kind. */
static int prof_issue(gx_ctx *c, void *arg, const xmlNode *n, pl_error *err)
{
    gx_prof *f = arg;
    long index, k;
    int rc = need_whole(c, f->g, n, "index", "the index of an <issue>", &index, err);
    if (rc)
        return rc;
    const char *name = attr(c, n, "name"), *vt = attr(c, n, "vtype");
    if (c->oom)
        return pl__error_nomem(err);
    if ((k = find_issue(c, index)) < 0)
        return pl__gx_fail(f->g, err, n, "index", "issue index %ld ('%.80s') is not in the "
                           "domain %s; expected the index of one of its issues", index,
                           name ? name : "", c->dom.file);
    const gx_issue *x = &c->iss[k];
    if (name && strcmp(name, x->name))
        return pl__gx_fail(f->g, err, n, "name", "issue index %ld is '%.80s' here but '%.80s' "
                           "in the domain %s; expected the domain's issues", index, name,
                           x->name, c->dom.file);
    if (f->p->v[k])
        return pl__gx_fail(f->g, err, n, "index", "issue '%.80s' (index %ld) appears twice; "
                           "expected each issue once", x->name, index);
    const char *kind = x->kind == GX_DISCRETE ? "discrete" : "integer";
    if (vt && strcmp(vt, kind))
        return pl__gx_fail(f->g, err, n, "vtype", "issue '%.80s' has vtype '%.40s' here but is "
                           "%s in the domain %s; expected the domain's kind", x->name, vt, kind,
                           c->dom.file);
    double *v = pl_arena_array(&c->arena, x->n, sizeof *v);
    if (!v)
        return pl__error_nomem(err);
    rc = x->kind == GX_DISCRETE ? prof_items(c, f, n, x, v, err)
                                : prof_linear(c, f, n, x, v, err);
    f->p->v[k] = v;
    return rc;
}

static int prof_weight(gx_ctx *c, void *arg, const xmlNode *n, pl_error *err)
{
    gx_prof *f = arg;
    long index, k;
    int rc = need_whole(c, f->g, n, "index", "the index of a <weight>", &index, err);
    if (rc)
        return rc;
    if ((k = find_issue(c, index)) < 0)
        return pl__gx_fail(f->g, err, n, "index", "weight index %ld is not an issue of the "
                           "domain %s; expected the index of one of its issues", index,
                           c->dom.file);
    if (f->p->w[k] >= 0)
        return pl__gx_fail(f->g, err, n, "index", "a second weight for issue '%.80s' (index "
                           "%ld); expected one per issue", c->iss[k].name, index);
    char what[160];
    snprintf(what, sizeof what, "the weight of issue '%.80s'", c->iss[k].name);
    return need_num(c, f->g, n, "value", what, 0, 1, &f->p->w[k], err);
}

/* Every issue valued and weighted; weights used as given (never renormalised). */
static int prof_complete(gx_ctx *c, gx_prof *f, const xmlNode *obj, pl_error *err)
{
    double sum = 0;
    for (size_t k = 0; k < c->n_iss; k++) {
        const gx_issue *x = &c->iss[k];
        if (!f->p->v[k])
            return pl__gx_fail(f->g, err, obj, NULL, "the profile has no <issue index=\"%ld\"> "
                               "('%.80s'); expected every issue of the domain %s", x->index,
                               x->name, c->dom.file);
        if (f->p->w[k] < 0)
            return pl__gx_fail(f->g, err, obj, NULL, "no <weight index=\"%ld\"> for issue "
                               "'%.80s'; expected one weight per issue", x->index, x->name);
        sum += f->p->w[k];
    }
    if (!(sum > 0))
        return pl__gx_fail(f->g, err, obj, NULL, "every issue weight is 0; expected a positive "
                           "weight on at least one issue");
    if (fabs(sum - 1) > 1e-6) {
        char s[40];
        pl__gx_warn(f->g, obj, NULL, "the issue weights sum to %s, not 1; used as given, not "
                    "renormalised", pl__fmt_double(s, sum));
    }
    return PL_OK;
}

/* reservation value="r": the utility of no agreement, 0 when absent (GENIUS's default). */
static int prof_reservation(gx_ctx *c, gx_prof *f, const xmlNode *root, pl_error *err)
{
    const xmlNode *r = pl__gx_child(root, "reservation");
    f->p->rv = 0;
    return r ? need_num(c, f->g, r, "value", "the reservation value", 0, 1, &f->p->rv, err)
             : PL_OK;
}

/* discount_factor value="d" (or a <value> child): tolerant, as the files need. */
static int prof_discount(gx_ctx *c, gx_prof *f, const xmlNode *root, pl_error *err)
{
    const xmlNode *d = pl__gx_child(root, "discount_factor");
    f->p->discount = 1;
    if (!d)
        return PL_OK;
    const char *t = attr(c, d, "value"), *where = "value";
    if (!t && !c->oom && pl__gx_child(d, "value")) {
        t = pl__gx_text(&c->arena, pl__gx_child(d, "value"), &c->oom);
        where = NULL;
    }
    if (c->oom)
        return pl__error_nomem(err);
    double v;
    if (!parse_num(t, &v)) {
        pl__gx_warn(f->g, d, t ? where : NULL, "the discount factor is '%.40s', not a number; "
                    "ignored (no discounting)", t ? t : "");
        return PL_OK;
    }
    if (!(v > 0))
        return pl__gx_fail(f->g, err, d, where, "the discount factor is %g; expected a number "
                           "in (0, 1] (1: no discounting)", v);
    if (v > 1)
        pl__gx_warn(f->g, d, where, "the discount factor is %g, above 1; read as 1 (no "
                    "discounting)", v);
    else
        f->p->discount = v;
    return PL_OK;
}

/* Does any issue under obj carry an evaluation (items) or an evaluator (integers)? */
static int evaluates_something(const xmlNode *obj)
{
    for (const xmlNode *n = pl__gx_child(obj, NULL); n; n = pl__gx_next(n, NULL)) {
        if (pl__gx_is(n, "objective") && evaluates_something(n))
            return 1;
        if (!pl__gx_is(n, "issue"))
            continue;
        if (pl__gx_child(n, "evaluator"))
            return 1;
        for (const xmlNode *it = pl__gx_child(n, "item"); it; it = pl__gx_next(it, "item"))
            if (xmlHasProp(it, (const xmlChar *)"evaluation"))
                return 1;
    }
    return 0;
}

static int read_profile(gx_ctx *c, gx_prof *f, pl_error *err)
{
    const xmlNode *root = xmlDocGetRootElement(f->g->doc);
    if (!pl__gx_is(root, "utility_space"))
        return wrong_root(f->g, root, 0, err);
    const xmlNode *obj = pl__gx_child(root, "objective");
    const xmlNode *hyper = pl__gx_child(obj, "utility");
    const char *type = attr(c, root, "type");
    if (c->oom)
        return pl__error_nomem(err);
    if (hyper || (type && !strcmp(type, "nonlinear")))
        return pl__gx_fail(f->g, err, hyper ? hyper : root, hyper ? NULL : "type", "nonlinear "
                           "(hyper-rectangle) utility spaces are not supported; parley's "
                           "settlement analysis needs additive utilities");
    if (!obj)
        return pl__gx_fail(f->g, err, root, NULL, "no <objective> in the profile; expected "
                           "<utility_space><objective> holding the issues and weights");
    if (!evaluates_something(obj))
        return pl__gx_fail(f->g, err, root, NULL, "the profile evaluates nothing (an unfilled "
                           "GENIUS template?); expected evaluation=\"...\" on the items of "
                           "every issue");
    gx_party *p = f->p;
    p->w = pl_arena_array(&c->arena, c->n_iss, sizeof *p->w);
    p->v = pl_arena_array(&c->arena, c->n_iss, sizeof *p->v);
    if (!p->w || !p->v)
        return pl__error_nomem(err);
    for (size_t k = 0; k < c->n_iss; k++)
        p->w[k] = -1;
    int rc = walk(c, f, obj, "issue", prof_issue, err);
    if (!rc)
        rc = walk(c, f, obj, "weight", prof_weight, err);
    if (!rc)
        rc = prof_complete(c, f, obj, err);
    if (!rc)
        rc = prof_reservation(c, f, root, err);
    if (!rc)
        rc = prof_discount(c, f, root, err);
    return rc;
}

/* ---- the scenario --------------------------------------------------------- */

/* The loader refuses an issue nobody weighs; say so at the domain's issue instead. */
static int check_weighed(const gx_ctx *c, pl_error *err)
{
    for (size_t k = 0; k < c->n_iss; k++) {
        size_t i = 0;
        while (i < c->n_p && !(c->p[i].w[k] > 0))
            i++;
        if (i == c->n_p)
            return pl__gx_fail(&c->dom, err, c->iss[k].node, NULL, "issue '%.80s' has weight 0 "
                               "in every profile; parley needs a party that cares about each "
                               "issue; expected a positive weight in some profile (or the issue "
                               "left out of the domain)", c->iss[k].name);
    }
    return PL_OK;
}

static double option_at(const gx_issue *x, size_t j)
{
    return x->n > 1 ? 100.0 * (double)j / (double)(x->n - 1) : 0;
}

/* The option's name: the item's value, or the integer. */
static const char *option_name(char *buf, size_t size, const gx_issue *x, size_t j)
{
    if (x->kind == GX_DISCRETE)
        return x->item[j];
    snprintf(buf, size, "%ld", x->lb + (long)j);
    return buf;
}

static void option_id(char *buf, size_t size, const gx_issue *x, size_t j)
{
    if (x->kind == GX_DISCRETE)
        snprintf(buf, size, "o%zu", j + 1);
    else
        snprintf(buf, size, "v%ld", x->lb + (long)j);
}

/* Drop a UTF-8 character that truncation left incomplete at the end of s. */
static void utf8_trim(char *s)
{
    size_t n = strlen(s), k = n;
    while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
        k--;
    if (k == 0)
        return;
    unsigned char lead = (unsigned char)s[k - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (n - (k - 1) < need)
        s[k - 1] = '\0';
}

static void yaml_head(pl__ybuf *b, const gx_ctx *c, const char *const *names)
{
    char id[PL_ID_MAX], title[300], src[PL_TEXT_MAX];
    stem_id(id, sizeof id, names[0]);
    snprintf(title, sizeof title, "GENIUS domain %s", base_name(names[0]));
    char *dot = strrchr(title, '.');
    if (dot && dot[-1] != ' ' && dot[-1] != '/')
        *dot = '\0';
    utf8_trim(title);
    size_t used = (size_t)snprintf(src, sizeof src, "GENIUS files: %s", names[0]);
    for (size_t i = 0; i < c->n_p && used < sizeof src; i++)
        used += (size_t)snprintf(src + used, sizeof src - used, ", %s", names[i + 1]);
    utf8_trim(src);
    pl__y_raw(b, "# Imported by parley from GENIUS files\nparley: 1\n");
    pl__y_printf(b, "name: %s\ntitle: ", id);
    pl__y_str(b, title);
    pl__y_raw(b, "\nsource: ");
    pl__y_str(b, src);
    pl__y_raw(b, "\nactors:\n");
    for (size_t i = 0; i < c->n_p; i++) {
        const gx_party *p = &c->p[i];
        pl__y_printf(b, "  - id: %s\n    name: ", p->id);
        pl__y_str(b, base_name(p->file));
        pl__y_raw(b, "\n    capability: {value: 1, note: \"GENIUS profiles carry no capability: "
                     "every party gets the same bargaining power\"}\n    no_deal: ");
        pl__y_num(b, p->rv);
        if (p->discount < 1) {
            pl__y_raw(b, "\n    discount: ");
            pl__y_num(b, p->discount);
        }
        pl__y_raw(b, "\n");
    }
}

static void yaml_issues(pl__ybuf *b, const gx_ctx *c)
{
    char name[32], oid[32];
    pl__y_raw(b, "issues:\n");
    for (size_t k = 0; k < c->n_iss; k++) {
        const gx_issue *x = &c->iss[k];
        pl__y_printf(b, "  - id: %s\n    name: ", x->id);
        pl__y_str(b, x->name);
        pl__y_raw(b, "\n    scale: {0: ");
        pl__y_str(b, option_name(name, sizeof name, x, 0));
        pl__y_raw(b, ", 100: ");
        pl__y_str(b, option_name(name, sizeof name, x, x->n - 1));
        pl__y_raw(b, "}\n    options:\n");
        for (size_t j = 0; j < x->n; j++) {
            option_id(oid, sizeof oid, x, j);
            pl__y_printf(b, "      - {id: %s, name: ", oid);
            pl__y_str(b, option_name(name, sizeof name, x, j));
            pl__y_raw(b, ", at: ");
            pl__y_num(b, option_at(x, j));
            pl__y_raw(b, "}\n");
        }
    }
}

/* One actor's entry on one issue: its best option (the first of equals), weight, values. */
static void yaml_entry(pl__ybuf *b, const gx_issue *x, const gx_party *p, size_t k)
{
    char oid[32];
    const double *v = p->v[k];
    size_t best = 0;
    for (size_t j = 1; j < x->n; j++)
        if (v[j] > v[best])
            best = j;
    pl__y_printf(b, "    %s: {position: ", x->id);
    pl__y_num(b, option_at(x, best));
    pl__y_raw(b, ", salience: ");
    pl__y_num(b, p->w[k]);
    pl__y_raw(b, ", values: {");
    for (size_t j = 0; j < x->n; j++) {
        option_id(oid, sizeof oid, x, j);
        pl__y_printf(b, "%s%s: ", j ? ", " : "", oid);
        pl__y_num(b, v[j]);
    }
    pl__y_raw(b, "}}\n");
}

static void yaml_positions(pl__ybuf *b, const gx_ctx *c)
{
    pl__y_raw(b, "positions:\n");
    for (size_t i = 0; i < c->n_p; i++) {
        pl__y_printf(b, "  %s:\n", c->p[i].id);
        for (size_t k = 0; k < c->n_iss; k++)
            yaml_entry(b, &c->iss[k], &c->p[i], k);
    }
}

/* ---- entry points --------------------------------------------------------- */

static int run_profile(gx_ctx *c, gx_party *p, const char *data, size_t len, pl_error *err)
{
    pl__gx g;
    gx_prof f = {p, &g};
    int rc = pl__gx_parse(&g, data, len, p->file, "profile", c->opts, err);
    if (!rc)
        rc = read_profile(c, &f, err);
    pl__gx_warn_summary(&g);
    pl__gx_free(&g);
    return rc;
}

static int run(gx_ctx *c, pl__ybuf *b, size_t n_files, const char *const *data,
               const size_t *len, const char *const *names, pl_error *err)
{
    int rc = pl__gx_parse(&c->dom, data[0], len[0], names[0], "domain", c->opts, err);
    if (!rc)
        rc = read_domain(c, err);
    pl__gx_warn_summary(&c->dom);
    c->n_p = n_files - 1;
    if (!rc && !(c->p = pl_arena_array(&c->arena, c->n_p, sizeof *c->p)))
        rc = pl__error_nomem(err);
    for (size_t i = 0; !rc && i < c->n_p; i++) {
        gx_party *p = &c->p[i];
        p->file = names[i + 1];
        stem_id(p->id, sizeof p->id, p->file);
        unique_id(p->id, c->p[0].id, sizeof *p, i);
        rc = run_profile(c, p, data[i + 1], len[i + 1], err);
    }
    if (!rc)
        rc = check_weighed(c, err);
    if (!rc) {
        yaml_head(b, c, names);
        yaml_issues(b, c);
        yaml_positions(b, c);
    }
    return rc;
}

int pl_import_genius_buffers(pl_scenario **out, char **yaml, size_t n_files,
                             const char *const *data, const size_t *len,
                             const char *const *names, const pl_load_opts *opts,
                             pl_error *err)
{
    if (out)
        *out = NULL;
    if (yaml)
        *yaml = NULL;
    if (n_files && (!data || !len))
        return pl__fail(err, PL_EMISUSE, "pl_import_genius_buffers: no data");
    for (size_t i = 0; i < n_files; i++)
        if (!data[i] && len[i])
            return pl__fail(err, PL_EMISUSE, "pl_import_genius_buffers: no data for file %zu",
                            i + 1);
    if (n_files < 3)
        return pl__error_set(err, PL_EINPUT, n_files && names && names[0] ? names[0] : NULL,
                             0, 0, "a GENIUS import takes the domain and at least 2 profiles; "
                             "got %zu file%s", n_files, n_files == 1 ? "" : "s");
    const char **nm = calloc(n_files, sizeof *nm);
    char (*dflt)[32] = calloc(n_files, sizeof *dflt);
    gx_ctx c;
    memset(&c, 0, sizeof c);
    pl_arena_init(&c.arena);
    c.opts = opts;
    pl__ybuf b = {0};
    int rc = nm && dflt ? PL_OK : pl__error_nomem(err);
    for (size_t i = 0; !rc && i < n_files; i++) {
        if (i)
            snprintf(dflt[i], sizeof dflt[i], "<profile %zu>", i);
        else
            snprintf(dflt[i], sizeof dflt[i], "<domain>");
        nm[i] = names && names[i] ? names[i] : dflt[i];
    }
    if (!rc)
        rc = run(&c, &b, n_files, data, len, nm, err);
    rc = pl__import_finish(&b, rc, rc ? "" : nm[0], out, yaml, opts, err);
    pl__gx_free(&c.dom);
    free(c.iss);
    pl_arena_free(&c.arena);
    free(nm);
    free(dflt);
    return rc;
}

int pl_import_genius_files(pl_scenario **out, char **yaml, size_t n_files,
                           const char *const *paths, const pl_load_opts *opts, pl_error *err)
{
    if (out)
        *out = NULL;
    if (yaml)
        *yaml = NULL;
    if (n_files && !paths)
        return pl__fail(err, PL_EMISUSE, "pl_import_genius_files: no paths");
    char **data = calloc(n_files ? n_files : 1, sizeof *data);
    size_t *len = calloc(n_files ? n_files : 1, sizeof *len);
    const char **names = calloc(n_files ? n_files : 1, sizeof *names);
    int rc = data && len && names ? PL_OK : pl__error_nomem(err);
    for (size_t i = 0; !rc && i < n_files; i++) {
        names[i] = pl__input_name(paths[i]);
        rc = pl__read_input(paths[i], opts ? opts->max_input : 0, &data[i], &len[i], err);
    }
    if (!rc)
        rc = pl_import_genius_buffers(out, yaml, n_files, (const char *const *)data, len, names,
                                      opts, err);
    for (size_t i = 0; data && i < n_files; i++)
        free(data[i]);
    free(data);
    free(len);
    free(names);
    return rc;
}
