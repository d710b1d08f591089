/* SPDX-License-Identifier: MIT */
/*
** settle_emit.c: the settlement report: findings in words first, then the
** outcome space, the parties, the frontier, each solution's package and
** utilities, ratification, win-set counts, logrolls and a proposal's distances.
*/
#include "settlement.h"
#include "../core/fmt.h"
#include "parley/emit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *pid(const pl_settlement *st, size_t i)
{
    return pl_actor_id(pl_scenario_actor(st->s, st->judge[i].actor));
}

static const char *iid(const pl_settlement *st, size_t k)
{
    return pl_issue_id(pl_scenario_issue(st->s, k));
}

/* Words for option v of issue k: its name, else the nearest scale anchor's words. */
static void option_words(const pl_settlement *st, size_t k, size_t v, char *buf, size_t size)
{
    if (st->name[k][v])
        snprintf(buf, size, "%s", st->name[k][v]);
    else
        pl__issue_point_words(pl_scenario_issue(st->s, k), st->at[k][v], buf, size);
}

/* A package in one line: "TERR 50, NATO 75, ...". */
void pl_settle_package_text(const pl_settlement *st, const uint32_t *w, char *buf, size_t size)
{
    size_t u = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < st->K && u < size; k++) {
        int n = pl__snprintf(buf + u, size - u, "%s%s %g", k ? ", " : "", iid(st, k), st->at[k][w[k]]);
        u += n > 0 ? (size_t)n : 0;
    }
}

/* Scratch for every judge's utility (nj values), and after them cr: their red lines crossed. */
static double *scratch(const pl_settlement *st, unsigned char **cr)
{
    double *u = malloc(st->nj * (sizeof *u + 1));
    *cr = u ? (unsigned char *)(u + st->nj) : NULL;
    return u;
}

/* The findings in words; PL_ENOMEM if memory for one ran out (never silently left out).
   nv: the votes on the Nash package (NULL: none). */
static int emit_findings(const pl_settlement *st, const pl_votes *nv, pl_emitter *e)
{
    int rc = PL_OK;
    char buf[1024], pkg[512];
    char key[160];
    pl_emit_object_begin(e, "findings", "Findings");
    const pl_solution *nash = &st->sol[PL_SOL_NASH];
    size_t nr = pl_frontier_n_rational(st->f, st->d);
    if (!nr) {
        pl_emit_string(e, "agreement_zone", "No agreement zone: no package gives every party "
                       "at least its no-deal value.");
    } else {
        snprintf(buf, sizeof buf, "%zu of the %zu efficient packages give every party at least "
                 "its no-deal value.", nr, pl_frontier_size(st->f));
        pl_emit_string(e, "agreement_zone", buf);
    }
    if (nash->found) {
        pl_settle_package_text(st, pl_frontier_package(st->f, nash->ties[0]), pkg, sizeof pkg);
        snprintf(buf, sizeof buf, "Nash bargaining solution%s: %s.", nash->n_ties > 1 ?
                 " (first of several ties)" : "", pkg);
        pl_emit_string(e, "nash", buf);
    } else if (nr) {
        pl_emit_string(e, "nash", "No package gives every party a gain over no deal, so the "
                       "Nash solution is the disagreement point itself.");
    }
    if (nv && st->n_rat)
        rc = pl__votes_ratification_finding(st, nv, e);
    const pl__winsets *ws = &st->ws;
    for (size_t r = 0; ws->counted && r < st->n; r++) {
        int has = 0;
        for (size_t q = 0; q < st->n_rat; q++)
            has |= st->rat[q].party == r;
        for (size_t a = 0; has && a < st->n; a++) {
            if (a == r)
                continue;
            uint64_t c = ws->pair[a * st->n + r];
            pl__snprintf(buf, sizeof buf, "%s: %llu package%s that %s likes at least as well as no "
                     "deal and that %s's ratifying bodies pass (probability >= %g).",
                     c ? "Yes" : "No", (unsigned long long)c, c == 1 ? "" : "s", pid(st, a),
                     pid(st, r), st->o.tau);
            snprintf(key, sizeof key, "%s_and_%s_ratification", pid(st, a), pid(st, r));
            pl_emit_string(e, key, buf);
        }
    }
    if (st->n_rat && st->rnash_found) {
        pl_settle_package_text(st, st->rnash, pkg, sizeof pkg);
        pl__snprintf(buf, sizeof buf, "With ratification counted (expected gains), the Nash "
                 "package is %s; it is ratified with probability %.3g.", pkg, st->rnash_p);
        pl_emit_string(e, "nash_ratified", buf);
    } else if (st->n_rat) {
        pl_emit_string(e, "nash_ratified", "No rational package has a positive chance of ratification "
                       "with a gain for every party.");
    }
    if (st->n_red && !rc)
        rc = pl__settle_red_findings(st, e);
    pl_emit_object_end(e);
    return rc;
}

