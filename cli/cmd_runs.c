/* SPDX-License-Identifier: MIT */
/*
** cmd_runs.c: `parley runs list|show ID|diff ID1 ID2|export ID`: the runs a
** run store (`parley stress --store FILE`) keeps. Reading never creates or
** changes the file.
*/
#include "cli.h"
#include "parley/store.h"

#include <stdlib.h>
#include <string.h>

#define RUNS_FORMS "list, show ID, diff ID1 ID2 or export ID"

typedef struct runs_sub {
    const char *name;
    int nargs;               /* IDs after the subcommand */
    const char *form;        /* for messages: "show ID" */
    const char *csv_table;   /* what --format csv writes without --table */
} runs_sub;

static const runs_sub subs[] = {{"list", 0, "list", "runs"},
                                {"show", 1, "show ID", "numbers"},
                                {"diff", 2, "diff ID1 ID2", "metrics"},
                                {"export", 1, "export ID", "metrics"}};

static const runs_sub *find_sub(const cli_args *a)
{
    if (a->npos < 1) {
        cli_usage_error("runs: expected a subcommand: " RUNS_FORMS);
        return NULL;
    }
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++) {
        if (strcmp(a->pos[0], subs[i].name) != 0)
            continue;
        if (a->npos - 1 != subs[i].nargs) {
            cli_usage_error("runs %s: got %d argument%s; expected 'parley runs %s'",
                            subs[i].name, a->npos - 1, a->npos == 2 ? "" : "s", subs[i].form);
            return NULL;
        }
        return &subs[i];
    }
    cli_usage_error("runs: unknown subcommand '%s'; expected " RUNS_FORMS, a->pos[0]);
    return NULL;
}

static int emit_sub(const runs_sub *sub, const cli_args *a, pl_store *db, pl_emitter *e,
                    pl_error *err)
{
    switch (sub->nargs) {
    case 0:
        return pl_store_list(db, e, err);
    case 2:
        return pl_store_diff(db, a->pos[1], a->pos[2], e, err);
    default:
        return sub->name[0] == 's' ? pl_store_show(db, a->pos[1], e, err)
                                   : pl_store_export(db, a->pos[1], e, err);
    }
}

static int discard(const char *data, size_t len, void *payload)
{
    (void)data, (void)len, (void)payload;
    return 0;
}

/* Find the runs before any output: a bad id then prints nothing on stdout, where the
   document would otherwise be cut short. Showing them costs a few small queries. */
static int check_ids(const cli_args *a, pl_store *db, pl_error *err)
{
    pl_emitter *e = NULL;
    int rc = pl_emitter_new(&e, PL_FORMAT_JSON, discard, NULL, NULL, err);
    for (int i = 1; !rc && i < a->npos; i++) {
        pl_emit_object_begin(e, NULL, NULL);
        rc = pl_store_show(db, a->pos[i], e, err);
        pl_emit_object_end(e);
    }
    pl_emitter_free(e);
    return rc;
}

static int run_runs(const cli_args *a)
{
    int rc0 = cli_no_changes(a, "runs reads a run store, not a scenario");
    if (rc0)
        return rc0;
    const runs_sub *sub = find_sub(a);
    if (!sub)
        return EXIT_USAGE;
    const char *path = cli_get(a, "store", NULL);
    if (!path && getenv("PARLEY_STORE") && *getenv("PARLEY_STORE"))
        path = getenv("PARLEY_STORE");
    if (!path)
        return cli_usage_error("runs: no run store; give --store FILE or set PARLEY_STORE");
    pl_error err;
    pl_error_clear(&err);
    pl_store *db = NULL;
    int rc = pl_store_open(&db, path, 0, &err);
    if (!rc)
        rc = check_ids(a, db, &err);
    if (rc) {
        cli_report(&err, NULL, 0);
        pl_store_close(db);
        return cli_input_exit_code(rc);
    }
    cli_output out;
    int status = cli_document_begin(&out, a, sub->csv_table, NULL);
    if (status == EXIT_OK) {
        if ((rc = emit_sub(sub, a, db, out.e, &err)) == PL_OK) {
            status = cli_document_end(&out);
        } else {
            cli_output_close(&out, 0);
            cli_report(&err, NULL, 0);
            status = cli_exit_code(rc);
        }
    }
    pl_store_close(db);
    return status;
}

static const cli_optdef runs_opts[] = {
    {"store", 0, 1, "FILE", "the run store to read (default $PARLEY_STORE)"},
    {NULL, 0, 0, NULL, NULL}};

const cli_command cli_cmd_runs = {
    "runs", "list|show ID|diff ID1 ID2|export ID",
    "The run store: list, show, compare and export runs.", runs_opts,
    "A run store is the SQLite file `parley stress --store FILE` records each\n"
    "run in, under an id that hashes its inputs (parley's version, the command,\n"
    "the options that shape the results, the seed, the draws and the scenario\n"
    "text): the same inputs give the same id, and a run with the same id\n"
    "replaces the one stored before. An ID may be shortened to a unique prefix\n"
    "of at least 4 hex digits.\n"
    "  list            every run, newest first: id, command, scenario, draws,\n"
    "                  seed, start time (UTC) and seconds taken\n"
    "  show ID         a run's inputs and summary: uncertain inputs, numbers,\n"
    "                  findings, the most frequent packages, failures\n"
    "  diff ID1 ID2    what differs in the two runs' inputs (scenario text,\n"
    "                  options, seed, draws, version), and each result side by\n"
    "                  side with the change of its mean\n"
    "  export ID       everything: the scenario text, every result, all package\n"
    "                  tallies, the correlations and, when stored (--store-draws),\n"
    "                  the per-draw values\n"
    "The store is only read: a missing file is an error, never created.\n"
    "--format csv writes one table: runs (list), numbers (show), metrics (diff,\n"
    "export); --table NAME another. docs/run-store.md describes the schema.\n"
    "Exit status: 0 ok, 1 internal failure, 2 bad usage, unknown run or store.\n"
    "Examples:\n"
    "  parley stress -n 2000 --store runs.db\n"
    "  parley runs list --store runs.db\n"
    "  PARLEY_STORE=runs.db parley runs show 3f2a\n"
    "  parley runs diff 3f2a 9c01 --store runs.db\n"
    "  parley runs export 3f2a --store runs.db --format json -o run.json\n"
    "  parley runs export 3f2a --store runs.db --format csv --table draws\n",
    run_runs};
