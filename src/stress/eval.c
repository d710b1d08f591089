/* SPDX-License-Identifier: MIT */
/*
** eval.c: what one draw of `parley stress` yields. The same walk defines the
** metrics on the baseline (key, words, range, baseline value) and fills them
** on every draw, so metric m means the same thing in each row. An analysis
** that fails on a draw leaves its metrics NAN and raises its failure flag.
*/
#include "stress_impl.h"
#include "../core/fmt.h"
#include "parley/power.h"
#include "parley/dynamics.h"
#include "parley/verdict.h"
#include "parley/proposal.h"
#include "../core/error_int.h"
#include "../core/alloc.h"
#include "../core/scenario_impl.h"
#include "../settle/settlement.h"
#include "../dynamics/durability_impl.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where the walk's values go: new metrics (define) or a row. */
typedef struct sink {
    pl__plan *p;           /* define mode: metrics are appended here */
    double *out;           /* the row's metric part */
    size_t at;
    int rc;
} sink;

static char *vfmt(const char *f, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = pl__vsnprintf(NULL, 0, f, aq);
    va_end(aq);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s)
        pl__vsnprintf(s, (size_t)n + 1, f, ap);
    return s;
}

/* One metric: key and words are printf formats over the same arguments. */
static void put(sink *k, pl_metric_kind kind, double lo, double hi, double v, const char *key,
                const char *text, ...)
{
    if (!k->p) {
        k->out[k->at++] = v;
        return;
    }
    pl__plan *p = k->p;
    if (k->rc)
        return;
    pl__metric *grown = pl__grow(p->m, &p->cap, p->M + 1, sizeof *grown, 32);
    if (!grown) {
        k->rc = PL_ENOMEM;
        return;
    }
    p->m = grown;
    pl__metric *m = &p->m[p->M];
    va_list ap;
    va_start(ap, text);
    m->key = vfmt(key, ap);
    va_end(ap);
    va_start(ap, text);
    m->text = vfmt(text, ap);
    va_end(ap);
    if (!m->key || !m->text) {
        free(m->key), free(m->text);
        k->rc = PL_ENOMEM;
        return;
    }
    m->kind = kind, m->lo = lo, m->hi = hi, m->base = v, m->analysis = 0;
    p->M++;
    k->at++;
}

/* ---- the analyses ------------------------------------------------------------ */

typedef struct draw_ctx {
    const pl__plan *p;
    const pl_scenario *s;
    pl_settlement *st;     /* shared by settle and durability */
    int st_rc;
    pl__draw_mem *mem;     /* the thread's (a draw), NULL (the baseline) */
} draw_ctx;

/* Model m's forecast of every issue (f NULL: undefined). */
static void put_model(draw_ctx *c, sink *k, const pl_forecast *f, int m)
{
    for (size_t x = 0; x < pl_scenario_n_issues(c->s); x++)
        put(k, PL_METRIC_NUMBER, 0, 100, f ? pl_forecast_value(f, x, (pl_model)m) : NAN,
            "forecast.%s.%s", "%s forecast (%s)", pl_issue_id(pl_scenario_issue(c->s, x)),
            pl_model_name((pl_model)m));
}

/* A draw's models in one run: one that has no answer (a Nash bargaining issue where no
   outcome beats disagreement) leaves only its own numbers undefined, and the others' are
   what they are when each runs alone (forecast_impl.h). Nobody reads a draw's messages
   (walk), so the models get no error record: a failing model's message, with its %g, is
   not formatted (the NBS's, about a quarter of the draws, cost 3 k instructions a draw). */
static int forecast_draw(draw_ctx *c, sink *k)
{
    pl_forecast_opts fo = c->p->o.forecast;
    pl_forecast *f = NULL;
    unsigned failed = 0;
    fo.models = c->p->models;
    pl__forecast_mem *mem = c->mem ? &c->mem->forecast : NULL;
    int rc = fo.models ? pl__forecast_compute_each(&f, c->s, &fo, &failed, mem, NULL) : PL_OK;
    for (int m = 0; !rc && m < PL_MODEL_COUNT; m++)
        if (c->p->models & (1u << m))
            put_model(c, k, (failed >> m & 1u) ? NULL : f, m);
    pl_forecast_free(f);
    return rc ? rc : k->rc;
}