static void emit_space(const pl_settlement *st, pl_emitter *e)
{
    static const char *const cols[] = {"issue", "options", "from"};
    pl_emit_object_begin(e, "space", "Outcome space");
    pl_emit_int(e, "parties", (long long)st->n);
    pl_emit_int(e, "issues", (long long)st->K);
    pl_emit_number(e, "packages", pl_space_size(st->sp));
    pl_emit_table_begin(e, "issues_options", NULL, cols, 3);
    for (size_t k = 0; k < st->K; k++) {
        const pl_issue *x = pl_scenario_issue(st->s, k);
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, iid(st, k));
        pl_emit_int(e, NULL, (long long)st->m[k]);
        pl_emit_string(e, NULL, pl_issue_n_options(x) ? "options" : st->name[k][0] ? "scale"
                       : "grid");
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
    pl_emit_object_end(e);
}

static int emit_parties(const pl_settlement *st, pl_emitter *e)
{
    static const char *const cols[] = {"party", "no_deal", "from", "ideal", "weight"};
    double *a = malloc(st->n * sizeof *a);
    if (!a)
        return PL_ENOMEM;
    int ok = pl_frontier_ideal(st->f, st->d, a) == PL_OK;
    pl_emit_table_begin(e, "parties", "Parties (utilities on the 0-1 scale; ideal: best "
                        "rational package; weight: asymmetric Nash)", cols, 5);
    for (size_t i = 0; i < st->n; i++) {
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, pid(st, i));
        pl_emit_number(e, NULL, st->d[i]);
        pl_emit_string(e, NULL, st->judge[i].d_from);
        if (ok)
            pl_emit_number(e, NULL, a[i]);
        else
            pl_emit_null(e, NULL);
        pl_emit_number(e, NULL, st->alpha[i]);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
    free(a);
    return PL_OK;
}

static void emit_frontier(const pl_settlement *st, pl_emitter *e)
{
    char buf[512];
    size_t u = 0;
    const size_t *ms = pl_frontier_merge_sizes(st->f);
    for (size_t k = 0; ms && k < st->K && u < sizeof buf; k++) {
        int n = snprintf(buf + u, sizeof buf - u, "%s%zu", k ? ", " : "", ms[k]);
        u += n > 0 ? (size_t)n : 0;
    }
    pl_emit_object_begin(e, "frontier", "Pareto frontier");
    pl_emit_int(e, "size", (long long)pl_frontier_size(st->f));
    pl_emit_int(e, "rational", (long long)pl_frontier_n_rational(st->f, st->d));
    pl_emit_string(e, "sizes_after_each_issue", buf);
    if (st->party_red)
        pl_emit_bool(e, "within_red_lines", 1);
    if (st->hull) {
        pl_emit_int(e, "hull_vertices", (long long)st->hull_vertices);
        pl_emit_number(e, "hull_nash_u1", st->hull_nash[0]);
        pl_emit_number(e, "hull_nash_u2", st->hull_nash[1]);
        pl_emit_number(e, "hull_ks_u1", st->hull_ks[0]);
        pl_emit_number(e, "hull_ks_u2", st->hull_ks[1]);
    }
    pl_emit_object_end(e);
}

