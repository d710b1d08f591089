/* SPDX-License-Identifier: MIT */
/*
** claims_impl.h: a claims file in memory (library-internal; read by
** src/scenario/read_claims.c, evaluated by src/claims/claims.c).
*/
#ifndef PL_CLAIMS_IMPL_H
#define PL_CLAIMS_IMPL_H

#include "parley/claims.h"
#include "parley/forecast.h"
#include "../core/arena.h"

typedef enum pl__claim_kind {
    PL__CAN_ACT,          /* body, actor (against), expect */
    PL__RATIFICATION,     /* x (proposal), below */
    PL__SELF_ENFORCING,   /* x, expect */
    PL__LEVERAGE,         /* actor, model, limit (largest forecast shift) */
    PL__ZONE,             /* issues, limit (most packages every party prefers) */
    PL__NO_WINNERS,       /* x: some party gains tactically, none strategically */
    PL__NOT_MODELLED,     /* why */
    PL__N_KINDS
} pl__claim_kind;

typedef struct pl__claim {
    const char *id, *claim, *source, *why;
    pl__claim_kind kind;
    long body, actor;
    int expect;
    double *x;            /* proposal: a scale point per issue, or NULL */
    double below, limit;
    pl_model model;
    size_t n_issues;
    size_t *issues;
} pl__claim;

struct pl_claims {
    pl_arena arena;
    size_t n;
    pl__claim *c;
};

extern const char *const pl__claim_kinds[PL__N_KINDS];

struct pl_settlement;
/* Set r's status, value and detail (printf). */
void pl__claim_say(pl_claim_result *r, pl_claim_status st, double v, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* The zone check (claims_zone.c): packages on c->issues every party prefers to the status quo. */
void pl__claim_zone(const struct pl_settlement *st, const struct pl_scenario *s,
                    const pl__claim *c, pl_claim_result *r);

#endif
