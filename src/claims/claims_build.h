/* SPDX-License-Identifier: MIT */
/*
** claims_build.h: the one interface between the claims reader
** (src/scenario/read_claims.c) and the claims part: the reader turns each
** claim of a file into a plain spec, with every reference already resolved
** against the scenario, and pl__claims_add copies it in.
**
** Why a spec: the reader should not know how claims are stored (their arena,
** their array) and the claims part should not know the file format, so the
** spec below is all the two share. Why not public: the claims file
** (docs/claims-format.md) is the public way in, and a binding reads it with
** pl_claims_load_buffer; the kinds and their fields still change with the
** format, and an internal header keeps that change in two files.
*/
#ifndef PL_CLAIMS_BUILD_H
#define PL_CLAIMS_BUILD_H

#include <stddef.h>
#include "parley/claims.h"
#include "parley/forecast.h"

typedef enum pl__claim_kind {
    PL__CAN_ACT,          /* body, actor (against), expect */
    PL__RATIFICATION,     /* x (proposal), below or above */
    PL__SELF_ENFORCING,   /* x, expect */
    PL__LEVERAGE,         /* actor, model, limit (largest forecast shift) */
    PL__ZONE,             /* issues, limit (most packages every party prefers) */
    PL__NO_WINNERS,       /* x: some party gains tactically, none strategically */
    PL__NOT_MODELLED,     /* why */
    PL__N_KINDS
} pl__claim_kind;

/* The kinds' names in claims files ("can_act", ...), by pl__claim_kind. */
extern const char *const pl__claim_kinds[PL__N_KINDS];

/* One claim; only the fields of its kind (above) matter. */
typedef struct pl__claim_spec {
    const char *id, *claim;
    const char *source, *why;   /* NULL: none */
    pl__claim_kind kind;
    long body, actor;           /* scenario body and actor indices */
    int expect;
    const double *x;            /* a proposal: n_x scale points, one per scenario issue */
    const char *package_from;   /* NULL: x is the claims file's; else the proposal (its name)
                                   that replaced it (pl_claims_use_proposal) */
    size_t n_x;
    double below, limit;
    int above;                  /* ratification: the claim is p > below (written `above`) */
    pl_model model;
    size_t n_issues;
    const size_t *issues;       /* scenario issue indices */
} pl__claim_spec;

/* An empty set with room for `capacity` claims. */
int pl__claims_new(pl_claims **out, size_t capacity, pl_error *err);
/* Append a copy of *sp (its texts and arrays too); PL_EMISUSE when full. */
int pl__claims_add(pl_claims *c, const pl__claim_spec *sp, pl_error *err);

#endif
