/* SPDX-License-Identifier: MIT */
/*
** claims_explain.c: the break-even of every verdict. A verdict is a step
** function of any one input (counts, vetoes and medians move in jumps), so
** for each input the search scans points either side of its value out to the
** ends of its interval (its stated low/high, else its natural domain:
** src/core/inputs.h), evaluating every claim at each point (one settlement
** shared by the claims that need it), then bisects each claim's nearest flip
** to 1e-6 evaluating that claim alone. A verdict no input flips rests on the
** rules; a claim whose number moves with an input quoting the claim's own
** sentence tests its own input.
*/
#include "claims_impl.h"
#include "parley/scenario.h"
#include "../core/error_int.h"
#include "../core/fmt.h"
#include "../core/inputs.h"
#include "../core/parallel.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCAN 10         /* points each side of the value */
#define TOLERANCE 1e-9  /* width of the final bisection bracket, in the input's units: well
                           below the 1e-6 grid the flips are reported on */

struct pl_claims_explained {
    size_t n_claims, n_inputs;
    pl_claim_flip *f;        /* claim i's row: f[i * n_inputs + j], ranked after the search */
    size_t *n_flips;
    unsigned char *verdict;  /* 1: claim i holds or fails on the scenario as written */
};

typedef struct job {
    const pl_claims *c;
    const pl_scenario *s;
    const pl_claim_result *base;   /* the verdicts on s */
    pl_claims_explained *x;
    size_t lo, hi;                 /* this job's inputs */
    pl_claim_result *res;          /* room for one probe of every claim */
    int rc;
    pl_error err;
} job;

/* One sentence quoted in both places (a longer quote may contain the claim's). */
static int same_sentence(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    size_t na = strlen(a), nb = strlen(b);
    if (na < 20 || nb < 20)
        return strcmp(a, b) == 0;
    return na <= nb ? strstr(b, a) != NULL : strstr(a, b) != NULL;
}

/* Whether actor a sits in a body some actor needs to ratify (the ratification check's voters). */
static int ratifier(const pl_scenario *s, long body, long a)
{
    for (size_t i = 0; i < pl_scenario_n_actors(s); i++)
        for (size_t r = 0; r < pl_scenario_n_ratifiers(s, i); r++) {
            long b = pl_scenario_ratifier(s, i, r);
            const pl_body *y = pl_scenario_body(s, (size_t)b);
            if (b == body && a < 0)
                return 1;
            for (size_t m = 0; a >= 0 && m < pl_body_n_members(y); m++)
                if (pl_body_member(y, m) == a)
                    return 1;
        }
    return 0;
}

static int on_issues(const pl__claim *c, long k)
{
    for (size_t j = 0; j < c->n_issues; j++)
        if ((long)c->issues[j] == k)
            return 1;
    return 0;
}

/*
** Whether check c reads input `in` at all, whatever its value: the inputs a
** claim depends on even where no value moves its number (a probability stuck
** at 0 still rests on the voters' positions).
*/
static int reads(const pl_scenario *s, const pl__claim *c, const pl__input *in)
{
    int pos = !strcmp(in->kind, "position") || !strcmp(in->kind, "salience");
    int table = in->actor >= 0 && pl_actor_at_table(pl_scenario_actor(s, (size_t)in->actor));
    switch (c->kind) {
    case PL__CAN_ACT: return in->body == c->body;
    case PL__RATIFICATION: /* the bodies, and their members' gains over no deal */
        return in->body >= 0 ? ratifier(s, in->body, -1) : !strcmp(in->kind, "status_quo") ||
               in->nodeal ||
               ((pos || !strcmp(in->kind, "no_deal")) && ratifier(s, -1, in->actor));
    case PL__SELF_ENFORCING: return in->durability;
    case PL__LEVERAGE: return table && (pos || !strcmp(in->kind, "capability"));
    case PL__ZONE: return (table && pos && on_issues(c, in->issue)) ||
                          (!strcmp(in->kind, "status_quo") && on_issues(c, in->issue));
    case PL__NO_WINNERS: return in->durability || (table && (pos || !strcmp(in->kind, "no_deal")))
                                || !strcmp(in->kind, "status_quo") || in->nodeal;
    default: return 0;
    }
}

static int opposite(pl_claim_status base, pl_claim_status now)
{
    return (base == PL_CLAIM_HOLDS && now == PL_CLAIM_FAILS) ||
           (base == PL_CLAIM_FAILS && now == PL_CLAIM_HOLDS);
}

