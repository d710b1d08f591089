/* SPDX-License-Identifier: MIT */
/*
** optset.c: membership in a set of an issue's outcomes, the one test behind
** red lines (settle) and the packages that provide a guarantee (durability).
** Points are compared exactly: a listed point is copied from the option or
** anchor it names, and settle places its options at those same numbers.
*/
#include "scenario_impl.h"

int pl__optset_has(const pl_optset *set, double x)
{
    switch (set->op) {
    case PL_OPSET_LT: return x < set->value;
    case PL_OPSET_LE: return x <= set->value;
    case PL_OPSET_GT: return x > set->value;
    case PL_OPSET_GE: return x >= set->value;
    case PL_OPSET_EQ: return x == set->value;
    case PL_OPSET_NE: return x != set->value;
    case PL_OPSET_LIST: break;
    }
    for (size_t j = 0; j < set->n; j++)
        if (set->at[j] == x)
            return 1;
    return 0;
}

int pl__guarantee_provided(const pl_dguarantee *g, const double *deal)
{
    for (size_t j = 0; j < g->n_provided; j++)
        if (!pl__optset_has(&g->provided[j], deal[g->provided[j].issue]))
            return 0;
    return 1;
}
