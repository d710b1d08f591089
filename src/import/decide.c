/* SPDX-License-Identifier: MIT */
/*
** import_decide.c: the input files of the Decide exchange model
** (foarsitter/decide-exchange-model; MODELS.md section 5): tab-separated
** records, optionally single-quoted:
**   #A key name [comment]             an actor
**   #P key name [comment]             an issue
**   #M issue value [meaning]          a bound of the issue's scale (two per issue)
**   #D actor issue position salience power
**   #/ ... and #O ...                 comments and a title
** Positions are rescaled to 0-100 from the two #M bounds (0 and 100 when an
** issue has none, with a warning); saliences are on [0, 1]; power is the
** actor's capability and must be the same on every issue.
*/
#include "import_impl.h"
#include "../core/fmt.h"
#include "../core/error_int.h"
#include "../core/suggest.h"
#include "../core/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct dc_entry {
    char key[128], id[64], name[200];
    double lo, hi, power;   /* issues: bounds; actors: power */
    int n_bounds, has_power;
    size_t line, bound_line, bound_col, power_line;
    size_t sal_line, sal_col; /* an actor's first salience */
    double weight;          /* actors: any positive salience; issues: sum power x salience */
} dc_entry;

typedef struct dc_datum {
    size_t actor, issue;
    double x, s;
} dc_datum;

typedef struct dc_ctx {
    const pl_load_opts *opts;
    dc_entry *ent[2];       /* [0] actors, [1] issues */
    size_t n[2], cap[2];
    dc_datum *d;
    size_t nd, capd;
    char title[200];
} dc_ctx;

static int grow(void **p, size_t *cap, size_t n, size_t size)
{
    void *q = pl__grow(*p, cap, n + 1, size, 32);
    if (!q)
        return PL_ENOMEM;
    *p = q;
    return PL_OK;
}

static long find_entry(const dc_ctx *c, int kind, const char *key)
{
    for (size_t k = 0; k < c->n[kind]; k++)
        if (strcmp(c->ent[kind][k].key, key) == 0)
            return (long)k;
    return -1;
}

/* "actor 'X' ... is not defined by an #A line" with a did-you-mean hint. */
static int unknown_key(const dc_ctx *c, const pl__row *row, size_t f, int kind, pl_error *err)
{
    const char **keys = malloc((c->n[kind] + 1) * sizeof *keys);
    const char *hint = NULL;
    for (size_t k = 0; keys && k < c->n[kind]; k++)
        keys[k] = c->ent[kind][k].key;
    if (keys)
        hint = pl_suggest(row->field[f], keys, c->n[kind]);
    int rc = hint ? pl__row_fail_err(err, row, f, "%s '%s' is not defined by an earlier %s "
                                     "line; did you mean '%s'?", kind ? "issue" : "actor",
                                     row->field[f], kind ? "#P" : "#A", hint)
                  : pl__row_fail_err(err, row, f, "%s '%s' is not defined by an earlier %s "
                                     "line; expected a key defined there",
                                     kind ? "issue" : "actor", row->field[f], kind ? "#P" : "#A");
    free(keys);
    return rc;
}

static int dc_define(dc_ctx *c, const pl__row *row, int kind, pl_error *err)
{
    if (row->n < 2 || !row->field[1][0])
        return pl__row_fail_err(err, row, 0, "an %s line without a key; expected %s KEY NAME",
                                kind ? "#P" : "#A", kind ? "#P" : "#A");
    if (find_entry(c, kind, row->field[1]) >= 0)
        return pl__row_fail_err(err, row, 1, "%s '%s' is defined twice; expected unique keys",
                                kind ? "issue" : "actor", row->field[1]);
    if (grow((void **)&c->ent[kind], &c->cap[kind], c->n[kind], sizeof(dc_entry)))
        return pl__error_nomem(err);
    dc_entry *e = &c->ent[kind][c->n[kind]];
    memset(e, 0, sizeof *e);
    snprintf(e->key, sizeof e->key, "%s", row->field[1]);
    snprintf(e->name, sizeof e->name, "%s", row->n > 2 && row->field[2][0] ? row->field[2]
                                                                        : row->field[1]);
    pl__y_id(e->id, sizeof e->id, row->field[1]);
    e->line = row->line;
    for (size_t k = 0; k < c->n[kind]; k++)
        if (strcmp(c->ent[kind][k].id, e->id) == 0)
            return pl__row_fail_err(err, row, 1, "%s '%s' becomes the identifier '%s', like "
                                    "'%s' before it; expected keys that differ in letters or "
                                    "digits", kind ? "issue" : "actor", e->key, e->id,
                                    c->ent[kind][k].key);
    c->n[kind]++;
    return PL_OK;
}

