/* SPDX-License-Identifier: MIT */
/*
** read_nodeal.c: the `no_deal` section: what no agreement is worth over time
** (docs/models.md, "No deal over time"; docs/scenario-format.md). A horizon
** in years, a yearly discount, a cost of continued conflict per actor and
** year, and a drift of the status quo per issue and year. A drift must keep
** the status quo on its 0-100 scale over the whole horizon, and it needs the
** issue's status quo (where the path starts).
*/
#include "reader.h"
#include "../core/fmt.h"
#include "../core/error_int.h"

#include <stdio.h>
#include <string.h>

static const char *const nodeal_keys[] = {"horizon", "discount", "cost_unit", "costs", "drift"};

/* A required number in (lo, hi] (its whole range), under key of the section. */
static int read_bounded(pl_reader *r, const pl_doc_node *map, const char *key, double lo,
                        double hi, const char *expect, pl_value *out)
{
    pl_doc_node *v;
    char what[64];
    snprintf(what, sizeof what, "%s of no_deal", key);
    int rc = pl_rd_need(&r->rd, map, key, "no_deal", expect, &v);
    if (!rc)
        rc = pl_rd_value(&r->rd, v, what, lo, hi, NULL, out);
    if (!rc && !(out->low > lo && out->high <= hi))
        rc = pl_rd_fail(&r->rd, v, "%s %s %g; expected %s", what,
                        out->low == out->high ? "is" : "reaches",
                        out->low > lo ? out->high : out->low, expect);
    return rc;
}

static int read_unit(pl_reader *r, pl_nodeal_spec *nd, const pl_doc_node *map)
{
    const pl_doc_node *v = pl_doc_map_get(map, "cost_unit");
    char got[96];
    if (!v)
        return PL_OK;
    if (v->type == PL_DOC_SCALAR && !strcmp(v->text, "points"))
        return PL_OK;
    if (v->type == PL_DOC_SCALAR && !strcmp(v->text, "utility")) {
        nd->utility_unit = 1;
        return PL_OK;
    }
    return pl_rd_fail(&r->rd, v, "cost_unit of no_deal is %s; expected points (scale points, "
                      "the default) or utility", pl_rd_got(v, got, sizeof got));
}

/* costs: {ACTOR: cost per year}, at most 100 scale points (or utility). */
static int read_costs(pl_reader *r, pl_nodeal_spec *nd, const pl_doc_node *map)
{
    int rc = pl_rd_map(&r->rd, map, "costs of no_deal", "a mapping actor -> cost per year");
    int acc = PL_OK;
    for (size_t j = 0; rc == PL_OK && j < map->len; j++) {
        long a = -1;
        char what[160];
        int e = pl__ref_actor(r, pl_doc_map_key(map, j), "costs of no_deal", &a);
        if (!e && a >= 0) {  /* a key given twice is refused by the document reader */
            snprintf(what, sizeof what, "cost of '%s' in no_deal", r->s->actors[a].id);
            e = pl_rd_value(&r->rd, pl_doc_map_value(map, j), what, 0, 100, NULL, &nd->cost[a]);
            nd->has_cost[a] = 1;
        }
        if (pl_rd_stop(&r->rd, &acc, e))
            break;
    }
    return rc ? rc : acc;
}

/* An actor that values issue k by its options cannot follow a drift between them. */
static int drift_valued(pl_reader *r, const pl_doc_node *n, size_t k)
{
    const pl_scenario *s = r->s;
    for (size_t a = 0; s->values && a < s->n_actors; a++)
        if (s->values[a * s->n_issues + k])
            return pl_rd_fail(&r->rd, n, "drift of issue '%s' in no_deal: actor '%s' values the "
                              "issue by its options, which have no value between them; expected "
                              "no drift on an issue valued by options", s->issues[k].id,
                              s->actors[a].id);
    return PL_OK;
}

/* The path q + d t must stay on the scale for t in [0, H] at every end of d's range. */
static int drift_on_scale(pl_reader *r, const pl_nodeal_spec *nd, const pl_doc_node *n, size_t k)
{
    const pl_issue *x = &r->s->issues[k];
    const pl_value *d = &nd->drift[k];
    double H = nd->horizon.high, q = x->status_quo.value, ends[3] = {d->value, d->low, d->high};
    if (!x->has_status_quo)
        return pl_rd_fail(&r->rd, n, "drift of issue '%s' in no_deal has no status quo to start "
                          "from; expected a status_quo on the issue", x->id);
    for (int i = 0; i < 3; i++) {
        double end = q + ends[i] * H;
        if (end < 0 || end > 100)
            return pl_rd_fail(&r->rd, n, "drift of issue '%s' in no_deal %s %g a year, which "
                              "takes the status quo %g to %g in %g years; expected a path that "
                              "stays on the 0-100 scale over the horizon", x->id,
                              i ? "reaches" : "is", ends[i], q, end, H);
    }
    return d->value != 0 || d->low != 0 || d->high != 0 ? drift_valued(r, n, k) : PL_OK;
}

