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
    size_t n_deciders;          /* bodies that must approve a change (decided_by) */
    long *deciders;             /* their body indices */
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

/*
** A set of one issue's outcomes (a red line, the options that provide a
** guarantee): a comparison with a scale point ("< 50"), or a list of scale
** points (named options or worded anchors). docs/scenario-format.md.
*/
typedef enum pl_optset_op {
    PL_OPSET_LT, PL_OPSET_LE, PL_OPSET_GT, PL_OPSET_GE, PL_OPSET_EQ, PL_OPSET_NE, PL_OPSET_LIST
} pl_optset_op;

typedef struct pl_optset {
    size_t issue;
    pl_optset_op op;
    double value;               /* comparisons */
    size_t n;                   /* PL_OPSET_LIST: the points */
    double *at;
    const char *text;           /* as written, for messages: "< 50", "[a, b]" */
} pl_optset;

/* 1 if scale point x of the set's issue is in the set (core/optset.c). */
int pl__optset_has(const pl_optset *set, double x);

/* Outcomes an actor will not accept at any price. */
typedef struct pl_red_line {
    size_t actor;
    pl_optset set;
} pl_red_line;
/* A named set of changes the scenario declares (variants:). */
typedef struct pl_variant {
    const char *id, *name, *note, *source;
    size_t n_changes;
} pl_variant;

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
    size_t n_regimes;
    struct pl_regime *regimes;              /* shocks that replace an actor's preferences */
    size_t n_red_lines;
    pl_red_line *red_lines;     /* in file order */
    size_t n_variants;
    pl_variant *variants;
    const char *variant;        /* the variant applied when loading, or NULL */
    size_t n_changes;
    const char **changes;       /* the changes applied after it, "PATH=VALUE" as given */
    struct pl_nodeal_spec *nodeal;          /* NULL when it has no no_deal section */
};

/* The durability section: how an agreement's terms move military power. */
typedef struct pl_dterm {
    size_t issue, side;         /* side: 0 = A, 1 = B */
    size_t n;                   /* points of the factor curve, increasing */
    double *at;                 /* issue outcomes, increasing */
    pl_value *factor;           /* capability multiplier at each (a range: stress varies it) */
    double year;                /* fully in effect from this year on (a whole number of
                                   periods); phased in over the year before (durability_scn.c) */
} pl_dterm;

typedef struct pl_dguarantee {
    long body;                  /* the guarantor body */
    size_t protects;            /* 0 = A, 1 = B */
    pl_value capability;        /* what it adds to the protected side */
    pl_value probability;       /* chance it intervenes, if it can act at all */
    size_t n_provided;          /* 0: every package provides it */
    pl_optset *provided;        /* provided when the package is in every one of these */
} pl_dguarantee;

/* 1 if the deal (a scale point per issue) provides guarantee g. */
int pl__guarantee_provided(const pl_dguarantee *g, const double *deal);

typedef struct pl_durability_spec {
    size_t side[2];             /* actors A and B */
    pl_value discount, cost[2], capability[2];
    double gamma;
    double step;                /* years per period: the discretisation only (default 1) */
    size_t periods;             /* horizon T in periods (T * step years) */
    size_t n_terms, n_guarantees;
    pl_dterm *terms;
    pl_dguarantee *guarantees;
} pl_durability_spec;

/* The staging section: plans that settle the issues in stages. */
typedef struct pl_stage {
    const char *id;
    size_t n_issues;
    size_t *issues;
    double years;               /* how long its talks take */
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
    pl_value breakdown;         /* per year of talks */
    size_t n_plans;
    pl_plan *plans;
} pl_staging_spec;

/*
** A regime: with a yearly hazard, an actor's positions and saliences are
** replaced (e.g. a new government hostile to the deal). Issues the regime
** does not name keep the actor's own (has[k] = 0).
*/
typedef struct pl_regime {
    const char *id, *note, *source;
    size_t actor;
    pl_value hazard;            /* probability per year, [0, 1] */
    unsigned char *has;         /* per issue: the regime sets position and salience */
    double *pos, *sal;          /* per issue */
} pl_regime;

/* A value with no range and no provenance. */
pl_value pl__value_exact(double v);

/*
** Scale point v of issue x in words, into buf: the nearest worded anchor's
** words, "near: " before them when v is not that anchor's point.
*/
void pl__issue_point_words(const pl_issue *x, double v, char *buf, size_t size);

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

/*
** pl_scenario_draw over the memory of an earlier copy: *spare holds what
** pl__scenario_recycle gave back (or nothing: pl_arena_init), and is left empty. A run of
** many draws keeps one arena block instead of a malloc and a free of it a draw.
*/
int pl__scenario_draw_into(pl_scenario **out, const pl_scenario *s, uint64_t seed,
                           uint64_t stream, double *drawn, pl_arena *spare, pl_error *err);
/* Free a copy from pl_scenario_draw (or _into) but keep its arena's room in *spare (emptied
   first) for the next draw; pl_arena_free(spare) once the draws are done. c may be NULL. */
void pl__scenario_recycle(pl_scenario *c, pl_arena *spare);

#endif
