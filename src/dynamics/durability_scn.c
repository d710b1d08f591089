/* SPDX-License-Identifier: MIT */
/*
** durability_scn.c: the commitment check of a scenario's agreement
** (MODELS.md sec. 10): the power path the agreement's terms create, each side's
** value of war against the most a deal can credibly give it, the guarantees
** (counted only when their body can act against the side they restrain and
** the deal has the options that create them, provided_by), the
** smallest guarantee that would do, and phasing.
*/
#include "durability_impl.h"
#include "parley/power.h"
#include "../core/error_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void pl_durability_free(pl_durability *d)
{
    if (!d)
        return;
    free(d->MA), free(d->MB), free(d->p), free(d->g);
    pl_commitment_clear(&d->plain);
    free(d);
}

/* A term's factor at outcome x: linear between its points, flat beyond them. */
static double factor_at(const pl_dterm *t, double x)
{
    if (x <= t->at[0])
        return t->factor[0];
    for (size_t j = 1; j < t->n; j++)
        if (x <= t->at[j]) {
            double w = (x - t->at[j - 1]) / (t->at[j] - t->at[j - 1]);
            return t->factor[j - 1] + w * (t->factor[j] - t->factor[j - 1]);
        }
    return t->factor[t->n - 1];
}

/* When term j takes effect: its issue's period when given, else its own. */
static size_t term_period(const pl_durability_spec *sp, size_t j, const size_t *issue_period)
{
    return issue_period ? issue_period[sp->terms[j].issue] : sp->terms[j].period;
}

/* Capabilities and A's chance per period. */
static void power_path(pl_durability *d, const double *deal, const size_t *issue_period)
{
    const pl_durability_spec *sp = d->spec;
    for (size_t t = 0; t < d->T1; t++) {
        double M[2] = {sp->capability[0].value, sp->capability[1].value};
        for (size_t j = 0; j < sp->n_terms; j++)
            if (t >= term_period(sp, j, issue_period))
                M[sp->terms[j].side] *= factor_at(&sp->terms[j], deal[sp->terms[j].issue]);
        d->MA[t] = M[0];
        d->MB[t] = M[1];
        d->p[t] = M[0] + M[1] > 0 ? pl_contest(M[0], M[1], sp->gamma) : 0.5;
    }
}

/* Can guarantee j's body act against the side it restrains? */
static int credible(const pl_durability *d, const pl_dguarantee *gu, pl_error *err)
{
    pl_game *g = NULL;
    pl_power *pw = NULL;
    pl_credibility cr;
    size_t target = d->spec->side[1 - gu->protects];
    const pl_body *b = pl_scenario_body(d->s, (size_t)gu->body);
    long x = -1;
    for (size_t m = 0; m < pl_body_n_members(b); m++)
        if ((size_t)pl_body_member(b, m) == target)
            x = (long)m;
    int rc = pl_game_from_body(&g, d->s, (size_t)gu->body, err);
    if (!rc)
        rc = pl_power_compute(&pw, g, NULL, err);
    if (!rc)
        rc = pl_power_credibility(&cr, g, pw, x, err);
    pl_power_free(pw);
    pl_game_free(g);
    return rc ? rc : cr.can_act ? 1 : 0;
}

/* Guarantee j: counted probability, whether the deal holds, the minimum. */
static int guarantee(pl_durability *d, size_t j, const double *deal, double *helped,
                     double *eff, pl_error *err)
{
    const pl_durability_spec *sp = d->spec;
    const pl_dguarantee *gu = &sp->guarantees[j];
    pl__dguar *r = &d->g[j];
    int c = credible(d, gu, err);
    if (c < 0)
        return c;
    r->credible = c;
    r->provided = pl__guarantee_provided(gu, deal);
    r->counted = c && r->provided ? gu->probability.value : 0;
    for (size_t t = 0; t < d->T1; t++) {
        double MA = d->MA[t], MB = d->MB[t];
        if (t >= 1)
            *(gu->protects ? &MB : &MA) += gu->capability.value;
        helped[t] = pl_contest(MA, MB, sp->gamma);
        eff[t] = t ? r->counted * helped[t] + (1 - r->counted) * d->p[t] : d->p[0];
    }
    pl_commitment c2;
    int rc = pl_commitment_check(&c2, d->T1, eff, sp->discount.value, sp->cost[0].value,
                                 sp->cost[1].value, err);
    if (rc)
        return rc;
    r->holds = c2.fails_at < 0;
    pl_commitment_clear(&c2);
    return pl_min_guarantee_path(d->T1, d->p, helped, gu->protects == 0, sp->discount.value,
                                 sp->cost[0].value, sp->cost[1].value, &r->minimum, &r->possible,
                                 &r->maximum, err);
}