/* On the baseline, model by model: which apply, and a failure is the user's to see. */
static int eval_forecast(draw_ctx *c, sink *k, pl_error *err)
{
    if (!k->p) /* 0 models would ask for the default set */
        return forecast_draw(c, k);
    pl_forecast *f = NULL;
    int rc = pl_forecast_compute(&f, c->s, &c->p->o.forecast, err);
    for (int m = 0; !rc && m < PL_MODEL_COUNT; m++) /* all asked for that apply */
        if (pl_forecast_has(f, (pl_model)m))
            k->p->models |= 1u << m;
    pl_forecast_free(f);
    for (int m = 0; !rc && m < PL_MODEL_COUNT; m++) {
        if (!(c->p->models & (1u << m)))
            continue;
        pl_forecast_opts fo = c->p->o.forecast;
        fo.models = 1u << m;
        if (!(rc = pl_forecast_compute(&f, c->s, &fo, err)))
            put_model(c, k, f, m);
        pl_forecast_free(f);
        f = NULL;
    }
    return rc ? rc : k->rc;
}

/* The settlement every draw (and the baseline) computes. */
static pl_settle_opts settle_opts(const pl__plan *p)
{
    pl_settle_opts so = p->o.settle;
    so.threads = 1;        /* the draws are the parallel unit */
    so.logrolls = 0;
    so.max_enumerate = 0;  /* no metric reads the counts: pair_flag asks only "any?" */
    return so;             /* and only the frontier's rational part (pl__settle_compute) */
}

/* A draw's settlement: the rational frontier, and without a proposal (whose verdict
   reads every body's votes) the ratifying bodies only: no metric reads the others. */
static int settlement(draw_ctx *c, pl_error *err)
{
    if (!c->st && !c->st_rc) {
        pl_settle_opts so = settle_opts(c->p);
        unsigned flags = PL__SETTLE_RATIONAL | (c->p->o.proposal ? 0 : PL__SETTLE_RATIFIERS);
        c->st_rc = pl__settle_compute(&c->st, c->s, &so, flags, err);
    }
    return c->st_rc;
}

static double package_code(const pl__plan *p, const uint32_t *w)
{
    if (!p->radix || !w)
        return NAN;
    double code = 0;
    for (size_t k = p->K; k-- > 0;)
        code = code * p->radix[k] + w[k];
    return code;
}

/* "Some package a accepts is ratified by r's bodies", for every party a: settle's pair
   count > 0, found without counting (one walk for all a), into yes (n flags); 0 where
   settle leaves the counts out (above --max-enumerate): the flags are then undefined. */
static int pair_flags(draw_ctx *c, sink *k, size_t r, unsigned char *yes)
{
    double size = pl_space_size(pl_settle_space(c->st));
    if (size > c->p->o.settle.max_enumerate || size > 9007199254740992.0)
        return 0;
    if (pl__settle_pairs_exist(c->st, r, yes))
        k->rc = PL_ENOMEM;
    return 1;
}

static void put_ratification(draw_ctx *c, sink *k, const uint32_t *nash)
{
    const pl_settlement *st = c->st;
    size_t n = pl_frontier_n_parties(pl_settle_frontier(st));
    double pr = NAN;
    const uint32_t *rn = pl_settle_nash_ratified(st, &pr);
    double p = nash ? pl_settle_ratification(st, nash) : NAN;
    if (nash && isnan(p)) /* only when its scratch memory ran out */
        k->rc = PL_ENOMEM;
    put(k, PL_METRIC_NUMBER, 0, 1, p, "settle.nash.ratified", "P(the Nash package is ratified)");
    if (c->p->radix)
        put(k, PL_METRIC_PACKAGE, 0, 0, package_code(c->p, rn), "settle.nash_ratified",
            "the Nash package with ratification counted");
    unsigned char *yes = malloc(n ? n : 1);
    if (!yes)
        k->rc = PL_ENOMEM; /* the flags are still put, every draw the same metrics */
    for (size_t r = 0; r < n; r++) {
        const char *rid = pl_actor_id(pl_scenario_actor(c->s, pl_settle_party(st, r)));
        if (!pl_scenario_n_ratifiers(c->s, pl_settle_party(st, r)))
            continue;
        int defined = yes && pair_flags(c, k, r, yes);
        for (size_t a = 0; a < n; a++) {
            if (a == r)
                continue;
            const char *aid = pl_actor_id(pl_scenario_actor(c->s, pl_settle_party(st, a)));
            put(k, PL_METRIC_FLAG, 0, 1, defined ? (double)yes[a] : NAN,
                "settle.%s_and_%s_ratification",
                "some package %s accepts is ratified by %s's bodies", aid, rid);
        }
    }
    free(yes);
}