/* Column names "u_RUS" ... then "gain_RUS" ..., in one buffer. */
static const char **party_columns(const pl_settlement *st, const char *const *head, size_t nh,
                                  char *names, size_t size)
{
    const char **cols = malloc((nh + 2 * st->n) * sizeof *cols);
    if (!cols)
        return NULL;
    memcpy(cols, head, nh * sizeof *cols);
    size_t u = 0;
    for (size_t i = 0; i < 2 * st->n; i++) {
        cols[nh + i] = names + u;
        int n = snprintf(names + u, size - u, "%s_%s", i < st->n ? "u" : "gain",
                         pid(st, i % st->n));
        u += n > 0 && (size_t)n < size - u ? (size_t)n + 1 : 0;
    }
    return cols;
}

/* u, cr: scratch for the judges' utilities (nj values each). */
static void solution_row(const pl_settlement *st, const char *name, size_t ties,
                         const uint32_t *w, double *u, unsigned char *cr, pl_emitter *e)
{
    pl_emit_row_begin(e);
    pl_emit_string(e, NULL, name);
    pl_emit_int(e, NULL, (long long)ties);
    if (w) {
        pl_emit_number(e, NULL, pl__settle_ratify_package(st, w, u, cr));
        for (size_t i = 0; i < 2 * st->n; i++)
            pl_emit_number(e, NULL, pl_space_utility(st->sp, i % st->n, w) -
                                        (i < st->n ? 0 : st->d[i % st->n]));
    } else {
        for (size_t i = 0; i <= 2 * st->n; i++)
            pl_emit_null(e, NULL);
    }
    pl_emit_row_end(e);
}

static int emit_solutions(const pl_settlement *st, pl_emitter *e)
{
    static const char *const head[] = {"solution", "ties", "p_ratified"};
    char names[4096];
    const char **cols = party_columns(st, head, 3, names, sizeof names);
    unsigned char *cr;
    double *u = scratch(st, &cr);
    if (!cols || !u) {
        free(cols), free(u);
        return PL_ENOMEM;
    }
    pl_emit_table_begin(e, "solutions", "Solutions (p_ratified: every ratifying body passes; "
                        "gain: utility minus no-deal value)", cols, 3 + 2 * st->n);
    for (int k = 0; k < PL_SOL_COUNT; k++) {
        const pl_solution *s = &st->sol[k];
        solution_row(st, pl_solution_name((pl_solution_kind)k), s->found ? s->n_ties : 0,
                     s->found ? pl_frontier_package(st->f, s->ties[0]) : NULL, u, cr, e);
    }
    if (st->n_rat)
        solution_row(st, "nash-ratified", st->rnash_found ? st->rnash_ties : 0,
                     st->rnash_found ? st->rnash : NULL, u, cr, e);
    pl_emit_table_end(e);
    free(cols), free(u);
    return PL_OK;
}

static void package_rows(const pl_settlement *st, const char *name, const uint32_t *w,
                         pl_emitter *e)
{
    char words[512];
    for (size_t k = 0; k < st->K; k++) {
        option_words(st, k, w[k], words, sizeof words);
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, name);
        pl_emit_string(e, NULL, iid(st, k));
        pl_emit_number(e, NULL, st->at[k][w[k]]);
        pl_emit_string(e, NULL, words);
        pl_emit_row_end(e);
    }
}

int pl_settle_emit_package(const pl_settlement *st, const char *key, const char *title,
                           const uint32_t *w, pl_emitter *e)
{
    static const char *const cols[] = {"issue", "point", "option"};
    char words[512];
    if (!st || !w || !e)
        return PL_EMISUSE;
    pl_emit_table_begin(e, key, title, cols, 3);
    for (size_t k = 0; k < st->K; k++) {
        option_words(st, k, w[k], words, sizeof words);
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, iid(st, k));
        pl_emit_number(e, NULL, st->at[k][w[k]]);
        pl_emit_string(e, NULL, words);
        pl_emit_row_end(e);
    }
    return pl_emit_table_end(e);
}

