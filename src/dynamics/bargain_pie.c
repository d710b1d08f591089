/* SPDX-License-Identifier: MIT */
/*
** bargain_pie.c: `parley bargain` without a scenario: which closed form of
** alternating offers over a pie of 1 the terms call for (MODELS.md section 9),
** and its shares, for the CLI and the bindings alike.
*/
#include "parley/dynamics.h"
#include "parley/emit.h"
#include "../core/error_int.h"

#include <stddef.h>

/* The terms' combinations that name no game (messages name the CLI's options). */
static int check_terms(const pl_pie_terms *t, pl_error *err)
{
    if (!(t->breakdown >= 0 && t->breakdown <= 1))
        return pl__fail(err, PL_EINPUT, "--breakdown %g: expected a probability in (0, 1]",
                        t->breakdown);
    if (t->horizon < 0)
        return pl__fail(err, PL_EINPUT, "--horizon %d: expected a number of rounds >= 1",
                        t->horizon);
    if (t->fallback && t->breakdown == 0)
        return pl__fail(err, PL_EINPUT, "--fallback needs --breakdown (the payoffs when talks "
                        "break down)");
    if (t->horizon && (t->outside || t->breakdown > 0))
        return pl__fail(err, PL_EINPUT, "--horizon on the pie is the alternating-offers game "
                        "without outside options or breakdown; expected one of them");
    return PL_OK;
}

/* The shares under discounts d (both given or defaulted). */
static int shares(pl_pie_result *r, const pl_pie_terms *t, const double *d, pl_error *err)
{
    static const double none[2] = {0, 0};
    const double *o = t->outside ? t->outside : none, *b = t->fallback ? t->fallback : none;
    r->agreement = 1;
    if (t->horizon) {
        if (d[0] != d[1])
            return pl__fail(err, PL_EINPUT, "--horizon %d on the pie needs equal discounts "
                            "(one --delta for both parties)", t->horizon);
        r->model = "finite horizon (backward induction)";
        r->share[0] = pl_rubinstein_finite(d[0], t->horizon);
    } else if (t->breakdown > 0) {
        r->model = "breakdown risk (Binmore, Rubinstein & Wolinsky 1986)";
        int rc = pl_breakdown(t->breakdown, b[0], b[1], d[0], d[1], &r->share[0], err);
        if (rc)
            return rc;
    } else if (d[0] == 1 && d[1] == 1) {
        return pl__fail(err, PL_EINPUT, "--delta 1,1: without impatience or breakdown risk "
                        "every split is an equilibrium; expected a discount below 1, "
                        "--breakdown or --horizon");
    } else {
        r->model = o[0] + o[1] > 0 ? "outside options, either side may quit (Muthoo 1999, "
                                     "ch. 5)"
                                   : "Rubinstein (1982)";
        int rc = pl_rubinstein_outside(d[0], d[1], o[0], o[1], &r->share[0], &r->share[1],
                                       &r->agreement, err);
        if (rc)
            return rc;
    }
    r->share[1] = 1 - r->share[0];
    if (!r->agreement) { /* each takes its outside option */
        r->share[0] = o[0];
        r->share[1] = o[1];
    }
    return PL_OK;
}

int pl_bargain_pie(pl_pie_result *r, const pl_pie_terms *t, pl_error *err)
{
    if (!r || !t)
        return pl__fail(err, PL_EMISUSE, "pl_bargain_pie: NULL argument");
    r->model = NULL;
    int rc = check_terms(t, err);
    if (rc)
        return rc;
    /* 0.9 each, or no discounting when breakdown risk alone makes them settle */
    double d[2] = {0.9, 0.9};
    if (t->delta)
        d[0] = t->delta[0], d[1] = t->delta[1];
    else if (t->breakdown > 0)
        d[0] = d[1] = 1;
    return shares(r, t, d, err);
}

int pl_bargain_pie_emit(const pl_pie_result *r, pl_emitter *e)
{
    pl_emit_object_begin(e, "bargain", "Alternating offers over a pie of 1");
    pl_emit_string(e, "model", r->model);
    pl_emit_bool(e, "agreement", r->agreement);
    pl_emit_number(e, "first_mover", r->share[0]);
    pl_emit_number(e, "second_mover", r->share[1]);
    return pl_emit_object_end(e);
}
