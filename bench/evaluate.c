/* SPDX-License-Identifier: MIT */
/*
** evaluate.c: benchmark `parley evaluate` on DEU I-III (353 issues with
** outcomes, 137 proposals): the evaluation without cross-validation (the
** baseline: every forecast column, 2,000 resamples), then leave-one-proposal-
** out and 10-fold cross-validation, which add the fitting in every fold and
** the scoring of the fitted methods. CPU and wall time each.
**   bench/evaluate [SHARED_DIR] [RESAMPLES]
*/
#include "parley/parley.h"
#include "bench_util.h"

#include <stdio.h>
#include <stdlib.h>

static int timed(const char *what, const pl_scenario *s, long cv, unsigned B)
{
    pl_evaluate_opts o = PL_EVALUATE_OPTS_INIT;
    pl_evaluation *e = NULL;
    pl_error err;
    o.cv = cv;
    o.resamples = B;
    double w0 = bench_now(), c0 = bench_cpu();
    if (pl_evaluate(&e, s, &o, &err) != PL_OK) {
        fprintf(stderr, "%s: %s\n", what, err.msg);
        return 1;
    }
    double wall = bench_now() - w0, cpu = bench_cpu() - c0;
    size_t ref = pl_evaluation_best_baseline(e);
    printf("%-32s %3zu methods  %7.3fs CPU  %7.3fs wall  best baseline %s MAE %.2f\n", what,
           pl_evaluation_n_methods(e), cpu, wall, pl_evaluation_method(e, ref),
           pl_evaluation_mae(e, ref, NULL, NULL));
    pl_evaluation_free(e);
    return 0;
}

int main(int argc, char **argv)
{
    const char *shared = argc > 1 ? argv[1] : "../shared";
    unsigned B = argc > 2 ? (unsigned)atoi(argv[2]) : 2000;
    char path[1024];
    pl_error err;
    pl_scenario *s;
    snprintf(path, sizeof path, "%s/deu3/deu3.csv", shared);
    pl_load_opts lo = {0};
    if (pl_import_file(&s, NULL, path, PL_IMPORT_DEU, &lo, &err) != PL_OK) {
        printf("skipped: %s (%s)\n", path, err.msg);
        return 0;
    }
    int rc = timed("no cross-validation (baseline)", s, PL_CV_NONE, B) ||
             timed("leave one proposal out", s, PL_CV_GROUP, B) ||
             timed("10 folds", s, 10, B);
    pl_scenario_free(s);
    return rc;
}
