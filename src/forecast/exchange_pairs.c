/* SPDX-License-Identifier: MIT */
/*
** exchange_pairs.c: the pairs of actors that can trade on a pair of issues in
** a round: on opposite sides of O on both (Decide's groups A-D of
** determine_groups_and_calculate_exchanges: A trades with D, B with C). The
** naive enumeration tries every actor pair on every issue pair, O(K^2 n^2);
** here the actors present on both issues are put in their group once per issue
** pair, O(K^2 n), and only the pairs across opposite groups are visited, in
** the same order (issue pair, then actor pair, lexicographic).
*/
#include "exchange_impl.h"

#include "parley/error.h"

#include <assert.h>

/*
** Sides of the K x n table sd (issue major): 0 absent, 1 at or below O, 2
** above. List g of the issue pair (p, q) holds the actors with group
** g = 2 (side on p - 1) + side on q - 1, ascending; opposite groups are g and 3 - g.
*/
static void group(const unsigned char *sp, const unsigned char *sq, size_t n, uint32_t *list[4],
                  size_t len[4])
{
    for (int g = 0; g < 4; g++)
        len[g] = 0;
    for (size_t a = 0; a < n; a++)
        if (sp[a] && sq[a]) {
            int g = 2 * (sp[a] - 1) + sq[a] - 1;
            list[g][len[g]++] = (uint32_t)a;
        }
}

/*
** Few actors: the table's sides as bits, then the walk (pl__xc_pairs_few).
** Callers that have the positions at hand make the bits themselves.
*/
static int pairs_few(size_t n, size_t K, const unsigned char *sd, pl__xc_visit visit, void *arg)
{
    uint64_t lo[PL__XC_FEW] = {0}, hi[PL__XC_FEW] = {0}; /* sides 1 and 2, bit k */
    for (size_t k = 0; k < K; k++)
        for (size_t a = 0; a < n; a++) {
            lo[a] |= (uint64_t)(sd[k * n + a] == 1) << k;
            hi[a] |= (uint64_t)(sd[k * n + a] == 2) << k;
        }
    return pl__xc_pairs_few(n, K, lo, hi, visit, arg);
}

/*
** For each pair a < b once, the issues on which both are present on opposite
** sides (a bit each; kept when two or more); then per issue p the pairs
** holding p, and per q > p those of them holding q, in the same order.
** Cheaper than the groups for so few actors.
*/
int pl__xc_pairs_few(size_t n, size_t K, const uint64_t *lo, const uint64_t *hi,
                     pl__xc_visit visit, void *arg)
{
    enum { MAXP = PL__XC_FEW * (PL__XC_FEW - 1) / 2 };
    uint64_t opp[MAXP];
    unsigned char pa[MAXP], pb[MAXP], on_p[MAXP];
    assert(n < PL__XC_FEW && K <= 64);
    size_t np = 0;
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n; b++) {
            uint64_t m = (lo[a] & hi[b]) | (hi[a] & lo[b]);
            if (m & (m - 1))
                opp[np] = m, pa[np] = (unsigned char)a, pb[np++] = (unsigned char)b;
        }
    for (size_t p = 0; p < K; p++) {
        size_t nl = 0;
        for (size_t t = 0; t < np; t++)
            if (opp[t] >> p & 1)
                on_p[nl++] = (unsigned char)t;
        for (size_t q = p + 1; nl > 0 && q < K; q++)
            for (size_t u = 0; u < nl; u++) {
                size_t t = on_p[u];
                int rc = opp[t] >> q & 1 ? visit(arg, pa[t], pb[t], p, q) : PL_OK;
                if (rc)
                    return rc;
            }
    }
    return PL_OK;
}

int pl__xc_pairs(size_t n, size_t K, const unsigned char *sd, uint32_t *scratch,
                 pl__xc_visit visit, void *arg)
{
    if (n < PL__XC_FEW && K <= 64)
        return pairs_few(n, K, sd, visit, arg);
    uint32_t *list[4] = {scratch, scratch + n, scratch + 2 * n, scratch + 3 * n};
    size_t len[4], at[4];
    for (size_t p = 0; p < K; p++)
        for (size_t q = p + 1; q < K; q++) {
            const unsigned char *sp = sd + p * n, *sq = sd + q * n;
            group(sp, sq, n, list, len);
            if (!((len[0] && len[3]) || (len[1] && len[2])))
                continue;
            for (int g = 0; g < 4; g++)
                at[g] = 0;
            /* a ascending; its partners are the opposite group's members above a */
            for (size_t a = 0; a < n; a++) {
                if (!sp[a] || !sq[a])
                    continue;
                int o = 3 - (2 * (sp[a] - 1) + sq[a] - 1);
                while (at[o] < len[o] && list[o][at[o]] <= a)
                    at[o]++;
                for (size_t m = at[o]; m < len[o]; m++) {
                    int rc = visit(arg, a, list[o][m], p, q);
                    if (rc)
                        return rc;
                }
            }
        }
    return PL_OK;
}
