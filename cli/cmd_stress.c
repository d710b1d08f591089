/* SPDX-License-Identifier: MIT */
/*
** cmd_stress.c: `parley stress [FILE]`: Monte Carlo over every number with a
** range; how robust each finding is and which inputs move it. Under mpirun
** (parley built with -DPARLEY_MPI=ON) the draws are shared between ranks and
** rank 0 alone writes the output and the run store.
*/
#include "cli.h"
#include "parley/store.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const cli_optdef stress_opts[] = {
    {"builtin", 0, 2, "NAME", "stress a built-in scenario (default when no FILE)"},
    CLI_FROM_OPTDEF,
    {"draws", 'n', 1, "N", "Monte Carlo draws (default 1000)"},
    {"seed", 0, 1, "S", "seed: draw i uses stream i of it (default 1)"},
    {"threads", 0, 1, "N", "threads (default 1; results never depend on it)"},
    {"analyses", 0, 1, "LIST", "comma-separated: forecast, settle, power, durability, "
                               "proposal (default: every one the scenario supports)"},
    {"proposal", 0, 1, "FILE", "also judge this package in every draw: each party's "
                               "acceptance, ratification, self-enforcement"},
    {"model", 0, 1, "LIST", "forecast models: mean, median, nbs, eum, exchange (default all)"},
    {"top", 0, 1, "K", "inputs listed per result in the sensitivity table (default 3)"},
    {"store", 0, 1, "FILE", "record the run in this SQLite run store (default $PARLEY_STORE)"},
    {"store-draws", 0, 0, NULL, "also store every draw's values (large: inputs x metrics per "
                                "draw)"},
    {"label", 0, 1, "TEXT", "with --store: a label for the run, shown by runs list and diff "
                            "(not part of its id)"},
    CLI_FORECAST_OPTDEFS,
    CLI_EUM_OPTDEFS,
    CLI_SETTLE_OPTDEFS,
    CLI_PROGRESS_OPTDEF,
    {NULL, 0, 0, NULL, NULL}};

typedef struct stress_cli {
    pl_stress_opts o;
    unsigned long long top;
    const char *store_path;
    pl_store *db;
    pl_proposal *proposal;          /* --proposal, or NULL */
    cli_progress progress;
    pl_error store_err;
} stress_cli;

static int read_opts(const cli_args *a, stress_cli *c)
{
    unsigned long long draws = 1000, seed = 1, threads = 1;
    int rc;
    c->top = 3;
    if ((rc = cli_whole_opt(a, "draws", 1, 1000000000000ull, &draws)) ||
        (rc = cli_whole_opt(a, "seed", 0, ULLONG_MAX, &seed)) ||
        (rc = cli_whole_opt(a, "threads", 1, 256, &threads)) ||
        (rc = cli_whole_opt(a, "top", 0, 1000, &c->top)) ||
        (rc = cli_read_forecast_opts(a, &c->o.forecast)) ||
        (rc = cli_read_settle_opts(a, &c->o.settle)))
        return rc;
    c->o.settle.loss = c->o.forecast.loss; /* one --loss for both */
    const char *v = cli_get(a, "analyses", NULL);
    size_t na;
    const char *const *analyses = pl_option_choices("analyses", &na);
    if (v && (rc = cli_name_list("analyses", v, analyses, (int)na, &c->o.analyses)))
        return rc;
    const char *models[PL_MODEL_COUNT];
    for (int m = 0; m < PL_MODEL_COUNT; m++)
        models[m] = pl_model_name((pl_model)m);
    if ((v = cli_get(a, "model", NULL)) &&
        (rc = cli_name_list("model", v, models, PL_MODEL_COUNT, &c->o.forecast.models)))
        return rc;
    c->o.draws = draws, c->o.seed = seed, c->o.threads = (int)threads;
    c->store_path = cli_get(a, "store", NULL);
    if (!c->store_path && getenv("PARLEY_STORE") && *getenv("PARLEY_STORE"))
        c->store_path = getenv("PARLEY_STORE");
    if (cli_has(a, "store-draws") && !c->store_path)
        return cli_usage_error("--store-draws needs a run store: --store FILE or PARLEY_STORE");
    if ((v = cli_get(a, "label", NULL)) && !c->store_path)
        return cli_usage_error("--label needs a run store: --store FILE or PARLEY_STORE");
    if (v && (strlen(v) > 200 || strchr(v, '\n')))
        return cli_usage_error("--label: expected one line of at most 200 bytes");
    return EXIT_OK;
}