/* drift: {ISSUE: points per year}, signed. */
static int read_drift(pl_reader *r, pl_nodeal_spec *nd, const pl_doc_node *map)
{
    int rc = pl_rd_map(&r->rd, map, "drift of no_deal", "a mapping issue -> points per year");
    int acc = PL_OK;
    for (size_t j = 0; rc == PL_OK && j < map->len; j++) {
        long k = -1;
        char what[160];
        int e = pl__ref_issue(r, pl_doc_map_key(map, j), "drift of no_deal", &k);
        if (!e && k >= 0) {
            snprintf(what, sizeof what, "drift of '%s' in no_deal", r->s->issues[k].id);
            e = pl_rd_value(&r->rd, pl_doc_map_value(map, j), what, -100, 100, NULL,
                            &nd->drift[k]);
            nd->has_drift[k] = 1;
            if (!e)
                e = drift_on_scale(r, nd, pl_doc_map_value(map, j), (size_t)k);
        }
        if (pl_rd_stop(&r->rd, &acc, e))
            break;
    }
    return rc ? rc : acc;
}

/* Whose cost actor a bears: its own, else that of the first party (in actor order) one of
   whose ratifying bodies has a as a member and which has a cost. */
static long cost_from(const pl_scenario *s, const pl_nodeal_spec *nd, size_t a)
{
    if (nd->has_cost[a])
        return (long)a;
    for (size_t p = 0; p < s->n_actors; p++)
        for (size_t q = 0; nd->has_cost[p] && q < s->n_ratifiers[p]; q++) {
            const pl_body *b = &s->bodies[s->ratifiers[p][q]];
            for (size_t m = 0; m < b->n_members; m++)
                if (b->member[m] == (long)a)
                    return (long)p;
        }
    return -1;
}

int pl__read_nodeal(pl_reader *r, const pl_doc_node *map)
{
    pl_scenario *s = r->s;
    pl_nodeal_spec *nd = pl_arena_alloc(&s->arena, sizeof *nd);
    int rc = nd ? pl_rd_map(&r->rd, map, "no_deal", "a mapping with horizon, discount, costs, "
                            "drift") : pl__error_nomem(r->rd.err);
    if (rc || pl_rd_stop(&r->rd, &rc, pl_rd_keys(&r->rd, map, nodeal_keys,
                                                 sizeof nodeal_keys / sizeof *nodeal_keys,
                                                 "no_deal")))
        return rc;
    memset(nd, 0, sizeof *nd);
    size_t na = s->n_actors ? s->n_actors : 1, ni = s->n_issues ? s->n_issues : 1;
    nd->cost = pl_arena_array(&s->arena, na, sizeof *nd->cost);
    nd->has_cost = pl_arena_array(&s->arena, na, 1);
    nd->cost_from = pl_arena_array(&s->arena, na, sizeof *nd->cost_from);
    nd->drift = pl_arena_array(&s->arena, ni, sizeof *nd->drift);
    nd->has_drift = pl_arena_array(&s->arena, ni, 1);
    if (!nd->cost || !nd->has_cost || !nd->cost_from || !nd->drift || !nd->has_drift)
        return pl__error_nomem(r->rd.err);
    const pl_doc_node *v;
    if (pl_rd_stop(&r->rd, &rc, read_bounded(r, map, "horizon", 0, 1000, "a number of years "
                                             "in (0, 1000]", &nd->horizon)) ||
        pl_rd_stop(&r->rd, &rc, read_bounded(r, map, "discount", 0, 1, "a yearly discount "
                                             "factor in (0, 1]", &nd->discount)) ||
        pl_rd_stop(&r->rd, &rc, read_unit(r, nd, map)))
        return rc;
    if ((v = pl_doc_map_get(map, "costs")) && pl_rd_stop(&r->rd, &rc, read_costs(r, nd, v)))
        return rc;
    if ((v = pl_doc_map_get(map, "drift")) && pl_rd_stop(&r->rd, &rc, read_drift(r, nd, v)))
        return rc;
    for (size_t a = 0; a < s->n_actors; a++)
        nd->cost_from[a] = cost_from(s, nd, a);
    if (!rc)
        s->nodeal = nd;
    return rc;
}
