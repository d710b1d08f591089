/* SPDX-License-Identifier: MIT */
/*
** read_durability.c: the `durability` section: the two sides of a possible
** war, their war costs and military capability, how an agreement's outcome
** on an issue multiplies a side's capability (from a given period on), and
** third-party guarantees (MODELS.md sec. 10; docs/scenario-format.md).
*/
#include "reader.h"
#include "../core/fmt.h"
#include "../core/error_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const dur_keys[] = {"sides", "discount", "period", "periods", "gamma",
                                       "costs", "capability", "terms", "guarantees"};
static const char *const term_keys[] = {"issue", "side", "factor", "period", "source", "note"};
static const char *const guar_keys[] = {"body", "protects", "capability", "probability",
                                        "provided_by"};

/* An actor that must be one of the two sides; *side gets 0 or 1. */
static int side_of(pl_reader *r, const pl_durability_spec *d, const pl_doc_node *n,
                   const char *what, size_t *side)
{
    long a;
    int rc = pl__ref_actor(r, n, what, &a);
    if (rc)
        return rc;
    for (size_t i = 0; i < 2; i++)
        if (d->side[i] == (size_t)a) {
            *side = i;
            return PL_OK;
        }
    return pl_rd_fail(&r->rd, n, "%s names '%s', which is not a side; expected one of the "
                      "sides '%s' and '%s'", what, n->text, r->s->actors[d->side[0]].id,
                      r->s->actors[d->side[1]].id);
}

/* A mapping side -> number (both sides), e.g. costs: {RUS: 0.05, UKR: 0.1}. */
static int per_side(pl_reader *r, const pl_durability_spec *d, const pl_doc_node *map,
                    const char *what, double lo, double hi, pl_value *out)
{
    int rc = pl_rd_map(&r->rd, map, what, "a mapping side -> number, for both sides");
    int seen[2] = {0, 0};
    for (size_t j = 0; !rc && j < map->len; j++) {
        size_t i = 0;  /* set by side_of on success; gcc -O3 cannot see it */
        char w2[160];
        if ((rc = side_of(r, d, pl_doc_map_key(map, j), what, &i)))
            return rc;
        snprintf(w2, sizeof w2, "%s of '%s'", what, r->s->actors[d->side[i]].id);
        rc = pl_rd_value(&r->rd, pl_doc_map_value(map, j), w2, lo, hi, NULL, &out[i]);
        seen[i] = 1;
    }
    if (!rc && !(seen[0] && seen[1]))
        rc = pl_rd_fail(&r->rd, map, "%s has no value for '%s'; expected one for each side",
                        what, r->s->actors[d->side[seen[0] ? 1 : 0]].id);
    return rc;
}

/*
** factor: {outcome: multiplier, ...}, at least one point, multipliers in
** [0, 1e6], each a number or {value, low, high, source, note} (it inherits the
** term's source and note).
*/
static int read_factor(pl_reader *r, const pl_doc_node *map, pl_dterm *t, const char *where,
                       const pl_rd_prov *prov)
{
    char what[200];
    snprintf(what, sizeof what, "factor of %s", where);
    int rc = pl_rd_map(&r->rd, map, what, "a mapping issue outcome (0-100) -> capability "
                       "multiplier, like {0: 1, 100: 0.5}");
    if (rc)
        return rc;
    if (map->len == 0)
        return pl_rd_fail(&r->rd, map, "%s is empty; expected at least one point", what);
    t->n = map->len;
    t->at = pl_arena_array(&r->s->arena, map->len, sizeof *t->at);
    t->factor = pl_arena_array(&r->s->arena, map->len, sizeof *t->factor);
    if (!t->at || !t->factor)
        return pl__error_nomem(r->rd.err);
    for (size_t j = 0; j < map->len; j++) {
        const pl_doc_node *k = pl_doc_map_key(map, j);
        char w2[260];
        if ((rc = pl_rd_key_number(&r->rd, k, what, 0, 100, &t->at[j])))
            return rc;
        pl__snprintf(w2, sizeof w2, "%s at outcome %g", what, t->at[j]);
        const pl_doc_node *v = pl_doc_map_value(map, j);
        const pl_value *f = &t->factor[j];
        if ((rc = pl_rd_value(&r->rd, v, w2, -1e9, 1e9, prov, &t->factor[j])))
            return rc;
        if (!(f->low >= 0 && f->high <= 1e6))  /* a plain number's range is itself */
            return pl_rd_fail(&r->rd, v, "%s %s %g; expected a capability multiplier in [0, 1e6]",
                              w2, f->low == f->high ? "is" : "reaches",
                              f->low < 0 ? f->low : f->high);
        if (j && !(t->at[j] > t->at[j - 1]))
            return pl_rd_fail(&r->rd, k, "%s: point %g comes after %g; expected increasing "
                              "outcomes", what, t->at[j], t->at[j - 1]);
    }
    return PL_OK;
}

