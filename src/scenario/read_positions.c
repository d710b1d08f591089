/* SPDX-License-Identifier: MIT */
/*
** read_positions.c: the positions section (actor -> issue -> entry) and the
** checks that need all of it: an actor that lists issues must care about at
** least one, every issue needs weight at the table, and at least two actors
** must negotiate.
*/
#include "reader.h"
#include "../core/error_int.h"
#include "../core/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const entry_keys[] = {"position", "salience", "values", "source", "note"};

/*
** values: {option: value in [0, 1]}, one per option of the issue: the actor's
** own valuation of each named option, used by settlement instead of the
** distance to its position (e.g. GENIUS evaluations).
*/
static int read_values(pl_reader *r, const pl_doc_node *n, const pl_issue *x, const char *where,
                       double **out)
{
    char what[260];
    snprintf(what, sizeof what, "values of %s", where);
    if (!x->n_options)
        return pl_rd_fail(&r->rd, n, "%s: issue '%s' declares no options; expected values "
                          "only on issues with named options", what, x->id);
    int rc = pl_rd_map(&r->rd, n, what, "a mapping option id -> value in [0, 1]");
    if (rc)
        return rc;
    double *v = pl_arena_array(&r->s->arena, x->n_options, sizeof *v);
    unsigned char *seen = pl_arena_array(&r->s->arena, x->n_options, 1);
    if (!v || !seen)
        return pl__error_nomem(r->rd.err);
    for (size_t j = 0; j < n->len; j++) {
        const pl_doc_node *k = pl_doc_map_key(n, j);
        long found = k->type == PL_DOC_SCALAR ? pl_idmap_get(&x->option_ids, k->text) : -1;
        size_t o = found < 0 ? x->n_options : (size_t)found;
        if (o == x->n_options)
            return pl_rd_fail(&r->rd, k, "%s: '%s' is not an option of issue '%s'; expected "
                              "one of its option ids", what, k->type == PL_DOC_SCALAR ?
                              k->text : "?", x->id);
        if (seen[o])
            return pl_rd_fail(&r->rd, k, "%s: option '%s' is given twice; expected each "
                              "option once", what, x->option_id[o]);
        seen[o] = 1;
        char w2[300];
        snprintf(w2, sizeof w2, "value of option '%s' in %s", x->option_id[o], where);
        if ((rc = pl_rd_number(&r->rd, pl_doc_map_value(n, j), w2, 0, 1, &v[o])))
            return rc;
    }
    for (size_t o = 0; o < x->n_options; o++)
        if (!seen[o])
            return pl_rd_fail(&r->rd, n, "%s has no value for option '%s'; expected a value "
                              "for every option of issue '%s'", what, x->option_id[o], x->id);
    *out = v;
    return PL_OK;
}

typedef struct detail_buf {
    pl_pos_detail *v;
    size_t n, cap;
} detail_buf;

static int keep_detail(detail_buf *d, const pl_value *pos, const pl_value *sal, uint32_t *slot)
{
    if (d->n == UINT32_MAX - 1)
        return PL_ENOMEM;
    pl_pos_detail *grown = pl__grow(d->v, &d->cap, d->n + 1, sizeof *grown, 64);
    if (!grown)
        return PL_ENOMEM;
    d->v = grown;
    d->v[d->n].pos = *pos;
    d->v[d->n].sal = *sal;
    *slot = (uint32_t)++d->n;
    return PL_OK;
}

static int is_plain(const pl_value *v)
{
    return v->dist == PL_DIST_NONE && !v->source && !v->note;
}

/* A required number of entry n (where: "position of 'A' on 'X'"), called "KEY of 'A' on 'X'"
   (on: "'A' on 'X'"). */
static int entry_value(pl_reader *r, const pl_doc_node *n, const char *key, const char *where,
                       const char *on, double hi, const pl_rd_prov *prov, pl_value *out)
{
    char what[220], expect[40];
    pl_doc_node *v;
    snprintf(expect, sizeof expect, "a number in [0, %g]", hi);
    snprintf(what, sizeof what, "%s of %s", key, on);
    int rc = pl_rd_need(&r->rd, n, key, where, expect, &v);
    return rc ? rc : pl_rd_value(&r->rd, v, what, 0, hi, prov, out);
}

static int read_entry(pl_reader *r, const pl_doc_node *n, size_t i, size_t k, detail_buf *d)
{
    pl_scenario *s = r->s;
    char on[160], where[200];
    snprintf(on, sizeof on, "'%s' on '%s'", s->actors[i].id, s->issues[k].id);
    snprintf(where, sizeof where, "position of %s", on);
    int rc = pl_rd_map(&r->rd, n, where, "{position: 0-100, salience: 0-1}");
    if (rc || pl_rd_stop(&r->rd, &rc, pl_rd_keys(&r->rd, n, entry_keys,
                                                 sizeof entry_keys / sizeof *entry_keys, where)))
        return rc;
    pl_rd_prov prov = {NULL, NULL};
    pl_doc_node *v;
    if ((v = pl_doc_map_get(n, "source")) &&
        pl_rd_stop(&r->rd, &rc, pl_rd_text(&r->rd, v, "source", &prov.source)))
        return rc;
    if ((v = pl_doc_map_get(n, "note")) &&
        pl_rd_stop(&r->rd, &rc, pl_rd_text(&r->rd, v, "note", &prov.note)))
        return rc;
    pl_value pos, sal;
    size_t at = i * s->n_issues + k;
    if (pl_rd_stop(&r->rd, &rc, entry_value(r, n, "position", where, on, 100, &prov, &pos)) ||
        pl_rd_stop(&r->rd, &rc, entry_value(r, n, "salience", where, on, 1, &prov, &sal)))
        return rc;
    if ((v = pl_doc_map_get(n, "values")) && !r->bad_options[k])
        pl_rd_stop(&r->rd, &rc, read_values(r, v, &s->issues[k], where, &s->values[at]));
    if (rc)
        return rc;
    s->present[at] = 1;
    s->pos[at] = pos.value;
    s->sal[at] = sal.value;
    if (!is_plain(&pos) || !is_plain(&sal))
        if (keep_detail(d, &pos, &sal, &s->detail[at]))
            return pl__error_nomem(r->rd.err);
    return PL_OK;
}

