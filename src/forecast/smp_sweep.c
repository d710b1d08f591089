/* SPDX-License-Identifier: MIT */
/*
** smp_sweep.c: challenger i's challenges of every target at once, the n^3 of
** an SMP turn (MODELS.md section 6, "Challenges"): every challenger x target
** x third party. Each third party's vote on (i:j) goes through pin, the share
** of the principals' own contest it expects i to win, and pin divides by a sum
** that holds the third party's own vote: the summand is not separable in n and
** j, so no sort or prefix sum removes a factor n (docs/models.md).
**
** What is done instead: the third party n outermost, the target j innermost,
** so the distances d_nj come in rows (contiguous), the per-target sums stay in
** four short arrays, and the loop over j is straight-line code (selects, no
** branches) that the compiler vectorises, with clones for AVX2 and AVX-512.
** Each target's sum still takes its third parties in ascending order, and each
** lane does the scalar operations: bit for bit the pair-by-pair sum. The
** challengers of a block (PL__SMP_BLOCK) take each third party in turn, so a
** row of d comes from memory once per block, not once per challenger.
*/
#include "smp_impl.h"

#include <math.h>

/* Third party n as every target's vote sees it: its weight, U^i_ni, U^i_nn, i's belief of
   its attitude, and its row of distances d_n. */
typedef struct third {
    double w, uni, unn, bn;
    const double *drow;
} third;

/* n's votes on (i:j) for j in [lo, hi), rule and commitment given: when both are constants
   (the callers below) the switches leave the loop and it vectorises. */
static PL__SMP_INLINE void votes(const sweep *s, const third *v, pl_smp_vote rule,
                                 pl_smp_commit cm, size_t lo, size_t hi)
{
    const double *restrict cij = s->cij, *restrict cji = s->cji, *restrict d = v->drow;
    double *restrict tij = s->tij, *restrict tji = s->tji;
    double w = v->w, uni = v->uni, unn = v->unn, bn = v->bn;
    for (size_t j = lo; j < hi; j++) {
        double unj = pl__smp_util(d[j], bn), ji, jj;
        double v0 = pl__smp_vote(rule, w, uni, unj);
        /* each third party weighs in on the principals' little contest alone */
        double pin = (cij[j] + (v0 > 0 ? v0 : 0)) / (cij[j] + cji[j] + fabs(v0));
        pl__smp_joins(cm, pin, uni, unj, unn, &ji, &jj);
        double x = pl__smp_vote(rule, w, ji, jj);
        tij[j] += x > 0 ? x : 0; /* pl__smp_add(): adding 0 leaves a sum as it is */
        tji[j] -= x > 0 ? 0 : x;
    }
}

/* votes() with the rule made a constant in each case; KTAB's default commitment too. */
static PL__SMP_INLINE void votes_by_rule(const sweep *s, const third *v, pl_smp_vote rule,
                                         pl_smp_commit cm, size_t lo, size_t hi)
{
    switch (rule) {
    case PL_SMP_VOTE_PROP:
        if (cm == PL_SMP_COMMIT_SEMI)
            votes(s, v, PL_SMP_VOTE_PROP, PL_SMP_COMMIT_SEMI, lo, hi);
        else
            votes(s, v, PL_SMP_VOTE_PROP, cm, lo, hi);
        break;
    case PL_SMP_VOTE_BINARY: votes(s, v, PL_SMP_VOTE_BINARY, cm, lo, hi); break;
    case PL_SMP_VOTE_PROPBIN: votes(s, v, PL_SMP_VOTE_PROPBIN, cm, lo, hi); break;
    case PL_SMP_VOTE_PROPCBC: votes(s, v, PL_SMP_VOTE_PROPCBC, cm, lo, hi); break;
    case PL_SMP_VOTE_CUBIC: votes(s, v, PL_SMP_VOTE_CUBIC, cm, lo, hi); break;
    case PL_SMP_VOTE_ASYMPROSP: votes(s, v, PL_SMP_VOTE_ASYMPROSP, cm, lo, hi); break;
    default: break; /* refused by pl_smp_run */
    }
}