static int eval_settle(draw_ctx *c, sink *k, pl_error *err)
{
    int rc = settlement(c, err);
    if (rc)
        return rc;
    const pl_settlement *st = c->st;
    const pl_frontier *f = pl_settle_frontier(st);
    size_t n = pl_frontier_n_parties(f);
    double d[64];
    for (size_t i = 0; i < n && i < 64; i++)
        d[i] = pl_settle_disagreement(st, i);
    size_t nr = n <= 64 ? pl_frontier_n_rational(f, d) : 0;
    put(k, PL_METRIC_FLAG, 0, 1, nr > 0, "settle.zone", "an agreement zone exists");
    put(k, PL_METRIC_NUMBER, 0, pl_space_size(pl_settle_space(c->p->base_st)), (double)nr, "settle.rational", "efficient packages every party prefers to no deal");
    const uint32_t *nash = pl_settle_solution_package(st, PL_SOL_NASH);
    if (c->p->radix) {
        static const pl_solution_kind kinds[] = {PL_SOL_NASH, PL_SOL_KS, PL_SOL_EGALITARIAN};
        static const char *const words[] = {"Nash", "Kalai-Smorodinsky", "egalitarian"};
        for (size_t j = 0; j < 3; j++)
            put(k, PL_METRIC_PACKAGE, 0, 0, package_code(c->p, pl_settle_solution_package(st, kinds[j])),
                "settle.%s%.0s", "the %.0s%s package", pl_solution_name(kinds[j]), words[j]);
    }
    if (pl_settle_has_ratification(st))
        put_ratification(c, k, nash);
    return k->rc;
}

static int body_can_act(const pl_scenario *s, size_t b, int *can, pl_error *err)
{
    const pl_body *y = pl_scenario_body(s, b);
    pl_game *g = NULL;
    pl_power *pw = NULL;
    pl_power_opts po = PL_POWER_OPTS_INIT;
    long x = -1;
    for (size_t m = 0; m < pl_body_n_members(y); m++)
        if (pl_body_member(y, m) == pl_body_against(y))
            x = (long)m;
    int rc = pl_game_from_body(&g, s, b, err);
    if (!rc)
        rc = pl_power_compute(&pw, g, &po, err);
    pl_credibility cr;
    if (!rc)
        rc = pl_power_credibility(&cr, g, pw, x, err);
    *can = !rc && cr.can_act;
    pl_power_free(pw);
    pl_game_free(g);
    return rc;
}

/* Whether a drawn body's game is the baseline's: the draw changes only its weights and the
   thresholds of quotas written as shares of them (core/draw.c); members, vetoes and rules are
   shared. Then its credibility is the baseline's, and the draw need not count coalitions. */
static int same_game(const pl_body *x, const pl_body *y)
{
    for (size_t m = 0; m < x->n_members; m++)
        if (x->weight[m].value != y->weight[m].value)
            return 0;
    for (size_t q = 0; q < x->n_quotas; q++)
        if (x->quotas[q].threshold != y->quotas[q].threshold)
            return 0;
    return 1;
}

static int eval_power(draw_ctx *c, sink *k, pl_error *err)
{
    size_t nb = pl_scenario_n_bodies(c->s);
    if (k->p && !(k->p->base_can = calloc(nb ? nb : 1, 1)))
        return PL_ENOMEM;
    for (size_t b = 0; b < nb; b++) {
        const pl_body *y = pl_scenario_body(c->s, b);
        if (pl_body_against(y) < 0)
            continue;
        int can = 0, rc = PL_OK;
        if (!k->p && same_game(y, pl_scenario_body(c->p->s, b)))
            can = c->p->base_can[b];
        else
            rc = body_can_act(c->s, b, &can, err);
        if (rc)
            return rc;
        if (k->p)
            k->p->base_can[b] = (unsigned char)can;
        const char *xid = pl_actor_id(pl_scenario_actor(c->s, (size_t)pl_body_against(y)));
        put(k, PL_METRIC_FLAG, 0, 1, can, "power.%s.acts_against_%s", "%s can act against %s",
            pl_body_id(y), xid);
    }
    return k->rc;
}

