/* SPDX-License-Identifier: MIT */
/*
** durability_impl.h: the layout behind pl_durability, shared by
** durability_scn.c (the analysis) and durability_emit.c (the report).
*/
#ifndef PL_DURABILITY_IMPL_H
#define PL_DURABILITY_IMPL_H

#include "parley/dynamics.h"
#include "../core/scenario_impl.h"

typedef struct pl__dguar {
    int credible, holds, possible;
    int provided;             /* the deal has the options that create it (provided_by) */
    double counted, minimum, maximum;
} pl__dguar;

struct pl_durability {
    const pl_scenario *s;
    const pl_durability_spec *spec;
    size_t T1;
    double *MA, *MB, *p;      /* per period */
    pl_commitment plain;
    double lo, hi;            /* Fearon's range at p_0, when both costs are > 0 */
    int has_range;
    pl__dguar *g;
    size_t phasing;
};

#endif
