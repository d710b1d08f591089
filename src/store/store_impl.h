/* SPDX-License-Identifier: MIT */
/*
** store_impl.h: the run store's handle and the helpers shared by its writing
** (store.c) and reading (runs.c) halves. docs/run-store.md has the schema.
*/
#ifndef PL_STORE_IMPL_H
#define PL_STORE_IMPL_H

#include "parley/store.h"
#include <sqlite3.h>

#include <stdio.h>

/* How long a writer waits for another's commit (and a reader for WAL recovery). Each run
   is written in one short transaction, so this only has to outlast a commit, the longest
   being one with many per-draw rows. */
#define PL__STORE_BUSY_MS 60000

struct pl_store {
    sqlite3 *db;
    char *path;               /* for messages: every error names the file */
    int schema;               /* its schema version: older than PL_STORE_SCHEMA only when
                                 opened to read (readers never migrate; runs.c copes) */
    int in_run;               /* between pl_store_begin and commit/rollback */
    char id[33];              /* the run being written */
    pl_run_info run;          /* ...a copy of what it was begun with, written at commit */
    char *strings;            /* the copy's text, one allocation */
    char started[32];         /* when pl_store_begin ran */
    FILE *spool;              /* per-draw values until commit (a temporary file) */
};

/* The last SQLite error of db as a pl_error naming the file; `doing` says what failed
   ("cannot write the run store"). Returns the PL_E* code. */
int pl__store_fail(const pl_store *db, pl_error *err, const char *doing);
/* The columns file and label of table run, or NULLs in a store older than schema 2. */
#define PL__STORE_FILE_LABEL(db) ((db)->schema >= 2 ? "file, label" : "NULL AS file, NULL AS label")
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