/* The stress's one payload serves on_draw and progress alike. */
static void progress(void *payload, uint64_t done, uint64_t total)
{
    cli_progress_show(&((stress_cli *)payload)->progress, done, total);
}

static int on_draw(void *payload, uint64_t draw, const double *v, size_t n)
{
    stress_cli *c = payload;
    return pl_store_draw(c->db, draw, v, n, &c->store_err);
}

/* ---- the run store ------------------------------------------------------------------- */

static int store_begin(const cli_args *a, stress_cli *c, const pl_scenario *s)
{
    pl_error err;
    pl_error_clear(&err);
    char id[33];
    /* the file as named (NULL: the built-in scenario) */
    const char *file = a->npos ? strcmp(a->pos[0], "-") ? a->pos[0] : "<stdin>" : NULL;
    int replaced = 0, rc = pl_store_open(&c->db, c->store_path, 1, &err);
    if (!rc)
        rc = pl_store_begin_stress(c->db, s, &c->o, file, cli_get(a, "label", NULL), id,
                                   &replaced, &err);
    if (rc) {
        cli_report(&err, NULL, 0);
        pl_store_close(c->db);
        c->db = NULL;
        return rc == PL_ENOMEM ? EXIT_FAIL : EXIT_USAGE;
    }
    if (!cli_has(a, "quiet"))
        fprintf(stderr, "parley: run %s%s in %s\n", id,
                replaced ? " (same inputs as a stored run, which it replaces)" : "",
                c->store_path);
    if (cli_has(a, "store-draws"))
        c->o.on_draw = on_draw;
    return EXIT_OK;
}

static int store_commit(stress_cli *c, const pl_stress *st)
{
    if (!c->db)
        return EXIT_OK;
    pl_error err;
    pl_error_clear(&err);
    int rc = pl_store_commit(c->db, st, &err);
    if (rc)
        cli_report(&err, NULL, 0);
    return rc ? EXIT_FAIL : EXIT_OK;
}

/* ---- MPI -------------------------------------------------------------------------------- */

/* Under an MPI launcher: this process's rank; else a single process (ranks = 1). */
static int mpi_setup(pl_stress_transport *t, int *used)
{
    const char *n = getenv("OMPI_COMM_WORLD_SIZE");
    if (!n)
        n = getenv("PMI_SIZE");
    *used = 0;
    t->rank = 0, t->ranks = 1;
    if (!n || atoi(n) <= 1)
        return EXIT_OK;
    pl_error err;
    pl_error_clear(&err);
    if (pl_stress_mpi_begin(t, NULL, NULL, &err)) {
        cli_report(&err, NULL, 0);
        return EXIT_USAGE;
    }
    *used = 1;
    return EXIT_OK;
}

/* This process's rank as the MPI launcher set it, before MPI is up (0 without one). */
static int launcher_rank(void)
{
    const char *r = getenv("OMPI_COMM_WORLD_RANK");
    if (!r)
        r = getenv("PMI_RANK");
    return r ? atoi(r) : 0;
}

/*
** Ranks other than 0 read the same options and files as rank 0 and would
** print the same messages and warnings once more each: while they read
** them, their stderr goes to /dev/null. Returns the saved stderr, or -1.
*/
static int quiet_begin(int rank)
{
    if (rank == 0)
        return -1;
    int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);
    if (saved >= 0 && null >= 0)
        dup2(null, STDERR_FILENO);
    if (null >= 0)
        close(null);
    return saved;
}

static void quiet_end(int saved)
{
    if (saved < 0)
        return;
    dup2(saved, STDERR_FILENO);
    close(saved);
}

/*
** Options, MPI, the scenario and (rank 0) the store: every rank reads them,
** rank 0 alone speaks. Under MPI the ranks then agree, so that an input error
** ends every rank cleanly with exit 2 rather than through MPI_Abort.
*/
static int read_inputs(const cli_args *a, stress_cli *c, pl_stress_transport *t,
                       pl_scenario **s, int *mpi)
{
    int quiet = quiet_begin(launcher_rank());
    int rc = read_opts(a, c);
    /* MPI comes up even after a bad option: a rank that exited at once would
    ** make the launcher kill rank 0 before its message was out (seen in CI). */
    int up = mpi_setup(t, mpi);
    if (!rc)
        rc = up;
    if (!rc) {
        if (*mpi)
            c->o.transport = t;
        const char *prop = cli_get(a, "proposal", NULL);
        if ((rc = cli_load_scenario(a, s, 0)) == EXIT_OK && prop &&
            (rc = cli_load_proposal(a, *s, prop, &c->proposal)) == EXIT_OK)
            c->o.proposal = c->proposal;
        if (!rc && t->rank == 0 && c->store_path)
            rc = store_begin(a, c, *s);
    }
    quiet_end(quiet);
    int all = *mpi ? pl_stress_mpi_agree(rc) : rc;
    if (all && !rc && t->rank == 0)
        fprintf(stderr, "parley: another MPI rank could not read the inputs that rank 0 "
                "read; expected the same files on every node\n");
    return all;
}