static int read_actor_positions(pl_reader *r, const pl_doc_node *key, const pl_doc_node *map,
                                detail_buf *d)
{
    long i, k;
    int rc = pl__ref_actor(r, key, "positions", &i);
    if (rc)
        return rc;
    pl_scenario *s = r->s;
    char where[128];
    snprintf(where, sizeof where, "positions of '%s'", s->actors[i].id);
    if ((rc = pl_rd_map(&r->rd, map, where, "a mapping issue -> {position, salience}")))
        return rc;
    int cares = 0, e;
    for (size_t j = 0; j < map->len; j++) {
        if ((e = pl__ref_issue(r, pl_doc_map_key(map, j), where, &k)) == PL_OK)
            e = read_entry(r, pl_doc_map_value(map, j), (size_t)i, (size_t)k, d);
        if (pl_rd_stop(&r->rd, &rc, e))
            return rc;
        cares |= !e && s->sal[(size_t)i * s->n_issues + (size_t)k] > 0;
    }
    /* with an entry in error, its salience is unknown */
    if (!rc && map->len && !cares)
        return pl_rd_fail(&r->rd, key, "actor '%s' has salience 0 on every issue it lists; "
                          "expected a positive salience on at least one issue",
                          s->actors[i].id);
    return rc;
}

/* Checks over the whole table, once every entry is read. */
static int check_table(pl_reader *r, const pl_doc_node *map)
{
    pl_scenario *s = r->s;
    size_t at_table = 0;
    for (size_t i = 0; i < s->n_actors; i++) {
        if (!s->actors[i].at_table)
            continue;
        at_table++;
        int any = 0;
        for (size_t k = 0; k < s->n_issues && !any; k++)
            any = s->present[i * s->n_issues + k];
        if (!any)
            pl_rd_warn(&r->rd, r->actor_nodes[i], "actor '%s' is at the table but takes no "
                       "position on any issue; it is left out of every forecast",
                       s->actors[i].id);
    }
    if (at_table < 2)
        return pl_rd_fail(&r->rd, map, "%zu actor%s at the table (at_table: true); expected "
                          "at least 2 negotiating actors", at_table, at_table == 1 ? " is" : "s are");
    for (size_t k = 0; k < s->n_issues; k++) {
        double w = 0;
        for (size_t i = 0; i < s->n_actors; i++) {
            size_t at = i * s->n_issues + k;
            if (s->actors[i].at_table && s->present[at])
                w += s->actors[i].capability.value * s->sal[at];
        }
        if (!(w > 0))
            return pl_rd_fail(&r->rd, r->issue_nodes[k], "issue '%s' has no weight: no actor "
                              "at the table gives it a positive capability x salience; "
                              "expected at least one", s->issues[k].id);
    }
    return PL_OK;
}

int pl__read_positions(pl_reader *r, const pl_doc_node *map)
{
    pl_scenario *s = r->s;
    int rc = pl_rd_map(&r->rd, map, "positions", "a mapping actor -> issue -> "
                       "{position, salience}");
    if (rc)
        return rc;
    size_t cells = s->n_actors * s->n_issues;
    if (s->n_issues && cells / s->n_issues != s->n_actors)
        return pl__error_nomem(r->rd.err);
    s->pos = pl_arena_array(&s->arena, cells, sizeof *s->pos);
    s->sal = pl_arena_array(&s->arena, cells, sizeof *s->sal);
    s->present = pl_arena_array(&s->arena, cells, sizeof *s->present);
    s->detail = pl_arena_array(&s->arena, cells, sizeof *s->detail);
    s->values = pl_arena_array(&s->arena, cells, sizeof *s->values);
    if (!s->pos || !s->sal || !s->present || !s->detail || !s->values)
        return pl__error_nomem(r->rd.err);
    detail_buf d = {NULL, 0, 0};
    for (size_t j = 0; j < map->len; j++)
        if (pl_rd_stop(&r->rd, &rc, read_actor_positions(r, pl_doc_map_key(map, j),
                                                         pl_doc_map_value(map, j), &d)))
            break;
    if (!rc && d.n) {
        s->details = pl_arena_array(&s->arena, d.n, sizeof *s->details);
        if (!s->details)
            rc = pl__error_nomem(r->rd.err);
        else
            memcpy(s->details, d.v, d.n * sizeof *d.v);
        s->n_details = d.n;
    }
    free(d.v);
    /* the checks over the whole table need every actor, issue and entry read */
    return rc || r->rd.n_errors ? rc : check_table(r, map);
}