static void emit_packages(const pl_settlement *st, pl_emitter *e)
{
    static const char *const cols[] = {"solution", "issue", "point", "option"};
    pl_emit_table_begin(e, "packages", "Packages in words (the first of any ties)", cols, 4);
    for (int k = 0; k < PL_SOL_COUNT; k++)
        if (st->sol[k].found && k != PL_SOL_KS_GENIUS)
            package_rows(st, pl_solution_name((pl_solution_kind)k),
                         pl_frontier_package(st->f, st->sol[k].ties[0]), e);
    if (st->rnash_found)
        package_rows(st, "nash-ratified", st->rnash, e);
    pl_emit_table_end(e);
}

/* Each ratifying body's probability of passing each solution. */
static int emit_ratification(const pl_settlement *st, pl_emitter *e)
{
    if (!st->n_rat)
        return PL_OK;
    static const char *const cols[] = {"party", "body", "noise", "nash", "kalai-smorodinsky",
                                       "egalitarian", "utilitarian"};
    static const pl_solution_kind kinds[] = {PL_SOL_NASH, PL_SOL_KS, PL_SOL_EGALITARIAN,
                                             PL_SOL_UTILITARIAN};
    unsigned char *cr;
    double *u = scratch(st, &cr);
    if (!u)
        return PL_ENOMEM;
    pl_emit_table_begin(e, "ratification", "Ratification: probability that each body passes "
                        "each solution", cols, 7);
    for (size_t r = 0; r < st->n_rat; r++) {
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, pid(st, st->rat[r].party));
        pl_emit_string(e, NULL, pl_body_id(pl_scenario_body(st->s, st->rat[r].body)));
        pl_emit_number(e, NULL, st->bod[st->rat[r].body].noise);
        for (size_t q = 0; q < 4; q++) {
            const pl_solution *s = &st->sol[kinds[q]];
            if (!s->found) {
                pl_emit_null(e, NULL);
                continue;
            }
            const uint32_t *w = pl_frontier_package(st->f, s->ties[0]);
            pl__settle_judge_utilities(st, w, u);
            pl_emit_number(e, NULL, pl__settle_ratifies(st, r, u, pl__settle_crossed(st, w, cr)));
        }
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
    free(u);
    return PL_OK;
}

/* "A, B" for the pivotal members of voter r at package w. */
static void pivotal_text(const pl_settlement *st, const pl__voter *r, const uint32_t *w,
                         double *u, unsigned char *cr, char *buf, size_t size)
{
    size_t piv[64], u0 = 0;
    pl__settle_judge_utilities(st, w, u);
    size_t np = pl__settle_pivotal(st, r, u, pl__settle_crossed(st, w, cr), piv);
    buf[0] = '\0';
    for (size_t x = 0; x < np && u0 < size; x++) {
        int n = snprintf(buf + u0, size - u0, "%s%s", x ? ", " : "",
                         pl_game_member_name(r->game, piv[x]));
        u0 += n > 0 ? (size_t)n : 0;
    }
}

