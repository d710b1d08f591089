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
#include "../core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void pl_durability_free(pl_durability *d)
{
    if (!d)
        return;
    free(d->MA), free(d->g), free(d->reg), free(d->hazard); /* MA's block holds MB and p */
    pl_commitment_clear(&d->plain);
    free(d);
}

/* A term's factor at outcome x: linear between its points, flat beyond them. */
static double factor_at(const pl_dterm *t, double x)
{
    if (x <= t->at[0])
        return t->factor[0].value;
    for (size_t j = 1; j < t->n; j++)
        if (x <= t->at[j]) {
            double w = (x - t->at[j - 1]) / (t->at[j] - t->at[j - 1]);
            return t->factor[j - 1].value + w * (t->factor[j].value - t->factor[j - 1].value);
        }
    return t->factor[t->n - 1].value;
}

/* When term j is fully in effect, in years: its issue's year when given, else its own. */
static double term_year(const pl_durability_spec *sp, size_t j, const double *issue_year)
{
    return issue_year ? issue_year[sp->terms[j].issue] : sp->terms[j].year;
}

/*
** Time in years (docs/models.md, "Time in years"). A term (or a guarantee)
** is fully in effect from its year y on; the shift of power it brings is
** spread evenly over the year before y, or over the time since the previous
** such year when that is shorter (so no two shifts overlap). With yearly
** periods this is "from period y on", the model before periods could be
** shorter; spreading the shift keeps its speed a fact about years, so a
** shorter period does not make the same shift more abrupt. Within a window
** A's chance of winning moves linearly from its value before to its value
** after (interpolating capabilities instead would bend the path through the
** contest function); the capabilities shown move linearly too.
*/
/* The last few contests asked (M_A, M_B, A's chance; NAN: none yet), oldest replaced first:
   a window asks the contests at both of its ends every period, and the paths with and
   without a guarantee share every contest before year 1. */
enum { PL__N_MEMO = 4 };
typedef struct contest_memo {
    double at[PL__N_MEMO][3];
    unsigned next;
} contest_memo;

typedef struct path_in {
    const pl_durability *d;
    const double *deal, *issue_year;
    const pl_dguarantee *g;     /* NULL: no guarantee; else it is in effect from year 1 */
    contest_memo *memo;
    struct {                    /* the last window's ends (ok: set): the same every period in it */
        double from, to, M0[2], M1[2], p0, p1;
        int ok;
    } win;
} path_in;

/* Capabilities once every shift complete by year z has happened (the yearly model). */
static void settled_state(const path_in *q, double z, double *M)
{
    const pl_durability_spec *sp = q->d->spec;
    M[0] = sp->capability[0].value, M[1] = sp->capability[1].value;
    for (size_t j = 0; j < sp->n_terms; j++)
        if (term_year(sp, j, q->issue_year) <= z + 1e-9)
            M[sp->terms[j].side] *= factor_at(&sp->terms[j], q->deal[sp->terms[j].issue]);
    if (q->g && z >= 1 - 1e-9)
        M[q->g->protects] += q->g->capability.value;
}

static void memo_init(contest_memo *m)
{
    for (size_t i = 0; i < PL__N_MEMO; i++)
        m->at[i][0] = m->at[i][1] = m->at[i][2] = NAN;
    m->next = 0;
}

/* A's chance at capabilities M. Between shifts the capabilities stay put and every period
   asks the same contest, so the last few are kept (the same inputs give the same number,
   so nothing changes but the pow calls saved). */
static double chance(const path_in *q, const double *M)
{
    const pl_durability_spec *sp = q->d->spec;
    contest_memo *m = q->memo;
    for (size_t i = 0; i < PL__N_MEMO; i++)  /* bit for bit: -0 is not 0 */
        if (!isnan(m->at[i][2]) && !memcmp(M, m->at[i], 2 * sizeof *M))
            return m->at[i][2];
    double *e = m->at[m->next];
    m->next = (m->next + 1) % PL__N_MEMO;
    e[0] = M[0], e[1] = M[1];
    e[2] = M[0] + M[1] > 0 ? pl_contest(M[0], M[1], sp->gamma) : 0.5;
    return e[2];
}

