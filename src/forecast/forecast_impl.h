/* SPDX-License-Identifier: MIT */
/*
** forecast_impl.h: pl_forecast_compute for callers that take each model's
** failure on its own (library-internal).
*/
#ifndef PL_FORECAST_IMPL_H
#define PL_FORECAST_IMPL_H

#include "parley/forecast.h"

/*
** pl_forecast_compute, or (failed not NULL) going on past a model that fails: bit m of
** *failed is set when model m has no answer (on some issue, or on the whole scenario; every
** bit when an issue has no weight: every model needs its mean), and its values are not to be
** read; the others are what they are when each model runs alone. Out of memory still fails
** the whole run. With failed, the EUM's runs are not kept (pl_forecast_eum gives NULL), only
** their forecasts (a stress draw reads those only): every issue's run lives in one lent record.
** mem (NULL: the record is allocated and freed by this call) keeps that record from one call
** to the next: a stress thread's draws ask for the same size each time, and a block that
** large is a slow request for malloc (it consolidates the fast bins first).
*/
typedef struct pl__forecast_mem {
    void *eum;            /* the EUM's record, eum_cap bytes (pl__grow); free(eum) at the end */
    size_t eum_cap;
} pl__forecast_mem;
int pl__forecast_compute_each(pl_forecast **out, const pl_scenario *s,
                              const pl_forecast_opts *opts, unsigned *failed,
                              pl__forecast_mem *mem, pl_error *err);

#endif