/* Entry j of a list: "KIND j of durability" into where; a mapping with known keys. */
static int list_entry(pl_reader *r, const pl_doc_node *n, const char *kind, size_t j,
                      const char *shape, const char *const *keys, size_t nkeys, char *where,
                      size_t size, int *broken)
{
    snprintf(where, size, "%s %zu of durability", kind, j + 1);
    int rc = pl_rd_map(&r->rd, n, where, shape);
    *broken = rc != PL_OK;
    return rc ? rc : pl_rd_keys(&r->rd, n, keys, nkeys, where);
}

/* "expected ..." for a span that must be a whole number of periods (the old words at 1 year). */
static void whole_expect(const pl_durability_spec *d, int unit_given, size_t lo, size_t hi,
                         const char *of, char *buf, size_t size)
{
    if (d->step == 1 && !unit_given)
        snprintf(buf, size, "a whole %s from %zu to %zu%s", of ? "period" : "number of periods",
                 lo, hi, of ? of : "");
    else
        pl__snprintf(buf, size, "a whole number of periods of %g years, from %zu to %zu "
                     "periods%s", d->step, lo, hi, of ? of : "");
}

/* A term's year: fully in effect from then on; default 1 year (whole periods, at most T). */
static int read_term_period(pl_reader *r, const pl_durability_spec *d, const pl_doc_node *n,
                            const char *where, pl_dterm *t)
{
    const pl_doc_node *v = pl_doc_map_get(n, "period");
    char what[160], expect[160];
    double y;
    size_t k = (size_t)ceil(1 / d->step - 1e-9);
    int unit;
    t->year = (double)(k < d->periods ? k : d->periods) * d->step;
    if (!v)
        return PL_OK;
    snprintf(what, sizeof what, "period of %s", where);
    int rc = pl__read_duration(r, v, what, &y, &unit);
    if (rc)
        return rc;
    if (pl__whole_periods(y, d->step, 1, (double)d->periods, &k)) {
        whole_expect(d, unit, 1, d->periods, " (periods of durability)", expect, sizeof expect);
        return pl_rd_fail(&r->rd, v, "%s is %g%s; expected %s", what, y,
                          d->step == 1 && !unit ? "" : " years", expect);
    }
    t->year = (double)k * d->step;
    return PL_OK;
}

