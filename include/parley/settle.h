/* SPDX-License-Identifier: MIT */
/*
** settle.h: multi-issue settlement (MODELS.md sections 7 and 8).
**
** An outcome (package) picks one option on every issue. A party's utility is
** additive over issues: u_i(w) = sum_k t_ik(w_k), where t_ik(v) is the
** weighted value of option v of issue k. The Pareto frontier is the set of
** packages no other package dominates; solutions (Nash, Kalai-Smorodinsky,
** egalitarian, utilitarian) are picked from its rational part, where every
** party gets at least its disagreement value d_i.
**
** Dominance uses a tolerance: a >= b means a >= b - 1e-12 max(1, |a|, |b|),
** and a > b means a > b + that, so that sums that are equal on paper but
** differ in the last bit are ties (MODELS.md section 7, Party domain).
** Equal utility vectors are all kept.
*/
#ifndef PARLEY_SETTLE_H
#define PARLEY_SETTLE_H

#include <stddef.h>
#include <stdint.h>
#include "parley/export.h"
#include "parley/error.h"
#include "parley/progress.h"
#include "parley/forecast.h"  /* pl_loss */

#ifdef __cplusplus
extern "C" {
#endif

/* ---- additive outcome spaces ------------------------------------------- */

typedef struct pl_space pl_space;

/** A space of n >= 1 parties over K >= 1 issues with m[k] >= 1 options each; values 0. */
PL_API int pl_space_new(pl_space **out, size_t n, size_t K, const size_t *m, pl_error *err);
PL_API void pl_space_free(pl_space *sp);
/** t_ik(v): party i's (weighted) value of option v of issue k; must be finite. */
PL_API int pl_space_set(pl_space *sp, size_t i, size_t k, size_t v, double t);
PL_API double pl_space_get(const pl_space *sp, size_t i, size_t k, size_t v);
PL_API size_t pl_space_n_parties(const pl_space *sp);
PL_API size_t pl_space_n_issues(const pl_space *sp);
PL_API size_t pl_space_n_options(const pl_space *sp, size_t k);
/** Number of packages, prod_k m[k], as a double (it may exceed 2^64). */
PL_API double pl_space_size(const pl_space *sp);
/** u_i of the package w (one option index per issue). */
PL_API double pl_space_utility(const pl_space *sp, size_t i, const uint32_t *w);

/* ---- Pareto frontiers ------------------------------------------------- */

typedef struct pl_frontier pl_frontier;

typedef enum pl_frontier_method {
    PL_FRONTIER_AUTO = 0,   /* points: streaming for 2 parties, sort for more */
    PL_FRONTIER_SORT,       /* sort-and-sweep (2 parties) / sort-filter skyline */
    PL_FRONTIER_STREAM      /* keep a running frontier, threads over ranges */
} pl_frontier_method;

typedef struct pl_frontier_opts {
    int threads;        /* streaming: 0 or 1 one thread. The result never depends on it. */
    const double *floor; /* n values: keep only packages with u_i >= floor_i (rational set); NULL: all */
    pl_frontier_method method;  /* for pl_frontier_points */
    double max_bytes;   /* merge: memory for one step's candidates; 0 = 1 GiB */
} pl_frontier_opts;
#define PL_FRONTIER_OPTS_INIT {1, NULL, PL_FRONTIER_AUTO, 0}

/**
 * Exact frontier of an additive space by merging issue by issue (MODELS.md
 * sec. 7): F_k = ND(F_{k-1} + ND(issue k)). Cost grows with the frontier's
 * size, not with the space's: 10 issues x 100 options (10^20 packages) for two
 * parties take milliseconds. opts->floor drops, at every step, the partial
 * packages whose best completion misses it (before the step's filter) and
 * the packages below it at the end; the result is the floored frontier. A step
 * whose candidates (partial frontier x options) would need more memory than
 * opts->max_bytes is refused before it allocates: PL_EINPUT, with the estimate;
 * with three or more parties so is a merge whose frontier, projected after
 * each issue, would outgrow it at a later step. Three or more parties: divide
 * and conquer (skyline.c), or with method PL_FRONTIER_SORT the sort-filter
 * skyline (the former method, kept as a baseline); the same frontier.
 */
PL_API int pl_frontier_merge(pl_frontier **out, const pl_space *sp, const pl_frontier_opts *opts,
                             pl_error *err);
/**
 * The same by streaming every package (never storing the space): for tests
 * and for checks. Threads take contiguous ranges of packages; the partial
 * frontiers are merged in range order. Refuses spaces above 2^53 packages.
 */
PL_API int pl_frontier_enumerate(pl_frontier **out, const pl_space *sp,
                                 const pl_frontier_opts *opts, pl_error *err);
/**
 * Frontier of N explicit points (n utilities each, point-major): by sorting
 * (sort-and-sweep for 2 parties, sort-filter skyline for more), or by
 * streaming (each thread keeps the running frontier of a range of points;
 * for 2 parties a sorted staircase, O(N log F)). The packages are the point
 * indices (pl_frontier_package gives one index). opts may be NULL.
 */
PL_API int pl_frontier_points(pl_frontier **out, size_t n, size_t N, const double *u,
                              const pl_frontier_opts *opts, pl_error *err);
PL_API void pl_frontier_free(pl_frontier *f);
PL_API size_t pl_frontier_size(const pl_frontier *f);
PL_API size_t pl_frontier_n_parties(const pl_frontier *f);
/** u_i of frontier point j. Points are in package (lexicographic) order. */
PL_API double pl_frontier_utility(const pl_frontier *f, size_t j, size_t i);
/** Package of point j: one option per issue (for pl_frontier_points: the point index). */
PL_API const uint32_t *pl_frontier_package(const pl_frontier *f, size_t j);
/** Frontier sizes after each issue of the merge (K values), or NULL. */
PL_API const size_t *pl_frontier_merge_sizes(const pl_frontier *f);

/* ---- solutions ------------------------------------------------------- */

typedef enum pl_solution_kind {
    PL_SOL_NASH = 0,    /* max prod (u_i - d_i) */
    PL_SOL_NASH_ASYM,   /* max sum alpha_i ln(u_i - d_i) */
    PL_SOL_KS,          /* Kalai-Smorodinsky: max min (u_i - d_i)/(a_i - d_i), a = ideal over X_R */
    PL_SOL_EGALITARIAN, /* max min (u_i - d_i), ties by leximin */
    PL_SOL_UTILITARIAN, /* max sum lambda_i u_i */
    PL_SOL_KS_GENIUS,   /* GENIUS's variant: min sum_{i<j} |u_i - u_j|; for comparisons only */
    PL_SOL_COUNT
} pl_solution_kind;

PL_API const char *pl_solution_name(pl_solution_kind k);

typedef struct pl_solution {
    pl_solution_kind kind;
    int found;          /* 0: no rational package (or no gain possible, for the Nash kinds) */
    double value;       /* the maximised objective */
    size_t n_ties;
    size_t *ties;       /* frontier indices, in package order */
} pl_solution;

typedef struct pl_solve_opts {
    const double *d;      /* disagreement values (n); NULL: 0 */
    const double *alpha;  /* bargaining weights for NASH_ASYM (n, > 0); NULL: equal */
    const double *lambda; /* welfare weights for UTILITARIAN (n, >= 0); NULL: 1 */
} pl_solve_opts;

/**
 * Solve on the rational part of a frontier (u_i >= d_i for all i). Ties are
 * kept within 1e-12 relative of the best value. sol->ties is malloc'd: free it
 * with pl_solution_clear. KS parties with a_i = d_i are left out of the min
 * (*flat, if not NULL, gets a bit per such party, for the first 64).
 */
PL_API int pl_solve(pl_solution *sol, pl_solution_kind kind, const pl_frontier *f,
                    const pl_solve_opts *opts, uint64_t *flat, pl_error *err);
PL_API void pl_solution_clear(pl_solution *sol);
/** Ideal point over the rational frontier: a_i = max u_i. 0 if some point is rational. */
PL_API int pl_frontier_ideal(const pl_frontier *f, const double *d, double *a);
/** Number of rational frontier points (u_i >= d_i for all i). */
PL_API size_t pl_frontier_n_rational(const pl_frontier *f, const double *d);

/**
 * Two parties, with lotteries: the upper convex hull of the rational frontier
 * points (and its number of vertices), the asymmetric Nash point on it (alpha
 * NULL: symmetric) and the Kalai-Smorodinsky point (the furthest point of the
 * segment d -> a inside the hull). PL_EINPUT when f does not have 2 parties,
 * PL_ENOTFOUND when no rational point gives both a gain.
 */
PL_API int pl_hull2(const pl_frontier *f, const double *d, const double *alpha,
                    size_t *n_vertices, double nash[2], double ks[2], pl_error *err);

/** Euclidean distance of a utility vector to frontier point j. */
PL_API double pl_frontier_distance(const pl_frontier *f, size_t j, const double *u);
/** Smallest Euclidean distance of u to any frontier point (*at gets the index). */
PL_API double pl_frontier_nearest(const pl_frontier *f, const double *u, size_t *at);

/* ---- acceptance, win-sets, ratification (MODELS.md sec. 8) -------------- */

/** Standard normal distribution function, erfc(-z/sqrt 2)/2. */
PL_API double pl_phi(double z);

/**
 * Probability that member j votes yes: its gain g_j = u_j(w) - u_j(ref), and
 * noise sigma_j >= 0: Phi(g_j / sigma_j); with sigma_j = 0, 1 if g_j > 0 and
 * else 0 (an indifferent member votes no), or 1 when g_j = 0 and indifferent_yes.
 */
PL_API double pl_vote_yes(double gain, double sigma, int indifferent_yes);

/**
 * Probability that a weighted vote passes: members vote yes independently
 * with probabilities p[0..m-1], weights w (integers >= 1), and the vote
 * passes when the yes-weight is at least quota. Exact (the generating function
 * prod_j ((1 - p_j) + p_j z^w_j), O(m sum w)). PL_EINPUT for bad weights or
 * a sum of weights above 2^24.
 */
PL_API int pl_pass_probability(size_t m, const double *p, const uint32_t *w, uint64_t quota,
                               double *out, pl_error *err);

/**
 * One issue, symmetric losses, members at x with weights w, status quo q:
 * the right and left win-set intervals (q, hi) and (lo, q) of a vote needing
 * yes-weight >= quota (lo = hi = q when empty), and the point an agenda setter
 * at `setter` obtains (the point of the win-set's closure nearest to it).
 */
PL_API int pl_winset_1d(size_t m, const double *x, const double *w, double quota, double q,
                        double setter, double *lo, double *hi, double *obtained, pl_error *err);

/* ---- logrolling (divisible issues, two parties) ----------------------- */

typedef struct pl_logroll {
    size_t K;
    size_t *order;       /* issues by a_k / b_k, descending: A gets a prefix */
    size_t n_vertices;   /* frontier vertices: K + 1 */
    double *va, *vb;     /* vertex utilities */
    double nash_a, nash_b;  /* Nash point (d = 0) on that frontier */
    double *share;       /* A's share of each issue at the Nash point */
    double product, product_split;  /* Nash product there and at 50/50 everywhere */
} pl_logroll;

/**
 * u_A = sum_k a_k s_k, u_B = sum_k b_k (1 - s_k) with s_k in [0, 1] A's share
 * of issue k (a_k, b_k >= 0, not both 0): the frontier (fractional knapsack,
 * Dantzig 1957), its Nash point and the integrative potential over splitting
 * every issue 50/50. Free with pl_logroll_clear.
 */
PL_API int pl_logroll_compute(pl_logroll *out, size_t K, const double *a, const double *b,
                              pl_error *err);
PL_API void pl_logroll_clear(pl_logroll *lr);


/* ---- settlement of a scenario ----------------------------------------- */

struct pl_scenario;
struct pl_emitter;
struct pl_proposal;

typedef struct pl_settle_opts {
    pl_loss loss;           /* per issue, e = 1 - d/100 (linear) or 1 - (d/100)^2, d = |x - w| */
    int normalise;          /* 1: divide each party's saliences by their sum; 0: as given */
    double step;            /* > 0: a grid of this step for every issue without options */
    double time;            /* t in [0, 1]: utilities and no-deal values times discount^t */
    const char *parties;    /* comma-separated actor ids; NULL: the actors at the table */
    int threads;
    int equal_power;        /* asymmetric Nash weights: 0 capability, 1 equal */
    double tau;             /* a body accepts when it passes with probability >= tau (0.5) */
    int indifferent_yes;    /* an indifferent deterministic voter votes yes (default no) */
    double max_enumerate;   /* win-set counts visit every package up to this many (1e7) */
    size_t logrolls;        /* how many pairwise logrolls to report (5) */
    double max_bytes;       /* memory for the frontier merge (pl_frontier_opts), also its
                               projection after each issue; 0 = 1 GiB */
    pl_progress progress;   /* 100 steps per phase (build, merge, solutions, ...) of a fixed
                               list, reported within the long ones (each issue merged, ...) */
} pl_settle_opts;
#define PL_SETTLE_OPTS_INIT {PL_LOSS_LINEAR, 0, 0, 0, NULL, 1, 0, 0.5, 0, 1e7, 5, 0, \
                             PL_PROGRESS_NONE}

