/* SPDX-License-Identifier: MIT */
/*
** cmd_compare.c: `parley compare [A [B]]`: two scenarios (two files, a file
** and its variant or --set changes, two variants, two proposals) through the
** same analyses, and what differs (the library's pl_compare). This file only
** makes the two sides from the command line.
*/
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#define LABEL_BYTES 512

static const cli_optdef compare_opts[] = {
    {"builtin", 0, 2, "NAME", "compare a built-in scenario (default when no FILE)"},
    {"proposal", 0, 1, "FILE", "a proposal to judge on a side: given once, on both; twice, "
                               "the first on A and the second on B (FILE may name a proposal "
                               "built in for the built-in scenario, as for durability)"},
    {"claims", 0, 1, "FILE", "claims to check on both sides (default: the built-in "
                             "scenario's own, when it is compared)"},
    {"analyses", 0, 1, "LIST", "analyses to compare, comma-separated: forecast, settle, power, "
                               "durability, claims (default: each one both sides can run)"},
    CLI_FORECAST_OPTDEFS,
    CLI_SETTLE_OPTDEFS,
    {"threads", 0, 1, "N", "threads for the settlement (default 1; results never depend on "
                           "it)"},
    {NULL, 0, 0, NULL, NULL}};

/* What the command line gives each side. */
typedef struct sides {
    const char *file[2];       /* NULL: the built-in */
    const char *variant[2];
    const char *proposal[2];
} sides;

/* The values of every --name, in order, into v (at most 2); a usage error past 2. */
static int two_values(const cli_args *a, const char *name, const char **v, int *n)
{
    *n = 0;
    for (int i = 0; i < a->nopts; i++)
        if (strcmp(a->opt[i]->name, name) == 0) {
            if (*n == 2)
                return cli_usage_error("compare: --%s is given more than twice; expected it "
                                       "once (for B, or both sides) or twice (A, then B)", name);
            v[(*n)++] = a->val[i];
        }
    return EXIT_OK;
}

static int read_sides(const cli_args *a, sides *x)
{
    const char *v[2] = {NULL, NULL}, *p[2] = {NULL, NULL};
    int nv, np, rc;
    if (a->npos > 2)
        return cli_usage_error("compare: got %d files; expected at most two (A and B)", a->npos);
    if (a->npos == 1 && strcmp(a->pos[0], "-") == 0)
        return cli_usage_error("compare: one FILE is read for both sides; expected a file, "
                               "not '-' (standard input can be read once)");
    if ((rc = two_values(a, "variant", v, &nv)) || (rc = two_values(a, "proposal", p, &np)))
        return rc;
    if (np == 2 && (strcmp(p[0], "-") == 0 || strcmp(p[1], "-") == 0))
        return cli_usage_error("compare: --proposal - (standard input) is read once; expected "
                               "two files");
    x->file[0] = a->npos ? a->pos[0] : NULL;
    x->file[1] = a->npos ? a->pos[a->npos - 1] : NULL;
    x->variant[0] = nv == 2 ? v[0] : NULL;   /* one variant: B's */
    x->variant[1] = nv == 2 ? v[1] : v[0];
    x->proposal[0] = p[0];                   /* one proposal: both sides' */
    x->proposal[1] = np == 2 ? p[1] : p[0];
    return EXIT_OK;
}

/* The command line for side i alone: its file, its variant, --set on B only. */
static void side_args(const cli_args *a, const sides *x, int i, cli_args *out)
{
    *out = *a;
    out->nopts = 0;
    out->npos = x->file[i] ? 1 : 0;
    out->pos[0] = x->file[i];
    for (int k = 0; k < a->nopts; k++) {
        const char *name = a->opt[k]->name;
        int keep = strcmp(name, "set") == 0 ? i == 1
                   : strcmp(name, "variant") == 0 ? x->variant[i] == a->val[k]
                   : strcmp(name, "proposal") != 0 && strcmp(name, "claims") != 0;
        if (keep) {
            out->opt[out->nopts] = a->opt[k];
            out->val[out->nopts++] = a->val[k];
        }
    }
}