/* Third party n's votes on (i:j) for every target j but i and n. */
static PL__SMP_INLINE void third_party(const sweep *s, const third *v, pl_smp_vote rule,
                                       pl_smp_commit cm, size_t i, size_t n, size_t N)
{
    size_t a = n < i ? n : i, b = n < i ? i : n;
    votes_by_rule(s, v, rule, cm, 0, a);
    votes_by_rule(s, v, rule, cm, a + 1, b);
    votes_by_rule(s, v, rule, cm, b + 1, N);
}

PL__CLONES static void third_party_vector(const sweep *s, const third *v, pl_smp_vote rule,
                                              pl_smp_commit cm, size_t i, size_t n, size_t N)
{
    third_party(s, v, rule, cm, i, n, N);
}

/* The same loops left scalar, as the fast turn ran before they were vectorised: the
   benchmark's baseline (pl_smp_opts.naive = 2). */
PL__SMP_SCALAR static void third_party_scalar(const sweep *s, const third *v, pl_smp_vote rule,
                                              pl_smp_commit cm, size_t i, size_t n, size_t N)
{
    third_party(s, v, rule, cm, i, n, N);
}

/* Per actor n: i's belief of n's attitude, n's weight, U^i_ni, U^i_nn; per target j: the
   principals' coalitions, which the third parties' totals start from. */
static void principals(const pl_smp *m, const turn *t, const sweep *s, size_t i)
{
    size_t N = m->n;
    for (size_t n = 0; n < N; n++) {
        s->b[n] = pl__smp_believed(m, t, i, n);
        s->w[n] = m->s[n] * m->c[n];
        s->un_i[n] = pl__smp_util(t->d[n * N + i], s->b[n]);
        s->un_n[n] = pl__smp_util(t->d[n * N + n], s->b[n]);
    }
    double uii = s->un_n[i];
    for (size_t j = 0; j < N; j++) {
        double cij = 1e-10, cji = 1e-10, uij = pl__smp_util(t->d[i * N + j], s->b[i]);
        pl__smp_add(pl__smp_vote(m->o.vote, s->w[i], uii, uij), &cij, &cji);
        pl__smp_add(pl__smp_vote(m->o.vote, s->w[j], s->un_i[j], s->un_n[j]), &cij, &cji);
        s->cij[j] = s->tij[j] = cij, s->cji[j] = s->tji[j] = cji;
    }
}

/* Challenger i's best target and its P from the totals in s. */
static void choose(const pl_smp *m, turn *t, const sweep *s, size_t i)
{
    size_t N = m->n;
    double best = 1e-5, uii = s->un_n[i];
    t->target[i] = -1;
    for (size_t j = 0; j < N; j++) {
        if (j == i)
            continue;
        double P = s->tij[j] / (s->tij[j] + s->tji[j]);
        double g = pl__smp_gain(m->s[j], uii, pl__smp_util(t->d[i * N + j], s->b[i]), P);
        if (g > best)
            best = g, t->target[i] = (long)j, t->P[i] = P;
    }
}

void pl__smp_sweep(const pl_smp *m, turn *t, const sweep *s, size_t i0, size_t nb)
{
    size_t N = m->n;
    for (size_t b = 0; b < nb; b++)
        principals(m, t, &s[b], i0 + b);
    for (size_t n = 0; n < N; n++)
        for (size_t b = 0; b < nb; b++) {
            const sweep *sb = &s[b];
            third v = {sb->w[n], sb->un_i[n], sb->un_n[n], sb->b[n], t->d + n * N};
            if (n == i0 + b)
                continue;
            if (m->o.naive == 2)
                third_party_scalar(sb, &v, m->o.vote, m->o.commit, i0 + b, n, N);
            else
                third_party_vector(sb, &v, m->o.vote, m->o.commit, i0 + b, n, N);
        }
    for (size_t b = 0; b < nb; b++)
        choose(m, t, &s[b], i0 + b);
}