/* Every body's win-set against no deal, and who is pivotal at the Nash package. */
static int emit_bodies(const pl_settlement *st, pl_emitter *e)
{
    static const char *const cols[] = {"body", "members", "winset", "core", "pivotal_at_nash"};
    const pl_solution *nash = &st->sol[PL_SOL_NASH];
    char buf[512];
    if (!st->n_bod)
        return PL_OK;
    unsigned char *cr;
    double *u = scratch(st, &cr);
    if (!u)
        return PL_ENOMEM;
    pl_emit_table_begin(e, "bodies", "Each body's win-set: packages it passes against no deal "
                        "(core: none, the status quo stands)", cols, 5);
    for (size_t b = 0; b < st->n_bod; b++) {
        const pl__voter *r = &st->bod[b];
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, pl_body_id(pl_scenario_body(st->s, b)));
        pl_emit_int(e, NULL, (long long)pl_body_n_members(pl_scenario_body(st->s, b)));
        if (r->game && st->ws.counted) {
            pl_emit_int(e, NULL, (long long)st->ws.body[b]);
            pl_emit_bool(e, NULL, st->ws.body[b] == 0);
        } else {
            pl_emit_null(e, NULL);
            pl_emit_null(e, NULL);
        }
        if (r->game && nash->found) {
            pivotal_text(st, r, pl_frontier_package(st->f, nash->ties[0]), u, cr, buf,
                         sizeof buf);
            pl_emit_string(e, NULL, buf);
        } else {
            pl_emit_null(e, NULL);
        }
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
    free(u);
    return PL_OK;
}

static void emit_winsets(const pl_settlement *st, pl_emitter *e)
{
    const pl__winsets *ws = &st->ws;
    pl_emit_object_begin(e, "winsets", "Win-sets (packages counted one by one)");
    pl_emit_bool(e, "counted", ws->counted);
    if (!ws->counted) {
        pl_emit_string(e, "note", "the space is larger than --max-enumerate; counts skipped");
        pl_emit_object_end(e);
        return;
    }
    pl_emit_int(e, "rational", (long long)ws->rational);
    pl_emit_int(e, "ratifiable", (long long)ws->ratifiable);
    pl_emit_int(e, "rational_and_ratifiable", (long long)ws->zone);
    pl_emit_int(e, "constrained_frontier", (long long)ws->constrained);
    static const char *const cols[] = {"party", "accepts"};
    pl_emit_table_begin(e, "acceptance", "Packages each party likes at least as well as no "
                        "deal", cols, 2);
    for (size_t i = 0; i < st->n; i++) {
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, pid(st, i));
        pl_emit_int(e, NULL, (long long)ws->accept[i]);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
    pl_emit_object_end(e);
    if (st->n_red)
        pl__settle_red_table(st, e);
}

static void issue_list(const pl_settlement *st, const pl__roll *r, double lo, double hi,
                       char *buf, size_t size)
{
    size_t u = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < r->K && u < size; k++) {
        double s = r->r.share[k];
        if (s < lo || s > hi)
            continue;
        int n = snprintf(buf + u, size - u, "%s%s", u ? ", " : "", iid(st, r->issue[k]));
        if (n > 0 && s > 0 && s < 1)
            n += pl__snprintf(buf + u + (size_t)n, size - u - (size_t)n, " (%.0f%%)", 100 * s);
        u += n > 0 ? (size_t)n : 0;
    }
}

static void emit_logrolls(const pl_settlement *st, pl_emitter *e)
{
    static const char *const cols[] = {"a", "b", "a_gets", "b_gets", "split", "joint_gain",
                                       "product", "product_split"};
    char ga[256], gb[256], sp[256];
    pl_emit_table_begin(e, "logrolls", "Logrolls (divisible issues between two parties' "
                        "positions, linear loss)", cols, 8);
    for (size_t r = 0; r < st->n_rolls; r++) {
        const pl__roll *x = &st->rolls[r];
        issue_list(st, x, 1, 1, ga, sizeof ga);
        issue_list(st, x, 0, 0, gb, sizeof gb);
        issue_list(st, x, 1e-12, 1 - 1e-12, sp, sizeof sp);
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, pid(st, x->a));
        pl_emit_string(e, NULL, pid(st, x->b));
        pl_emit_string(e, NULL, ga);
        pl_emit_string(e, NULL, gb);
        pl_emit_string(e, NULL, sp);
        pl_emit_number(e, NULL, x->gain);
        pl_emit_number(e, NULL, x->r.product);
        pl_emit_number(e, NULL, x->r.product_split);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
}

