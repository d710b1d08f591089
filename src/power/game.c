/* SPDX-License-Identifier: MIT */
/*
** game.c: simple games (MODELS.md section 11): members, vetoes and rules of
** integer-weighted conditions; built by hand or from a scenario body.
*/
#include "power_impl.h"
#include "../core/error_int.h"
#include "../core/scenario_impl.h"
#include "../core/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Scaled weights stay below 2^62 so that sums and quota arithmetic cannot overflow. */
#define PL__WEIGHT_MAX ((int64_t)1 << 62)

int pl_game_new(pl_game **out, size_t n, pl_error *err)
{
    *out = NULL;
    if (n == 0)
        return pl__fail(err, PL_EINPUT, "a game needs at least one member");
    /* the record, its number buffer and the veto flags in one block (a settlement makes a
       game per ratifying body, every stress draw: two allocations fewer a game) */
    pl_game *g = n <= SIZE_MAX - sizeof *g - PL__NUMBUF ? calloc(1, sizeof *g + PL__NUMBUF + n)
                                                        : NULL;
    if (!g)
        return pl__error_nomem(err);
    g->numbuf = (char *)(g + 1);
    g->veto = (unsigned char *)g->numbuf + PL__NUMBUF;
    g->n = n;
    g->n_rules = 1;
    *out = g;
    return PL_OK;
}

void pl_game_free(pl_game *g)
{
    if (!g)
        return;
    for (size_t m = 0; g->name && m < g->n; m++)
        free(g->name[m]);
    for (size_t c = 0; c < g->n_conds; c++)
        free(g->cond[c].w);
    free(g->name);
    free(g->cond);
    free(g); /* with its number buffer and veto flags (pl_game_new) */
}

int pl_game_set_name(pl_game *g, size_t m, const char *name, pl_error *err)
{
    if (!g || m >= g->n || !name)
        return pl__fail(err, PL_EMISUSE, "pl_game_set_name: no member %zu", m);
    if (!g->name && !(g->name = calloc(g->n, sizeof *g->name)))
        return pl__error_nomem(err);
    char *copy = strdup(name);
    if (!copy)
        return pl__error_nomem(err);
    free(g->name[m]);
    g->name[m] = copy;
    return PL_OK;
}

int pl_game_add_rule(pl_game *g, pl_error *err)
{
    if (!g)
        return pl__fail(err, PL_EMISUSE, "pl_game_add_rule: no game");
    if (g->n_conds == 0 || g->cond[g->n_conds - 1].rule != g->n_rules - 1)
        return pl__fail(err, PL_EINPUT, "rule %zu has no condition; expected at least one "
                        "quota before the next rule", g->n_rules);
    if (g->n_rules >= PL__MAX_RULES)
        return pl__fail(err, PL_EINPUT, "a game may have at most %d alternative rules",
                        PL__MAX_RULES);
    g->n_rules++;
    return PL_OK;
}

/* Check a condition's weights (NULL: a member count) and sum them into *total. */
static int weights_total(const pl_game *g, const int64_t *weights, int64_t *total,
                         pl_error *err)
{
    char buf[PL__NUMBUF];
    *total = 0;
    for (size_t m = 0; m < g->n; m++) {
        int64_t w = weights ? weights[m] : 1;
        if (w < 0 || w > PL__WEIGHT_MAX - *total)
            return pl__fail(err, PL_EINPUT, "weight %lld of member %s is %s; expected a "
                            "whole number >= 0 with a total below 2^62", (long long)w,
                            pl__game_name(g, m, buf, sizeof buf), w < 0 ? "negative" : "too large");
        *total += w;
    }
    if (*total == 0)
        return pl__fail(err, PL_EINPUT, "the weights sum to 0; expected a positive weight for "
                        "at least one member");
    return PL_OK;
}

int pl_game_add_condition(pl_game *g, const int64_t *weights, int64_t quota, pl_error *err)
{
    if (!g)
        return pl__fail(err, PL_EMISUSE, "pl_game_add_condition: no game");
    int64_t total;
    int rc = weights_total(g, weights, &total, err);
    if (rc)
        return rc;
    if (quota <= 0 || quota > total)
        return pl__fail(err, PL_EINPUT, "quota %lld is outside [1, %lld]; expected a quota "
                        "no larger than the total weight", (long long)quota, (long long)total);
    pl__cond *grown = pl__grow(g->cond, &g->cap_conds, g->n_conds + 1, sizeof *grown, 4);
    if (!grown)
        return pl__error_nomem(err);
    g->cond = grown;
    pl__cond *c = &g->cond[g->n_conds];
    if (!(c->w = malloc(g->n * sizeof *c->w)))
        return pl__error_nomem(err);
    for (size_t m = 0; m < g->n; m++)
        c->w[m] = weights ? weights[m] : 1;
    c->quota = quota;
    c->total = total;
    c->rule = g->n_rules - 1;
    c->count = weights == NULL;
    c->scale = 1;
    g->n_conds++;
    return PL_OK;
}

