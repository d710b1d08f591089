/* SPDX-License-Identifier: MIT */
/*
** exchange_tree.c: the round's candidate exchanges in a max-tree (a
** tournament tree: a complete binary tree whose leaves are the candidates'
** gains by id and whose inner nodes hold the larger of their children). After
** a trade, a re-sized candidate walks up only until an inner node keeps its
** value, which for all but the few near the top is at once; a candidate that
** becomes infeasible is set to -inf the same way (letting it keep its gain
** until met at the top costs more: nearly every one is, and each such meeting
** is a walk down from the root). A binary heap (the baseline,
** exchange_heap.c) moves an entry through O(log E) levels on every change and
** every removal, with a cache miss at each. The best is the root; the ties
** within tol of it are found by descending only into subtrees whose maximum
** reaches the floor, left to right, so they come out in id order.
*/
#include "exchange_impl.h"

#include <math.h>
#include <stdint.h>

size_t pl__xc_tree_leaves(size_t m)
{
    size_t L = 1;
    while (L < m) {
        if (L > SIZE_MAX / 4 / sizeof(double))
            return 0;
        L *= 2;
    }
    return L;
}

void pl__xc_tree_build(pl__xc_tree *tr, double *t, const pl__xc_cand *cand, size_t m)
{
    size_t L = pl__xc_tree_leaves(m);
    tr->t = t;
    tr->L = L;
    for (size_t k = 0; k < L; k++)
        t[L + k] = k < m ? cand[k].gain : -INFINITY;
    for (size_t v = L; v-- > 1;)
        t[v] = fmax(t[2 * v], t[2 * v + 1]);
}

void pl__xc_tree_set(pl__xc_tree *tr, uint32_t id, double g)
{
    double *t = tr->t;
    size_t v = tr->L + id;
    t[v] = g;
    for (v /= 2; v >= 1; v /= 2) {
        double m = t[2 * v] > t[2 * v + 1] ? t[2 * v] : t[2 * v + 1];
        if (m == t[v]) /* this node, and so every one above it, keeps its value */
            break;
        t[v] = m;
    }
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
            out[n++] = (uint32_t)(v - tr->L);
            continue;
        }
        if (t[2 * v + 1] >= floor)
            stack[sp++] = 2 * v + 1;
        if (t[2 * v] >= floor)
            stack[sp++] = 2 * v;
    }
    return n;
}
