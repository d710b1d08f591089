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

/* Regime r: the actor's value of the deal and of no deal, before and after the shock. */
typedef struct pl__dregime {
    double before, no_deal_before, value, no_deal;
    int defects;            /* value < no_deal: the shock ends the deal */
    double ends;            /* probability it ends the deal within the horizon */
} pl__dregime;

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
    pl__dregime *reg;          /* one per regime of the scenario */
    double *hazard;            /* per regime: h_r if it ends the deal, else 0 */
    double horizon, war_at;    /* years; war_at < 0: no commitment problem */
    double lifetime, by_war, survives;
};

/* The durability of deal with issue k's terms in effect from issue_year[k] (NULL: their own). */
/*
** Side A's chance of winning a war at period 0 and at period T, as the
** findings print them (two decimals), into before and after; 1 when the two
** read differently (else a finding says it "stays", not that it moves).
*/
int pl__durability_power_moves(const pl_durability *d, size_t T, char before[32], char after[32]);

int pl__durability_compute_years(pl_durability **out, const pl_scenario *s, const double *deal,
                                 const double *issue_year, pl_error *err);
/* The same with each guarantee's credibility known (credible[j] 0 or 1; -1 or NULL: count
   it): a Monte Carlo draw that leaves the guarantor body's game as it was reuses the
   baseline's verdict instead of computing the body's power indices again. */
int pl__durability_compute_known(pl_durability **out, const pl_scenario *s, const double *deal,
                                 const double *issue_year, const signed char *credible,
                                 pl_error *err);
/* pl_min_guarantee_path; sure = 0 walks the path at every step of the bisections (the check
   the sure ranges stand in for, kept to test them against). */
int pl__min_guarantee_path(size_t T1, const double *plain, const double *helped, int protect_a,
                           double delta, double cA, double cB, double *g, int *possible,
                           double *g_max, int sure, pl_error *err);
/* For tests: does the path hold at g for `which` (1 the protected side, 2 the other, 3
   both), decided from the sure ranges where they are sure (sure = 1) or by walking it? -1:
   out of memory. */
int pl__guarantee_holds(size_t T1, const double *plain, const double *helped, int protect_a,
                        double delta, double cA, double cB, double g, int which, int sure);
/* The regimes' verdicts and the deal's survival (durability_regimes.c); needs d->plain. */
/* pl_commitment_check's first failing period (-1: none) and errors, without its arrays. */
int pl__commitment_fails_at(size_t T1, const double *p, double delta, double cA, double cB,
                            int *fails_at, pl_error *err);
int pl__survival_compute(pl_durability *d, const double *deal, pl_error *err);
/* The survival part of the report, when the scenario has regimes. */
void pl__survival_emit(const pl_durability *d, struct pl_emitter *e);

#endif
