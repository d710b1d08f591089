/* SPDX-License-Identifier: MIT */
/*
** progress.h: report progress through the caller's pl_progress, if any.
*/
#ifndef PL_PROGRESS_INT_H
#define PL_PROGRESS_INT_H

#include "parley/progress.h"

static inline void pl__progress(const pl_progress *p, uint64_t done, uint64_t total)
{
    if (p && p->fn)
        p->fn(p->payload, done, total);
}

/*
** A part [lo, hi] of a caller's total: an analysis inside a longer one (a
** merge in a settlement, the package walk of its win-sets) reports `done` of
** its own `of` as lo + (hi - lo) done / of. NULL or no callback: no reports.
*/
typedef struct pl__span {
    const pl_progress *p;
    uint64_t lo, hi, total;
} pl__span;

static inline void pl__span_report(const pl__span *s, uint64_t done, uint64_t of)
{
    if (s && of && s->p && s->p->fn)
        s->p->fn(s->p->payload, s->lo + (uint64_t)((double)(s->hi - s->lo) * (double)done /
                                                   (double)of), s->total);
}

#endif
