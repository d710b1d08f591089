/* SPDX-License-Identifier: MIT */
/*
** progress.h: how a long analysis (stress, settle, the SMP, the exchange
** model, the report, claims over draws) tells its caller how far it is. The
** library prints nothing: it calls the caller's function, on the thread that
** called the analysis, with the work done so far out of the total in the
** analysis's own units (draws, turns, rounds, phases). Calls come at fixed
** points of the work, so the same run makes the same calls whatever the
** thread count, and the last one is always done == total (also when a run
** stops early, as the SMP does when it settles).
*/
#ifndef PARLEY_PROGRESS_H
#define PARLEY_PROGRESS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*pl_progress_fn)(void *payload, uint64_t done, uint64_t total);

typedef struct pl_progress {
    pl_progress_fn fn;      /* NULL: no reports */
    void *payload;
} pl_progress;
#define PL_PROGRESS_NONE {NULL, NULL}

#ifdef __cplusplus
}
#endif

#endif