typedef struct pl_settlement pl_settlement;

/**
 * The settlement analysis of a scenario: the outcome space (each issue's
 * options, its grid step, or its scale's anchors), the parties' utilities
 * (salience x (1 - loss) per issue, or the party's own option values), their
 * disagreement values (no_deal, else the status quo's utility, else 0; with the
 * scenario's no_deal section, less drift and conflict costs: pl_settle_nodeal), the
 * frontier by the merge, every solution, ratification by each party's bodies,
 * win-set counts, and pairwise logrolls.
 */
PL_API int pl_settle_compute(pl_settlement **out, const struct pl_scenario *s,
                             const pl_settle_opts *opts, pl_error *err);
PL_API void pl_settle_free(pl_settlement *st);
PL_API const pl_space *pl_settle_space(const pl_settlement *st);
PL_API const pl_frontier *pl_settle_frontier(const pl_settlement *st);
/** Scenario actor index of party i. */
PL_API size_t pl_settle_party(const pl_settlement *st, size_t i);
PL_API double pl_settle_disagreement(const pl_settlement *st, size_t i);

/**
 * What no agreement is worth to an actor that judges packages (a party, or a
 * member of a body) and what it is made of (docs/models.md, "No deal over
 * time"): value = time_discount * (base - drift - cost). Without the
 * scenario's no_deal section, path is 0 and drift = cost = 0.
 */