/* With regimes: the deal's survival to the horizon, its expected lifetime, who leaves. */
static void put_survival(const pl_durability *d, sink *k)
{
    double H;
    if (!pl_durability_n_regimes(d))
        return;
    double life = pl_durability_lifetime(d, &H, NULL);
    put(k, PL_METRIC_NUMBER, 0, 1, pl_durability_survival(d, H), "durability.survival",
        "P(the Nash deal outlives the horizon: regime shocks and the commitment check)");
    put(k, PL_METRIC_NUMBER, 0, H, life, "durability.lifetime",
        "expected years the Nash deal lasts within the horizon");
    for (size_t j = 0; j < pl_durability_n_regimes(d); j++) {
        const char *id, *actor;
        int leaves = 0;
        pl_durability_regime(d, j, &id, &actor, NULL, NULL, &leaves, NULL);
        put(k, PL_METRIC_FLAG, 0, 1, leaves, "durability.%s.leaves",
            "%s leaves the deal under regime %s", actor, id);
    }
}

/* The guarantees whose body's game a draw leaves as it was: the baseline's credibility
   (known[j] 0 or 1), else -1. NULL on the baseline, or with more than 64 guarantees. */
static const signed char *known_credible(const draw_ctx *c, const sink *k, signed char *known)
{
    const pl_durability_spec *sp = c->s->durability;
    if (k->p || !c->p->base_cred || sp->n_guarantees > 64)
        return NULL;
    for (size_t j = 0; j < sp->n_guarantees; j++) {
        size_t b = (size_t)sp->guarantees[j].body;
        known[j] = same_game(pl_scenario_body(c->s, b), pl_scenario_body(c->p->s, b))
                       ? (signed char)c->p->base_cred[j] : -1;
    }
    return known;
}

/* On the baseline: each guarantee's credibility, for the draws (known_credible). */
static int keep_credible(sink *k, const pl_durability *d)
{
    size_t n = pl_durability_n_guarantees(d);
    if (!k->p || !n)
        return PL_OK;
    if (!(k->p->base_cred = malloc(n)))
        return PL_ENOMEM;
    for (size_t j = 0; j < n; j++) {
        int credible = 0;
        pl_durability_guarantee(d, j, &credible, NULL, NULL, NULL, NULL);
        k->p->base_cred[j] = (unsigned char)credible;
    }
    return PL_OK;
}

static int eval_durability(draw_ctx *c, sink *k, pl_error *err)
{
    int rc = settlement(c, err);
    const uint32_t *nash = rc ? NULL : pl_settle_solution_package(c->st, PL_SOL_NASH);
    if (rc)
        return rc;
    if (!nash && k->p)
        return pl__fail(err, PL_EINPUT, "durability: the scenario as written has no Nash "
                        "package (no agreement zone), so there is no deal to test; leave "
                        "durability out (--analyses)");
    if (!nash) { /* no deal in this draw: its durability is undefined, not an error */
        while (k->at < c->p->end[3])
            k->out[k->at++] = NAN;
        return PL_OK;
    }
    double deal[256];
    if (pl_scenario_n_issues(c->s) > 256)
        return pl__fail(err, PL_ERANGE, "more than 256 issues");
    pl_settle_package_points(c->st, nash, deal);
    pl_durability *d = NULL;
    signed char known[64];
    if ((rc = pl__durability_compute_known(&d, c->s, deal, NULL, known_credible(c, k, known),
                                           err)))
        return rc;
    if ((rc = keep_credible(k, d))) {
        pl_durability_free(d);
        return rc;
    }
    int side = 0, fails = pl_durability_fails_at(d, &side);
    put(k, PL_METRIC_FLAG, 0, 1, fails < 0, "durability.holds",
        "the Nash deal is self-enforcing without guarantees");
    put(k, PL_METRIC_NUMBER, 0, 1, pl_durability_power(d, pl_durability_periods(d) - 1),
        "durability.power%.0s", "%s's chance of winning a war at the horizon",
        pl_durability_side(d, 0));
    for (size_t j = 0; j < pl_durability_n_guarantees(d); j++) {
        int credible = 0, holds = 0;
        pl_durability_guarantee(d, j, &credible, NULL, &holds, NULL, NULL);
        const char *bid = pl_durability_guarantee_body(d, j);
        put(k, PL_METRIC_FLAG, 0, 1, credible, "durability.%s.credible",
            "the %s guarantee is credible", bid);
        put(k, PL_METRIC_FLAG, 0, 1, holds, "durability.%s.holds",
            "the deal holds with the %s guarantee", bid);
        if (c->s->durability->guarantees[j].n_provided)  /* tied to the package's options */
            put(k, PL_METRIC_FLAG, 0, 1, pl_durability_guarantee_provided(d, j),
                "durability.%s.provided", "the Nash deal provides the %s guarantee", bid);
    }
    put_survival(d, k);
    pl_durability_free(d);
    return k->rc;
}

