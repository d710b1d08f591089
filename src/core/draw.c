/* SPDX-License-Identifier: MIT */
/*
** draw.c: Monte Carlo copies of a scenario (DESIGN.md: "draws make perturbed
** copies, never mutate the original"). One walk visits every number that may
** carry a range, in a fixed order; the same walk lists the uncertain inputs,
** labels them and replaces them in a copy, so input j always means the same
** number. A copy owns only the arrays it changes and borrows the rest.
** The walk also visits plain numbers (positions without a detail entry,
** absolute quotas) through a temporary exact value, which draws skip; the
** break-even search (inputs.h) sets any of them.
*/
#include "scenario_impl.h"
#include "error_int.h"
#include "dist.h"
#include "inputs.h"
#include "fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A plain number as an exact value (no range: draws leave it alone). */
static pl_value exact(double x)
{
    pl_value v = {0};
    v.value = v.low = v.high = x;
    return v;
}

/* fn gets each value (and the dense array cell it feeds, if any) with a label in parts. */
typedef void (*visit_fn)(void *ctx, pl_value *v, double *mirror, const char *a, const char *b,
                         const char *c);

static void visit_actors(pl_scenario *s, visit_fn fn, void *ctx)
{
    for (size_t i = 0; i < s->n_actors; i++) {
        pl_actor *x = &s->actors[i];
        fn(ctx, &x->capability, NULL, x->id, "capability", NULL);
        if (x->has_risk)
            fn(ctx, &x->risk, NULL, x->id, "risk", NULL);
        if (x->has_no_deal)
            fn(ctx, &x->no_deal, NULL, x->id, "no_deal", NULL);
        fn(ctx, &x->discount, NULL, x->id, "discount", NULL);
        for (size_t k = 0; k < s->n_issues; k++) {
            size_t at = i * s->n_issues + k;
            if (!s->present[at])
                continue;
            pl_value p = exact(s->pos[at]), q = exact(s->sal[at]);
            pl_pos_detail *d = s->detail[at] ? &s->details[s->detail[at] - 1] : NULL;
            fn(ctx, d ? &d->pos : &p, &s->pos[at], x->id, s->issues[k].id, "position");
            fn(ctx, d ? &d->sal : &q, &s->sal[at], x->id, s->issues[k].id, "salience");
        }
    }
}

static void visit_durability(pl_scenario *s, visit_fn fn, void *ctx)
{
    pl_durability_spec *d = s->durability;
    if (!d)
        return;
    fn(ctx, &d->discount, NULL, "durability", "discount", NULL);
    for (int j = 0; j < 2; j++) {
        const char *side = s->actors[d->side[j]].id;
        fn(ctx, &d->capability[j], NULL, "durability", side, "capability");
        fn(ctx, &d->cost[j], NULL, "durability", side, "cost");
    }
    for (size_t g = 0; g < d->n_guarantees; g++) {
        const char *body = s->bodies[d->guarantees[g].body].id;
        fn(ctx, &d->guarantees[g].capability, NULL, "guarantee", body, "capability");
        fn(ctx, &d->guarantees[g].probability, NULL, "guarantee", body, "probability");
    }
}

/* After the no_deal section, so that the inputs before them keep their numbers (and the
   stores' run ids of scenarios without terms stay the same). */
static void visit_terms(pl_scenario *s, visit_fn fn, void *ctx, int labels)
{
    pl_durability_spec *d = s->durability;
    for (size_t j = 0; d && j < d->n_terms; j++) {
        const pl_dterm *t = &d->terms[j];
        for (size_t i = 0; i < t->n; i++) {
            char at[96] = "";
            if (labels) /* formatting a number costs more than a draw's copy: only to list */
                pl__snprintf(at, sizeof at, "%s %g (%s)", s->issues[t->issue].id, t->at[i],
                             s->actors[d->side[t->side]].id);
            fn(ctx, &t->factor[i], NULL, "durability", at, "factor");
        }
    }
}

/* Last but the terms in the walk, so that the inputs before it keep their numbers. */
static void visit_nodeal(pl_scenario *s, visit_fn fn, void *ctx)
{
    pl_nodeal_spec *nd = s->nodeal;
    if (!nd)
        return;
    fn(ctx, &nd->horizon, NULL, "no_deal", "horizon", NULL);
    fn(ctx, &nd->discount, NULL, "no_deal", "discount", NULL);
    for (size_t a = 0; a < s->n_actors; a++)
        if (nd->has_cost[a])
            fn(ctx, &nd->cost[a], NULL, "no_deal", s->actors[a].id, "conflict_cost");
    for (size_t k = 0; k < s->n_issues; k++)
        if (nd->has_drift[k])
            fn(ctx, &nd->drift[k], NULL, "no_deal", s->issues[k].id, "drift");
}

