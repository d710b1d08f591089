/* SPDX-License-Identifier: MIT */
/*
** stages.c: staged agreements (issue 7): "ceasefire first" against
** "comprehensive deal first". Each plan takes its stages one after another;
** in each year of talks they break down with probability b, and then the
** issues settled so far keep the agreed outcome while the rest stay at the
** status quo. A party's value is its expected, discounted flow of utility
** (see run_plan). Terms that shift power take effect when their issue is
** settled, so a staged plan also phases the shift.
*/
#include "durability_impl.h"
#include "../core/fmt.h"
#include "parley/emit.h"
#include "parley/settle.h"
#include "../core/scenario_impl.h"
#include "../core/error_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct plan_result {
    double agreement;
    double years;           /* until the last stage ends */
    int fails_at;           /* -2: no durability section */
    double *value;          /* per party */
} plan_result;

struct pl_staging {
    const pl_scenario *s;
    const pl_staging_spec *spec;
    size_t n;               /* parties */
    size_t *party;          /* their actors */
    plan_result *plan;
};

void pl_staging_free(pl_staging *g)
{
    if (!g)
        return;
    for (size_t p = 0; g->plan && p < g->spec->n_plans; p++)
        free(g->plan[p].value);
    free(g->plan), free(g->party);
    free(g);
}

static double discount_of(const pl_scenario *s, size_t actor)
{
    double d = pl_actor_discount(pl_scenario_actor(s, actor));
    return d < 1 ? d : s->durability ? s->durability->discount.value : 0.9;
}

/* The state where the issues marked in settled are at the deal, the rest at the status quo. */
static void state(const pl_scenario *s, const double *deal, const unsigned char *settled,
                  double *x)
{
    for (size_t k = 0; k < s->n_issues; k++)
        x[k] = settled[k] ? deal[k] : s->issues[k].status_quo.value;
}

/*
** Utilities are flows: a party receives u(state) in every year, and a stage
** completed at year c (stage lengths are spans of time, not periods, so no
** period length enters) adds its gain u(after) - u(before) from then on, worth
** delta^c of it today, if the talks survive until c ((1 - b)^c). So
**     V = u(status quo) + sum over stages ((1 - b) delta)^c (u(after) - u(before)),
** and a breakdown freezes the issues settled so far. With the scenario's
** no_deal section, the start is no deal's value over time instead of the
** status quo's (nodeal.c): the first stage completed ends the conflict and
** the drift, and the issues not yet settled stay at the status quo.
*/
static int run_plan(pl_staging *g, const pl_plan *pl, const pl_settlement *st, const double *deal,
                    plan_result *r, pl_error *err)
{
    const pl_scenario *s = g->s;
    size_t K = s->n_issues;
    double b = g->spec->breakdown.value;
    unsigned char *settled = calloc(K, 1);
    double *x = malloc(K * sizeof *x), *before = malloc(g->n * sizeof *before);
    double *when = malloc(K * sizeof *when), c = 0;
    r->value = calloc(g->n, sizeof *r->value);
    if (!settled || !x || !before || !when || !r->value) {
        free(settled), free(x), free(before), free(when);
        return pl__error_nomem(err);
    }
    state(s, deal, settled, x);
    for (size_t i = 0; i < g->n; i++)  /* with a no-deal path, no deal is worth its value */
        r->value[i] = before[i] = s->nodeal ? pl_settle_disagreement(st, i)
                                            : pl_settle_point_utility(st, i, x);
    for (size_t o = 0; o < pl->n_stages; o++) {
        const pl_stage *sg = &pl->stages[pl->order[o]];
        c += sg->years;
        for (size_t m = 0; m < sg->n_issues; m++) {
            settled[sg->issues[m]] = 1;
            when[sg->issues[m]] = c;
        }
        state(s, deal, settled, x);
        for (size_t i = 0; i < g->n; i++) {
            double after = pl_settle_point_utility(st, i, x);
            double w = pow((1 - b) * discount_of(s, g->party[i]), c);
            r->value[i] += w * (after - before[i]);
            before[i] = after;
        }
    }
    r->agreement = pow(1 - b, c);
    r->years = c;
    r->fails_at = -2;
    int rc = PL_OK;
    if (s->durability) {
        pl_durability *d = NULL;
        rc = pl__durability_compute_years(&d, s, deal, when, err);
        if (!rc)
            r->fails_at = pl_durability_fails_at(d, NULL);
        pl_durability_free(d);
    }
    free(settled), free(x), free(before), free(when);
    return rc;
}

int pl_staging_compute(pl_staging **out, const pl_scenario *s, const pl_settlement *st,
                       const double *deal, pl_error *err)
{
    if (!out || !s || !st || !deal)
        return pl__fail(err, PL_EMISUSE, "pl_staging_compute: NULL argument");
    *out = NULL;
    if (!s->staging)
        return pl__fail(err, PL_ENOTFOUND, "scenario '%s' has no staging section", s->name);
    for (size_t k = 0; k < s->n_issues; k++)
        if (!s->issues[k].has_status_quo)
            return pl__fail(err, PL_EINPUT, "issue '%s' has no status_quo; staged agreements "
                            "need one on every issue (what stays when talks break down)",
                            s->issues[k].id);
    pl_staging *g = calloc(1, sizeof *g);
    if (!g)
        return pl__error_nomem(err);
    g->s = s;
    g->spec = s->staging;
    g->n = pl_frontier_n_parties(pl_settle_frontier(st));
    g->party = malloc(g->n * sizeof *g->party);
    g->plan = calloc(g->spec->n_plans, sizeof *g->plan);
    int rc = g->party && g->plan ? PL_OK : pl__error_nomem(err);
    for (size_t i = 0; !rc && i < g->n; i++)
        g->party[i] = pl_settle_party(st, i);
    for (size_t p = 0; !rc && p < g->spec->n_plans; p++)
        rc = run_plan(g, &g->spec->plans[p], st, deal, &g->plan[p], err);
    if (rc) {
        pl_staging_free(g);
        return rc;
    }
    *out = g;
    return PL_OK;
}

