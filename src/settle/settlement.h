/* SPDX-License-Identifier: MIT */
/*
** settlement.h: the layout behind pl_settlement (library-internal), shared by
** settle_build.c (outcome space and utilities from a scenario), settle.c (the
** analyses) and settle_emit.c (the report).
*/
#ifndef PL_SETTLEMENT_H
#define PL_SETTLEMENT_H

#include "settle_impl.h"
#include "parley/power.h"
#include "parley/scenario.h"
#include "parley/proposal.h"
#include "../core/scenario_impl.h"
#include "../core/progress.h"

/* A party at the table, or a member of a body that ratifies for one. */
typedef struct pl__judge {
    size_t actor;
    double d;             /* no-deal utility (the reference of its vote) */
    const char *d_from;   /* "no_deal", "status quo", "none" */
    pl_nodeal nd;         /* d and what it is made of (nodeal.c) */
    double scale;         /* sum of its weights: a gain of g is 100 g / scale points */
} pl__judge;

/* A body voting on packages. */
typedef struct pl__voter {
    size_t body;
    pl_game *game;        /* NULL: too large to count exactly */
    size_t *judge;        /* per member: its judge */
    double noise;         /* scale points; 0: deterministic */
} pl__voter;

/* Body `body` must ratify for party `party`; its voter is st->bod[body]. */
typedef struct pl__ratifier {
    size_t party, body;
} pl__ratifier;

typedef struct pl__roll {
    size_t a, b;          /* parties */
    size_t K;
    size_t *issue;        /* scenario issue of each rolled issue */
    pl_logroll r;
    double gain;          /* joint utility over 50/50 splitting */
} pl__roll;

typedef struct pl__winsets {
    int counted;          /* 0: the space is above max_enumerate */
    uint64_t rational, ratifiable, zone;
    uint64_t *body;       /* per body: packages it passes against no deal (its win-set) */
    uint64_t *accept;     /* per party: packages it likes at least as well as no deal */
    uint64_t *pair;       /* n x n: party a accepts and every body of party r ratifies */
    size_t constrained;   /* frontier of rational and ratifiable packages */
    uint64_t *rl_removes; /* per red line: packages its judge accepts but for it alone */
    uint64_t *rl_opens;   /* per red line: packages outside the zone that dropping it lets in */
} pl__winsets;

/* A red line of a judge (settle_red.c). */
typedef struct pl__red {
    const pl_red_line *line;
    size_t judge;
    size_t allowed;       /* options of its issue it leaves */
} pl__red;

struct pl_settlement {
    const pl_scenario *s;
    pl_settle_opts o;
    size_t n, nj;         /* parties; judges (parties first) */
    size_t n_rj;          /* the first n_rj judges: parties and members of ratifying bodies */
    pl__judge *judge;
    size_t cap_judge;     /* room in judge (pl__grow) */
    size_t K;
    size_t *m;            /* options per issue */
    double **at;          /* per issue: scale point of each option */
    const char ***name;   /* per issue: words for each option, or NULL entries */
    double *w;            /* nj x K weights used */
    pl_space *all, *sp;   /* all judges; parties only */
    pl_frontier *f;
    double *d, *alpha;
    pl_solution sol[PL_SOL_COUNT];
    uint64_t ks_flat;
    int hull;             /* 1 when the two-party hull solutions exist */
    size_t hull_vertices;
    double hull_nash[2], hull_ks[2];
    size_t n_rat, n_bod;
    pl__ratifier *rat;    /* ratification links, party by party */
    size_t cap_rat;       /* room in rat (pl__grow) */
    pl__voter *bod;       /* every body of the scenario, in order */
    int rnash_found;      /* ratification-constrained Nash (expected gains) */
    uint32_t *rnash;
    double rnash_value, rnash_p;
    size_t rnash_ties;
    pl__winsets ws;
    size_t n_rolls;
    pl__roll *rolls;
    /* red lines (settle_red.c); allow is NULL when no judge has one */
    unsigned char *allow; /* nj x all->total: judge j accepts option v of issue k */
    size_t n_red;
    pl__red *red;
    int party_red;        /* some party has a red line: the frontier is restricted */
    int rational_only;    /* the frontier holds its rational part only (pl__settle_compute) */
    int ratifiers_only;   /* voters, and judges, of ratifying bodies only (pl__settle_compute) */
    /* the no-deal path's rate -log(delta) and its mean's denominator, the same for every
       judge and issue (pl__nodeal_rate); path_rate 0: not made, every mean makes its own */
    int path_rate;
    double path_r, path_den;
    pl__span span;        /* progress: the running phase's part of o.progress's total */
};