static int dc_bound(dc_ctx *c, const pl__row *row, pl_error *err)
{
    if (row->n < 3)
        return pl__row_fail_err(err, row, 0, "an #M line has %zu fields; expected #M ISSUE "
                                "VALUE [MEANING]", row->n);
    long k = find_entry(c, 1, row->field[1]);
    if (k < 0)
        return unknown_key(c, row, 1, 1, err);
    dc_entry *e = &c->ent[1][k];
    double v;
    int present, rc = pl__row_number(row, 2, "the scale bound", -1e12, 1e12, &v, &present, err);
    if (rc)
        return rc;
    if (!present || e->n_bounds == 2)
        return pl__row_fail_err(err, row, 2, present ? "issue '%s' has a third #M bound; "
                                "expected two (its scale's ends)" : "the #M bound of issue "
                                "'%s' is empty; expected a number", e->key);
    if (e->n_bounds++ == 0) {
        e->lo = v;
    } else {
        e->hi = v;
        if (e->hi == e->lo)
            return pl__row_fail_err(err, row, 2, "both #M bounds of issue '%s' are %g; expected "
                                    "two different scale ends", e->key, v);
    }
    e->bound_line = row->line;
    e->bound_col = row->col[2];
    return PL_OK;
}

/* Position on 0-100 from the issue's bounds (0 and 100 when it has none). */
static int dc_scaled(const dc_ctx *c, const pl__row *row, dc_entry *is, double x, double *out,
                     pl_error *err)
{
    double lo = is->n_bounds == 2 ? is->lo : 0, hi = is->n_bounds == 2 ? is->hi : 100;
    double y = 100 * (x - lo) / (hi - lo);
    if (!(y >= -1e-9 && y <= 100 + 1e-9))
        return pl__row_fail_err(err, row, 3, "position %g of '%s' on issue '%s' is outside "
                                "the issue's scale [%g, %g]; expected a position between its "
                                "bounds", x, row->field[1], is->key, lo < hi ? lo : hi,
                                lo < hi ? hi : lo);
    (void)c;
    *out = y < 0 ? 0 : y > 100 ? 100 : y;
    return PL_OK;
}