/* The window (*from, *to] of the shift under way at year x; 0 when none is. */
static int window(const path_in *q, double x, double *from, double *to)
{
    const pl_durability_spec *sp = q->d->spec;
    double y = q->g && x <= 1 + 1e-9 ? 1 : INFINITY, prev = 0;
    for (size_t j = 0; j < sp->n_terms; j++) {
        double yj = term_year(sp, j, q->issue_year);
        if (yj >= x - 1e-9 && yj < y)
            y = yj;
    }
    if (!isfinite(y) || y <= x + 1e-9)
        return 0;  /* no shift ahead, or x is a shift's own year: the settled state holds */
    for (size_t j = 0; j < sp->n_terms; j++) {
        double yj = term_year(sp, j, q->issue_year);
        prev = yj < y - 1e-9 && yj > prev ? yj : prev;
    }
    if (q->g && 1 < y - 1e-9 && 1 > prev)
        prev = 1;
    *from = prev > y - 1 ? prev : y - 1 > 0 ? y - 1 : 0;
    *to = y;
    return x > *from + 1e-9;
}

/* A's chance of winning at year x, and the capabilities shown (M). The states and chances
   at a window's ends are made once for all its periods (the same calls, the same numbers). */
static double chance_at(path_in *q, double x, double *M)
{
    double from, to;
    if (!window(q, x, &from, &to)) {
        settled_state(q, x, M);
        return chance(q, M);
    }
    if (!q->win.ok || q->win.from != from || q->win.to != to) {
        settled_state(q, from, q->win.M0);
        settled_state(q, to, q->win.M1);
        q->win.p0 = chance(q, q->win.M0), q->win.p1 = chance(q, q->win.M1);
        q->win.from = from, q->win.to = to, q->win.ok = 1;
    }
    const double *M0 = q->win.M0, *M1 = q->win.M1;
    double w = (x - from) / (to - from), p0 = q->win.p0, p1 = q->win.p1;
    M[0] = M0[0] + w * (M1[0] - M0[0]), M[1] = M0[1] + w * (M1[1] - M0[1]);
    return p0 + w * (p1 - p0);
}

/* Is every shift done by year x (each term's year and the guarantee's year 1 behind it)?
   Then chance_at gives the same capabilities and chance at x as at every later year: no
   window is open and the settled state counts every term. */
static int all_done(const path_in *q, double x)
{
    const pl_durability_spec *sp = q->d->spec;
    if (q->g && x <= 1 + 1e-9)
        return 0;
    for (size_t j = 0; j < sp->n_terms; j++)
        if (term_year(sp, j, q->issue_year) >= x - 1e-9)
            return 0;
    return 1;
}

/* A's chance per period into p, the capabilities into MA, MB (NULL: not wanted); once every
   shift is done, each later period repeats the last (all_done): the same numbers. */
static void path_of(path_in *q, double *p, double *MA, double *MB)
{
    const pl_durability *d = q->d;
    int done = 0;
    for (size_t t = 0; t < d->T1; t++) {
        double M[2], x = (double)t * d->spec->step;
        if (done) {
            p[t] = p[t - 1], M[0] = MA ? MA[t - 1] : 0, M[1] = MB ? MB[t - 1] : 0;
        } else {
            p[t] = chance_at(q, x, M);
            done = all_done(q, x);
        }
        if (MA)
            MA[t] = M[0], MB[t] = M[1];
    }
}

/* Capabilities and A's chance per period. */
static void power_path(pl_durability *d, const double *deal, const double *issue_year,
                       contest_memo *memo)
{
    path_in q = {d, deal, issue_year, NULL, memo};
    path_of(&q, d->p, d->MA, d->MB);
}

/* The discount factor of one period: the yearly one to the period's length in years. */
static double period_discount(const pl_durability_spec *sp)
{
    return sp->step == 1 ? sp->discount.value : pow(sp->discount.value, sp->step);
}