/* Periods needed to phase the shift from p_0 to p_T for the side that declines. */
static size_t phasing(const pl_durability *d)
{
    const pl_durability_spec *sp = d->spec;
    double p0 = d->p[0], pT = d->p[d->T1 - 1], path[1001];
    size_t steps = 0;
    int a_falls = pT < p0;
    if (pl_phasing(a_falls ? p0 : 1 - p0, a_falls ? pT : 1 - pT, sp->discount.value,
                   sp->cost[a_falls ? 0 : 1].value, 1000, path, &steps, NULL))
        return 0;
    return steps;
}

int pl_durability_compute(pl_durability **out, const pl_scenario *s, const double *deal,
                          pl_error *err)
{
    return pl_durability_compute_timed(out, s, deal, NULL, err);
}

int pl_durability_compute_timed(pl_durability **out, const pl_scenario *s, const double *deal,
                                const size_t *issue_period, pl_error *err)
{
    if (!out || !s || !deal)
        return pl__fail(err, PL_EMISUSE, "pl_durability_compute: NULL argument");
    *out = NULL;
    if (!s->durability)
        return pl__fail(err, PL_ENOTFOUND, "scenario '%s' has no durability section; expected "
                        "one (sides, discount, costs, capability, terms)", s->name);
    pl_durability *d = calloc(1, sizeof *d);
    if (!d)
        return pl__error_nomem(err);
    d->s = s;
    d->spec = s->durability;
    d->T1 = d->spec->periods + 1;
    for (size_t j = 0; j < d->spec->n_terms; j++)  /* a term late in a plan lengthens the path */
        if (term_period(d->spec, j, issue_period) + 1 > d->T1)
            d->T1 = term_period(d->spec, j, issue_period) + 1;
    d->MA = malloc(d->T1 * sizeof *d->MA);
    d->MB = malloc(d->T1 * sizeof *d->MB);
    d->p = malloc(d->T1 * sizeof *d->p);
    d->g = calloc(d->spec->n_guarantees + 1, sizeof *d->g);
    double *helped = malloc(d->T1 * sizeof *helped), *eff = malloc(d->T1 * sizeof *eff);
    int rc = d->MA && d->MB && d->p && d->g && helped && eff ? PL_OK : pl__error_nomem(err);
    if (!rc) {
        power_path(d, deal, issue_period);
        rc = pl_commitment_check(&d->plain, d->T1, d->p, d->spec->discount.value,
                                 d->spec->cost[0].value, d->spec->cost[1].value, err);
    }
    for (size_t j = 0; !rc && j < d->spec->n_guarantees; j++)
        rc = guarantee(d, j, deal, helped, eff, err);
    free(helped), free(eff);
    if (rc) {
        pl_durability_free(d);
        return rc;
    }
    d->has_range = pl_fearon_range(d->p[0], d->spec->cost[0].value, d->spec->cost[1].value,
                                   &d->lo, &d->hi, NULL) == PL_OK;
    d->phasing = d->plain.fails_at >= 0 ? phasing(d) : 0;
    *out = d;
    return PL_OK;
}

size_t pl_durability_periods(const pl_durability *d) { return d ? d->T1 : 0; }
double pl_durability_power(const pl_durability *d, size_t t)
{
    return d && t < d->T1 ? d->p[t] : NAN;
}

int pl_durability_fails_at(const pl_durability *d, int *side)
{
    if (side)
        *side = d ? d->plain.side : -1;
    return d ? d->plain.fails_at : -1;
}

size_t pl_durability_n_guarantees(const pl_durability *d)
{
    return d ? d->spec->n_guarantees : 0;
}

const char *pl_durability_side(const pl_durability *d, int side)
{
    if (!d || side < 0 || side > 1)
        return NULL;
    return pl_actor_id(pl_scenario_actor(d->s, d->spec->side[side]));
}

const char *pl_durability_guarantee_body(const pl_durability *d, size_t j)
{
    if (!d || j >= d->spec->n_guarantees)
        return NULL;
    return pl_body_id(pl_scenario_body(d->s, (size_t)d->spec->guarantees[j].body));
}

int pl_durability_guarantee(const pl_durability *d, size_t j, int *credible_out,
                            double *counted, int *holds, double *minimum, double *maximum)
{
    if (!d || j >= d->spec->n_guarantees)
        return PL_EMISUSE;
    const pl__dguar *r = &d->g[j];
    if (credible_out)
        *credible_out = r->credible;
    if (counted)
        *counted = r->counted;
    if (holds)
        *holds = r->holds;
    if (minimum)
        *minimum = r->possible ? r->minimum : NAN;
    if (maximum)
        *maximum = r->maximum;
    return PL_OK;
}

int pl_durability_guarantee_provided(const pl_durability *d, size_t j)
{
    return d && j < d->spec->n_guarantees ? d->g[j].provided : 0;
}

size_t pl_durability_phasing(const pl_durability *d) { return d ? d->phasing : 0; }

double pl_durability_strategic(const pl_durability *d, double tactical_gain)
{
    if (!d)
        return NAN;
    int f = d->plain.fails_at;
    return f < 0 ? tactical_gain : (1 - pow(d->spec->discount.value, f)) * tactical_gain;
}