static int dc_datum_row(dc_ctx *c, const pl__row *row, pl_error *err)
{
    if (row->n != 6)
        return pl__row_fail_err(err, row, row->n ? row->n - 1 : 0, "a #D line has %zu fields; "
                                "expected #D ACTOR ISSUE POSITION SALIENCE POWER", row->n);
    long a = find_entry(c, 0, row->field[1]), k = find_entry(c, 1, row->field[2]);
    if (a < 0)
        return unknown_key(c, row, 1, 0, err);
    if (k < 0)
        return unknown_key(c, row, 2, 1, err);
    double x, s, p;
    int pr, rc;
    if (k >= 0 && c->ent[1][k].n_bounds == 1)
        return pl__row_fail_err(err, row, 3, "issue '%s' has one #M bound (line %zu); expected "
                                "two, or none for a 0-100 scale", c->ent[1][k].key,
                                c->ent[1][k].bound_line);
    if ((rc = pl__row_number(row, 3, "the position", -INFINITY, INFINITY, &x, &pr, err)) ||
        (!pr && (rc = pl__row_fail_err(err, row, 3, "the position is empty; expected a number"))) ||
        (rc = pl__row_number(row, 4, "the salience", 0, 1, &s, &pr, err)) ||
        (!pr && (rc = pl__row_fail_err(err, row, 4, "the salience is empty; expected a number in "
                                       "[0, 1]"))) ||
        (rc = pl__row_number(row, 5, "the power", 0, INFINITY, &p, &pr, err)) ||
        (!pr && (rc = pl__row_fail_err(err, row, 5, "the power is empty; expected a number >= 0"))))
        return rc;
    dc_entry *ae = &c->ent[0][a];
    if (ae->has_power && ae->power != p)
        return pl__row_fail_err(err, row, 5, "the power of '%s' is %g here but %g on line %zu; "
                                "expected one power per actor (parley keeps one capability per "
                                "actor)", ae->key, p, ae->power, ae->power_line);
    ae->power = p;
    ae->has_power = 1;
    ae->power_line = row->line;
    if (!ae->sal_line) {
        ae->sal_line = row->line;
        ae->sal_col = row->col[4];
    }
    ae->weight += s;
    c->ent[1][k].weight += p * s;
    for (size_t j = 0; j < c->nd; j++)
        if (c->d[j].actor == (size_t)a && c->d[j].issue == (size_t)k)
            return pl__row_fail_err(err, row, 1, "'%s' has a second #D line for issue '%s'; "
                                    "expected one per actor and issue", ae->key,
                                    c->ent[1][k].key);
    if (grow((void **)&c->d, &c->capd, c->nd, sizeof *c->d))
        return pl__error_nomem(err);
    dc_datum *d = &c->d[c->nd];
    d->actor = (size_t)a;
    d->issue = (size_t)k;
    d->s = s;
    if ((rc = dc_scaled(c, row, &c->ent[1][k], x, &d->x, err)))
        return rc;
    c->nd++;
    return PL_OK;
}

static int dc_row(const pl__row *row, void *ctx, pl_error *err)
{
    dc_ctx *c = ctx;
    const char *t = row->field[0];
    if (strcmp(t, "#A") == 0 || strcmp(t, "#P") == 0)
        return dc_define(c, row, t[1] == 'P', err);
    if (strcmp(t, "#M") == 0)
        return dc_bound(c, row, err);
    if (strcmp(t, "#D") == 0)
        return dc_datum_row(c, row, err);
    if (strcmp(t, "#O") == 0 && row->n > 1) {
        snprintf(c->title, sizeof c->title, "%s", row->field[1]);
        return PL_OK;
    }
    if (t[0] == '#' && (t[1] == '/' || t[1] == 'O'))
        return PL_OK;
    return pl__row_fail_err(err, row, 0, "a line starting '%.20s'; expected #A, #P, #M, #D, "
                            "#O or a #/ comment, fields separated by tabs", t);
}

