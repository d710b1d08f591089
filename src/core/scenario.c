/* SPDX-License-Identifier: MIT */
/*
** scenario.c: accessors of the immutable scenario (see parley/scenario.h).
** Loading and validation live in src/scenario/reader.c and read_*.c.
*/
#include "scenario_impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

pl_value pl__value_exact(double v)
{
    pl_value x;
    memset(&x, 0, sizeof x);
    x.value = x.low = x.high = v;
    x.dist = PL_DIST_NONE;
    return x;
}

void pl_scenario_free(pl_scenario *s)
{
    if (!s)
        return;
    pl_arena a = s->arena;  /* s itself lives in its arena */
    pl_arena_free(&a);
}

const char *pl_scenario_name(const pl_scenario *s) { return s ? s->name : NULL; }
const char *pl_scenario_title(const pl_scenario *s) { return s ? s->title : NULL; }
const char *pl_scenario_description(const pl_scenario *s) { return s ? s->description : NULL; }
const char *pl_scenario_source(const pl_scenario *s) { return s ? s->source : NULL; }
size_t pl_scenario_n_actors(const pl_scenario *s) { return s ? s->n_actors : 0; }
size_t pl_scenario_n_issues(const pl_scenario *s) { return s ? s->n_issues : 0; }
size_t pl_scenario_n_bodies(const pl_scenario *s) { return s ? s->n_bodies : 0; }

const pl_actor *pl_scenario_actor(const pl_scenario *s, size_t i)
{
    return (s && i < s->n_actors) ? &s->actors[i] : NULL;
}

const pl_issue *pl_scenario_issue(const pl_scenario *s, size_t k)
{
    return (s && k < s->n_issues) ? &s->issues[k] : NULL;
}

const pl_body *pl_scenario_body(const pl_scenario *s, size_t b)
{
    return (s && b < s->n_bodies) ? &s->bodies[b] : NULL;
}

long pl_scenario_actor_index(const pl_scenario *s, const char *id)
{
    return s ? pl_idmap_get(&s->actor_ids, id) : -1;
}

long pl_scenario_issue_index(const pl_scenario *s, const char *id)
{
    return s ? pl_idmap_get(&s->issue_ids, id) : -1;
}

long pl_scenario_body_index(const pl_scenario *s, const char *id)
{
    return s ? pl_idmap_get(&s->body_ids, id) : -1;
}

int pl_scenario_position(const pl_scenario *s, size_t i, size_t k, double *pos, double *sal)
{
    if (!s || i >= s->n_actors || k >= s->n_issues)
        return PL_EMISUSE;
    size_t at = i * s->n_issues + k;
    if (!s->present[at])
        return 0;
    if (pos)
        *pos = s->pos[at];
    if (sal)
        *sal = s->sal[at];
    return 1;
}

int pl_scenario_position_value(const pl_scenario *s, size_t i, size_t k, pl_value *pos,
                               pl_value *sal)
{
    if (!s || i >= s->n_actors || k >= s->n_issues)
        return PL_EMISUSE;
    size_t at = i * s->n_issues + k;
    if (!s->present[at])
        return 0;
    const pl_pos_detail *d = s->detail[at] ? &s->details[s->detail[at] - 1] : NULL;
    if (pos)
        *pos = d ? d->pos : pl__value_exact(s->pos[at]);
    if (sal)
        *sal = d ? d->sal : pl__value_exact(s->sal[at]);
    return 1;
}

size_t pl_scenario_n_ratifiers(const pl_scenario *s, size_t i)
{
    return (s && i < s->n_actors) ? s->n_ratifiers[i] : 0;
}

long pl_scenario_ratifier(const pl_scenario *s, size_t i, size_t j)
{
    if (!s || i >= s->n_actors || j >= s->n_ratifiers[i])
        return -1;
    return s->ratifiers[i][j];
}

size_t pl_scenario_n_red_lines(const pl_scenario *s) { return s ? s->n_red_lines : 0; }