/* labels 0: fn ignores the labels (a draw), so those that must be formatted are left empty. */
static void visit(pl_scenario *s, visit_fn fn, void *ctx, int labels)
{
    visit_actors(s, fn, ctx);
    for (size_t k = 0; k < s->n_issues; k++)
        if (s->issues[k].has_status_quo)
            fn(ctx, &s->issues[k].status_quo, NULL, s->issues[k].id, "status_quo", NULL);
    for (size_t b = 0; b < s->n_bodies; b++) {
        pl_body *y = &s->bodies[b];
        for (size_t m = 0; m < y->n_members; m++)
            fn(ctx, &y->weight[m], NULL, y->id, s->actors[y->member[m]].id, "weight");
        for (size_t q = 0; q < y->n_quotas; q++) {
            pl_value t = exact(y->quotas[q].threshold);
            if (!y->quotas[q].share_den && !y->quotas[q].weights) /* "quota: 4", not a share */
                fn(ctx, &t, &y->quotas[q].threshold, y->id, "quota", NULL);
        }
        if (y->has_noise)
            fn(ctx, &y->noise, NULL, y->id, "noise", NULL);
    }
    visit_durability(s, fn, ctx);
    if (s->staging)
        fn(ctx, &s->staging->breakdown, NULL, "staging", "breakdown", NULL);
    for (size_t g = 0; g < s->n_regimes; g++)
        fn(ctx, &s->regimes[g].hazard, NULL, "regime", s->regimes[g].id, "hazard");
    visit_nodeal(s, fn, ctx);
    visit_terms(s, fn, ctx, labels);
}

/* ---- listing ------------------------------------------------------------ */

typedef struct lister {
    size_t n, want;          /* inputs seen; the one asked for */
    const pl_value *found;
    char *label;
    size_t cap;
} lister;

static void list_one(void *ctx, pl_value *v, double *mirror, const char *a, const char *b,
                     const char *c)
{
    lister *l = ctx;
    (void)mirror;
    if (v->dist == PL_DIST_NONE)
        return;
    if (l->n++ != l->want)
        return;
    l->found = v;
    if (l->label && l->cap)
        snprintf(l->label, l->cap, "%s %s%s%s", a, b, c ? " " : "", c ? c : "");
}

/* The walk is shared with drawing, which writes; list_one only reads. */
static void list(const pl_scenario *s, lister *l)
{
    union {
        const pl_scenario *c;
        pl_scenario *m;
    } u = {s};
    if (s)
        visit(u.m, list_one, l, 1);
}

size_t pl_scenario_n_uncertain(const pl_scenario *s)
{
    lister l = {0, (size_t)-1, NULL, NULL, 0};
    list(s, &l);
    return l.n;
}

const pl_value *pl_scenario_uncertain(const pl_scenario *s, size_t j, char *label, size_t cap)
{
    lister l = {0, j, NULL, label, cap};
    list(s, &l);
    return l.found;
}

/* ---- drawing ------------------------------------------------------------ */

typedef struct drawer {
    pl_rng rng;
    double *drawn;           /* the caller's record of each draw, or NULL */
    size_t n;
} drawer;

static void draw_one(void *ctx, pl_value *v, double *mirror, const char *a, const char *b,
                     const char *c)
{
    drawer *d = ctx;
    (void)a, (void)b;
    if (v->dist == PL_DIST_NONE)
        return;
    double x = pl__draw_value(&d->rng, v);
    if (c && strcmp(c, "weight") == 0) /* power indices take at most 6 decimals, exactly */
        x = nearbyint(x * 1e6) / 1e6;
    v->value = x;
    if (mirror)
        *mirror = x;
    if (d->drawn)
        d->drawn[d->n] = x;
    d->n++;
}

#define DUP(arena, p, n) dup_array(arena, (void **)&(p), (n), sizeof *(p))

static int dup_array(pl_arena *a, void **p, size_t n, size_t size)
{
    if (!*p || !n)
        return 0;
    void *q = pl_arena_memdup(a, *p, n, size);
    if (!q)
        return -1;
    *p = q;
    return 0;
}