size_t pl_staging_n_plans(const pl_staging *g) { return g ? g->spec->n_plans : 0; }

double pl_staging_agreement(const pl_staging *g, size_t p, size_t *periods)
{
    if (!g || p >= g->spec->n_plans)
        return NAN;
    if (periods)
        *periods = (size_t)ceil(g->plan[p].years - 1e-9);
    return g->plan[p].agreement;
}

double pl_staging_years(const pl_staging *g, size_t p)
{
    return g && p < g->spec->n_plans ? g->plan[p].years : NAN;
}

double pl_staging_value(const pl_staging *g, size_t p, size_t i)
{
    return g && p < g->spec->n_plans && i < g->n ? g->plan[p].value[i] : NAN;
}

int pl_staging_fails_at(const pl_staging *g, size_t p)
{
    return g && p < g->spec->n_plans ? g->plan[p].fails_at : -2;
}

/* "ceasefire -> experts -> leaders" */
static void stage_line(const pl_plan *pl, char *buf, size_t size)
{
    size_t u = 0;
    buf[0] = '\0';
    for (size_t o = 0; o < pl->n_stages && u < size; o++) {
        int n = snprintf(buf + u, size - u, "%s%s", o ? " -> " : "",
                         pl->stages[pl->order[o]].id);
        u += n > 0 ? (size_t)n : 0;
    }
}

/* Which plan each party prefers, in words. */
static void emit_preferences(const pl_staging *g, pl_emitter *e)
{
    char buf[512], key[96];
    pl_emit_object_begin(e, "staging", "Which plan each party prefers");
    for (size_t i = 0; i < g->n; i++) {
        size_t best = 0, worst = 0;
        for (size_t p = 1; p < g->spec->n_plans; p++) {
            if (g->plan[p].value[i] > g->plan[best].value[i])
                best = p;
            if (g->plan[p].value[i] < g->plan[worst].value[i])
                worst = p;
        }
        const char *id = g->s->actors[g->party[i]].id;
        if (g->plan[best].value[i] - g->plan[worst].value[i] <= 1e-12)
            pl__snprintf(buf, sizeof buf, "%s is indifferent between the plans (%.3f).", id,
                     g->plan[best].value[i]);
        else
            pl__snprintf(buf, sizeof buf, "%s prefers %s (%.3f) to %s (%.3f).", id,
                     g->spec->plans[best].id, g->plan[best].value[i], g->spec->plans[worst].id,
                     g->plan[worst].value[i]);
        snprintf(key, sizeof key, "prefers_%s", id);
        pl_emit_string(e, key, buf);
    }
    pl_emit_object_end(e);
}

int pl_staging_emit(const pl_staging *g, pl_emitter *e)
{
    if (!g || !e)
        return PL_EMISUSE;
    emit_preferences(g, e);
    size_t nc = 5 + g->n, u = 0;
    const char **cols = malloc(nc * sizeof *cols);
    char *names = malloc(g->n * 72), line[512];
    if (!cols || !names) {
        free(cols), free(names);
        return PL_ENOMEM;
    }
    static const char *const head[] = {"plan", "stages", "periods", "agreement", "durable"};
    memcpy(cols, head, sizeof head);
    for (size_t i = 0; i < g->n; i++) {
        cols[5 + i] = names + u;
        int n = snprintf(names + u, 72, "value_%s", g->s->actors[g->party[i]].id);
        u += n > 0 && n < 72 ? (size_t)n + 1 : 72;
    }
    pl_emit_table_begin(e, "plans", "Staged agreements (agreement: talks reach the last stage; "
                        "durable: the full deal is self-enforcing; value: expected utility)",
                        cols, nc);
    for (size_t p = 0; p < g->spec->n_plans; p++) {
        const plan_result *r = &g->plan[p];
        stage_line(&g->spec->plans[p], line, sizeof line);
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, g->spec->plans[p].id);
        pl_emit_string(e, NULL, line);
        if (r->years == floor(r->years) && r->years < 1e15)  /* whole years read as before */
            pl_emit_int(e, NULL, (long long)r->years);
        else
            pl_emit_number(e, NULL, r->years);
        pl_emit_number(e, NULL, r->agreement);
        if (r->fails_at == -2)
            pl_emit_null(e, NULL);
        else
            pl_emit_bool(e, NULL, r->fails_at < 0);
        for (size_t i = 0; i < g->n; i++)
            pl_emit_number(e, NULL, r->value[i]);
        pl_emit_row_end(e);
    }
    free(cols), free(names);
    return pl_emit_table_end(e);
}
