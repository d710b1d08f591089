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

int pl__xc_pairs(size_t n, size_t K, const unsigned char *sd, uint32_t *scratch,
                 pl__xc_visit visit, void *arg)
{
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