static int read_term(pl_reader *r, pl_durability_spec *d, const pl_doc_node *n, size_t j)
{
    char where[64], what[160];
    int broken, rc = PL_OK, e;
    pl_dterm *t = &d->terms[j];
    pl_doc_node *v;
    long k;
    if (pl_rd_stop(&r->rd, &rc, list_entry(r, n, "term", j, "{issue, side, factor, period}",
                                           term_keys, sizeof term_keys / sizeof *term_keys,
                                           where, sizeof where, &broken)) || broken)
        return rc;
    if ((e = pl_rd_need(&r->rd, n, "issue", where, "an issue id", &v)) == PL_OK &&
        (e = pl__ref_issue(r, v, where, &k)) == PL_OK)
        t->issue = (size_t)k;
    if (pl_rd_stop(&r->rd, &rc, e))
        return rc;
    snprintf(what, sizeof what, "side of %s", where);
    if ((e = pl_rd_need(&r->rd, n, "side", where, "one of the two sides", &v)) == PL_OK)
        e = side_of(r, d, v, what, &t->side);
    if (pl_rd_stop(&r->rd, &rc, e))
        return rc;
    pl_rd_prov prov = {NULL, NULL};
    if (((v = pl_doc_map_get(n, "source")) &&
         pl_rd_stop(&r->rd, &rc, pl_rd_text(&r->rd, v, "source", &prov.source))) ||
        ((v = pl_doc_map_get(n, "note")) &&
         pl_rd_stop(&r->rd, &rc, pl_rd_text(&r->rd, v, "note", &prov.note))))
        return rc;
    if ((e = pl_rd_need(&r->rd, n, "factor", where, "{outcome: multiplier, ...}", &v)) == PL_OK)
        e = read_factor(r, v, t, where, &prov);
    if (pl_rd_stop(&r->rd, &rc, e))
        return rc;
    if ((r->rd.flags & PL_LOAD_REQUIRE_SOURCES) && !pl_doc_map_get(n, "source") &&
        !pl_doc_map_get(n, "note") &&
        pl_rd_stop(&r->rd, &rc, pl_rd_fail(&r->rd, n, "%s has no source or note; expected the "
                                           "sentence its factor rests on (source) or the "
                                           "reasoning (note)", where)))
        return rc;
    pl_rd_stop(&r->rd, &rc, read_term_period(r, d, n, where, t));
    return rc;
}

static int read_guarantee(pl_reader *r, pl_durability_spec *d, const pl_doc_node *n, size_t j)
{
    char where[64], what[160];
    int broken, rc = PL_OK, e;
    pl_dguarantee *g = &d->guarantees[j];
    pl_doc_node *v;
    if (pl_rd_stop(&r->rd, &rc, list_entry(r, n, "guarantee", j,
                                           "{body, protects, capability, probability}",
                                           guar_keys, sizeof guar_keys / sizeof *guar_keys,
                                           where, sizeof where, &broken)) || broken)
        return rc;
    if ((e = pl_rd_need(&r->rd, n, "body", where, "a body id", &v)) == PL_OK)
        e = pl__ref_body(r, v, where, &g->body);
    if (pl_rd_stop(&r->rd, &rc, e))
        return rc;
    snprintf(what, sizeof what, "protects of %s", where);
    if ((e = pl_rd_need(&r->rd, n, "protects", where, "one of the two sides", &v)) == PL_OK)
        e = side_of(r, d, v, what, &g->protects);
    if (pl_rd_stop(&r->rd, &rc, e))
        return rc;
    snprintf(what, sizeof what, "capability of %s", where);
    if ((e = pl_rd_need(&r->rd, n, "capability", where, "a number >= 0", &v)) == PL_OK)
        e = pl_rd_value(&r->rd, v, what, 0, 1e12, NULL, &g->capability);
    if (pl_rd_stop(&r->rd, &rc, e))
        return rc;
    snprintf(what, sizeof what, "probability of %s", where);
    if ((e = pl_rd_need(&r->rd, n, "probability", where, "a number in [0, 1]", &v)) == PL_OK)
        e = pl_rd_value(&r->rd, v, what, 0, 1, NULL, &g->probability);
    if (pl_rd_stop(&r->rd, &rc, e))
        return rc;
    snprintf(what, sizeof what, "provided_by of %s", where);
    if ((v = pl_doc_map_get(n, "provided_by")))
        pl_rd_stop(&r->rd, &rc, pl__read_optsets(r, v, what, &g->provided, &g->n_provided));
    return rc;
}

