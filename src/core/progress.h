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

#endif