typedef struct pl_nodeal {
    double value;          /* the no-deal value every analysis uses */
    double base;           /* the static value: the actor's no_deal, else u(status quo), else 0 */
    const char *from;      /* where base comes from: "no_deal", "status quo" or "none" */
    double drift;          /* utility lost as the status quo drifts (average over the horizon) */
    double cost;           /* cost of continued conflict, utility per year */
    double cost_points;    /* the same in the actor's scale points */
    long cost_from;        /* actor whose cost it bears (itself, or the party its body
                              ratifies for); -1: none */
    double horizon;        /* years (0 without a no_deal section) */
    double discount;       /* per year (0 without a no_deal section) */
    double time_discount;  /* the actor's discount ^ pl_settle_opts.time */
    int path;              /* 1: the scenario's no_deal section applies */
} pl_nodeal;

/** The no-deal value of scenario actor `actor` into out; PL_ENOTFOUND if it judges no
    package (neither a party nor a member of a body). */
PL_API int pl_settle_nodeal(const pl_settlement *st, size_t actor, pl_nodeal *out);
PL_API const pl_solution *pl_settle_solution(const pl_settlement *st, pl_solution_kind k);
/** Solution k's package (the first of its ties), or NULL when it found none. */
PL_API const uint32_t *pl_settle_solution_package(const pl_settlement *st, pl_solution_kind k);
/** Package w as scale points, one per issue, into x (e.g. the deal durability tests). */
PL_API void pl_settle_package_points(const pl_settlement *st, const uint32_t *w, double *x);
/** Scale point and display name of option v of issue k. */
PL_API double pl_settle_option(const pl_settlement *st, size_t k, size_t v, const char **name);
/**
 * Win-set counts: packages every party likes at least as well as no deal
 * (|X_R|), packages every ratifying body passes, and both. 0 when the space
 * was too large to count (pl_settle_opts.max_enumerate), else 1.
 */