/* The proposal's findings (parley/verdict.h): which metrics exist depends only on the
   scenario's structure (its parties, bodies, durability section), so every draw has the
   baseline's. */
static int eval_proposal(draw_ctx *c, sink *k, pl_error *err)
{
    int rc = settlement(c, err);
    pl_verdict *v = NULL;
    if (rc || (rc = pl_verdict_compute(&v, c->s, c->st, c->p->o.proposal, err)))
        return rc;
    for (size_t i = 0; i < pl_verdict_n_parties(v); i++)
        put(k, PL_METRIC_FLAG, 0, 1, pl_verdict_accepts(v, i), "proposal.%s.accepts",
            "%s accepts the proposal (its utility at least its no-deal value)",
            pl_actor_id(pl_scenario_actor(c->s, pl_settle_party(c->st, i))));
    put(k, PL_METRIC_FLAG, 0, 1, pl_verdict_accepted(v), "proposal.accepted",
        "every party accepts the proposal");
    if (pl_verdict_is_package(v) && pl_settle_has_ratification(c->st))
        put(k, PL_METRIC_NUMBER, 0, 1, pl_verdict_ratified(v), "proposal.ratified",
            "P(the proposal is ratified)");
    const pl_durability *d = pl_verdict_durability(v);
    if (d)
        put(k, PL_METRIC_FLAG, 0, 1, pl_verdict_durable(v) == 1, "proposal.self_enforcing",
            "the proposal is self-enforcing without guarantees");
    if (d && pl_durability_n_regimes(d)) {
        double H;
        pl_durability_lifetime(d, &H, NULL);
        put(k, PL_METRIC_NUMBER, 0, 1, pl_durability_survival(d, H), "proposal.survival",
            "P(the proposal outlives the horizon: regime shocks and the commitment check)");
    }
    pl_verdict_free(v);
    return k->rc;
}

/* ---- one walk, two uses ----------------------------------------------------- */

typedef int (*analysis_fn)(draw_ctx *c, sink *k, pl_error *err);

static int walk(const pl__plan *p, const pl_scenario *s, sink *k, double *failed,
                pl__draw_mem *mem, pl_error *err)
{
    static const analysis_fn fns[PL__N_ANALYSES] = {eval_forecast, eval_settle, eval_power,
                                                    eval_durability, eval_proposal};
    /* the baseline's settlement was built when the plan laid out its packages: reuse it */
    draw_ctx c = {p, s, k->p ? k->p->base_st : NULL, 0, mem};
    int rc = PL_OK;
    for (size_t a = 0; a < PL__N_ANALYSES && !rc; a++) {
        if (!(p->analyses & (1u << a)))
            continue;
        size_t start = k->at;
        pl_error e2 = {0};
        int r = fns[a](&c, k, k->p ? err : &e2);
        if (k->p) {            /* the baseline: a failure is the user's to see */
            /* put() reports a failed allocation as a bare PL_ENOMEM: give it its message */
            rc = r == PL_ENOMEM ? pl__error_nomem(err) : r;
            k->p->first[a] = start, k->p->end[a] = k->at;
            for (size_t m = start; m < k->at; m++)
                k->p->m[m].analysis = 1u << a;
        } else if (r) {
            for (size_t m = p->first[a]; m < p->end[a]; m++)
                k->out[m] = NAN;
            k->at = p->end[a];
            failed[a] = 1;
            if (r == PL_ENOMEM)
                rc = pl__error_nomem(err);
        }
    }
    if (!k->p || c.st != k->p->base_st)
        pl_settle_free(c.st);
    return rc;
}

void pl__draw_mem_free(pl__draw_mem *m)
{
    pl_arena_free(&m->spare);
    free(m->forecast.eum);
    m->forecast = (pl__forecast_mem){NULL, 0};
}

