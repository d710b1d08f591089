/* SPDX-License-Identifier: MIT */
/*
** summary.c: the summary tables of a run, written at pl_store_commit from
** the pl_stress getters (docs/run-store.md): inputs, metrics, package
** tallies, correlations and failures. Values that are not finite numbers
** (undefined) are stored as NULL.
*/
#include "store_impl.h"
#include "parley/stress.h"
#include "parley/options.h"

#include <math.h>
#include <string.h>

static const char *kind_name(pl_metric_kind k)
{
    return k == PL_METRIC_FLAG ? "flag" : k == PL_METRIC_PACKAGE ? "package" : "number";
}

static int put_inputs(pl_store *db, sqlite3_stmt *st, const pl_stress *s, pl_error *err)
{
    int rc = PL_OK;
    for (size_t j = 0; !rc && j < pl_stress_n_inputs(s); j++) {
        const pl_value *v = pl_stress_input(s, j);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)j);
        sqlite3_bind_text(st, 3, pl_stress_input_label(s, j), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, pl_dist_name(v->dist), -1, SQLITE_STATIC);
        pl__store_bind_real(st, 5, v->low);
        pl__store_bind_real(st, 6, v->value);
        pl__store_bind_real(st, 7, v->high);
        pl__store_bind_real(st, 8, v->dist == PL_DIST_NORMAL ? v->sd : NAN);
        rc = pl__store_step(db, st, err);
    }
    return rc;
}

/* Mean and percentiles of a number or a flag's share; a package's codes have neither. */
static int put_metrics(pl_store *db, sqlite3_stmt *st, const pl_stress *s, pl_error *err)
{
    int rc = PL_OK;
    for (size_t m = 0; !rc && m < pl_stress_n_metrics(s); m++) {
        pl_metric_kind k = pl_stress_metric_kind(s, m);
        double se = NAN, mean = k == PL_METRIC_PACKAGE ? NAN : pl_stress_mean(s, m, &se);
        int num = k == PL_METRIC_NUMBER;
        sqlite3_bind_int64(st, 2, (sqlite3_int64)m);
        sqlite3_bind_text(st, 3, pl_stress_metric_key(s, m), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, kind_name(k), -1, SQLITE_STATIC);
        pl__store_bind_real(st, 5, pl_stress_baseline(s, m));
        pl__store_bind_real(st, 6, mean);
        pl__store_bind_real(st, 7, k == PL_METRIC_PACKAGE ? NAN : se);
        pl__store_bind_real(st, 8, num ? pl_stress_quantile(s, m, 0.05) : NAN);
        pl__store_bind_real(st, 9, num ? pl_stress_quantile(s, m, 0.5) : NAN);
        pl__store_bind_real(st, 10, num ? pl_stress_quantile(s, m, 0.95) : NAN);
        pl__store_bind_real(st, 11, k == PL_METRIC_PACKAGE ? NAN : pl_stress_min(s, m));
        pl__store_bind_real(st, 12, k == PL_METRIC_PACKAGE ? NAN : pl_stress_max(s, m));
        sqlite3_bind_int64(st, 13, (sqlite3_int64)pl_stress_defined(s, m));
        pl__store_bind_real(st, 14, num ? NAN : pl_stress_agreement(s, m));
        rc = pl__store_step(db, st, err);
    }
    return rc;
}

/* Every package tallied, by rank; baseline: 1 for the package as written. */
static int put_packages(pl_store *db, sqlite3_stmt *st, const pl_stress *s, pl_error *err)
{
    char text[1024], base[1024];
    int rc = PL_OK;
    for (size_t m = 0; !rc && m < pl_stress_n_metrics(s); m++) {
        double n = (double)pl_stress_defined(s, m);
        pl_stress_baseline_package_text(s, m, base, sizeof base);
        for (size_t t = 0; !rc && t < pl_stress_n_packages(s, m); t++) {
            uint64_t count = pl_stress_package_count(s, m, t);
            pl_stress_package_text(s, m, t, text, sizeof text);
            sqlite3_bind_int64(st, 2, (sqlite3_int64)m);
            sqlite3_bind_int64(st, 3, (sqlite3_int64)t + 1);
            sqlite3_bind_text(st, 4, text, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 5, (sqlite3_int64)count);
            pl__store_bind_real(st, 6, (double)count / n);
            sqlite3_bind_int(st, 7, strcmp(text, base) == 0);
            rc = pl__store_step(db, st, err);
        }
    }
    return rc;
}

static int put_sensitivity(pl_store *db, sqlite3_stmt *st, const pl_stress *s, pl_error *err)
{
    int rc = PL_OK;
    for (size_t m = 0; !rc && m < pl_stress_n_metrics(s); m++)
        for (size_t j = 0; !rc && j < pl_stress_n_inputs(s); j++) {
            double r = pl_stress_correlation(s, m, j);
            if (!isfinite(r))
                continue; /* a constant input or result: no correlation to keep */
            sqlite3_bind_int64(st, 2, (sqlite3_int64)m);
            sqlite3_bind_int64(st, 3, (sqlite3_int64)j);
            sqlite3_bind_double(st, 4, r);
            rc = pl__store_step(db, st, err);
        }
    return rc;
}

/* One row per analysis that ran, so the table also says which ran. */
static int put_failures(pl_store *db, sqlite3_stmt *st, const pl_stress *s, pl_error *err)
{
    int rc = PL_OK;
    for (unsigned a = 0; !rc && a < 5; a++) { /* the PL_STRESS_* bits */
        if (!(pl_stress_analyses(s) & (1u << a)))
            continue;
        sqlite3_bind_text(st, 2, pl_option_choice("analyses", (int)a), -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)pl_stress_failures(s, 1u << a));
        rc = pl__store_step(db, st, err);
    }
    return rc;
}

typedef int (*put_fn)(pl_store *db, sqlite3_stmt *st, const pl_stress *s, pl_error *err);

static int put_table(pl_store *db, const char *sql, put_fn put, const pl_stress *s,
                     pl_error *err)
{
    sqlite3_stmt *st;
    int rc = pl__store_prepare(db, &st, sql, err);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, db->id, -1, SQLITE_STATIC);
    rc = put(db, st, s, err);
    sqlite3_finalize(st);
    return rc;
}

int pl__store_put_summary(pl_store *db, const pl_stress *s, pl_error *err)
{
    /* columns named: a later migration may add some */
    static const struct {
        const char *sql;
        put_fn put;
    } tables[] = {
        {"INSERT INTO input (run, idx, label, dist, low, value, high, sd) VALUES (?1, ?2, ?3, ?4, "
         "?5, ?6, ?7, ?8)", put_inputs},
        {"INSERT INTO metric (run, idx, key, kind, baseline, mean, se, p5, p50, p95, min, max, "
         "defined, agreement) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
         "?14)", put_metrics},
        {"INSERT INTO package (run, metric, rank, package, draws, share, baseline) VALUES (?1, ?2, "
         "?3, ?4, ?5, ?6, ?7)", put_packages},
        {"INSERT INTO sensitivity (run, metric, input, r) VALUES (?1, ?2, ?3, ?4)", put_sensitivity},
        {"INSERT INTO failure (run, analysis, draws) VALUES (?1, ?2, ?3)", put_failures},
    };
    int rc = PL_OK;
    for (size_t t = 0; !rc && t < sizeof tables / sizeof *tables; t++)
        rc = put_table(db, tables[t].sql, tables[t].put, s, err);
    return rc;
}