const char *pl_scenario_red_line(const pl_scenario *s, size_t j, size_t *actor, size_t *issue)
{
    if (!s || j >= s->n_red_lines)
        return NULL;
    if (actor)
        *actor = s->red_lines[j].actor;
    if (issue)
        *issue = s->red_lines[j].set.issue;
    return s->red_lines[j].set.text;
}

/* ---- actors ------------------------------------------------------------ */

const char *pl_actor_id(const pl_actor *a) { return a ? a->id : NULL; }
const char *pl_actor_name(const pl_actor *a) { return a ? a->name : NULL; }
const char *pl_actor_description(const pl_actor *a) { return a ? a->description : NULL; }
const pl_value *pl_actor_capability(const pl_actor *a) { return a ? &a->capability : NULL; }
const pl_value *pl_actor_risk(const pl_actor *a) { return (a && a->has_risk) ? &a->risk : NULL; }
int pl_actor_at_table(const pl_actor *a) { return a ? a->at_table : 0; }
const pl_value *pl_actor_no_deal(const pl_actor *a)
{
    return (a && a->has_no_deal) ? &a->no_deal : NULL;
}
double pl_actor_discount(const pl_actor *a) { return a ? a->discount.value : 1; }
unsigned pl_actor_roles(const pl_actor *a) { return a ? a->roles : 0u; }

const char *pl_role_name(unsigned role)
{
    static const char *const names[PL_ROLE_COUNT] = {
        "belligerent", "mediator", "guarantor", "ally", "observer", "constituency"};
    for (unsigned i = 0; i < PL_ROLE_COUNT; i++)
        if (role == 1u << i)
            return names[i];
    return NULL;
}

/* ---- issues ------------------------------------------------------------ */

const char *pl_issue_id(const pl_issue *x) { return x ? x->id : NULL; }
const char *pl_issue_name(const pl_issue *x) { return x ? x->name : NULL; }
const char *pl_issue_description(const pl_issue *x) { return x ? x->description : NULL; }
size_t pl_issue_n_anchors(const pl_issue *x) { return x ? x->n_anchors : 0; }

double pl_issue_anchor(const pl_issue *x, size_t j, const char **text)
{
    if (!x || j >= x->n_anchors) {
        if (text)
            *text = NULL;
        return 0.0;
    }
    if (text)
        *text = x->anchor_text[j];
    return x->anchor_at[j];
}

size_t pl_issue_nearest_anchor(const pl_issue *x, double v)
{
    size_t best = 0;
    if (!x)
        return 0;
    for (size_t j = 1; j < x->n_anchors; j++)
        if (fabs(x->anchor_at[j] - v) < fabs(x->anchor_at[best] - v))
            best = j;
    return best;
}

void pl__issue_point_words(const pl_issue *x, double v, char *buf, size_t size)
{
    const char *t;
    double at = pl_issue_anchor(x, pl_issue_nearest_anchor(x, v), &t);
    snprintf(buf, size, "%s%s", at == v ? "" : "near: ", t ? t : "");
}

const pl_value *pl_issue_status_quo(const pl_issue *x)
{
    return (x && x->has_status_quo) ? &x->status_quo : NULL;
}

const char *pl_dist_name(pl_dist d)
{
    static const char *const names[] = {"exact", "uniform", "triangular", "normal", "pert"};
    return (unsigned)d < sizeof names / sizeof *names ? names[d] : NULL;
}

const char *pl_scenario_text(const pl_scenario *s, size_t *len)
{
    if (len)
        *len = s ? s->text_len : 0;
    return s ? s->text : NULL;
}

int pl_scenario_has_durability(const pl_scenario *s) { return s && s->durability; }
int pl_scenario_has_staging(const pl_scenario *s) { return s && s->staging; }

size_t pl_scenario_n_variants(const pl_scenario *s) { return s ? s->n_variants : 0; }

