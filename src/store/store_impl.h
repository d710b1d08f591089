/* SPDX-License-Identifier: MIT */
/*
** store_impl.h: the run store's handle and the helpers shared by its writing
** (store.c) and reading (runs.c) halves. docs/run-store.md has the schema.
*/
#ifndef PL_STORE_IMPL_H
#define PL_STORE_IMPL_H

#include "parley/store.h"
#include <sqlite3.h>

struct pl_store {
    sqlite3 *db;
    char *path;               /* for messages: every error names the file */
    int in_run;               /* between pl_store_begin and commit/rollback */
    char id[33];              /* the run being written */
    uint64_t seed, draws;     /* ...and what it was begun with, checked at commit */
    sqlite3_stmt *draw;       /* INSERT of one draw value, prepared once per run */
};

/* The last SQLite error of db as a pl_error naming the file; `doing` says what failed
   ("cannot write the run store"). Returns the PL_E* code. */
int pl__store_fail(const pl_store *db, pl_error *err, const char *doing);
/* Prepare sql on db, or fill err. */
int pl__store_prepare(pl_store *db, sqlite3_stmt **st, const char *sql, pl_error *err);
/* A bound double, NULL when it is not a finite number (undefined results). */
int pl__store_bind_real(sqlite3_stmt *st, int i, double v);
/* Step a bound INSERT/UPDATE/DELETE once and reset it for the next row. */
int pl__store_step(pl_store *db, sqlite3_stmt *st, pl_error *err);

/* The summary tables of st for the run being written (summary.c). */
struct pl_stress;
int pl__store_put_summary(pl_store *db, const struct pl_stress *st, pl_error *err);

#endif
