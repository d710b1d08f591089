/* SPDX-License-Identifier: MIT */
/*
** claims_impl.h: a set of claims in memory (internal to src/claims/; the
** reader fills it through claims_build.h).
*/
#ifndef PL_CLAIMS_IMPL_H
#define PL_CLAIMS_IMPL_H

#include "claims_build.h"
#include "../core/arena.h"

/* A stored claim is its spec, texts and arrays copied into the set's arena. */
typedef pl__claim_spec pl__claim;

struct pl_claims {
    pl_arena arena;
    size_t n, cap;
    pl__claim *c;
};

struct pl_settlement;
/* Set r's status, value and detail (printf). */
void pl__claim_say(pl_claim_result *r, pl_claim_status st, double v, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* The claims i with want[i] on s, sharing one settlement (a probe of the break-even
   search: no other analysis runs); the others' results are left as they are. */
void pl__claims_evaluate_some(const pl_claims *c, const struct pl_scenario *s,
                              const unsigned char *want, pl_claim_result *res);
/* The zone check (claims_zone.c): packages on c->issues every party prefers to the status quo. */
void pl__claim_zone(const struct pl_settlement *st, const struct pl_scenario *s,
                    const pl__claim *c, pl_claim_result *r);

#endif