const char *pl_scenario_variant(const pl_scenario *s, size_t i, const char **name,
                                const char **note, const char **source, size_t *n_changes)
{
    const pl_variant *v = s && i < s->n_variants ? &s->variants[i] : NULL;
    if (name)
        *name = v ? v->name : NULL;
    if (note)
        *note = v ? v->note : NULL;
    if (source)
        *source = v ? v->source : NULL;
    if (n_changes)
        *n_changes = v ? v->n_changes : 0;
    return v ? v->id : NULL;
}

const char *pl_scenario_applied_variant(const pl_scenario *s) { return s ? s->variant : NULL; }
size_t pl_scenario_n_changes(const pl_scenario *s) { return s ? s->n_changes : 0; }

const char *pl_scenario_change(const pl_scenario *s, size_t i)
{
    return s && i < s->n_changes ? s->changes[i] : NULL;
}

size_t pl_issue_n_options(const pl_issue *x) { return x ? x->n_options : 0; }
double pl_issue_step(const pl_issue *x) { return x ? x->step : 0; }

double pl_issue_option(const pl_issue *x, size_t j, const char **id, const char **name)
{
    if (!x || j >= x->n_options)
        return NAN;
    if (id)
        *id = x->option_id[j];
    if (name)
        *name = x->option_name[j];
    return x->option_at[j];
}

const double *pl_scenario_values(const pl_scenario *s, size_t i, size_t k)
{
    if (!s || i >= s->n_actors || k >= s->n_issues || !s->values)
        return NULL;
    return s->values[i * s->n_issues + k];
}

/* ---- bodies ------------------------------------------------------------ */

const char *pl_body_id(const pl_body *b) { return b ? b->id : NULL; }
const char *pl_body_name(const pl_body *b) { return b ? b->name : NULL; }
const char *pl_body_description(const pl_body *b) { return b ? b->description : NULL; }
size_t pl_body_n_members(const pl_body *b) { return b ? b->n_members : 0; }

long pl_body_member(const pl_body *b, size_t m)
{
    return (b && m < b->n_members) ? b->member[m] : -1;
}

const pl_value *pl_body_weight(const pl_body *b, size_t m)
{
    return (b && m < b->n_members) ? &b->weight[m] : NULL;
}

int pl_body_veto(const pl_body *b, size_t m)
{
    return (b && m < b->n_members) ? b->veto[m] : 0;
}

size_t pl_body_n_quotas(const pl_body *b) { return b ? b->n_quotas : 0; }

double pl_body_quota_threshold(const pl_body *b, size_t c, int *strict)
{
    if (!b || c >= b->n_quotas) {
        if (strict)
            *strict = 0;
        return 0.0;
    }
    if (strict)
        *strict = b->quotas[c].strict;
    return b->quotas[c].threshold;
}

double pl_body_quota_weight(const pl_body *b, size_t c, size_t m)
{
    if (!b || c >= b->n_quotas || m >= b->n_members)
        return 0.0;
    const pl_quota *q = &b->quotas[c];
    return q->weights ? q->weights[m] : b->weight[m].value;
}

const char *pl_body_quota_text(const pl_body *b, size_t c)
{
    return (b && c < b->n_quotas) ? b->quotas[c].text : NULL;
}

const pl_value *pl_body_noise(const pl_body *b)
{
    return (b && b->has_noise) ? &b->noise : NULL;
}

long pl_body_against(const pl_body *b) { return b ? b->against : -1; }

const pl_value *pl_issue_outcome(const pl_issue *x)
{
    return x && x->has_outcome ? &x->outcome : NULL;
}

const char *pl_issue_group(const pl_issue *x) { return x ? x->group : NULL; }

size_t pl_issue_n_deciders(const pl_issue *x) { return x ? x->n_deciders : 0; }

long pl_issue_decider(const pl_issue *x, size_t j)
{
    return x && j < x->n_deciders ? x->deciders[j] : -1;
}

size_t pl_body_n_rules(const pl_body *b) { return b ? b->n_rules : 0; }

size_t pl_body_quota_rule(const pl_body *b, size_t c)
{
    return b && c < b->n_quotas ? b->quotas[c].rule : 0;
}
