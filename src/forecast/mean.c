/* SPDX-License-Identifier: MIT */
/*
** mean.c: weighted mean, the "compromise model" (van den Bos 1991; Achen
** 2006); MODELS.md section 2.1. Summed in input order so the result is
** bit-stable across runs and thread counts.
*/
#include "parley/forecast.h"
#include "../core/error_int.h"

#include <math.h>

int pl_weighted_mean(double *out, const double *x, const double *w, size_t n, pl_error *err)
{
    if (!out || (n && (!x || !w)))
        return pl__fail(err, PL_EMISUSE, "pl_weighted_mean: NULL argument");
    double sw = 0, swx = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(w[i] >= 0) || !isfinite(w[i]) || !isfinite(x[i]))
            return pl__fail(err, PL_EINPUT, "weighted mean: weight %zu is %g at position %g; "
                            "expected finite numbers, weights >= 0", i + 1, w[i], x[i]);
        sw += w[i];
        swx += w[i] * x[i];
    }
    if (!(sw > 0))
        return pl__fail(err, PL_EINPUT, "weighted mean: the weights sum to 0; expected at "
                        "least one positive weight");
    double m = swx / sw;
    if (!isfinite(m))
        return pl__fail(err, PL_ERANGE, "weighted mean: the result overflows; expected "
                        "smaller weights");
    *out = m;
    return PL_OK;
}