/* Copy every array the walk writes to (and the quotas whose thresholds follow the weights). */
static int own_arrays(pl_scenario *c)
{
    pl_arena *a = &c->arena;
    size_t cells = c->n_actors * c->n_issues;
    if (DUP(a, c->actors, c->n_actors) || DUP(a, c->issues, c->n_issues) ||
        DUP(a, c->pos, cells) || DUP(a, c->sal, cells) ||
        DUP(a, c->details, c->n_details) || DUP(a, c->bodies, c->n_bodies))
        return -1;
    for (size_t b = 0; b < c->n_bodies; b++)
        if (DUP(a, c->bodies[b].weight, c->bodies[b].n_members) ||
            DUP(a, c->bodies[b].quotas, c->bodies[b].n_quotas))
            return -1;
    if (c->durability && (DUP(a, c->durability, 1) ||
                          DUP(a, c->durability->guarantees, c->durability->n_guarantees) ||
                          DUP(a, c->durability->terms, c->durability->n_terms)))
        return -1;
    for (size_t j = 0; c->durability && j < c->durability->n_terms; j++)
        if (DUP(a, c->durability->terms[j].factor, c->durability->terms[j].n))
            return -1;
    if (DUP(a, c->regimes, c->n_regimes) ||
        (c->nodeal && (DUP(a, c->nodeal, 1) || DUP(a, c->nodeal->cost, c->n_actors) ||
                       DUP(a, c->nodeal->drift, c->n_issues))))
        return -1;
    return c->staging ? DUP(a, c->staging, 1) : 0;
}

/* A quota written as a share of the total follows drawn weights (the reader resolved it). */
static void rescale_quotas(pl_scenario *c)
{
    for (size_t b = 0; b < c->n_bodies; b++) {
        pl_body *y = &c->bodies[b];
        double tot = 0;
        for (size_t m = 0; m < y->n_members; m++)
            tot += y->weight[m].value;
        for (size_t q = 0; q < y->n_quotas; q++)
            if (y->quotas[q].share_den > 0 && !y->quotas[q].weights)
                y->quotas[q].threshold =
                    tot * (double)y->quotas[q].share_num / (double)y->quotas[q].share_den;
    }
}

/* A copy of s that owns what the walk writes to, in spare's room (NULL: a new arena's);
   NULL (err set) when out of memory. */
static pl_scenario *copy_of(const pl_scenario *s, pl_arena *spare, pl_error *err)
{
    pl_arena a;
    pl_arena_init(&a);
    if (spare) /* taken over: spare is left empty */
        a = *spare, pl_arena_init(spare);
    pl_scenario *c = pl_arena_alloc(&a, sizeof *c);
    if (!c) {
        pl_arena_free(&a);
        pl__error_nomem(err);
        return NULL;
    }
    *c = *s;
    c->arena = a;
    if (own_arrays(c)) {
        pl_scenario_free(c);
        pl__error_nomem(err);
        return NULL;
    }
    return c;
}

int pl__scenario_draw_into(pl_scenario **out, const pl_scenario *s, uint64_t seed,
                           uint64_t stream, double *drawn, pl_arena *spare, pl_error *err)
{
    if (!out || !s)
        return pl__fail(err, PL_EMISUSE, "pl_scenario_draw: NULL argument");
    *out = NULL;
    pl_scenario *c = copy_of(s, spare, err);
    if (!c)
        return PL_ENOMEM;
    drawer d = {{{0}}, drawn, 0};
    pl__rng_seed(&d.rng, seed, stream);
    visit(c, draw_one, &d, 0);
    rescale_quotas(c);
    *out = c;
    return PL_OK;
}

int pl_scenario_draw(pl_scenario **out, const pl_scenario *s, uint64_t seed, uint64_t stream,
                     double *drawn, pl_error *err)
{
    return pl__scenario_draw_into(out, s, seed, stream, drawn, NULL, err);
}

void pl__scenario_recycle(pl_scenario *c, pl_arena *spare)
{
    if (!c)
        return;
    pl_arena a = c->arena; /* c itself lives in it */
    pl_arena_free(spare);
    *spare = a;
    pl_arena_reset(spare);
}

/* ---- one input at a time (inputs.h) ------------------------------------- */

typedef struct picker {
    size_t n, want;          /* inputs seen; the one asked for */
    pl__input *in;           /* fill it (listing), or ... */
    double set;              /* ... set the input to this (in->label unused) */
    int found;
    const pl_scenario *s;
} picker;

/* Total weight of body id (an absolute quota's natural domain ends there). */
static double body_total(const pl_scenario *s, const char *id)
{
    double t = 0;
    for (size_t b = 0; b < s->n_bodies; b++)
        for (size_t m = 0; strcmp(s->bodies[b].id, id) == 0 && m < s->bodies[b].n_members; m++)
            t += s->bodies[b].weight[m].value;
    return t;
}

