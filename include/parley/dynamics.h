/* SPDX-License-Identifier: MIT */
/*
** dynamics.h: bargaining over time and the durability of agreements
** (MODELS.md sections 9 and 10).
**
** Alternating offers: Rubinstein's (1982) closed forms with per-party
** discounting, outside options (Binmore, Shaked & Sutton 1989), breakdown risk
** (Binmore, Rubinstein & Wolinsky 1986), and a finite-horizon backward
** induction over a discrete set of outcomes for n parties.
** Durability: Fearon's (1995) bargaining range, the commitment problem under
** shifting power (after Powell 2006) over a power path, the smallest
** third-party guarantee that makes a deal self-enforcing, and phasing.
*/
#ifndef PARLEY_DYNAMICS_H
#define PARLEY_DYNAMICS_H

#include <stddef.h>
#include "parley/export.h"
#include "parley/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- alternating offers ------------------------------------------------ */

/**
 * Rubinstein, pie 1, discount factors d1, d2 in (0, 1) (not both 1), party 1
 * proposes first: x1 = (1 - d2)/(1 - d1 d2), x2 = 1 - x1.
 */
PL_API int pl_rubinstein(double d1, double d2, double *x1, double *x2, pl_error *err);
/**
 * The same when either party may quit with its outside option (o1, o2 in
 * [0, 1]) when it responds to an offer: the outside option principle (Muthoo
 * 1999, ch. 5). With M1 = x1* and M2 = (1 - d1)/(1 - d1 d2), x1 = M1 when no
 * option binds (o_i <= d_i M_i); 1 - o2 when only o2 binds; 1 - d2 (1 - o1)
 * when only o1 binds; 1 - o2 when both do. *deal = 0 when o1 + o2 > 1.
 */
PL_API int pl_rubinstein_outside(double d1, double d2, double o1, double o2, double *x1,
                                 double *x2, int *deal, pl_error *err);
/**
 * Breakdown risk p in (0, 1] per rejected round with breakdown payoffs b1 + b2
 * <= 1, and discounts d1, d2 in (0, 1]: each proposer offers the responder its
 * continuation value p b_r + (1 - p) d_r v_r, so the first proposer gets
 * v1 = (1 - p b2 - a2 (1 - p b1)) / (1 - a1 a2), a_i = (1 - p) d_i. Without
 * discounting (d = 1) this is (1 + (1 - p) b1 - b2)/(2 - p) (Binmore,
 * Rubinstein & Wolinsky 1986); with b = 0, Rubinstein with d_i (1 - p).
 */
PL_API int pl_breakdown(double p, double b1, double b2, double d1, double d2, double *v1,
                        pl_error *err);
/** Finite horizon T >= 1, continuous pie, equal discount d: (1 - (-d)^T)/(1 + d). */
PL_API double pl_rubinstein_finite(double d, int T);

typedef struct pl_bargain_result {
    int agreed;         /* 1: the first proposal is accepted */
    size_t outcome;     /* its index, when agreed */
    double *value;      /* n: each party's value of the game at t = 1 */
} pl_bargain_result;

/**
 * Backward induction over N outcomes with utilities u (N x n, outcome-major),
 * disagreement values d (n; NULL: 0), discounts delta (n, in (0, 1]) and T
 * rounds. Party order[0] proposes at t = 1, then order[1], ... cyclically
 * (order NULL: 0, 1, ..., n-1). Each proposer picks the outcome best for it
 * among those every responder accepts (u_r >= delta_r V_{t+1,r} - 1e-12; ties:
 * higher responders' utility, then lower index); if none beats its own
 * delta V_{t+1} it proposes nothing acceptable. O(T N n). res->value is
 * malloc'd: pl_bargain_result_clear.
 */
PL_API int pl_backward_induction(pl_bargain_result *res, size_t n, size_t N, const double *u,
                                 const double *d, const double *delta, const size_t *order,
                                 int T, pl_error *err);
PL_API void pl_bargain_result_clear(pl_bargain_result *res);

/* ---- `parley bargain` without a scenario: the pie (bargain_pie.c) ------------ */

