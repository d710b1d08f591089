/* SPDX-License-Identifier: MIT */
/*
** exchange_size.h: the size of one candidate exchange within a round, as
** Decide computes it (foarsitter/decide-exchange-model, decide/model/
** equalgain.py EqualGainExchange.calculate and base.py
** AbstractExchangeActor.check_nbs; docs/models.md, exchange model).
** Notation: i supplies p (moves its vote toward j's start position on p),
** j supplies q; moving a's vote by dy on u shifts O_u by dy k_au,
** k_au = c s / W_u; rho = dO_q / dO_p. Inline, so that the small runs' loops
** and the re-sizes after a trade (exchange.c) size without a call;
** exchange_eval.c gives it as functions.
*/
#ifndef PL_EXCHANGE_SIZE_H
#define PL_EXCHANGE_SIZE_H

#include "exchange_impl.h"

#include <assert.h>
#include <math.h>

#define PL__MIN_MOVE 1e-10 /* Decide: a move of 1e-10 or less is no move */
#define PL__MIN_GAIN 1e-10 /* Decide: nor is a gain below 1e-10 */

/*
** O_k as supplier a sees it in an exchange with demander b (k_ak = c s / W at
** ak = a K + k, bk = b K + k): the round's start O, moved by a's own votes so
** far and by the votes others gave b on k (each at its first exchange with b,
** as Decide's "updates" keep it), not by trades among third parties.
*/
static PL__XC_INLINE double view(const pl__xc_state *st, size_t ak, size_t bk, size_t k,
                                 size_t b, double k_ak)
{
    double o = st->O0[k] + st->dv[bk];
    double first = NAN; /* a's own position as b saw it, if a already supplied k to b */
    for (uint32_t r = st->rec_head[ak]; r; r = st->rec[r - 1].next)
        if (st->rec[r - 1].demander == b)
            first = st->rec[r - 1].pos;
    if (!isnan(first))
        o -= k_ak * (first - st->x[ak]);
    return o + k_ak * (st->y[ak] - st->x[ak]);
}

/*
** Decide's is_move_valid: a move by m (signed) to the vote to, after the kept
** proposals (sum pre): their sum with m at most 100 (Decide checks only that
** upper bound). Its other test, that every kept proposal has m's sign, is
** pl__xc_size's before the sizing: a move there is the side's sign times a
** size >= 0 (or NaN), so once |m| > PL__MIN_MOVE its sign is the side's.
*/
static PL__XC_INLINE int move_ok(double m, double to, double pre)
{
    /* 1e-9: Decide's bounds are exact in 28-digit decimals, ours pass through k and back */
    return fabs(m) > PL__MIN_MOVE && fabs(m) <= 100 + 1e-9 && to >= -1e-9 && to <= 100 + 1e-9 &&
           pre + m <= 100 + 1e-9;
}

/* Would O (from o0 to o1) pass the demander's position X? */
static PL__XC_INLINE int passes(double X, double o0, double o1)
{
    return !((X - o0 >= 0 && X - o1 >= 0) || (X - o0 <= 0 && X - o1 <= 0));
}

typedef struct sizes {
    double mi, mj, dp, dq; /* |moves| and |shifts of O| */
} sizes;

static inline void from_dp(sizes *z, double dp, double rho, double kip, double kjq)
{
    z->dp = dp;
    z->mi = dp / kip;
    z->dq = rho * dp;
    z->mj = z->dq / kjq;
}

static inline void from_dq(sizes *z, double dq, double rho, double kip, double kjq)
{
    z->dq = dq;
    z->mj = dq / kjq;
    z->dp = dq / rho;
    z->mi = z->dp / kip;
}

/*
** The demander's view o0 and the step d of O toward its position X: the range
** of its dv (now dv) over which O still does not pass X (passes() stays
** false), so that a trade moving only that dv within it leaves the sizing as
** it is (exchange.c, revisit_demand). Not passing is o0 <= e0 or o0 >= e1,
** e0 = min(X, X - d), e1 = max(X, X - d), and o0 moves with dv one for one
** (view adds dv to terms dv does not change). PL__SAFE absorbs the rounding
** of o0, o0 + d and X - o (a few ulps of numbers below 400, < 1e-12): inside
** the range the computed passes() is false as the exact one is, by 1e-9. No
** range (NaN) when O passed X (clip: the size then follows dv), or o0 lies
** within 2 PL__SAFE of an edge.
*/
#define PL__SAFE 1e-9
static PL__XC_INLINE void still(int clip, double X, double o0, double d, double dv, double out[2])
{
    double lo = NAN, hi = NAN;
    if (!clip) {
        double e0 = d > 0 ? X - d : X, e1 = d > 0 ? X : X - d; /* d is finite */
        if (o0 <= e0 - 2 * PL__SAFE) {
            lo = -INFINITY;
            hi = dv + (e0 - o0) - PL__SAFE;
        } else if (o0 >= e1 + 2 * PL__SAFE) {
            lo = dv - (o0 - e1) + PL__SAFE;
            hi = INFINITY;
        }
    }
    out[0] = lo;
    out[1] = hi;
}