PL_API int pl_settle_counts(const pl_settlement *st, uint64_t *rational, uint64_t *ratifiable,
                            uint64_t *both);
/**
 * Packages party a (index among the parties) likes at least as well as no
 * deal and that every ratifying body of party r passes: 0 when the space was
 * too large to count, else 1 with the count in *count.
 */
PL_API int pl_settle_pair_count(const pl_settlement *st, size_t a, size_t r, uint64_t *count);
/** 1 if some party's signature needs ratification (a `ratification:` link), else 0. */
PL_API int pl_settle_has_ratification(const pl_settlement *st);
/**
 * The Nash package with ratification counted (max prod P(ratified)(u - d)),
 * or NULL when there is none; *p (if not NULL) gets its P(ratified).
 */
PL_API const uint32_t *pl_settle_nash_ratified(const pl_settlement *st, double *p);
/** Package w in words, "TERR 50, NATO 75, ...", into buf[size]. */
PL_API void pl_settle_package_text(const pl_settlement *st, const uint32_t *w, char *buf,
                                   size_t size);
/** Probability that every ratifying body of every party accepts package w; NAN when st or w
    is NULL or its scratch memory could not be allocated. */
PL_API double pl_settle_ratification(const pl_settlement *st, const uint32_t *w);
/**
 * The utilities of proposal p (read against the settlement's scenario:
 * pl_proposal_load_buffer/_file) for every party into u (n parties).
 * PL_EMISUSE when p has another number of issues.
 */