/* A side's scenario, its text (*yaml, malloc'd, or the built-in's) and label. */
static int load_side(const cli_args *side, pl_compare_side *out, pl_scenario **sp, char **yaml,
                     char *lab)
{
    *yaml = NULL;
    int rc = cli_load(side, 0, sp, yaml);
    pl_scenario *s = *sp;
    if (rc)
        return rc;
    out->s = s;
    if (*yaml) {
        out->text = *yaml;
        out->len = strlen(*yaml);
        out->name = side->pos[0];
    } else {
        out->text = pl_builtin_text(cli_get(side, "builtin", NULL), &out->len);
        out->name = pl_scenario_name(s);
    }
    pl_compare_label(s, side->npos ? side->pos[0] : NULL, lab, LABEL_BYTES);
    out->label = lab;
    return EXIT_OK;
}

/* Side i's proposal (t: its bytes, read once) parsed against its scenario. */
static int load_proposal(const cli_text *t, pl_compare_side *x, pl_proposal **p)
{
    pl_error err;
    pl_error_clear(&err);
    int rc = pl_proposal_load_buffer(p, x->s, t->data, t->len, t->name, &err);
    if (rc) {
        cli_report(&err, t->data, t->len);
        return cli_input_exit_code(rc);
    }
    x->proposal = *p;
    x->proposal_text = t->data;
    x->proposal_len = t->len;
    x->proposal_name = t->name;
    return EXIT_OK;
}

/* The claims (--claims FILE, else the built-in's own) read once, against each side. */
static int load_claims(const cli_args *a, pl_compare_side *x, pl_claims **c)
{
    const pl_scenario *s[2] = {x[0].s, x[1].s};
    int rc = cli_load_claims_n(a, s, 2, cli_get(a, "claims", NULL), c);
    for (int i = 0; !rc && i < 2; i++)
        x[i].claims = c[i];
    return rc;
}

typedef struct loaded {
    pl_compare_side side[2];
    pl_scenario *s[2];
    char *yaml[2];
    char label[2][LABEL_BYTES];
    pl_input *prop_in[2];
    cli_text prop_text[2]; /* a built-in proposal's or prop_in's bytes */
    pl_proposal *prop[2];
    pl_claims *claims[2];
} loaded;

static int load_all(const cli_args *a, const sides *x, loaded *L)
{
    cli_args side[2];
    int rc = EXIT_OK;
    for (int i = 0; i < 2 && !rc; i++) {
        side_args(a, x, i, &side[i]);
        rc = load_side(&side[i], &L->side[i], &L->s[i], &L->yaml[i], L->label[i]);
    }
    /* one --proposal: read once (it may be standard input), named against side A */
    int two = x->proposal[1] != x->proposal[0];
    for (int i = 0; i < 1 + two && !rc && x->proposal[i]; i++)
        rc = cli_proposal_text(a, L->s[i], x->proposal[i], &L->prop_in[i], &L->prop_text[i]);
    for (int i = 0; i < 2 && !rc && x->proposal[i]; i++)
        rc = load_proposal(&L->prop_text[two ? i : 0], &L->side[i], &L->prop[i]);
    return rc ? rc : load_claims(a, L->side, L->claims);
}

static void free_all(loaded *L)
{
    for (int i = 0; i < 2; i++) {
        pl_claims_free(L->claims[i]);
        pl_proposal_free(L->prop[i]);
        pl_input_free(L->prop_in[i]);
        pl_scenario_free(L->s[i]);
        free(L->yaml[i]);
    }
}

static int read_opts(const cli_args *a, pl_compare_opts *o)
{
    const char *names[PL_COMPARE_COUNT], *v = cli_get(a, "analyses", NULL);
    for (int k = 0; k < PL_COMPARE_COUNT; k++)
        names[k] = pl_compare_analysis_name((pl_compare_analysis)k);
    int rc = v ? cli_name_list("analyses", v, names, PL_COMPARE_COUNT, &o->analyses) : EXIT_OK;
    if (!rc)
        rc = cli_read_forecast_opts(a, &o->forecast);
    return rc ? rc : cli_read_settle_opts(a, &o->settle);
}

