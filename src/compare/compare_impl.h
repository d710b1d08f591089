/* SPDX-License-Identifier: MIT */
/*
** compare_impl.h: the parts of `parley compare` (compare.h): the input diff
** (compare_inputs.c), each analysis run into a tree (compare_run.c), the diff
** of two result trees (compare_tree.c), the whole and its description
** (compare.c).
*/
#ifndef PL_COMPARE_IMPL_H
#define PL_COMPARE_IMPL_H

#include "parley/compare.h"
#include "../core/arena.h"
#include "../emit/tree.h"

/* A growing list of differences; strings live in the arena. */
typedef struct pl__difflist {
    pl_compare_diff *d;
    size_t n, cap;
    pl_arena *arena;
} pl__difflist;

struct pl_compare {
    pl_arena arena;          /* every string of the lists */
    pl__difflist inputs, results;
    unsigned analyses;       /* those that ran */
    const char *label[2];    /* the sides' names */
};

/* Append (copies analysis, what, a, b into the list's arena). PL_OK or PL_ENOMEM. */
int pl__difflist_add(pl__difflist *l, const char *analysis, const char *what, const char *a,
                     const char *b, double change, double size);

/*
** The inputs that differ (compare_inputs.c): each side's text with its
** scenario's variant and changes applied, diffed by path (doc_diff.h); then
** the proposals' texts, paths prefixed "proposal.". PL_EINPUT when the
** scenarios' actors or issues differ (naming the first id and its place).
*/
int pl__compare_inputs(pl__difflist *out, const pl_compare_side *a, const pl_compare_side *b,
                       pl_error *err);

/* Whether side x can run analysis an (0 with why in err, PL_EINPUT, when asked for). */
int pl__compare_can_run(pl_compare_analysis an, const pl_compare_side *x);

/*
** Run analysis an on side x and keep its description: *e gets the tree
** emitter (pl_emitter_free it), *root the tree's root object.
*/
int pl__compare_run(pl_compare_analysis an, const pl_compare_side *x,
                    const pl_compare_opts *opts, pl_emitter **e, const pl__tnode **root,
                    pl_error *err);

/*
** Every scalar of tree a that prints differently in tree b (and what only one
** has), as results of analysis `analysis`, in tree order.
*/
int pl__compare_trees(pl__difflist *out, const char *analysis, const pl__tnode *a,
                      const pl__tnode *b);

/* The size of a change from a to b: |b - a| / max(1, |a|, |b|) (docs/models.md). */
double pl__compare_size(double a, double b);

#endif
