/* SPDX-License-Identifier: MIT */
/*
** exchange_tree.c: the round's best candidate exchange, found through a
** max-tree over blocks of PL__XC_BLOCK consecutive candidates: g[id] is
** candidate id's gain (-inf once dead), t[L + b] the largest in block b,
** t[v] the larger of t[2v] and t[2v + 1]. A block of gains is a cache line,
** and the tree above it is E / 4 doubles, where a heap or a tree over every
** candidate costs a cache miss per level on every change. A candidate whose
** gain changes touches the tree only when it was or becomes its block's
** maximum (then the block, one line, is read again), and the change walks up
** only until a node keeps its value. The best
** is the root; the ties within tol of it are found by descending only into
** subtrees whose maximum reaches the floor, left to right, so they come out in
** id order.
*/
#include "exchange_impl.h"

#include <math.h>
#include <stdint.h>

size_t pl__xc_tree_leaves(size_t m)
{
    size_t blocks = m / PL__XC_BLOCK + 1, L = 1;
    while (L < blocks) {
        if (L > SIZE_MAX / 4 / sizeof(double))
            return 0;
        L *= 2;
    }
    return L;
}

/* The largest gain in block b. */
static double block_max(const pl__xc_tree *tr, size_t b)
{
    double m = -INFINITY;
    size_t end = (b + 1) * PL__XC_BLOCK < tr->m ? (b + 1) * PL__XC_BLOCK : tr->m;
    for (size_t id = b * PL__XC_BLOCK; id < end; id++)
        m = tr->g[id] > m ? tr->g[id] : m;
    return m;
}

/* Leaf v took a new value: its ancestors, until one keeps its value. */
static void up(double *t, size_t v)
{
    for (v /= 2; v >= 1; v /= 2) {
        double m = t[2 * v] > t[2 * v + 1] ? t[2 * v] : t[2 * v + 1];
        if (m == t[v]) /* this node, and so every one above it, keeps its value */
            break;
        t[v] = m;
    }
}

void pl__xc_tree_build(pl__xc_tree *tr, double *t, double *g, const pl__xc_cand *cand,
                       size_t m)
{
    size_t L = pl__xc_tree_leaves(m);
    *tr = (pl__xc_tree){t, g, L, m};
    for (size_t id = 0; id < m; id++)
        g[id] = cand[id].gain;
    for (size_t b = 0; b < L; b++)
        t[L + b] = block_max(tr, b);
    for (size_t v = L; v-- > 1;)
        t[v] = t[2 * v] > t[2 * v + 1] ? t[2 * v] : t[2 * v + 1];
}

void pl__xc_tree_set(pl__xc_tree *tr, uint32_t id, double g)
{
    size_t v = tr->L + id / PL__XC_BLOCK;
    double was = tr->g[id], *t = tr->t;
    tr->g[id] = g;
    if (g > t[v])
        t[v] = g;
    else if (was == t[v] && g < was) /* it may have been the block's only maximum */
        t[v] = block_max(tr, id / PL__XC_BLOCK);
    else
        return;
    up(t, v);
}

size_t pl__xc_tree_top(const pl__xc_tree *tr, double tol, uint32_t *out)
{
    const double *t = tr->t;
    if (t[1] == -INFINITY)
        return 0;
    double floor = t[1] - tol;
    /* depth-first, left child first; the stack never holds more than one node per level + 1 */
    size_t stack[2 * (sizeof(size_t) * 8) + 2], sp = 0, n = 0;
    stack[sp++] = 1;
    while (sp > 0) {
        size_t v = stack[--sp];
        if (v >= tr->L) {
            size_t b = v - tr->L, end = (b + 1) * PL__XC_BLOCK;
            for (size_t id = b * PL__XC_BLOCK; id < end && id < tr->m; id++)
                if (tr->g[id] >= floor)
                    out[n++] = (uint32_t)id;
            continue;
        }
        if (t[2 * v + 1] >= floor)
            stack[sp++] = 2 * v + 1;
        if (t[2 * v] >= floor)
            stack[sp++] = 2 * v;
    }
    return n;
}