/* Mean |x_k - point of w_k| over the issues, in scale points. */
static double points_distance(const pl_settlement *st, const double *x, const uint32_t *w)
{
    double d = 0;
    for (size_t k = 0; k < st->K; k++)
        d += fabs(x[k] - st->at[k][w[k]]);
    return d / (double)st->K;
}

/* One row of the proposal's distances to frontier point j (x NULL: no points distance). */
static void distance_row(const pl_settlement *st, const char *to, size_t j, const double *u,
                         const double *x, pl_emitter *e)
{
    pl_emit_row_begin(e);
    pl_emit_string(e, NULL, to);
    pl_emit_number(e, NULL, pl_frontier_distance(st->f, j, u));
    if (x)
        pl_emit_number(e, NULL, points_distance(st, x, pl_frontier_package(st->f, j)));
    else
        pl_emit_null(e, NULL);
    pl_emit_row_end(e);
}

/* u: the proposal's utilities; x: its scale points, for its red lines (NULL: not checked);
   pv: the votes on it (NULL: none). */
static int emit_proposal(const pl_settlement *st, const double *u, const double *x,
                         const pl_votes *pv, pl_emitter *e)
{
    static const char *const cols[] = {"to", "utility_euclidean", "points_mean_abs"};
    size_t at = 0;
    pl_emit_object_begin(e, "proposal", "The proposal");
    pl_emit_table_begin(e, "proposal_distances", "Distance to each solution and to the nearest "
                        "frontier package: utility_euclidean, the Euclidean distance between "
                        "the parties' utility vectors (utility units); points_mean_abs, the "
                        "mean over the issues of |proposal - package| (scale points, 0-100)",
                        cols, 3);
    for (int k = 0; k < PL_SOL_COUNT; k++)
        if (st->sol[k].found)
            distance_row(st, pl_solution_name((pl_solution_kind)k), st->sol[k].ties[0], u, x, e);
    pl_frontier_nearest(st->f, u, &at);
    if (pl_frontier_size(st->f))
        distance_row(st, "frontier", at, u, x, e);
    pl_emit_table_end(e);
    int rational = !(x && st->n_red && pl__settle_red_proposal(st, x, e));
    char key[96];
    for (size_t i = 0; i < st->n; i++) {
        rational &= u[i] >= st->d[i] - pl__tol(u[i], st->d[i]);
        snprintf(key, sizeof key, "u_%s", pid(st, i));
        pl_emit_number(e, key, u[i]);
    }
    pl_emit_bool(e, "rational", rational);
    int rc = PL_OK;
    if (pv && st->n_rat)
        pl_emit_number(e, "p_ratified", pl_votes_p_ratified(pv));
    if (pv)
        rc = pl__votes_verdict(st, pv, e);
    pl_emit_object_end(e);
    return rc;
}

/* The votes on the Nash package and the proposal (either may be NULL), one row each. */
static int emit_votes(const pl_settlement *st, const pl_votes *nv, const pl_votes *pv,
                      pl_emitter *e)
{
    static const char *const cols[] = {"package", "role", "actor", "vote", "p_yes", "utility",
                                       "no_deal", "margin", "margin_points", "red_line",
                                       "top_issues"};
    static const char *const bcols[] = {"package", "body", "for", "rule", "noise", "p_pass",
                                        "passes"};
    int rc = PL_OK;
    if (!nv && !pv)
        return PL_OK;
    pl_emit_table_begin(e, "votes", "Votes: each party's acceptance, each ratifying member's "
                        "vote (margin: utility - no-deal value, in utility and in scale "
                        "points; top_issues: what each issue adds to the margin, salience x "
                        "loss against the no-deal point, in utility)", cols, 11);
    if (nv)
        rc = pl__votes_rows(st, nv, "nash", e);
    if (pv && !rc)
        rc = pl__votes_rows(st, pv, "proposal", e);
    pl_emit_table_end(e);
    if (!st->n_rat)
        return rc;
    pl_emit_table_begin(e, "votes_bodies", "Ratifying bodies: rule, noise (scale points), "
                        "probability of passing, and whether it reaches tau", bcols, 7);
    if (nv)
        pl__votes_body_rows(st, nv, "nash", e);
    if (pv)
        pl__votes_body_rows(st, pv, "proposal", e);
    pl_emit_table_end(e);
    return rc;
}