/* Two parties split a pie of 1; party 1 proposes first. Absent terms are NULL or 0. */
typedef struct pl_pie_terms {
    const double *delta;     /* 2 discounts in (0, 1]; NULL: 0.9 each, or 1 each when only
                                breakdown is given */
    const double *outside;   /* 2 outside options in [0, 1]; NULL: none */
    const double *fallback;  /* 2 payoffs when talks break down (needs breakdown); NULL: 0 */
    double breakdown;        /* probability of breakdown after a rejection; 0: none */
    int horizon;             /* rounds of offers (equal discounts); 0: infinite */
} pl_pie_terms;
#define PL_PIE_TERMS_INIT {NULL, NULL, NULL, 0.0, 0}

typedef struct pl_pie_result {
    const char *model;       /* the closed form used (static text, with its source) */
    int agreement;           /* 0: the outside options sum to more than 1 */
    double share[2];         /* first and second mover (their outside options when no deal) */
} pl_pie_result;

/**
 * The shares: with a horizon, the finite game (pl_rubinstein_finite); with
 * breakdown, pl_breakdown; else pl_rubinstein_outside (Rubinstein without
 * outside options). PL_EINPUT for terms that name no game (fallback without
 * breakdown, a horizon with outside options or breakdown or unequal
 * discounts, no discounting and no breakdown) or values out of range;
 * messages name the terms as the CLI's options (--delta, --horizon, ...).
 */
PL_API int pl_bargain_pie(pl_pie_result *r, const pl_pie_terms *terms, pl_error *err);
struct pl_emitter;
/** Describe it: object "bargain" with model, agreement, first_mover, second_mover. */
PL_API int pl_bargain_pie_emit(const pl_pie_result *r, struct pl_emitter *e);

/* ---- alternating offers over a scenario's settlement (bargain_settle.c) ---- */

struct pl_scenario;
struct pl_settlement;
struct pl_emitter;
/** Each party of st's default discount: its actor's `discount` when below 1, else 0.9. */
PL_API void pl_bargain_discounts(const struct pl_scenario *s, const struct pl_settlement *st,
                                 double *delta);
/**
 * `parley bargain FILE`: backward induction (pl_backward_induction) over the
 * packages of st's frontier, T rounds, parties proposing in turn from party
 * `first` (an index among st's parties) on, with discounts delta (one per
 * party). With no package on the frontier (none within every party's red
 * lines) there is no agreement and each party keeps its no-deal value.
 * res->value is malloc'd: pl_bargain_result_clear.
 */
PL_API int pl_bargain_settlement(pl_bargain_result *res, const struct pl_settlement *st,
                                 size_t first, const double *delta, int T, pl_error *err);
/** Describe it (object "bargain": rounds, first, packages, agreement, table "values" with
    each party's discount per round delta as used, the no-deal path, the package offered). */
PL_API int pl_bargain_settlement_emit(const pl_bargain_result *res, const struct pl_scenario *s,
                                      const struct pl_settlement *st, size_t first,
                                      const double *delta, int T, struct pl_emitter *e);

/* ---- durability ------------------------------------------------------- */

/** Fearon's range: splits x (A's share) with p - cA <= x <= p + cB beat war for both. */
PL_API int pl_fearon_range(double p, double cA, double cB, double *lo, double *hi,
                           pl_error *err);

/** Contest success function: p = MA^g / (MA^g + MB^g); g > 0, M >= 0 not both 0. */
PL_API double pl_contest(double MA, double MB, double gamma);

typedef struct pl_commitment {
    size_t periods;       /* path length T + 1 (t = 0..T) */
    double *war_a, *war_b;    /* W_t for A and B: (p_t - c)/(1 - delta) */
    double *peace_a, *peace_b; /* 1 + delta W_{t+1}: the most a deal can promise */
    int fails_at;         /* first t where a side prefers war, -1 if none */
    int side;             /* 0: A, 1: B, -1 */
} pl_commitment;

