/* SPDX-License-Identifier: MIT */
/*
** veto_impl.h: the procedural, veto-aware compromise (veto.c), run by
** pl_forecast_compute as model `veto` and scored by `parley evaluate`.
*/
#ifndef PL_VETO_IMPL_H
#define PL_VETO_IMPL_H

#include "parley/scenario.h"
#include "parley/error.h"

/*
** out[k] for every issue k of s: mean[k] (the weighted mean) projected
** onto the closure of the status quo's win-set under the deciders
** (veto.c says how). PL_ENOMEM, or a body's rule that cannot be built.
*/
int pl__veto_forecasts(const pl_scenario *s, const double *mean, double *out, pl_error *err);

#endif