/*
** pl_settle_compute for `parley stress`, flags PL__SETTLE_*. RATIONAL: the
** frontier is merged with the no-deal values as its floor, so it holds only the
** rational part -- all that the solutions, the zone and the rational count read;
** of the solutions only Nash, Kalai-Smorodinsky and egalitarian, which stress
** reports, are computed (the others are left not found). RATIFIERS: only the
** bodies that ratify for a party get a voter, and only their members are judges
** after the parties (nj = n_rj): what the ratified Nash point, P(ratified) and
** the pair flags read; the other bodies' votes, win-sets and proposal verdicts
** are then not to be asked for.
*/
#define PL__SETTLE_RATIONAL 1u
#define PL__SETTLE_RATIFIERS 2u
int pl__settle_compute(pl_settlement **out, const pl_scenario *s, const pl_settle_opts *opts,
                       unsigned flags, pl_error *err);

/* Outcome space, judges and utilities (settle_build.c). */
int pl__settle_build(pl_settlement *st, pl_error *err);
/* A space of the first n judges' utilities (the parties; with ratifying members). */
int pl__settle_subspace(const pl_settlement *st, size_t n, pl_space **out, pl_error *err);
/* Value e in [0, 1] of judge j for issue k at scale point x (option v, or -1). */
double pl__settle_value(const pl_settlement *st, size_t j, size_t k, double x, long v);
/* The option of issue k placed exactly at scale point x, or -1. */
long pl__settle_option_at(const pl_settlement *st, size_t k, double x);
/*
** Probability that judge j votes yes on a package it values u, in a body with
** this noise (scale points; 0: deterministic): Phi of its gain in scale points
** over the noise; 0 when the package crosses one of its red lines (crossed).
*/
double pl__settle_judge_yes(const pl_settlement *st, size_t j, double u, int crossed,
                            double noise);
/*
** Probability that ratifier r accepts, given every judge's utility u and
** which judges' red lines the package crosses (cr, NULL: none; a member whose
** red line is crossed votes no).
*/
double pl__settle_accept(const pl_settlement *st, const pl__voter *r, const double *u,
                         const unsigned char *cr);
/* Win-set counts by visiting every package (settle_zone.c). */
int pl__settle_winsets(pl_settlement *st, pl_error *err);
/*
** Whether some package party a accepts (at least its no-deal value, none of its
** red lines crossed) is ratified by every body of party r: the win-set pair
** count > 0, found by branch and bound without counting (settle_pairs.c).
** PL_ENOMEM when its scratch memory ran out.
*/
int pl__settle_pair_exists(const pl_settlement *st, size_t a, size_t r, int *exists);
/* The same for every party a but r at once (yes: n flags, yes[r] = 0), one walk per 64
   parties, after the ratified Nash point (if any) is judged as a first leaf: what each
   pl__settle_pair_exists(st, a, r) says. PL_ENOMEM. */
int pl__settle_pairs_exist(const pl_settlement *st, size_t r, unsigned char *yes);
/*
** Judge j's no-deal value from its static value base (from: "no_deal", "status
** quo", "none") and the scenario's no_deal section, if any (nodeal.c).
*/
void pl__nodeal_fill(const pl_settlement *st, size_t j, double base, const char *from,
                     pl_nodeal *out);
/*
** Discounted average over t in [0, H] years (yearly discount delta in (0, 1])
** of 1 - L(|p - q(t)| / 100), q(t) = clamp(q + d t, 0, 100); L linear, or
** quadratic when quadratic is 1.
*/
/* Actor a's cost of continued conflict per year in utility, for a judge whose
   utility scale (a 100-point move on every issue) is `scale`: its own cost or the
   one it bears for the party it ratifies for, in points or utility as given. */
double pl__nodeal_cost(const pl_nodeal_spec *nd, size_t a, double scale);
double pl__nodeal_path_mean(double q, double d, double p, int quadratic, double H,
                            double delta);
/* st's path_r and path_den from its scenario's no_deal section, when it has one whose path
   pl__nodeal_path_mean would integrate (H > 0, delta > 0). */
void pl__nodeal_rate(pl_settlement *st);
/* What an actor at pos loses per unit of salience, on average along the no-deal path, on
   drifting issue k of s: its value of the status quo less its mean value on the path. */
double pl__nodeal_drift_gap(const pl_scenario *s, size_t k, double pos, int quadratic);
/* The value of outcome x on one issue to an actor at pos (scale points): 1 - |pos - x| / 100,
   squared distance when quadratic. Settle's judges and durability's regimes score alike. */
double pl__issue_score(double pos, double x, int quadratic);
/*
** Judge j's value e_jk of the no-deal point on every issue, into ref (K values):
** the status quo, or its mean along the no-deal path where it drifts. Returns 1;
** 0 (and ref all 0) when there is no such point: an issue without a status quo,
** or one the judge values by options that the status quo is none of.
*/
int pl__nodeal_point(const pl_settlement *st, size_t j, double *ref);
/* The no_deal report, when the scenario has a no_deal section (nodeal_emit.c). */
void pl__nodeal_emit(const pl_settlement *st, struct pl_emitter *e);
/* Pairwise logrolls between the parties (settle_rolls.c). */
int pl__settle_logrolls(pl_settlement *st, pl_error *err);
/*
** Members of voter r whose vote decides it when every member votes its more
** likely way (yes iff P >= 1/2); their indices into out. Returns how many.
*/
size_t pl__settle_pivotal(const pl_settlement *st, const pl__voter *r, const double *u,
                          const unsigned char *cr, size_t *out);