static int first_error(int rc, int next) { return rc ? rc : next; }

int pl_settle_emit(const pl_settlement *st, const double *proposal_u, pl_emitter *e)
{
    return pl_settle_emit_proposal(st, proposal_u, NULL, e);
}

/* The votes on the Nash package (*nv) and on the proposal at x (*pv), when there are. */
static int compute_votes(const pl_settlement *st, const double *x, pl_votes **nv,
                         pl_votes **pv)
{
    const uint32_t *w = pl_settle_solution_package(st, PL_SOL_NASH);
    int rc = w ? pl_settle_votes(nv, st, w, NULL) : PL_OK;
    return !rc && x ? pl__settle_votes_at(pv, st, x, NULL, NULL) : rc;
}

int pl_settle_emit_proposal(const pl_settlement *st, const double *proposal_u,
                            const double *proposal_x, pl_emitter *e)
{
    if (!st || !e)
        return PL_EMISUSE;
    pl_votes *nv = NULL, *pv = NULL;
    /* The parts that need scratch memory say PL_ENOMEM rather than leave
       something out; the first error is the result. */
    int rc = compute_votes(st, proposal_u ? proposal_x : NULL, &nv, &pv);
    pl_emit_object_begin(e, "settlement", "Settlement");
    rc = first_error(rc, emit_findings(st, nv, e));
    emit_space(st, e);
    rc = first_error(rc, emit_parties(st, e));
    pl__nodeal_emit(st, e);
    emit_frontier(st, e);
    rc = first_error(rc, emit_solutions(st, e));
    emit_packages(st, e);
    rc = first_error(rc, emit_ratification(st, e));
    emit_winsets(st, e);
    rc = first_error(rc, emit_bodies(st, e));
    rc = first_error(rc, emit_votes(st, nv, pv, e));
    emit_logrolls(st, e);
    if (proposal_u)
        rc = first_error(rc, emit_proposal(st, proposal_u, proposal_x, pv, e));
    pl_votes_free(nv), pl_votes_free(pv);
    return first_error(rc, pl_emit_object_end(e));
}

int pl_settle_emit_frontier(const pl_settlement *st, pl_emitter *e)
{
    if (!st || !e)
        return PL_EMISUSE;
    size_t nc = st->K + st->n + 1, u = 0;
    const char **cols = malloc(nc * sizeof *cols);
    char *names = malloc(nc * 80);
    if (!cols || !names) {
        free(cols), free(names);
        return PL_ENOMEM;
    }
    for (size_t c = 0; c < nc; c++) {
        cols[c] = names + u;
        int n = c < st->K ? snprintf(names + u, 80, "%s", iid(st, c))
                : c < st->K + st->n ? snprintf(names + u, 80, "u_%s", pid(st, c - st->K))
                                    : snprintf(names + u, 80, "rational");
        u += n > 0 && n < 80 ? (size_t)n + 1 : 80;
    }
    pl_emit_table_begin(e, "frontier", "Pareto frontier", cols, nc);
    for (size_t j = 0; j < pl_frontier_size(st->f); j++) {
        const uint32_t *w = pl_frontier_package(st->f, j);
        int rational = 1;
        pl_emit_row_begin(e);
        for (size_t k = 0; k < st->K; k++)
            pl_emit_number(e, NULL, st->at[k][w[k]]);
        for (size_t i = 0; i < st->n; i++) {
            double x = pl_frontier_utility(st->f, j, i);
            rational &= x >= st->d[i] - pl__tol(x, st->d[i]);
            pl_emit_number(e, NULL, x);
        }
        pl_emit_bool(e, NULL, rational);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
    free(cols), free(names);
    return PL_OK;
}
