/* SPDX-License-Identifier: MIT */
/*
** scenario_impl.h: the layout behind the opaque pl_scenario (library-internal).
** Everything hangs off one arena, so pl_scenario_free() is a single release.
*/
#ifndef PL_SCENARIO_IMPL_H
#define PL_SCENARIO_IMPL_H

#include <stdint.h>
#include "parley/scenario.h"
#include "arena.h"
#include "idmap.h"

struct pl_actor {
    const char *id, *name, *description;
    pl_value capability;
    pl_value risk;
    int has_risk;
    pl_value no_deal;           /* utility of no agreement on settle's scale, [0, 1] */
    int has_no_deal;
    pl_value discount;          /* per-period discount factor, (0, 1]; 1 when not given */
    int at_table;
    unsigned roles;
};

struct pl_issue {
    const char *id, *name, *description;
    size_t n_anchors;
    double *anchor_at;          /* increasing; first 0, last 100 */
    const char **anchor_text;
    pl_value status_quo;
    int has_status_quo;
    pl_value outcome;           /* the recorded outcome, for forecast evaluation */
    int has_outcome;
    const char *group;          /* e.g. the proposal the issue belongs to; NULL if none */
    size_t n_options;           /* named discrete options; 0: none declared */
    const char **option_id, **option_name;
    double *option_at;          /* where each option lies on the 0-100 scale */
    pl_idmap option_ids;        /* option id -> index */
    double step;                /* grid step for settlement; 0: not declared */
};

typedef struct pl_quota {
    double threshold;           /* absolute, in the condition's weights */
    int strict;                 /* 1: sum must exceed threshold */
    double *weights;            /* per member; NULL = the body's weights */
    const char *text;           /* as written, for display */
    int64_t share_num, share_den; /* a share num/den of the total, exactly; den 0: absolute */
    size_t rule;                /* 0: the `quota` rule; k: alternative k */
} pl_quota;

struct pl_body {
    const char *id, *name, *description;
    size_t n_members;
    long *member;               /* actor indices */
    pl_value *weight;
    unsigned char *veto;
    size_t n_quotas, n_rules;
    pl_quota *quotas;           /* in rule order */
    pl_value noise;
    int has_noise;
    long against;               /* actor the body's decisions are meant to restrain, or -1 */
};

/* Provenance and ranges of one position entry; only stored when present. */
typedef struct pl_pos_detail {
    pl_value pos, sal;
} pl_pos_detail;

struct pl_scenario {
    pl_arena arena;
    const char *name, *title, *description, *source;
    const char *file;           /* the name it was loaded under, for error positions */
    const char *text;           /* the text it was loaded from (run store, run ids) */
    size_t text_len;
    size_t n_actors, n_issues, n_bodies;
    pl_actor *actors;
    pl_issue *issues;
    pl_body *bodies;
    pl_idmap actor_ids, issue_ids, body_ids;
    /* positions: dense n_actors x n_issues, row = actor */
    double *pos, *sal;
    unsigned char *present;
    uint32_t *detail;           /* 1-based index into details; 0 = plain numbers */
    pl_pos_detail *details;
    size_t n_details, cap_details;
    double **values;            /* per cell: explicit per-option values, or NULL */
    size_t *n_ratifiers;        /* per actor */
    long **ratifiers;           /* per actor: body indices */
    struct pl_durability_spec *durability;  /* NULL when the scenario has no durability section */
    struct pl_staging_spec *staging;        /* NULL when it has no staging section */
    struct pl_nodeal_spec *nodeal;          /* NULL when it has no no_deal section */
};

/* The durability section: how an agreement's terms move military power. */
typedef struct pl_dterm {
    size_t issue, side;         /* side: 0 = A, 1 = B */
    size_t n;                   /* points of the factor curve, increasing */
    double *at, *factor;        /* capability multiplier at each issue outcome */
    size_t period;              /* takes effect from this period (>= 1) */
} pl_dterm;

typedef struct pl_dguarantee {
    long body;                  /* the guarantor body */
    size_t protects;            /* 0 = A, 1 = B */
    pl_value capability;        /* what it adds to the protected side */
    pl_value probability;       /* chance it intervenes, if it can act at all */
} pl_dguarantee;

typedef struct pl_durability_spec {
    size_t side[2];             /* actors A and B */
    pl_value discount, cost[2], capability[2];
    double gamma;
    size_t periods;             /* horizon T */
    size_t n_terms, n_guarantees;
    pl_dterm *terms;
    pl_dguarantee *guarantees;
} pl_durability_spec;

/* The staging section: plans that settle the issues in stages. */
typedef struct pl_stage {
    const char *id;
    size_t n_issues;
    size_t *issues;
    size_t periods;             /* how long its talks take */
    size_t n_after;
    size_t *after;              /* stages (indices in the plan) that must come first */
} pl_stage;

typedef struct pl_plan {
    const char *id, *name;
    size_t n_stages;
    pl_stage *stages;
    size_t *order;              /* stage indices in the order they are taken */
} pl_plan;

typedef struct pl_staging_spec {
    pl_value breakdown;         /* per period of talks */
    size_t n_plans;
    pl_plan *plans;
} pl_staging_spec;

/* A value with no range and no provenance. */
pl_value pl__value_exact(double v);

/*
** The no_deal section: what no agreement is worth over time (docs/models.md,
** "No deal over time"): a cost of continued conflict per actor and year, a
** drift of the status quo per issue and year, over a horizon, discounted.
*/
typedef struct pl_nodeal_spec {
    pl_value horizon;           /* years, > 0 */
    pl_value discount;          /* per year, (0, 1] */
    int utility_unit;           /* 1: costs in utility; 0: in scale points */
    pl_value *cost;             /* per actor: its own cost per year (when has_cost) */
    unsigned char *has_cost;
    long *cost_from;            /* per actor: whose cost applies to it (itself, else the
                                   party one of its bodies ratifies for); -1: none */
    pl_value *drift;            /* per issue: points per year (when has_drift) */
    unsigned char *has_drift;
} pl_nodeal_spec;

#endif
