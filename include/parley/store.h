/* SPDX-License-Identifier: MIT */
/*
** store.h: the run store, one SQLite file (`--store FILE` or PARLEY_STORE).
** A run records the scenario text, the options, the seed, parley's
** version, its id (a stable hash of all of those: identical inputs give the
** identical id), start and end times, and its results (summary tables;
** per-draw values only when asked). A run is computed first and written
** in one short transaction at the end, so a process killed midway leaves
** no partial run and concurrent runs do not wait for each other's draws;
** the store is in WAL mode, so readers never wait. The schema is versioned (PRAGMA user_version) and
** older stores are migrated on open; docs/run-store.md describes it.
*/
#ifndef PARLEY_STORE_H
#define PARLEY_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "parley/export.h"
#include "parley/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PL_STORE_SCHEMA 2

typedef struct pl_store pl_store;
struct pl_stress;
struct pl_emitter;

/* What identifies a run. */
typedef struct pl_run_info {
    const char *command;        /* "stress" */
    const char *scenario_name;  /* for listings */
    const char *scenario;       /* the scenario text analysed (pl_scenario_text) */
    size_t scenario_len;
    const char *options;        /* canonical options: "key=value" lines, sorted */
    uint64_t seed;
    uint64_t draws;
    /* For listings only (not part of the id): the file the scenario was read from as the
       user named it (NULL: the built-in scenario), and the user's label for the run (NULL:
       none). */
    const char *file;
    const char *label;
} pl_run_info;

/** The run id: XXH3-128 of parley's version, command, options, seed, draws and scenario, in
    hex; not of the file name or the label. */
PL_API void pl_run_id(const pl_run_info *r, char id[33]);

struct pl_stress_opts;
/**
 * The canonical options of a stress run, for pl_run_info.options: a
 * "name=value\n" line for every option of o that shapes the results and
 * differs from PL_STRESS_OPTS_INIT, sorted; built from the values, so equal
 * values give equal text however they were typed ("--eum-q .5" and "0.5").
 * Numbers are in their shortest exact form, enumerations in their words
 * (parley/options.h), a switch has an empty value. Left out: the draws and
 * the seed (fields of the id of their own), thread counts and callbacks.
 * docs/run-store.md lists the names. Writes at most size bytes (NUL
 * included) to buf and the full length (without the NUL) to *len, so a first
 * call with size 0 sizes the buffer. PL_EINPUT when o has an SMP
 * accommodation matrix, which has no text.
 */
PL_API int pl_run_options(const struct pl_stress_opts *o, char *buf, size_t size, size_t *len,
                          pl_error *err);

struct pl_scenario;
/**
 * The what-if changes the scenario was loaded with, for pl_run_info.options after
 * pl_run_options' lines: "variant=ID\n" for the variant applied, then "set.PATH=VALUE\n"
 * for each change in the order applied (the order matters: a later change to the same
 * place wins), as given. Empty when it was loaded as written. Sized like pl_run_options
 * (a first call with size 0 gives *len).
 */
PL_API int pl_run_changes(const struct pl_scenario *s, char *buf, size_t size, size_t *len,
                          pl_error *err);

/**
 * Open (or, when create is 1, create) a store. PL_EINPUT when the file is
 * not a SQLite database, is not a parley store, or has a schema newer than
 * PL_STORE_SCHEMA; PL_EIO when it cannot be opened or written.
 */
PL_API int pl_store_open(pl_store **out, const char *path, int create, pl_error *err);
PL_API void pl_store_close(pl_store *db);

/**
 * Start run r. Nothing is written and no lock is held until pl_store_commit,
 * so other runs and readers go on meanwhile; but whether the store can be
 * written is checked now (the write lock is taken and released at once), so
 * a read-only store fails before any work. id receives the run id.
 * *replaced is 1 when a run with that id is stored now (it is replaced
 * when the run commits). r is copied.
 */
PL_API int pl_store_begin(pl_store *db, const pl_run_info *r, char id[33], int *replaced,
                          pl_error *err);
/**
 * pl_store_begin for a stress run of scenario s with options o, as `parley stress --store`
 * records it: its id hashes s's text, o's canonical options (pl_run_options) with s's
 * what-if changes (pl_run_changes), the seed and the number of draws. file (the scenario's
 * file as the user named it; NULL: a built-in scenario) and label (NULL: none) are for
 * listings only.
 */
PL_API int pl_store_begin_stress(pl_store *db, const struct pl_scenario *s,
                                 const struct pl_stress_opts *o, const char *file,
                                 const char *label, char id[33], int *replaced, pl_error *err);
/** One draw's values (inputs then metrics, as pl_stress_opts.on_draw gives them); kept in
    a temporary file ($TMPDIR) until pl_store_commit, not in memory. */
PL_API int pl_store_draw(pl_store *db, uint64_t draw, const double *values, size_t n,
                         pl_error *err);
/** The run row, the kept draws, the summary of st and the end time, in one short
    transaction (a concurrent writer's commit is waited for, up to 60 s). */
PL_API int pl_store_commit(pl_store *db, const struct pl_stress *st, pl_error *err);
/** Abandon the run being written: nothing of it stays. */
PL_API void pl_store_rollback(pl_store *db);

/** Every run, newest first: id, command, scenario, draws, seed, started, seconds. */
PL_API int pl_store_list(pl_store *db, struct pl_emitter *e, pl_error *err);
/**
 * A stored run by id or unique id prefix (at least 4 hex digits): its
 * metadata and summary tables. PL_ENOTFOUND when none matches or the prefix
 * is ambiguous (the message says which).
 */
PL_API int pl_store_show(pl_store *db, const char *id, struct pl_emitter *e, pl_error *err);
/** Two runs side by side: what differs in their inputs, and each metric's change. */
PL_API int pl_store_diff(pl_store *db, const char *id_a, const char *id_b,
                         struct pl_emitter *e, pl_error *err);
/** Everything of one run, the scenario text and per-draw values included. */
PL_API int pl_store_export(pl_store *db, const char *id, struct pl_emitter *e, pl_error *err);

#ifdef __cplusplus
}
#endif

#endif
