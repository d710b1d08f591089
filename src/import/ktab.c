/* SPDX-License-Identifier: MIT */
/*
** import_ktab.c: KTAB's spatial-model CSV (lsyaseen/KTAB, examples/smp/doc;
** MODELS.md section 6). Comma-separated, padded with spaces:
**   NAME, DESCRIPTION, N_ACTORS, N_DIMENSIONS,
**   Actor, Description, Power, <dim> Position, <dim> Salience, ...
**   one row per actor
** Positions are on 0-100; saliences on 0-100 are divided by 100; the power
** (or "Influence") is the capability. Every actor takes a position on every
** dimension.
*/
#include "import_impl.h"
#include "../core/error_int.h"
#include "../core/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KT_MAX_DIMS 64

typedef struct kt_actor {
    char id[64], name[200];
    size_t line;
    double power, x[KT_MAX_DIMS], s[KT_MAX_DIMS];
} kt_actor;

typedef struct kt_ctx {
    int rows;
    char title[200], desc[400];
    size_t want_actors, dims;
    char dim_id[KT_MAX_DIMS][64], dim_name[KT_MAX_DIMS][128];
    kt_actor *a;
    size_t n, cap;
} kt_ctx;

/* Fields of a row without the trailing empty ones (KTAB ends lines with a comma). */
static size_t used_fields(const pl__row *row)
{
    size_t n = row->n;
    while (n > 0 && row->field[n - 1][0] == '\0')
        n--;
    return n;
}

/* A whole number in [lo, hi] from field f. */
static int kt_count(const pl__row *row, size_t f, const char *what, double lo, double hi,
                    size_t *out, pl_error *err)
{
    double v;
    int present, rc = pl__row_number(row, f, what, lo, hi, &v, &present, err);
    if (rc)
        return rc;
    if (!present || v != floor(v))
        return pl__row_fail_err(err, row, f, "%s is '%s'; expected a whole number", what,
                                f < row->n ? row->field[f] : "");
    *out = (size_t)v;
    return PL_OK;
}

static int kt_title(kt_ctx *c, const pl__row *row, pl_error *err)
{
    if (used_fields(row) < 4)
        return pl__row_fail_err(err, row, 0, "the first line has %zu fields; expected NAME, "
                                "DESCRIPTION, NUMBER OF ACTORS, NUMBER OF DIMENSIONS",
                                used_fields(row));
    snprintf(c->title, sizeof c->title, "%s", row->field[0]);
    snprintf(c->desc, sizeof c->desc, "%s", row->field[1]);
    int rc = kt_count(row, 2, "the number of actors", 2, 1e6, &c->want_actors, err);
    if (!rc)
        rc = kt_count(row, 3, "the number of dimensions", 1, KT_MAX_DIMS, &c->dims, err);
    return rc;
}

/* "Policy Position" -> "Policy"; "Pstn1" stays. */
static void dim_name(char *out, size_t size, const char *head)
{
    snprintf(out, size, "%s", head);
    size_t n = strlen(out), suf = strlen(" Position");
    if (n > suf && strcmp(out + n - suf, " Position") == 0)
        out[n - suf] = '\0';
}

static int kt_header(kt_ctx *c, const pl__row *row, pl_error *err)
{
    size_t want = 3 + 2 * c->dims;
    if (used_fields(row) != want)
        return pl__row_fail_err(err, row, 0, "the header has %zu columns; expected %zu (Actor, "
                                "Description, Power, then Position and Salience of each of the "
                                "%zu dimensions)", used_fields(row), want, c->dims);
    for (size_t d = 0; d < c->dims; d++) {
        dim_name(c->dim_name[d], sizeof c->dim_name[d], row->field[3 + 2 * d]);
        pl__y_id(c->dim_id[d], sizeof c->dim_id[d], c->dim_name[d]);
        for (size_t e = 0; e < d; e++)
            if (strcmp(c->dim_id[e], c->dim_id[d]) == 0)
                return pl__row_fail_err(err, row, 3 + 2 * d, "dimension '%s' appears twice; "
                                        "expected distinct position columns",
                                        c->dim_name[d]);
    }
    return PL_OK;
}

static int kt_actor_row(kt_ctx *c, const pl__row *row, pl_error *err)
{
    size_t want = 3 + 2 * c->dims;
    if (used_fields(row) != want)
        return pl__row_fail_err(err, row, used_fields(row) ? used_fields(row) - 1 : 0,
                                "the row has %zu fields; expected %zu like the header",
                                used_fields(row), want);
    if (c->n == c->want_actors)
        return pl__row_fail_err(err, row, 0, "an actor row beyond the %zu the first line "
                                "announces; expected that many", c->want_actors);
    kt_actor *grown = pl__grow(c->a, &c->cap, c->n + 1, sizeof *grown, 32);
    if (!grown)
        return pl__error_nomem(err);
    c->a = grown;
    kt_actor *a = &c->a[c->n];
    a->line = row->line;
    if (!row->field[0][0])
        return pl__row_fail_err(err, row, 0, "the actor name is empty; expected one");
    pl__y_id(a->id, sizeof a->id, row->field[0]);
    snprintf(a->name, sizeof a->name, "%s", row->field[1][0] ? row->field[1] : row->field[0]);
    for (size_t k = 0; k < c->n; k++)
        if (strcmp(c->a[k].id, a->id) == 0)
            return pl__row_fail_err(err, row, 0, "actor '%s' appears twice; expected one row "
                                    "per actor", row->field[0]);
    int present, rc = pl__row_number(row, 2, "the power", 0, INFINITY, &a->power, &present, err);
    for (size_t d = 0; !rc && d < c->dims; d++) {
        char what[160];
        snprintf(what, sizeof what, "the position on '%s'", c->dim_name[d]);
        if (!(rc = pl__row_number(row, 3 + 2 * d, what, 0, 100, &a->x[d], &present, err)) &&
            !present)
            rc = pl__row_fail_err(err, row, 3 + 2 * d, "%s is empty; expected a number", what);
        snprintf(what, sizeof what, "the salience on '%s'", c->dim_name[d]);
        if (!rc && !(rc = pl__row_number(row, 4 + 2 * d, what, 0, 100, &a->s[d], &present,
                                         err)) && !present)
            rc = pl__row_fail_err(err, row, 4 + 2 * d, "%s is empty; expected a number", what);
        a->s[d] /= 100; /* KTAB files give saliences on 0-100 */
    }
    if (!rc)
        c->n++;
    return rc;
}