static void dc_yaml(pl__ybuf *b, const dc_ctx *c, const char *file)
{
    pl__y_raw(b, "# Imported by parley from the Decide file ");
    pl__y_str(b, file);
    pl__y_raw(b, "\nparley: 1\nname: decide\ntitle: ");
    pl__y_str(b, c->title[0] ? c->title : "Decide exchange-model data");
    pl__y_raw(b, "\nsource: ");
    pl__y_str(b, file);
    pl__y_raw(b, "\nactors:\n");
    for (size_t a = 0; a < c->n[0]; a++) {
        pl__y_printf(b, "  - {id: %s, name: ", c->ent[0][a].id);
        pl__y_str(b, c->ent[0][a].name);
        pl__y_raw(b, ", capability: ");
        pl__y_num(b, c->ent[0][a].power);
        pl__y_raw(b, "}\n");
    }
    pl__y_raw(b, "issues:\n");
    for (size_t k = 0; k < c->n[1]; k++) {
        const dc_entry *e = &c->ent[1][k];
        char lo[40], hi[40];
        pl__snprintf(lo, sizeof lo, "%g", e->n_bounds == 2 ? e->lo : 0);
        pl__snprintf(hi, sizeof hi, "%g", e->n_bounds == 2 ? e->hi : 100);
        pl__y_printf(b, "  - id: %s\n    name: ", e->id);
        pl__y_str(b, e->name);
        pl__y_printf(b, "\n    scale: {0: \"%s (Decide scale)\", 100: \"%s (Decide scale)\"}\n",
                     lo, hi);
    }
    pl__y_raw(b, "positions:\n");
    for (size_t a = 0; a < c->n[0]; a++) {
        int any = 0;
        for (size_t j = 0; j < c->nd; j++) {
            if (c->d[j].actor != a)
                continue;
            if (!any++)
                pl__y_printf(b, "  %s:\n", c->ent[0][a].id);
            pl__y_printf(b, "    %s: {position: ", c->ent[1][c->d[j].issue].id);
            pl__y_num(b, c->d[j].x);
            pl__y_raw(b, ", salience: ");
            pl__y_num(b, c->d[j].s);
            pl__y_raw(b, "}\n");
        }
    }
}

/* What the loader would refuse, said at the file's own positions. */
static int dc_check(const dc_ctx *c, const char *file, pl_error *err)
{
    if (c->n[0] < 2 || c->n[1] == 0)
        return pl__error_set(err, PL_EINPUT, file, 1, 1, "%zu actor%s (#A) and %zu issue%s "
                             "(#P); expected at least 2 actors and 1 issue", c->n[0],
                             c->n[0] == 1 ? "" : "s", c->n[1], c->n[1] == 1 ? "" : "s");
    for (size_t k = 0; k < c->n[1]; k++) {
        const dc_entry *e = &c->ent[1][k];
        if (e->n_bounds == 1)
            return pl__error_set(err, PL_EINPUT, file, (int)e->bound_line, (int)e->bound_col,
                                 "issue '%s' has one #M bound; expected two, or none for a "
                                 "0-100 scale", e->key);
        if (!(e->weight > 0))
            return pl__error_set(err, PL_EINPUT, file, (int)e->line, 1, "issue '%s' has no #D "
                                 "line with power x salience > 0; expected at least one",
                                 e->key);
    }
    for (size_t a = 0; a < c->n[0]; a++) {
        const dc_entry *e = &c->ent[0][a];
        if (e->sal_line && !(e->weight > 0))
            return pl__error_set(err, PL_EINPUT, file, (int)e->sal_line, (int)e->sal_col,
                                 "actor '%s' has salience 0 on every issue; expected a positive "
                                 "salience somewhere", e->key);
    }
    return PL_OK;
}

int pl__import_decide(pl__ybuf *b, const char *data, size_t len, const char *file,
                      const pl_load_opts *opts, pl_error *err)
{
    dc_ctx c;
    memset(&c, 0, sizeof c);
    c.opts = opts;
    /* the Decide tool writes single-quoted fields; hand-made files often none (a
       byte-order mark before the first quote must not hide it) */
    const char *first = pl__first_byte(data, len);
    unsigned char quote = first && *first == '\'' ? '\'' : '"';
    int rc = pl__read_rows(data, len, file, '\t', quote, dc_row, &c, err);
    if (!rc)
        rc = dc_check(&c, file, err);
    for (size_t k = 0; !rc && k < c.n[1]; k++)
        if (c.ent[1][k].n_bounds == 0 && opts && opts->warn) {
            pl_error w;
            pl__error_set(&w, PL_OK, file, (int)c.ent[1][k].line, 1, "issue '%s' has no #M "
                          "bounds; positions taken as 0-100", c.ent[1][k].key);
            opts->warn(&w, opts->payload);
        }
    if (!rc)
        dc_yaml(b, &c, file);
    free(c.ent[0]);
    free(c.ent[1]);
    free(c.d);
    return rc;
}