/* A failure of the comparison, with the line of the side's text it names. */
static void report(const pl_error *err, const loaded *L)
{
    for (int i = 0; i < 2; i++)
        if (err->line > 0 && L->side[i].name && strcmp(err->file, L->side[i].name) == 0) {
            cli_report(err, L->side[i].text, L->side[i].len);
            return;
        }
    cli_report(err, NULL, 0);
}

static int run_compare(const cli_args *a)
{
    sides x;
    pl_compare_opts o = PL_COMPARE_OPTS_INIT;
    loaded L;
    memset(&L, 0, sizeof L);
    int rc = read_sides(a, &x);
    if (!rc)
        rc = read_opts(a, &o);
    if (!rc)
        rc = load_all(a, &x, &L);
    pl_compare *c = NULL;
    pl_error err;
    pl_error_clear(&err);
    if (!rc && pl_compare_compute(&c, &L.side[0], &L.side[1], &o, &err)) {
        report(&err, &L);
        rc = cli_exit_code(err.code);
    }
    cli_output out;
    if (!rc && (rc = cli_document_begin(&out, a, "results", NULL)) == EXIT_OK)
        rc = cli_document_done(&out, pl_compare_emit(c, out.e));
    pl_compare_free(c);
    free_all(&L);
    return rc;
}

const cli_command cli_cmd_compare = {
    "compare", "[A [B]]",
    "What differs between two scenarios, variants or proposals: inputs, then results.",
    compare_opts,
    "Runs the same analyses on two sides, A and B, and prints what differs: the\n"
    "inputs, named by the paths --set takes, with both values; then every result\n"
    "that changed, largest change first. The sides:\n"
    "  parley compare A.yaml B.yaml          two files\n"
    "  parley compare FILE --set P=V ...     FILE as written (A), with the changes (B)\n"
    "  parley compare FILE --variant V       FILE as written (A), with variant V (B)\n"
    "  parley compare FILE --variant V --variant W   variant V (A), variant W (B)\n"
    "  parley compare FILE --proposal P1 --proposal P2   proposal P1 (A), P2 (B)\n"
    "No FILE: the built-in scenario. One FILE: both sides read it. --set always\n"
    "applies to B only (after B's variant); one --variant is B's, two are A's and\n"
    "B's; one --proposal is judged on both sides, two are A's and B's.\n"
    "Analyses: forecast (every model per issue), settle (frontier, solutions,\n"
    "ratification; with a proposal, what settle --proposal says of it),\n"
    "power (each body's indices), durability (the Nash package, or the proposal)\n"
    "and claims (--claims FILE, or the built-in scenario's own); by default each\n"
    "one both sides can run. Results are matched by their names: members by key,\n"
    "table rows by their identifying columns (the fewest leading columns that\n"
    "tell the rows apart), so `forecasts[X,mean].forecast` is issue X's mean.\n"
    "The size of a change of a number is |b - a| / max(1, |a|, |b|) (the absolute\n"
    "change for values within [-1, 1], the relative one beyond), and one of size\n"
    "1e-9 or less is rounding, not a change; a text, a true/false or a presence\n"
    "that changed has size 1 (docs/models.md, \"Comparing two runs\"). Identical\n"
    "sides print \"No differences\" and exit 0.\n"
    "The two scenarios must have the same actors and issues (in any order); one\n"
    "that only one side has is refused (exit 2, naming it and where it is written).\n"
    "--format csv writes the results table; --table inputs the inputs.\n"
    "Exit status: 0 compared (differences or not), 1 internal failure, 2 bad usage\n"
    "or input.\n"
    "Examples:\n"
    "  parley compare s.yaml --set positions.A.X.position=30\n"
    "  parley compare --variant europe-off\n"
    "  parley compare s.yaml --proposal p1.yaml --proposal p2.yaml --analyses settle\n"
    "  parley compare old.yaml new.yaml --format csv --table inputs\n",
    run_compare};