static int read_list(pl_reader *r, pl_durability_spec *d, const pl_doc_node *seq,
                     const char *what, int terms)
{
    int rc = pl_rd_seq(&r->rd, seq, what, terms ? "a list of {issue, side, factor}" :
                       "a list of {body, protects, capability, probability}");
    if (rc)
        return rc;
    void *arr = pl_arena_array(&r->s->arena, seq->len ? seq->len : 1,
                               terms ? sizeof(pl_dterm) : sizeof(pl_dguarantee));
    if (!arr)
        return pl__error_nomem(r->rd.err);
    if (terms)
        d->terms = arr, d->n_terms = seq->len;
    else
        d->guarantees = arr, d->n_guarantees = seq->len;
    for (size_t j = 0; j < seq->len; j++)
        if (pl_rd_stop(&r->rd, &rc, terms ? read_term(r, d, seq->items[j], j)
                                          : read_guarantee(r, d, seq->items[j], j)))
            break;
    return rc;
}

static int read_sides(pl_reader *r, pl_durability_spec *d, const pl_doc_node *map)
{
    pl_doc_node *v;
    int rc = pl_rd_need(&r->rd, map, "sides", "durability", "[A, B]: the two actors who "
                        "could go to war", &v);
    if (!rc)
        rc = pl_rd_seq(&r->rd, v, "sides of durability", "a list of two actor ids");
    if (!rc && v->len != 2)
        rc = pl_rd_fail(&r->rd, v, "sides of durability lists %zu actor%s; expected exactly 2 "
                        "different actors, like [RUS, UKR]", v->len, v->len == 1 ? "" : "s");
    for (size_t i = 0; !rc && i < 2; i++) {
        long a;
        if (!(rc = pl__ref_actor(r, v->items[i], "sides of durability", &a)))
            d->side[i] = (size_t)a;
    }
    if (!rc && d->side[0] == d->side[1])
        rc = pl_rd_fail(&r->rd, v->items[1], "sides of durability names '%s' twice; expected "
                        "two different actors", r->s->actors[d->side[0]].id);
    return rc;
}

static int read_discount(pl_reader *r, pl_durability_spec *d, const pl_doc_node *map)
{
    pl_doc_node *v;
    int rc = pl_rd_need(&r->rd, map, "discount", "durability", "a number in (0, 1)", &v);
    if (!rc)
        rc = pl_rd_value(&r->rd, v, "discount of durability", 0, 1, NULL, &d->discount);
    if (!rc && !(d->discount.low > 0 && d->discount.high < 1))
        rc = pl_rd_fail(&r->rd, v, "discount of durability reaches %g; expected a discount "
                        "factor strictly between 0 and 1 (%s)",
                        d->discount.low > 0 ? d->discount.high : d->discount.low,
                        d->discount.low > 0 ? "with 1 no war value is finite"
                                            : "with 0 the future would not count at all");
    return rc;
}

/* period: the length of one period (default 1 year), the computation's step. */
static int read_step(pl_reader *r, pl_durability_spec *d, const pl_doc_node *map)
{
    const pl_doc_node *v = pl_doc_map_get(map, "period");
    int unit;
    d->step = 1;
    if (!v)
        return PL_OK;
    double y;
    int rc = pl__read_duration(r, v, "period of durability", &y, &unit);
    if (!rc && !(y > 0 && y <= 100))
        rc = pl_rd_fail(&r->rd, v, "period of durability is %g years; expected a length in "
                        "(0, 100] years, like {years: 1} or {months: 6}", y);
    if (!rc)
        d->step = y;
    return rc;
}