PL_API int pl_settle_proposal(const pl_settlement *st, const struct pl_proposal *p, double *u,
                              pl_error *err);
/**
 * Party i's utility of an agreement given as scale points (one per issue); a
 * party that values an issue by its options needs a point where an option is.
 */
PL_API double pl_settle_point_utility(const pl_settlement *st, size_t i, const double *x);
/**
 * Party i's share of utility from issue k when it lands at point x (0-100): its
 * weight on the issue times its value of x, discounted like every utility;
 * summed over the issues it is pl_settle_point_utility.
 */
PL_API double pl_settle_issue_utility(const pl_settlement *st, size_t i, size_t k, double x);
/* ---- who votes no: the votes on one package (docs/models.md, "Votes") ---- */

/**
 * One judge's vote on a package: a party's acceptance, or a member's vote in a
 * ratifying body. Its margin splits over the issues: issue k adds
 * delta^t W_k (e_k(package) - e_k(no-deal point)), the salience times the loss
 * it avoids (or suffers) against the no-deal point (the status quo, or its mean
 * along the no_deal path); `other` is the rest (a cost of conflict, a `no_deal`
 * value that is not the status quo's utility; all of it without a status quo).
 */
typedef struct pl_vote {
    size_t actor;          /* scenario actor index */
    double utility;        /* u_j(package) */
    double no_deal;        /* N_j: the value it compares the package with */
    double margin;         /* utility - no_deal, in utility */
    double margin_points;  /* the same in scale points, 100 margin / (sum of its weights),
                              as a body's noise reads it; NAN when it has no weight */
    double p_yes;          /* probability of yes; a party: 1 if it accepts, else 0 */
    int yes;               /* its more likely vote: p_yes >= 1/2 */
    long red_line;         /* scenario issue of the first of its red lines the package
                              crosses (then p_yes = 0), or -1 */
    double other;          /* margin - the sum of the issues' contributions */
    size_t n_issues;       /* every issue, in the order below */
    const size_t *issue;   /* scenario issue indices: the issue that pushes hardest towards
                              its vote first (most negative first for a no, most positive
                              first for a yes), ties in scenario order */
    const double *contribution;  /* utility each of them adds to the margin, signed */
} pl_vote;