/* Probability that ratification link r's body accepts. */
double pl__settle_ratifies(const pl_settlement *st, size_t r, const double *u,
                           const unsigned char *cr);
/* Every judge's utility of package w, into u (nj values). */
void pl__settle_judge_utilities(const pl_settlement *st, const uint32_t *w, double *u);
/* Probability that every ratifier accepts. */
double pl__settle_ratify_all(const pl_settlement *st, const double *u, const unsigned char *cr,
                             int *all_pass);
/* The ratification-constrained Nash point (settle.c) into st->rnash and the fields beside
   it, replacing any; prune 0 scans every point of its frontier, 1 passes over those whose
   bound cannot reach the best (the same result: the tests compare the two). */
int pl__settle_rnash(pl_settlement *st, int prune, pl_error *err);
/* Probability that every ratifier accepts package w; u, cr: room for nj values (scratch). */
double pl__settle_ratify_package(const pl_settlement *st, const uint32_t *w, double *u,
                                 unsigned char *cr);

/* ---- votes (votes.c, votes_emit.c) ---- */

/* The votes at scale points x (options opt, one per issue; NULL: the option placed at
   each point, if any). */
int pl__settle_votes_at(pl_votes **out, const pl_settlement *st, const double *x,
                        const long *opt, pl_error *err);
/* Rows of the tables "votes" and "votes_bodies" for one package, named label
   (pl__votes_rows: PL_ENOMEM when memory for a row's text ran out). */
int pl__votes_rows(const pl_settlement *st, const pl_votes *v, const char *label,
                    struct pl_emitter *e);
void pl__votes_body_rows(const pl_settlement *st, const pl_votes *v, const char *label,
                         struct pl_emitter *e);
/* "The Nash package is ratified with probability P (BODY for PARTY: p; ...)." and who
   blocks it: the finding nash_ratification. PL_ENOMEM when memory ran out. */
int pl__votes_ratification_finding(const pl_settlement *st, const pl_votes *v,
                                   struct pl_emitter *e);
/* A proposal's verdict in words: who accepts, who rejects and why, its ratification. */
int pl__votes_verdict(const pl_settlement *st, const pl_votes *v, struct pl_emitter *e);

/* ---- red lines (settle_red.c) ---- */

/* The allowed options of every judge, and the red lines that concern a judge. */
int pl__settle_red_lines(pl_settlement *st, pl_error *err);
/* 1 if judge j's red lines allow option v of issue k. */
static inline int pl__settle_allows(const pl_settlement *st, size_t j, size_t k, size_t v)
{
    return !st->allow || st->allow[j * st->all->total + st->all->off[k] + v];
}
/* Which judges' red lines package w crosses, into cr (nj); NULL when no judge has one. */
const unsigned char *pl__settle_crossed(const pl_settlement *st, const uint32_t *w,
                                        unsigned char *cr);
/*
** The space of the first n judges over the options every party's red lines
** allow, plus (extra) one dimension per other judge with a red line: 0, or -1
** per crossed issue. map (all->total entries) gets, at off[k] + v', the
** option of issue k behind option v'. *out stays NULL when an issue has no
** such option: then no package is within every party's red lines.
*/
int pl__settle_within(const pl_settlement *st, size_t n, int extra, pl_space **out,
                      uint32_t *map, pl_error *err);
/* Put the packages of a frontier of such a space back in the full space's options. */
void pl__settle_unmap(const pl_settlement *st, pl_frontier *f, const uint32_t *map);
/* Judges after the parties with a red line (the extra dimensions of pl__settle_within). */
size_t pl__settle_n_extra(const pl_settlement *st, size_t n);
/* The frontier within every party's red lines (merge phase). */
int pl__settle_merge_within(pl_settlement *st, const pl_frontier_opts *fo, pl_error *err);
/* Findings: red lines no package satisfies together, and which ones bind (settle_red_emit.c). */
int pl__settle_red_findings(const pl_settlement *st, struct pl_emitter *e);
/* The table of red lines with their counts. */
void pl__settle_red_table(const pl_settlement *st, struct pl_emitter *e);
/* The red lines a proposal at scale points x crosses; 1 if one is a party's. */
int pl__settle_red_proposal(const pl_settlement *st, const double *x, struct pl_emitter *e);
/* Whether package w crosses red line r. */
static inline int pl__settle_red_crossed(const pl_settlement *st, const pl__red *r,
                                         const uint32_t *w)
{
    size_t k = r->line->set.issue;
    return !pl__settle_allows(st, r->judge, k, w[k]);
}

#endif