static int moved(const pl_claim_result *base, const pl_claim_result *now)
{
    double a = base->value, b = now->value;
    if (base->status != now->status || isnan(a) != isnan(b))
        return 1;
    return !isnan(a) && fabs(a - b) > 1e-12 * fmax(1, fabs(a));
}

/*
** A superset of reads() that is sure, to skip evaluations that cannot change:
** the settlement and durability read an actor's capability only for the Nash
** weights and its discount and risk not at all (at time 0), and no claim uses
** the Nash weights; a power game and the forecasts read what reads() says.
*/
static int may_read(const pl_scenario *s, const pl__claim *c, const pl__input *in)
{
    if (c->kind == PL__CAN_ACT || c->kind == PL__LEVERAGE || c->kind == PL__NOT_MODELLED)
        return reads(s, c, in);
    return in->durability || in->actor < 0 || (strcmp(in->kind, "capability") &&
           strcmp(in->kind, "discount") && strcmp(in->kind, "risk"));
}

/* The claims with want[i], with input j set to t. */
static int probe(job *b, size_t j, double t, const unsigned char *want)
{
    pl_scenario *p = NULL;
    int rc = pl__scenario_with_input(&p, b->s, j, t, &b->err);
    if (!rc)
        pl__claims_evaluate_some(b->c, p, want, b->res);
    pl_scenario_free(p);
    return b->rc = rc;
}

/* Claim i is as on s at `near` and flipped at `far`: the flip's edge, to TOLERANCE. */
static double bisect(job *b, size_t j, size_t i, double near, double far)
{
    unsigned char want[64] = {0};
    want[i] = 1;
    while (fabs(far - near) > TOLERANCE && !b->rc) {
        double mid = near + (far - near) / 2;
        if (mid == near || mid == far || probe(b, j, mid, want))
            break;
        if (opposite(b->base[i].status, b->res[i].status))
            far = mid;
        else
            near = mid;
    }
    return far;
}

/*
** Scan input j from its value towards `end`, each claim that may read it
** (open[i]); record each one's nearest flip that way.
*/
static void scan_side(job *b, size_t j, double now, double end, const unsigned char *open)
{
    size_t n = b->x->n_claims, left = 0;
    unsigned char want[64];
    for (size_t i = 0; i < n; i++)
        left += want[i] = open[i];
    double prev = now;
    for (int k = 1; k <= SCAN && left && end != now && !b->rc; k++) {
        double t = k == SCAN ? end : now + (end - now) * k / SCAN;
        if (probe(b, j, t, want))
            return;
        for (size_t i = 0; i < n; i++) { /* a bisection rewrites res[i] only */
            pl_claim_flip *f = &b->x->f[i * b->x->n_inputs + j];
            if (!want[i])
                continue;
            f->depends |= moved(&b->base[i], &b->res[i]);
            if (!opposite(b->base[i].status, b->res[i].status))
                continue;
            /* the edge is found to 1e-9 and reported on the 1e-6 grid, rounded away
               from the value as written, so the reported value is on the flipped side
               (a tie at 67.5 is "67.499999"; 40.0000000001 is "40.000001", not noise) */
            double at = bisect(b, j, i, prev, t);
            at = at > now ? ceil(at * 1e6) / 1e6 : floor(at * 1e6) / 1e6;
            if (isnan(f->at) || fabs(at - now) < fabs(f->at - now))
                f->at = at, f->depends = 1;
            want[i] = 0, left--;
        }
        prev = t;
    }
}

static void *run_job(void *arg)
{
    job *b = arg;
    unsigned char open[64];
    for (size_t j = b->lo; j < b->hi && !b->rc; j++) {
        pl__input in;
        if (pl__scenario_input(b->s, j, &in))
            continue;
        for (size_t i = 0; i < b->x->n_claims; i++) {
            pl_claim_flip *f = &b->x->f[i * b->x->n_inputs + j];
            pl__snprintf(f->input, sizeof f->input, "%s", in.label);
            f->index = j, f->now = in.v.value, f->at = NAN;
            f->low = in.low, f->high = in.high, f->stated = in.stated;
            f->same_source = same_sentence(b->c->c[i].source, in.v.source);
            f->depends = reads(b->s, &b->c->c[i], &in);
            open[i] = b->x->verdict[i] && may_read(b->s, &b->c->c[i], &in);
        }
        scan_side(b, j, in.v.value, in.low, open);
        scan_side(b, j, in.v.value, in.high, open);
    }
    return NULL;
}