/* periods (the horizon: default 10 years) and gamma (default 1). */
static int read_horizon(pl_reader *r, pl_durability_spec *d, const pl_doc_node *map)
{
    pl_doc_node *v;
    double x = 10;
    char expect[160];
    int rc = PL_OK, acc = PL_OK, unit = 0;
    size_t T = 0;
    d->periods = 1000, d->gamma = 1;  /* what the terms are checked against after an error */
    if (pl_rd_stop(&r->rd, &acc, read_step(r, d, map)))
        return acc;
    if ((v = pl_doc_map_get(map, "periods")) &&
        !(rc = pl__read_duration(r, v, "periods of durability", &x, &unit)) &&
        pl__whole_periods(x, d->step, 1, 1000, &T)) {
        whole_expect(d, unit, 1, 1000, NULL, expect, sizeof expect);
        rc = pl_rd_fail(&r->rd, v, "periods of durability is %g%s; expected %s", x,
                        d->step == 1 && !unit ? "" : " years", expect);
    }
    if (!v && pl__whole_periods(x, d->step, 1, 1000, &T))
        rc = pl_rd_fail(&r->rd, map, "the default horizon of 10 years is not a whole number "
                        "of periods of %g years; expected periods: {years: x} in steps of "
                        "the period", d->step);
    /* a bad count lets the terms' periods be checked against the largest allowed */
    d->periods = rc ? 1000 : T;
    d->gamma = 1;
    if (pl_rd_stop(&r->rd, &acc, rc))
        return acc;
    if ((v = pl_doc_map_get(map, "gamma")))
        pl_rd_stop(&r->rd, &acc, pl_rd_number(&r->rd, v, "gamma of durability", 0.01, 100,
                                              &d->gamma));
    return acc;
}

/* costs and capability: a number per side. */
static int read_per_side(pl_reader *r, pl_durability_spec *d, const pl_doc_node *map)
{
    pl_doc_node *v;
    int rc = PL_OK, e;
    if ((e = pl_rd_need(&r->rd, map, "costs", "durability", "{A: cost, B: cost}", &v)) == PL_OK)
        e = per_side(r, d, v, "costs of durability", 0, 1, d->cost);
    if (pl_rd_stop(&r->rd, &rc, e))
        return rc;
    if ((e = pl_rd_need(&r->rd, map, "capability", "durability",
                        "{A: capability, B: capability}", &v)) == PL_OK)
        e = per_side(r, d, v, "capability of durability", 0, 1e12, d->capability);
    if (!e && !(d->capability[0].value + d->capability[1].value > 0))
        e = pl_rd_fail(&r->rd, v, "capability of durability is 0 for both sides; expected a "
                       "positive capability for at least one");
    pl_rd_stop(&r->rd, &rc, e);
    return rc;
}

int pl__read_durability(pl_reader *r, const pl_doc_node *map)
{
    pl_durability_spec *d = pl_arena_alloc(&r->s->arena, sizeof *d);
    if (!d)
        return pl__error_nomem(r->rd.err);
    int rc = pl_rd_map(&r->rd, map, "durability", "a mapping with sides, discount, costs, "
                       "capability"), e;
    if (rc || pl_rd_stop(&r->rd, &rc, pl_rd_keys(&r->rd, map, dur_keys,
                                                 sizeof dur_keys / sizeof *dur_keys,
                                                 "durability")))
        return rc;
    if ((e = read_sides(r, d, map)) != PL_OK) {
        pl_rd_stop(&r->rd, &rc, e);
        return rc;  /* everything else is per side */
    }
    pl_doc_node *v;
    if (pl_rd_stop(&r->rd, &rc, read_discount(r, d, map)) ||
        pl_rd_stop(&r->rd, &rc, read_horizon(r, d, map)) ||
        pl_rd_stop(&r->rd, &rc, read_per_side(r, d, map)))
        return rc;
    if ((v = pl_doc_map_get(map, "terms")) &&
        pl_rd_stop(&r->rd, &rc, read_list(r, d, v, "terms of durability", 1)))
        return rc;
    if ((v = pl_doc_map_get(map, "guarantees")) &&
        pl_rd_stop(&r->rd, &rc, read_list(r, d, v, "guarantees of durability", 0)))
        return rc;
    if (!rc)
        r->s->durability = d;
    return rc;
}