static int analyse(const cli_args *a, stress_cli *c, const pl_scenario *s, int rank)
{
    pl_stress *st = NULL;
    pl_error err;
    pl_error_clear(&err);
    int rc = pl_stress_run(&st, s, &c->o, &err);
    if (rc) {
        if (c->store_err.code)
            err = c->store_err;
        cli_report(&err, NULL, 0);
        pl_store_rollback(c->db);
        return cli_exit_code(rc);
    }
    if (rank != 0)
        return EXIT_OK;
    cli_output out;
    if ((rc = cli_document_begin(&out, a, "numbers", s)) == EXIT_OK) {
        rc = cli_document_done(&out, pl_stress_emit(st, (size_t)c->top, out.e));
    }
    if (rc)
        pl_store_rollback(c->db);
    else
        rc = store_commit(c, st);
    pl_stress_free(st);
    return rc;
}

static int run_stress(const cli_args *a)
{
    stress_cli c = {PL_STRESS_OPTS_INIT};
    pl_stress_transport t = {0};
    pl_scenario *s = NULL;
    int mpi = 0, rc = read_inputs(a, &c, &t, &s, &mpi), analysed = 0;
    if (!rc) {
        c.o.progress = progress, c.o.payload = &c;
        cli_progress_init(&c.progress, a, "stress", "draws");
        c.progress.on &= t.rank == 0;
        rc = analyse(a, &c, s, t.rank);
        analysed = 1;
    }
    pl_store_close(c.db);
    pl_proposal_free(c.proposal);
    pl_scenario_free(s);
    if (mpi && rc && analysed) /* the others may be waiting for this rank's draws */
        pl_stress_mpi_abort(rc);
    if (mpi)
        pl_stress_mpi_end();
    return rc;
}

const cli_command cli_cmd_stress = {
    "stress", "[FILE]",
    "Monte Carlo over every uncertain input: how robust each finding is, what moves it.",
    stress_opts,
    "Every number written with a range ({value, low, high, dist}) is drawn\n"
    "afresh in each draw: uniform, triangular or beta-PERT (mode = value), or a\n"
    "normal (value, sd) truncated to [low, high]. Draw i uses stream i of --seed\n"
    "(xoshiro256**), so the output is byte-identical for any --threads and any\n"
    "number of MPI ranks. Each draw runs the analyses (forecast, settle, power\n"
    "and durability, as the scenario supports them); the summary gives, for each\n"
    "finding, its value as written and how often the draws agree; percentiles\n"
    "5/50/95 of every number with Monte Carlo standard errors; how often each\n"
    "solution picks each package; and a tornado table: the inputs most correlated\n"
    "with each result. A run store (--store FILE, SQLite) keeps the run under an\n"
    "id that hashes its inputs; see `parley runs`. --format csv writes the\n"
    "numbers; --table NAME another table: inputs, flags, packages or sensitivity.\n"
    "With --proposal FILE every draw also judges that package (the proposal\n"
    "analysis): whether each party accepts it (its utility at least its no-deal\n"
    "value, none of its red lines crossed), whether all do, the probability its\n"
    "ratifying bodies pass it, whether it is self-enforcing and, with\n"
    "regimes, its survival to the horizon: how often each holds and, in the\n"
    "tornado table, which inputs move it. FILE may name a proposal built in for\n"
    "the built-in scenario (moscow-terms, europe-kyiv, istanbul-2022).\n"
    "Examples:\n"
    "  parley stress                          1000 draws of the built-in scenario\n"
    "  parley stress -n 100000 --threads 8 --store runs.db\n"
    "  mpirun -n 4 parley stress -n 1000000   (built with -DPARLEY_MPI=ON)\n"
    "  parley stress --proposal moscow-terms --analyses proposal\n",
    run_stress};