static double relative(const pl_claim_flip *f)
{
    if (isnan(f->at))
        return INFINITY;
    return f->high > f->low ? fabs(f->at - f->now) / (f->high - f->low) : 0;
}

/* Flips first, the smallest change relative to the interval first; then the walk's order. */
static int by_change(const void *pa, const void *pb)
{
    const pl_claim_flip *a = pa, *b = pb;
    double ra = relative(a), rb = relative(b);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static void rank(pl_claims_explained *x)
{
    for (size_t i = 0; i < x->n_claims; i++) {
        pl_claim_flip *row = &x->f[i * x->n_inputs];
        qsort(row, x->n_inputs, sizeof *row, by_change);
        x->n_flips[i] = 0;
        while (x->n_flips[i] < x->n_inputs && !isnan(row[x->n_flips[i]].at))
            x->n_flips[i]++;
    }
}

static pl_claims_explained *explained_new(size_t n_claims, size_t n_inputs)
{
    pl_claims_explained *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    x->n_claims = n_claims, x->n_inputs = n_inputs;
    x->f = calloc(n_claims && n_inputs ? n_claims * n_inputs : 1, sizeof *x->f);
    x->n_flips = calloc(n_claims ? n_claims : 1, sizeof *x->n_flips);
    x->verdict = calloc(n_claims ? n_claims : 1, 1);
    if (!x->f || !x->n_flips || !x->verdict) {
        pl_claims_explained_free(x);
        return NULL;
    }
    return x;
}

/* Run the jobs over the inputs (n threads) and collect the first error. */
static int run_jobs(job *jobs, size_t n, pl_error *err)
{
    return pl__parallel_first_error(jobs, sizeof *jobs, n, run_job, offsetof(job, rc),
                                    offsetof(job, err), err);
}

int pl_claims_explain(pl_claims_explained **out, const pl_claims *c, const pl_scenario *s,
                      int threads, pl_error *err)
{
    if (!out || !c || !s || threads < 1 || c->n > 64)
        return pl__fail(err, PL_EMISUSE, "pl_claims_explain: bad argument (at most 64 claims)");
    *out = NULL;
    size_t N = c->n, J = pl__scenario_n_inputs(s), n = (size_t)threads;
    pl_claims_explained *x = explained_new(N, J);
    pl_claim_result *base = calloc(N * (n + 1) + 1, sizeof *base);
    job *jobs = calloc(n, sizeof *jobs);
    int rc = x && base && jobs ? pl_claims_evaluate(c, s, base, err) : pl__error_nomem(err);
    for (size_t i = 0; !rc && i < N; i++)
        x->verdict[i] = base[i].status <= PL_CLAIM_HOLDS;
    for (size_t t = 0; !rc && t < n; t++)
        jobs[t] = (job){c, s, base, x, J * t / n, J * (t + 1) / n, base + N * (t + 1), 0, {0}};
    if (!rc && !(rc = run_jobs(jobs, n, err)))
        rank(x);
    free(base), free(jobs);
    if (rc)
        pl_claims_explained_free(x);
    else
        *out = x;
    return rc;
}

void pl_claims_explained_free(pl_claims_explained *x)
{
    if (!x)
        return;
    free(x->f), free(x->n_flips), free(x->verdict);
    free(x);
}

size_t pl_claims_n_inputs(const pl_claims_explained *x) { return x ? x->n_inputs : 0; }

const pl_claim_flip *pl_claims_flip(const pl_claims_explained *x, size_t i, size_t j)
{
    return x && i < x->n_claims && j < x->n_inputs ? &x->f[i * x->n_inputs + j] : NULL;
}

size_t pl_claims_n_flips(const pl_claims_explained *x, size_t i)
{
    return x && i < x->n_claims ? x->n_flips[i] : 0;
}

int pl_claims_definitional(const pl_claims_explained *x, size_t i)
{
    return x && i < x->n_claims && x->verdict[i] && !x->n_flips[i];
}

size_t pl_claims_n_circular(const pl_claims_explained *x, size_t i)
{
    size_t n = 0;
    for (size_t j = 0; x && i < x->n_claims && j < x->n_inputs; j++)
        n += x->f[i * x->n_inputs + j].same_source && x->f[i * x->n_inputs + j].depends;
    return n;
}