/**
 * The commitment check over a power path p[0..T] (A's chance of winning a
 * war in each period; after T it stays p[T]), discount delta in (0, 1), war
 * costs cA, cB per period: a side fights at t when its war value exceeds the
 * whole pie today plus its discounted war value tomorrow. Free with
 * pl_commitment_clear.
 */
PL_API int pl_commitment_check(pl_commitment *out, size_t T1, const double *p, double delta,
                               double cA, double cB, pl_error *err);
PL_API void pl_commitment_clear(pl_commitment *c);

/**
 * The smallest guarantee g in [0, 1] (probability that a guarantor adds its
 * capability MG to the side it protects, A when protect_a, after the shift)
 * that stops the protected side from preferring war: p0 = p(MA0, MB0) before,
 * and after p1 = g p(MA1 + MG, MB1) + (1 - g) p(MA1, MB1) for A (mirror for
 * B). Bisection to 1e-9 (that check is monotone in g). *g is NAN when even
 * g = 1 is not enough. *possible is 1 when at that g the other side does not
 * prefer war either (a larger g only makes the other side's case worse).
 */
PL_API int pl_min_guarantee(double MA0, double MB0, double MA1, double MB1, double MG,
                            int protect_a, double gamma, double delta, double cA, double cB,
                            double *g, int *possible, pl_error *err);

/**
 * The same over a path of T1 periods: A's chance without the guarantee
 * (plain) and with a certain one (helped); period 0 is before the deal.
 * *g_max (if not NULL) gets the largest g at which the other side still keeps
 * the deal (NAN: it does not even without a guarantee): a guarantee likelier
 * than that shifts so much power that the other side would rather fight.
 */
PL_API int pl_min_guarantee_path(size_t T1, const double *plain, const double *helped,
                                 int protect_a, double delta, double cA, double cB, double *g,
                                 int *possible, double *g_max, pl_error *err);

/**
 * Phasing: the fewest periods in which A's chance can fall from p0 to p1 <
 * p0 with every step self-enforcing for A (each step at most
 * (1 - delta)(1 - p_t + cA)/delta); the path goes to path[0..*steps] (room
 * for max_steps + 1). PL_ERANGE when max_steps are not enough.
 */
PL_API int pl_phasing(double p0, double p1, double delta, double cA, size_t max_steps,
                      double *path, size_t *steps, pl_error *err);

/* ---- survival under competing risks ------------------------------------ */

/**
 * A deal that n independent shocks end with probability hazard[r] per year
 * (in [0, 1]; a constant hazard -ln(1 - h) per year) and a commitment problem
 * ends for certain at year war_at (< 0: never). Over [0, horizon] years:
 * *lifetime, the expected years it lasts (the restricted mean survival time,
 * (1 - e^{-L m})/L with L the summed hazards and m = min(horizon, war_at));
 * ends[0..n-1], the probability that shock r ends it first within the
 * horizon ((L_r/L)(1 - e^{-L m})); ends[n], that the commitment problem does;
 * ends[n+1], that it outlives the horizon. The n + 2 values sum to 1.
 * Kalbfleisch & Prentice (2002), ch. 8 (competing risks).
 */
PL_API int pl_survival(size_t n, const double *hazard, double war_at, double horizon,
                       double *lifetime, double *ends, pl_error *err);
/** S(t): the probability the deal still stands t years in (NAN for t < 0). */
PL_API double pl_survival_at(size_t n, const double *hazard, double war_at, double t);

/* ---- durability of a scenario's agreement ------------------------------- */

struct pl_scenario;
struct pl_emitter;
typedef struct pl_durability pl_durability;

/**
 * The commitment check of an agreement under the scenario's `durability`
 * section: deal gives the agreed outcome (0-100) of every issue. Capabilities
 * are the sides' `capability` times each term's factor at the deal's outcome
 * (from the term's period on); p_t = M_A^g / (M_A^g + M_B^g) for t = 0 (before
 * the deal) to `periods`. Each guarantee counts with its probability if its
 * body can act against the side it restrains (the voting-power analysis of
 * `parley power`), else 0. PL_ENOTFOUND when the scenario has no such section.
 */