int pl_game_set_veto(pl_game *g, size_t m, int veto, pl_error *err)
{
    if (!g || m >= g->n)
        return pl__fail(err, PL_EMISUSE, "pl_game_set_veto: no member %zu", m);
    g->veto[m] = veto != 0;
    return PL_OK;
}

size_t pl_game_n_members(const pl_game *g) { return g ? g->n : 0; }
size_t pl_game_n_rules(const pl_game *g) { return g ? g->n_rules : 0; }
int pl_game_is_veto(const pl_game *g, size_t m) { return g && m < g->n && g->veto[m]; }

const char *pl__game_name(const pl_game *g, size_t m, char *buf, size_t size)
{
    if (g->name && g->name[m])
        return g->name[m];
    snprintf(buf, size, "%zu", m + 1);
    return buf;
}

const char *pl_game_member_name(const pl_game *g, size_t m)
{
    if (!g || m >= g->n)
        return NULL;
    return pl__game_name(g, m, g->numbuf, PL__NUMBUF);
}

static const pl__cond *cond_at(const pl_game *g, size_t rule, size_t c)
{
    for (size_t k = 0; g && k < g->n_conds; k++)
        if (g->cond[k].rule == rule && c-- == 0)
            return &g->cond[k];
    return NULL;
}

size_t pl_game_n_conditions(const pl_game *g, size_t rule)
{
    size_t cnt = 0;
    for (size_t k = 0; g && k < g->n_conds; k++)
        cnt += g->cond[k].rule == rule;
    return cnt;
}

int64_t pl_game_quota(const pl_game *g, size_t rule, size_t c)
{
    const pl__cond *q = cond_at(g, rule, c);
    return q ? q->quota : 0;
}

int64_t pl_game_total(const pl_game *g, size_t rule, size_t c)
{
    const pl__cond *q = cond_at(g, rule, c);
    return q ? q->total : 0;
}

int64_t pl_game_scale(const pl_game *g, size_t rule, size_t c)
{
    const pl__cond *q = cond_at(g, rule, c);
    return q ? q->scale : 0;
}

int64_t pl_game_weight(const pl_game *g, size_t rule, size_t c, size_t m)
{
    const pl__cond *q = cond_at(g, rule, c);
    return q && m < g->n ? q->w[m] : 0;
}

int pl__game_sums_win(const pl_game *g, const int64_t *sums)
{
    size_t c = 0;
    while (c < g->n_conds) {
        size_t r = g->cond[c].rule;
        int ok = 1;
        for (; c < g->n_conds && g->cond[c].rule == r; c++)
            ok &= sums[c] >= g->cond[c].quota;
        if (ok)
            return 1;
    }
    return 0;
}

int pl_game_wins(const pl_game *g, const unsigned char *in)
{
    if (!g || !in || g->n_conds == 0)
        return 0;
    for (size_t m = 0; m < g->n; m++)
        if (g->veto[m] && !in[m])
            return 0;
    int64_t sums[PL__MAX_RULES * 8];
    int64_t *s = g->n_conds <= sizeof sums / sizeof *sums ? sums : calloc(g->n_conds, sizeof *s);
    if (!s)
        return 0;
    for (size_t c = 0; c < g->n_conds; c++) {
        s[c] = 0;
        for (size_t m = 0; m < g->n; m++)
            s[c] += in[m] ? g->cond[c].w[m] : 0;
    }
    int win = pl__game_sums_win(g, s);
    if (s != sums)
        free(s);
    return win;
}

/* ---- from a scenario body ----------------------------------------------- */

/* Smallest power of ten (<= 10^6) that makes every weight whole; else *bad = a culprit. */
static int integer_scale(const double *w, size_t n, int64_t *scale, size_t *bad)
{
    int64_t p = 1;
    for (int k = 0; k <= 6; k++, p *= 10) {
        size_t m = 0;
        for (; m < n; m++) {
            double x = w[m] * (double)p;
            if (fabs(x - nearbyint(x)) > 1e-9 * fmax(1.0, fabs(x)))
                break;
        }
        if (m == n) {
            *scale = p;
            return 1;
        }
        *bad = m;
    }
    return 0;
}

/* Smallest integer quota meaning "at least (more than, if strict) num/den of tot". */
static int64_t share_quota(int64_t num, int64_t den, int strict, int64_t tot)
{
    /* w >= num/den tot  <=>  w >= ceil(num tot / den); strict: floor(...) + 1. The
       product needs up to 125 bits; the result is at most tot. */
    __extension__ typedef __uint128_t u128;
    const u128 x = (u128)(uint64_t)num * (uint64_t)tot, d = (uint64_t)den;  /* all >= 0 */
    const u128 q = x / d, r = x - q * d;
    int64_t fl = (int64_t)(uint64_t)q;
    return strict ? fl + 1 : fl + (r != 0);
}