/* The natural domain of an input without a range, by its kind (the reader's bounds). */
static void domain(const pl_scenario *s, const char *kind, const char *owner, pl__input *in)
{
    static const char *const unit[] = {"salience", "discount", "cost", "probability",
                                       "breakdown", "no_deal", "hazard"};
    double v = in->v.value;
    in->low = 0, in->high = fabs(v) > 0 ? 2 * fabs(v) : 1; /* capabilities, weights */
    if (!strcmp(kind, "position") || !strcmp(kind, "status_quo") || !strcmp(kind, "noise"))
        in->high = 100;
    else if (!strcmp(kind, "risk"))
        in->low = -1, in->high = 1;
    else if (!strcmp(kind, "quota"))
        in->high = body_total(s, owner);
    else if (!strcmp(kind, "drift"))  /* signed */
        in->low = -in->high;
    for (size_t i = 0; i < sizeof unit / sizeof *unit; i++)
        if (!strcmp(kind, unit[i]))
            in->high = 1;
}

/* Whose input the walk's labels (a, b, c) name: see visit() for each shape. */
static void owner(const pl_scenario *s, const char *a, const char *b, const char *c,
                  pl__input *in)
{
    snprintf(in->kind, sizeof in->kind, "%s", c ? c : b);
    in->durability = !strcmp(a, "durability") || !strcmp(a, "guarantee") || !strcmp(a, "regime");
    in->nodeal = !strcmp(a, "no_deal");
    in->actor = in->issue = in->body = -1;
    if (in->nodeal && !strcmp(in->kind, "conflict_cost"))
        in->actor = pl_scenario_actor_index(s, b);
    else if (in->nodeal)
        in->issue = c ? pl_scenario_issue_index(s, b) : -1;
    else if (!strcmp(in->kind, "position") || !strcmp(in->kind, "salience"))
        in->actor = pl_scenario_actor_index(s, a), in->issue = pl_scenario_issue_index(s, b);
    else if (!strcmp(in->kind, "weight"))
        in->body = pl_scenario_body_index(s, a), in->actor = pl_scenario_actor_index(s, b);
    else if (!strcmp(in->kind, "quota") || !strcmp(in->kind, "noise"))
        in->body = pl_scenario_body_index(s, a);
    else if (!strcmp(in->kind, "status_quo"))
        in->issue = pl_scenario_issue_index(s, a);
    else if (!strcmp(a, "guarantee"))
        in->body = pl_scenario_body_index(s, b);
    else if (!strcmp(a, "durability"))
        in->actor = c ? pl_scenario_actor_index(s, b) : -1;
    else if (strcmp(a, "staging") && strcmp(a, "regime"))
        in->actor = pl_scenario_actor_index(s, a);
}

static void pick_one(void *ctx, pl_value *v, double *mirror, const char *a, const char *b,
                     const char *c)
{
    picker *p = ctx;
    if (p->n++ != p->want)
        return;
    p->found = 1;
    if (!p->in) {
        double x = p->set;
        if (c && strcmp(c, "weight") == 0) /* as draws: power indices take 6 decimals */
            x = nearbyint(x * 1e6) / 1e6;
        v->value = x;
        if (mirror)
            *mirror = x;
        return;
    }
    pl__input *in = p->in;
    in->v = *v;
    snprintf(in->label, sizeof in->label, "%s %s%s%s", a, b, c ? " " : "", c ? c : "");
    owner(p->s, a, b, c, in);
    in->stated = v->dist != PL_DIST_NONE;
    if (in->stated)
        in->low = v->low, in->high = v->high;
    else
        domain(p->s, c ? c : b, a, in);
}

/* The walk over a const scenario, for pick_one's listing (which only reads). */
static size_t pick(const pl_scenario *s, picker *p)
{
    union {
        const pl_scenario *c;
        pl_scenario *m;
    } u = {s};
    if (s)
        visit(u.m, pick_one, p, 1);
    return p->n;
}

size_t pl__scenario_n_inputs(const pl_scenario *s)
{
    pl__input in;
    picker p = {0, (size_t)-1, &in, 0, 0, s};
    return pick(s, &p);
}

int pl__scenario_input(const pl_scenario *s, size_t j, pl__input *out)
{
    picker p = {0, j, out, 0, 0, s};
    pick(s, &p);
    return p.found ? 0 : -1;
}

int pl__scenario_with_input(pl_scenario **out, const pl_scenario *s, size_t j, double x,
                            pl_error *err)
{
    if (!out || !s)
        return pl__fail(err, PL_EMISUSE, "pl__scenario_with_input: NULL argument");
    *out = NULL;
    pl_scenario *c = copy_of(s, NULL, err);
    if (!c)
        return PL_ENOMEM;
    picker p = {0, j, NULL, x, 0, c};
    visit(c, pick_one, &p, 1);
    if (!p.found) {
        pl_scenario_free(c);
        return pl__fail(err, PL_EMISUSE, "pl__scenario_with_input: no input %zu", j);
    }
    rescale_quotas(c);
    *out = c;
    return PL_OK;
}