/* Values in pies per period summed over time -> pie-years, so they do not depend on the step. */
static void to_years(pl_commitment *c, double step)
{
    for (size_t t = 0; step != 1 && t < c->periods; t++) {
        c->war_a[t] *= step, c->war_b[t] *= step;
        c->peace_a[t] *= step, c->peace_b[t] *= step;
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
static int guarantee(pl_durability *d, size_t j, const double *deal, const double *issue_year,
                     const signed char *known, contest_memo *memo, double *helped, double *eff,
                     pl_error *err)
{
    const pl_durability_spec *sp = d->spec;
    const pl_dguarantee *gu = &sp->guarantees[j];
    pl__dguar *r = &d->g[j];
    int c = known && known[j] >= 0 ? known[j] : credible(d, gu, err);
    if (c < 0)
        return c;
    r->credible = c;
    r->provided = pl__guarantee_provided(gu, deal);
    r->counted = c && r->provided ? gu->probability.value : 0;
    path_in q = {d, deal, issue_year, gu, memo};
    path_of(&q, helped, NULL, NULL);
    for (size_t t = 0; t < d->T1; t++)
        eff[t] = t ? r->counted * helped[t] + (1 - r->counted) * d->p[t] : d->p[0];
    int fails_at = -1;
    int rc = pl__commitment_fails_at(d->T1, eff, period_discount(sp), sp->cost[0].value,
                                     sp->cost[1].value, &fails_at, err);
    if (rc)
        return rc;
    r->holds = fails_at < 0;
    return pl_min_guarantee_path(d->T1, d->p, helped, gu->protects == 0, period_discount(sp),
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
    if (pl_phasing(a_falls ? p0 : 1 - p0, a_falls ? pT : 1 - pT, period_discount(sp),
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
    if (!issue_period || !s || !s->durability)
        return pl__durability_compute_years(out, s, deal, NULL, err);
    double *year = malloc((s->n_issues ? s->n_issues : 1) * sizeof *year);
    if (!year)
        return pl__error_nomem(err);
    for (size_t k = 0; k < s->n_issues; k++)
        year[k] = (double)issue_period[k] * s->durability->step;
    int rc = pl__durability_compute_years(out, s, deal, year, err);
    free(year);
    return rc;
}

/* Periods from 0 until every term is in effect, at least the horizon's. */
static size_t path_length(const pl_durability_spec *sp, const double *issue_year)
{
    size_t T1 = sp->periods + 1;
    for (size_t j = 0; j < sp->n_terms; j++) {  /* a term late in a plan lengthens the path */
        size_t t = (size_t)ceil(term_year(sp, j, issue_year) / sp->step - 1e-9) + 1;
        T1 = t > T1 ? t : T1;
    }
    return T1;
}

int pl__durability_compute_years(pl_durability **out, const pl_scenario *s, const double *deal,
                                 const double *issue_year, pl_error *err)
{
    return pl__durability_compute_known(out, s, deal, issue_year, NULL, err);
}

int pl__durability_compute_known(pl_durability **out, const pl_scenario *s, const double *deal,
                                 const double *issue_year, const signed char *credible,
                                 pl_error *err)
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
    d->T1 = path_length(d->spec, issue_year);
    /* the three paths in one block, the guarantees' scratch on the stack for a path of a few
       years in months (a stress draw computes this every draw: five allocations fewer) */
    d->MA = pl__mallocarray(pl__mul(d->T1, 3), sizeof *d->MA);
    d->MB = d->MA ? d->MA + d->T1 : NULL;
    d->p = d->MA ? d->MA + 2 * d->T1 : NULL;
    d->g = calloc(d->spec->n_guarantees + 1, sizeof *d->g);
    double stack[2 * 256], *helped = d->T1 <= 256 ? stack
                                    : pl__mallocarray(d->T1, 2 * sizeof *helped);
    double *eff = helped ? helped + d->T1 : NULL;
    int rc = d->MA && d->g && helped ? PL_OK : pl__error_nomem(err);
    contest_memo memo;
    memo_init(&memo);
    if (!rc) {
        power_path(d, deal, issue_year, &memo);
        rc = pl_commitment_check(&d->plain, d->T1, d->p, period_discount(d->spec),
                                 d->spec->cost[0].value, d->spec->cost[1].value, err);
        to_years(&d->plain, d->spec->step);
    }
    for (size_t j = 0; !rc && j < d->spec->n_guarantees; j++)
        rc = guarantee(d, j, deal, issue_year, credible, &memo, helped, eff, err);
    if (helped != stack)
        free(helped);
    if (!rc)
        rc = pl__survival_compute(d, deal, err);
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
    return f < 0 ? tactical_gain
                 : (1 - pow(d->spec->discount.value, f * d->spec->step)) * tactical_gain;
}