int pl__plan_draw(const pl__plan *p, uint64_t draw, double *row, pl__draw_mem *mem,
                  pl_error *err)
{
    pl_scenario *d = NULL;
    int rc = pl__scenario_draw_into(&d, p->s, p->o.seed, draw, row, &mem->spare, err);
    if (rc)
        return rc;
    double *failed = row + p->J + p->M;
    for (size_t a = 0; a < PL__N_ANALYSES; a++)
        failed[a] = 0;
    sink k = {NULL, row + p->J, 0, 0};
    rc = walk(p, d, &k, failed, mem, err);
    pl__scenario_recycle(d, &mem->spare);
    return rc;
}

/* ---- the plan ----------------------------------------------------------------- */

static unsigned supported(const pl_scenario *s, const pl_stress_opts *o)
{
    unsigned a = PL_STRESS_FORECAST | PL_STRESS_SETTLE | (o->proposal ? PL_STRESS_PROPOSAL : 0);
    for (size_t b = 0; b < pl_scenario_n_bodies(s); b++)
        if (pl_body_against(pl_scenario_body(s, b)) >= 0)
            a |= PL_STRESS_POWER;
    if (pl_scenario_has_durability(s))
        a |= PL_STRESS_DURABILITY;
    return a;
}

static int package_radix(pl__plan *p, pl_error *err)
{
    pl_settle_opts so = settle_opts(p);
    int rc = pl__settle_compute(&p->base_st, p->s, &so, PL__SETTLE_RATIONAL, err);
    if (rc)
        return rc;
    const pl_space *sp = pl_settle_space(p->base_st);
    p->K = pl_space_n_issues(sp);
    if (pl_space_size(sp) > 9007199254740992.0) /* 2^53: codes would not be exact */
        return PL_OK;
    if (!(p->radix = malloc(p->K * sizeof *p->radix)))
        return pl__error_nomem(err);
    for (size_t k = 0; k < p->K; k++)
        p->radix[k] = (double)pl_space_n_options(sp, k);
    return PL_OK;
}

void pl__plan_package(const pl__plan *p, double code, uint32_t *w)
{
    for (size_t k = 0; k < p->K; k++) {
        double q = floor(code / p->radix[k]);
        w[k] = (uint32_t)(code - q * p->radix[k]);
        code = q;
    }
}

int pl__plan_init(pl__plan *p, const pl_scenario *s, const pl_stress_opts *o, pl_error *err)
{
    memset(p, 0, sizeof *p);
    p->s = s, p->o = *o;
    unsigned can = supported(s, o);
    p->analyses = o->analyses ? o->analyses : can;
    if (p->analyses & ~can & PL_STRESS_PROPOSAL)
        return pl__fail(err, PL_EINPUT, "proposal: there is no proposal to judge; expected "
                        "one: " PL__PROPOSAL_HINT);
    if (o->proposal && pl_proposal_n_issues(o->proposal) != pl_scenario_n_issues(s))
        return pl__fail(err, PL_EMISUSE, "stress: the proposal has %zu issues, the scenario "
                        "%zu; expected a proposal read against it",
                        pl_proposal_n_issues(o->proposal), pl_scenario_n_issues(s));
    if (p->analyses & ~can)
        return pl__fail(err, PL_EINPUT, "%s: the scenario has no %s",
                        (p->analyses & ~can & PL_STRESS_DURABILITY) ? "durability"
                                                                    : "power",
                        (p->analyses & ~can & PL_STRESS_DURABILITY)
                            ? "durability section"
                            : "body meant to act against an actor ('against:')");
    p->J = pl_scenario_n_uncertain(s);
    int rc = PL_OK;
    if (p->analyses & (PL_STRESS_SETTLE | PL_STRESS_DURABILITY | PL_STRESS_PROPOSAL))
        rc = package_radix(p, err);
    if (rc)
        return rc;
    double failed[PL__N_ANALYSES];
    sink k = {p, NULL, 0, 0};
    rc = walk(p, s, &k, failed, NULL, err);
    return rc ? rc : k.rc ? pl__error_nomem(err) : PL_OK;
}

void pl__plan_free(pl__plan *p)
{
    for (size_t m = 0; m < p->M; m++)
        free(p->m[m].key), free(p->m[m].text);
    free(p->m);
    free(p->radix);
    free(p->kinds);
    free(p->base_can), free(p->base_cred);
    pl_settle_free(p->base_st);
    memset(p, 0, sizeof *p);
}