static int kt_row(const pl__row *row, void *ctx, pl_error *err)
{
    kt_ctx *c = ctx;
    int r = c->rows++;
    return r == 0 ? kt_title(c, row, err) : r == 1 ? kt_header(c, row, err)
                                                   : kt_actor_row(c, row, err);
}

void pl__ktab_yaml(pl__ybuf *b, const pl__ktab_out *o)
{
    char name[64];
    const char *id, *nm, *did, *dnm;
    const double *x, *s;
    double cap;
    pl__y_raw(b, "# Imported by parley from the KTAB file ");
    pl__y_str(b, o->file);
    pl__y_raw(b, "\n");
    if (o->notes)
        pl__y_raw(b, o->notes);
    pl__y_id(name, sizeof name, o->title[0] ? o->title : "ktab");
    pl__y_printf(b, "parley: 1\nname: %s\ntitle: ", name);
    pl__y_str(b, o->title);
    pl__y_raw(b, "\ndescription: ");
    pl__y_str(b, o->desc);
    pl__y_raw(b, "\nsource: ");
    pl__y_str(b, o->file);
    pl__y_raw(b, "\nactors:\n");
    for (size_t i = 0; i < o->n_act; i++) {
        o->actor(o->ctx, i, &id, &nm, &cap, &x, &s);
        pl__y_printf(b, "  - {id: %s, name: ", id);
        pl__y_str(b, nm);
        pl__y_raw(b, ", capability: ");
        pl__y_num(b, cap);
        pl__y_raw(b, "}\n");
    }
    pl__y_raw(b, "issues:\n");
    for (size_t d = 0; d < o->n_dim; d++) {
        o->dim(o->ctx, d, &did, &dnm);
        pl__y_printf(b, "  - id: %s\n    name: ", did);
        pl__y_str(b, dnm);
        pl__y_raw(b, "\n    scale: {0: \"0 on the KTAB scale\", 100: \"100 on the KTAB scale\"}\n");
    }
    pl__y_raw(b, "positions:\n");
    for (size_t i = 0; i < o->n_act; i++) {
        o->actor(o->ctx, i, &id, &nm, &cap, &x, &s);
        pl__y_printf(b, "  %s:\n", id);
        for (size_t d = 0; d < o->n_dim; d++) {
            o->dim(o->ctx, d, &did, &dnm);
            pl__y_printf(b, "    %s: {position: ", did);
            pl__y_num(b, x[d]);
            pl__y_raw(b, ", salience: ");
            pl__y_num(b, s[d]);
            pl__y_raw(b, "}\n");
        }
    }
}

static void kt_actor_out(const void *ctx, size_t i, const char **id, const char **name,
                         double *cap, const double **x, const double **s)
{
    const kt_actor *a = &((const kt_ctx *)ctx)->a[i];
    *id = a->id, *name = a->name, *cap = a->power, *x = a->x, *s = a->s;
}

static void kt_dim_out(const void *ctx, size_t d, const char **id, const char **name)
{
    const kt_ctx *c = ctx;
    *id = c->dim_id[d], *name = c->dim_name[d];
}

int pl__import_ktab(pl__ybuf *b, const char *data, size_t len, const char *file,
                    const pl_load_opts *opts, pl_error *err)
{
    (void)opts;
    kt_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return pl__error_nomem(err);
    int rc = pl__read_rows(data, len, file, ',', '"', kt_row, c, err);
    if (!rc && c->rows < 2)
        rc = pl__error_set(err, PL_EINPUT, file, 1, 1, "%s; expected a first line with the "
                           "counts and a header", c->rows ? "no header line" : "an empty file");
    if (!rc && c->n != c->want_actors)
        rc = pl__error_set(err, PL_EINPUT, file, c->rows, 1, "%zu actor rows but the first line "
                           "announces %zu; expected that many", c->n, c->want_actors);
    for (size_t i = 0; !rc && i < c->n; i++) {
        double sum = 0;
        for (size_t d = 0; d < c->dims; d++)
            sum += c->a[i].s[d];
        if (!(sum > 0))
            rc = pl__error_set(err, PL_EINPUT, file, (int)c->a[i].line, 1, "actor '%s' has salience 0 "
                               "on every dimension; expected a positive salience somewhere",
                               c->a[i].id);
    }
    for (size_t d = 0; !rc && d < c->dims; d++) {
        double w = 0;
        for (size_t i = 0; i < c->n; i++)
            w += c->a[i].power * c->a[i].s[d];
        if (!(w > 0))
            rc = pl__error_set(err, PL_EINPUT, file, 2, 1, "no actor has power x salience > 0 on "
                               "dimension '%s'; expected at least one", c->dim_name[d]);
    }
    if (!rc)
        pl__ktab_yaml(b, &(pl__ktab_out){file, c->title, c->desc, NULL, c->n, c->dims, c,
                                         kt_actor_out, kt_dim_out});
    free(c->a);
    free(c);
    return rc;
}