/** A ratifying body's vote on the package (one per `ratification:` link). */
typedef struct pl_vote_body {
    size_t body;           /* scenario body index */
    size_t party;          /* the party it ratifies for (index among the settlement's) */
    const char *rule;      /* its rule in words: "majority (more than 1.5); veto: V3" */
    double noise;          /* scale points; 0: deterministic votes */
    double p_pass;         /* probability that it passes the package */
    int passes;            /* p_pass >= tau (pl_settle_opts) */
    size_t n_members;
    const pl_vote *members;  /* in the body's order */
} pl_vote_body;

typedef struct pl_votes pl_votes;

/**
 * The votes on package w (one option index per issue): every party's
 * acceptance and every ratifying body's vote, member by member. Free with
 * pl_votes_free.
 */
PL_API int pl_settle_votes(pl_votes **out, const pl_settlement *st, const uint32_t *w,
                           pl_error *err);
/** The same for proposal p (read against the settlement's scenario), which may lie between
    the packages' options. */
PL_API int pl_settle_votes_proposal(pl_votes **out, const pl_settlement *st,
                                    const struct pl_proposal *p, pl_error *err);
PL_API void pl_votes_free(pl_votes *v);
PL_API size_t pl_votes_n_parties(const pl_votes *v);
/** Party i's acceptance (i in the settlement's party order); NULL when i is out of range. */
PL_API const pl_vote *pl_votes_party(const pl_votes *v, size_t i);
PL_API size_t pl_votes_n_bodies(const pl_votes *v);
/** Ratification link r's body, in the order of pl_settle's ratification table. */
PL_API const pl_vote_body *pl_votes_body(const pl_votes *v, size_t r);
/** Probability that every ratifying body passes the package (their product). */
PL_API double pl_votes_p_ratified(const pl_votes *v);

/** Describe everything (and the proposal's distances, if u is not NULL) to an emitter. */
PL_API int pl_settle_emit(const pl_settlement *st, const double *proposal_u,
                          struct pl_emitter *e);
/**
 * As pl_settle_emit, and the red lines the proposal crosses, given its scale
 * points proposal_x (one per issue; NULL: not checked). A proposal that
 * crosses a party's red line is not rational, whatever its utilities.
 */
PL_API int pl_settle_emit_proposal(const pl_settlement *st, const double *proposal_u,
                                   const double *proposal_x, struct pl_emitter *e);
/**
 * The whole document `parley settle` writes, frame included (pl_emit_document_begin):
 * pl_settle_emit_proposal with proposal p's utilities and scale points (p NULL: none).
 * p must be read against s, the settlement's scenario; PL_EMISUSE otherwise.
 */
PL_API int pl_settle_document(const pl_settlement *st, const struct pl_scenario *s,
                              const struct pl_proposal *p, struct pl_emitter *e,
                              pl_error *err);
/** Package w as a table (issue, point, option in words) under key. */
PL_API int pl_settle_emit_package(const pl_settlement *st, const char *key, const char *title,
                                  const uint32_t *w, struct pl_emitter *e);
/** The whole frontier as one table "frontier": each issue's scale point, then u per party. */
PL_API int pl_settle_emit_frontier(const pl_settlement *st, struct pl_emitter *e);

#ifdef __cplusplus
}
#endif
#endif