PL_API int pl_durability_compute(pl_durability **out, const struct pl_scenario *s,
                                 const double *deal, pl_error *err);
/**
 * The same with the period in which each issue is settled (issue_period, one
 * per issue; NULL: each term's own period): a term takes effect when its issue
 * is settled, as in a staged agreement.
 */
PL_API int pl_durability_compute_timed(pl_durability **out, const struct pl_scenario *s,
                                       const double *deal, const size_t *issue_period,
                                       pl_error *err);
PL_API void pl_durability_free(pl_durability *d);
/** Periods t = 0..T (T + 1 values) and A's chance of winning a war in period t. */
PL_API size_t pl_durability_periods(const pl_durability *d);
PL_API double pl_durability_power(const pl_durability *d, size_t t);
/** First period where a side prefers war without guarantees (-1: none); *side 0 A, 1 B. */
PL_API int pl_durability_fails_at(const pl_durability *d, int *side);
PL_API size_t pl_durability_n_guarantees(const pl_durability *d);
/**
 * Guarantee j: whether its body can act against the restrained side, the
 * probability counted, whether the deal then holds, the smallest probability
 * that would make it hold (NAN if none does), and the largest at which the
 * other side still keeps it (NAN: not even without the guarantee). Any
 * pointer may be NULL.
 */
/**
 * 1 if the deal provides guarantee j: it has the options the guarantee's
 * provided_by names (always, without provided_by). A guarantee the deal does
 * not provide is not counted (pl_durability_guarantee's counted is 0).
 */
PL_API int pl_durability_guarantee_provided(const pl_durability *d, size_t j);
/** Actor id of side 0 (A) or 1 (B); NULL for any other side. */
PL_API const char *pl_durability_side(const pl_durability *d, int side);
/** Id of the body behind guarantee j (NULL when j is out of range). */
PL_API const char *pl_durability_guarantee_body(const pl_durability *d, size_t j);
PL_API int pl_durability_guarantee(const pl_durability *d, size_t j, int *credible,
                                   double *counted, int *holds, double *minimum,
                                   double *maximum);
/** Periods over which the shift could be phased so that no step invites war (0: none needed). */
PL_API size_t pl_durability_phasing(const pl_durability *d);
/**
 * "Tactically the parties may win but, strategically, there can be no winners":
 * a party's gain from signing, counted as a flow over time, is (u - d) while
 * the deal stands; if it collapses into war in period f (the first period a
 * side prefers war; never if it is self-enforcing) only the periods before f
 * count: the strategic gain is (1 - delta^f)(u - d), 0 when war resumes at once.
 */
PL_API double pl_durability_strategic(const pl_durability *d, double tactical_gain);
/** The scenario's regimes (shocks that replace an actor's preferences). */
PL_API size_t pl_durability_n_regimes(const pl_durability *d);
/**
 * Regime j: its id and actor, the actor's value of the deal and of no deal
 * under the regime's preferences, whether it then leaves the deal
 * (value < no deal), and the probability that this regime ends the deal
 * within the horizon. Any pointer may be NULL.
 */
PL_API int pl_durability_regime(const pl_durability *d, size_t j, const char **id,
                                const char **actor, double *value, double *no_deal,
                                int *defects, double *ends);
/** Probability that the deal still stands `year` years in (regimes and the commitment check). */
PL_API double pl_durability_survival(const pl_durability *d, double year);
/**
 * Expected years the deal lasts within the horizon (*horizon, in years), and
 * (*by_war) the probability that the commitment problem ends it first.
 */
PL_API double pl_durability_lifetime(const pl_durability *d, double *horizon, double *by_war);
/** Findings in words, the power path and the guarantees. */
PL_API int pl_durability_emit(const pl_durability *d, struct pl_emitter *e);

/* ---- staged agreements --------------------------------------------------- */

struct pl_settlement;
typedef struct pl_staging pl_staging;