/*
** What still() rests on for one side of a sizing, kept instead of the range
** itself where few ranges are ever read (exchange.c's small runs: a range is
** read only when a later trade moves that dv, for about one sizing in ten);
** still() on it gives the range, the same doubles.
*/
typedef struct pl__xc_basis {
    double o0, d, dv;
    int clip;
} pl__xc_basis;

/*
** The sizing; fresh: at the start of a round, where it gets simpler (the
** compiler keeps a copy of each): no proposal is kept yet, y = x, every dv is 0
** and no supplier has a record, so view() is O0 exactly (O0 + 0 + k 0 with O0
** never -0: a sum from +0 over weights times positions >= 0, divided by w > 0).
** key (NULL: computed): the indices i p, j q, j p, i q (x[i p] at a K + k).
** bs (NULL: not wanted): when feasible, what dvr rests on, side p then q.
*/
static PL__XC_INLINE int pl__xc_size_of(const pl__xc_state *st, const pl__xc_cand *cd,
                                        const uint32_t key[4], pl_exchange_trade *t,
                                        double dvr[4], pl__xc_basis bs[2], int fresh)
{
    size_t K = st->K, i = cd->i, j = cd->j, p = cd->p, q = cd->q;
    size_t ip = key ? key[0] : i * K + p, jq = key ? key[1] : j * K + q;
    size_t jp = key ? key[2] : j * K + p, iq = key ? key[3] : i * K + q;
    double kip = st->k[ip], kjq = st->k[jq], rho = cd->rho;
    assert(pl__xc_sizable(st, cd));
    double yip = st->y[ip], yjq = st->y[jq];
    double Xjp = st->x[jp], Xiq = st->x[iq]; /* the demanders' */
    int ni = yip > Xjp ? -1 : 1, nj = yjq > Xiq ? -1 : 1;
    /*
    ** The kept proposals' sign (their sum's, exchange_impl.h) first (most
    ** candidates a trade makes infeasible fail here): each move below is si
    ** (sj) times a size >= 0 or NaN, so Decide's sign test sees si (sj), or
    ** move_ok's size test fails; either way the candidate is infeasible, as it
    ** would be after the sizing.
    */
    if (!fresh && ((cd->pre_i > 0 && ni < 0) || (cd->pre_i < 0 && ni > 0) ||
                   (cd->pre_j > 0 && nj < 0) || (cd->pre_j < 0 && nj > 0)))
        return 0;
    double si = ni, sj = nj;
    /* j moves all the way to i's position on q, unless i would then have to move past j's */
    sizes z;
    from_dq(&z, fabs(Xiq - yjq) * kjq, rho, kip, kjq);
    z.mj = fabs(Xiq - yjq); /* exactly, as Decide sets it, not through k and back */
    if (z.mi > fabs(Xjp - yip)) {
        from_dp(&z, fabs(Xjp - yip) * kip, rho, kip, kjq);
        z.mi = fabs(Xjp - yip);
    }
    double sip = st->s[ip], siq = st->s[iq], sjp = st->s[jp], sjq = st->s[jq];
    double mi = si * z.mi, mj = sj * z.mj, toi = yip + mi, toj = yjq + mj;
    double gi = siq * z.dq - sip * z.dp, gj = sjp * z.dp - sjq * z.dq;
    if (!move_ok(mi, toi, cd->pre_i) || !move_ok(mj, toj, cd->pre_j) ||
        !(pl__xc_min(gi, gj) >= PL__MIN_GAIN))
        return 0;
    /* an outcome never passes its demander's start position, as the pair sees O */
    double o0 = fresh ? st->O0[p] : view(st, ip, jp, p, j, kip);
    int clip_p = passes(Xjp, o0, o0 + si * z.dp);
    if (dvr)
        still(clip_p, Xjp, o0, si * z.dp, st->dv[jp], dvr);
    if (bs)
        bs[0] = (pl__xc_basis){o0, si * z.dp, st->dv[jp], clip_p};
    if (clip_p)
        from_dp(&z, fabs(Xjp - o0), rho, kip, kjq);
    o0 = fresh ? st->O0[q] : view(st, jq, iq, q, i, kjq);
    int clip_q = passes(Xiq, o0, o0 + sj * z.dq);
    if (dvr)
        still(clip_q, Xiq, o0, sj * z.dq, st->dv[iq], dvr + 2);
    if (bs)
        bs[1] = (pl__xc_basis){o0, sj * z.dq, st->dv[iq], clip_q};
    if (clip_q)
        from_dq(&z, fabs(Xiq - o0), rho, kip, kjq);
    /* without a clip the moves and gains are those found above */
    if (clip_p || clip_q) {
        mi = si * z.mi, mj = sj * z.mj, toi = yip + mi, toj = yjq + mj;
        if (!move_ok(mi, toi, cd->pre_i) || !move_ok(mj, toj, cd->pre_j))
            return 0;
        gi = siq * z.dq - sip * z.dp, gj = sjp * z.dp - sjq * z.dq;
    }
    t->i = i, t->j = j, t->p = p, t->q = q;
    t->i_from = yip;
    t->i_to = toi;
    t->j_from = yjq;
    t->j_to = toj;
    t->shift_p = z.dp;
    t->shift_q = z.dq;
    t->gain_i = gi;
    t->gain_j = gj;
    return 1;
}

#endif