int pl_game_add_share(pl_game *g, const int64_t *weights, int64_t num, int64_t den, int strict,
                      pl_error *err)
{
    if (!g)
        return pl__fail(err, PL_EMISUSE, "pl_game_add_share: no game");
    if (num <= 0 || den <= 0 || num > den || (strict && num == den) || den > ((int64_t)1 << 40))
        return pl__fail(err, PL_EINPUT, "share %lld/%lld%s is outside (0, 1]; expected a share "
                        "such as 2/3", (long long)num, (long long)den, strict ? " (strict)" : "");
    int64_t tot;
    int rc = weights_total(g, weights, &tot, err);
    return rc ? rc : pl_game_add_condition(g, weights, share_quota(num, den, strict, tot), err);
}

/* Integer quota of condition q measured with integer weights of total tot (scale p). */
static int64_t integer_quota(const pl_quota *q, int64_t tot, int64_t p)
{
    if (q->share_den > 0)
        return share_quota(q->share_num, q->share_den, q->strict, tot);
    double t = q->threshold * (double)p, r = nearbyint(t);
    if (fabs(t - r) <= 1e-9 * fmax(1.0, fabs(t)))
        return (int64_t)r + (q->strict ? 1 : 0);
    return (int64_t)ceil(t);
}

static int add_body_condition(pl_game *g, const pl_scenario *s, const pl_body *b,
                              const pl_quota *q, pl_error *err)
{
    /* the weights as given and scaled to whole numbers: on the stack for a body of up to 64
       members (a stress draw's settlement makes a game of each ratifying body) */
    double stack_w[64];
    int64_t stack_iw[64];
    int small = b->n_members <= 64;
    double *w = small ? stack_w : pl__mallocarray(b->n_members, sizeof *w);
    int64_t *iw = small ? stack_iw : pl__mallocarray(b->n_members, sizeof *iw);
    int rc = PL_OK;
    int64_t p = 1, tot = 0;
    if (!w || !iw) {
        rc = pl__error_nomem(err);
        goto done;
    }
    for (size_t m = 0; m < b->n_members; m++)
        w[m] = q->weights ? q->weights[m] : b->weight[m].value;
    size_t bad = 0;
    if (!integer_scale(w, b->n_members, &p, &bad)) {
        /* point at the body's own weight when it is the culprit */
        const pl_value *at = q->weights ? NULL : &b->weight[bad];
        rc = pl__error_set(err, PL_EINPUT, s->file, at ? at->line : 0, at ? at->col : 0,
                           "body '%s': the weights of quota '%s' have more than 6 decimals; "
                           "expected whole numbers or short decimals for power indices (they "
                           "never round weights)", b->id, q->text);
        goto done;
    }
    for (size_t m = 0; m < b->n_members; m++) {
        if (w[m] * (double)p >= 1e18) {
            rc = pl__fail(err, PL_EINPUT, "body '%s': weight %g is too large for exact "
                          "counting; expected weights below 1e18", b->id, w[m]);
            goto done;
        }
        iw[m] = (int64_t)nearbyint(w[m] * (double)p);
        tot += iw[m];
    }
    rc = pl_game_add_condition(g, iw, integer_quota(q, tot, p), err);
    if (!rc)
        g->cond[g->n_conds - 1].scale = p; /* shown over it: the scenario's own numbers */
done:
    if (!small)
        free(w), free(iw);
    return rc;
}

int pl_game_from_body(pl_game **out, const pl_scenario *s, size_t bi, pl_error *err)
{
    *out = NULL;
    if (!s || bi >= s->n_bodies)
        return pl__fail(err, PL_EMISUSE, "pl_game_from_body: no body %zu", bi);
    const pl_body *b = &s->bodies[bi];
    pl_game *g;
    int rc = pl_game_new(&g, b->n_members, err);
    for (size_t m = 0; !rc && m < b->n_members; m++) {
        rc = pl_game_set_name(g, m, s->actors[b->member[m]].id, err);
        g->veto[m] = b->veto[m];
    }
    for (size_t c = 0; !rc && c < b->n_quotas; c++) {
        if (c && b->quotas[c].rule != b->quotas[c - 1].rule)
            rc = pl_game_add_rule(g, err);
        if (!rc)
            rc = add_body_condition(g, s, b, &b->quotas[c], err);
    }
    if (rc) {
        pl_game_free(g);
        return rc;
    }
    *out = g;
    return PL_OK;
}