/**
 * Compare the plans of the scenario's `staging` section for agreement deal
 * (scale points per issue): stages are taken one after another in the order
 * their `after` lists allow; in every year of talks they break down with
 * probability `breakdown`, leaving the issues settled so far at the deal and
 * the rest at the status quo. Per plan: the probability that every stage is
 * reached, each party's value: u(status quo) plus, for each stage, its gain
 * u(after) - u(before) times ((1 - b) delta)^c, c the year the stage ends
 * (utilities as per-period flows; delta: the actor's `discount` below 1, else
 * the durability section's, else 0.9), and whether
 * the full agreement is self-enforcing when each term takes effect as its
 * issue is settled (with a durability section). st gives the utilities.
 * PL_ENOTFOUND without the section; PL_EINPUT when an issue has no status quo.
 */
PL_API int pl_staging_compute(pl_staging **out, const struct pl_scenario *s,
                              const struct pl_settlement *st, const double *deal, pl_error *err);
PL_API void pl_staging_free(pl_staging *g);
PL_API size_t pl_staging_n_plans(const pl_staging *g);
/** Plan p: probability that talks reach the full agreement, and the whole years they take
    (rounded up; pl_staging_years gives the span exactly). */
PL_API double pl_staging_agreement(const pl_staging *g, size_t p, size_t *periods);
/** Plan p: the years until its last stage ends. */
PL_API double pl_staging_years(const pl_staging *g, size_t p);
/** Plan p: party i's expected utility. */
PL_API double pl_staging_value(const pl_staging *g, size_t p, size_t i);
/** Plan p: first period a side prefers war under the full agreement, -1 if none, -2 if no durability section. */
PL_API int pl_staging_fails_at(const pl_staging *g, size_t p);
PL_API int pl_staging_emit(const pl_staging *g, struct pl_emitter *e);


/* ---- the durability document's parts around the check (durability_gains.c) ---- */

struct pl_proposal;
/**
 * The deal tested, issue by issue ("deal"), titled by proposal_name (NULL: the
 * Nash package), then, when p is not NULL, the proposal's sources.
 */
PL_API int pl_durability_emit_deal(const struct pl_scenario *s, const double *deal,
                                   const char *proposal_name, const struct pl_proposal *p,
                                   struct pl_emitter *e);
/**
 * Each party of st's tactical gain from signing deal (utility less no-deal
 * value) and its strategic gain (pl_durability_strategic), table "gains",
 * then "strategic", the verdict in words.
 */
PL_API int pl_durability_emit_gains(const pl_durability *d, const struct pl_scenario *s,
                                    const struct pl_settlement *st, const double *deal,
                                    struct pl_emitter *e);
/*
** The parts of that document, computed (the deal, the settlement it comes from,
** the check, p's verdict, the staged plans) and kept to be described any number
** of times. It borrows s and p: keep them alive until pl_durability_doc_free.
*/
typedef struct pl_durability_doc pl_durability_doc;
/**
 * Compute the document's parts (the deal is p, titled proposal_name, or the Nash
 * package of a settlement without win-set counts or logrolls).
 * @return PL_OK; PL_EINPUT when s has no durability section; PL_ERROR when there is
 * no Nash package to test; a part's own failure; PL_ENOMEM.
 */
PL_API int pl_durability_doc_compute(pl_durability_doc **out, const struct pl_scenario *s,
                                     const struct pl_proposal *p, const char *proposal_name,
                                     pl_error *err);
/** Describe the parts into the object open in e (the CLI's root object). */
PL_API int pl_durability_doc_emit(const pl_durability_doc *x, struct pl_emitter *e);
PL_API void pl_durability_doc_free(pl_durability_doc *x);  /* NULL is a no-op */
/**
 * The whole document `parley durability` writes, frame included
 * (pl_emit_document_begin): the deal (p, titled proposal_name; NULL: the Nash package
 * of the settlement), the check, the gains, p's verdict and the staged plans. Nothing
 * is emitted unless every part was computed. PL_EINPUT when s has no durability
 * section; PL_ERROR when there is no Nash package to test.
 */
PL_API int pl_durability_document(const struct pl_scenario *s, const struct pl_proposal *p,
                                  const char *proposal_name, struct pl_emitter *e,
                                  pl_error *err);

#ifdef __cplusplus
}
#endif
#endif
