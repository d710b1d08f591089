/* SPDX-License-Identifier: MIT */
/*
** cli.h: shared pieces of the parley command line. Only this layer prints
** or exits; the library returns codes and pl_error records.
*/
#ifndef PL_CLI_H
#define PL_CLI_H

#include <stdio.h>
#include <time.h>
#include "parley/parley.h"

/* Exit statuses (DESIGN.md section 3). */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* ---- options ----------------------------------------------------------- */

typedef struct cli_optdef {
    const char *name;      /* long name without "--" */
    char short_name;       /* 0 if none */
    int has_arg;           /* 0 no, 1 required, 2 optional (--name=VALUE only) */
    const char *arg;       /* metavariable for help, e.g. "FILE" */
    const char *help;      /* one line; ends with the default when there is one */
} cli_optdef;

#define CLI_MAX_OPTS 64
#define CLI_MAX_ARGS 64  /* GENIUS: a domain and up to 63 profiles */

typedef struct cli_args {
    const char *command;
    int nopts;
    const cli_optdef *opt[CLI_MAX_OPTS];  /* given options, in order */
    const char *val[CLI_MAX_OPTS];
    int npos;
    const char *pos[CLI_MAX_ARGS];
    double progress_every; /* seconds between progress lines on a file or pipe (cli_progress_env) */
} cli_args;

/* Parse argv[first..] against the global options and cmd_opts. */
int cli_parse(cli_args *a, const cli_optdef *cmd_opts, int argc, char **argv, int first);

/* Value of the last --name given (NULL if absent); *given set to 1 if present. */
const char *cli_get(const cli_args *a, const char *name, int *given);
int cli_has(const cli_args *a, const char *name);

/* ---- commands ---------------------------------------------------------- */

typedef struct cli_command {
    const char *name;
    const char *args;             /* e.g. "[FILE]" */
    const char *summary;
    const cli_optdef *opts;       /* NULL-terminated by name */
    const char *details;          /* extra help text */
    int (*run)(const cli_args *a);
} cli_command;

extern const cli_optdef cli_global_opts[];
extern const cli_command cli_cmd_analyze, cli_cmd_forecast, cli_cmd_validate, cli_cmd_scenario,
    cli_cmd_power, cli_cmd_import, cli_cmd_evaluate, cli_cmd_settle, cli_cmd_bargain, cli_cmd_durability,
    cli_cmd_stress, cli_cmd_runs, cli_cmd_report, cli_cmd_claims, cli_cmd_compare,
    cli_cmd_serve;

void cli_print_command_help(const cli_command *c, FILE *f);

/* ---- shared behaviour -------------------------------------------------- */

/* Print "file:line:col: message", then the source line and a caret when known. */
void cli_report(const pl_error *err, const char *data, size_t len);
/* Exit status for a library status code. */
int cli_exit_code(int rc);
/* The same for reading an input file: one that cannot be read is a usage error (2). */
int cli_input_exit_code(int rc);
/* Say so on stderr and return EXIT_FAIL. */
int cli_out_of_memory(void);
/* Print a usage error ("parley: ...") and return EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* ---- forecast options (analyze, forecast) ------------------------------ */

/* The central-tendency model options, as rows of a cli_optdef table. */
#define CLI_FORECAST_OPTDEFS                                                                 \
    {"weights", 0, 1, "MODE", "actor weight: cs (capability x salience), s, c or 1 "          \
                              "(default cs)"},                                                \
    {"median-tie", 0, 1, "RULE", "weighted median on an exact tie: lower, upper or mid "      \
                                 "(default lower)"},                                          \
    {"loss", 0, 1, "LOSS", "Nash bargaining utility: linear or quadratic (default linear)"},  \
    {"no-status-quo", 0, 0, NULL, "Nash bargaining against a catastrophic disagreement "     \
                                  "instead of the status quo"},                               \
    {"disagreement", 0, 1, "D", "that disagreement utility, < 0 (default -100, or -10000 "   \
                                "with quadratic loss)"}

/* The EUM's and the exchange model's knobs (forecast, stress). */
#define CLI_EUM_OPTDEFS                                                                      \
    {"rounds", 0, 1, "N", "round limit of the EUM and the exchange model (default 10)"},     \
    {"eum-preset", 0, 1, "NAME", "EUM knobs at once: default (the published model) or "      \
                                 "scholz_code (Scholz et al.'s code)"},                      \
    {"eum-prob", 0, 1, "FORM", "EUM probability of success: published, net or scholz "       \
                               "(default published)"},                                       \
    {"eum-select", 0, 1, "RULE", "EUM offer chosen within a type: smallest (move), scholz "  \
                                 "or max-eu (default smallest)"},                            \
    {"eum-compromise", 0, 1, "RULE", "EUM compromise position: fraction or weighted "        \
                                     "(default fraction)"},                                  \
    {"eum-perspective", 0, 1, "VIEW", "EUM exponent of the proposer's utility: receiver or " \
                                      "own (default receiver)"},                             \
    {"eum-salience-25b", 0, 1, "WHICH", "EUM eq. 25b resisting salience: target or printed " \
                                        "(default target)"},                                 \
    {"eum-q", 0, 1, "Q", "EUM probability that the status quo persists unchallenged "        \
                         "(default 1)"},                                                     \
    {"eum-capitulation", 0, 0, NULL, "EUM: allow capitulations even under scholz_code"},     \
    {"eum-cycle", 0, 1, "MODE", "EUM on a repeated state: stop (there), run (on to the "     \
                                "round limit, as Scholz et al.'s code) or mean (stop; the "  \
                                "mean of the cycle's medians) (default stop)"},              \
    {"exchange-rule", 0, 1, "RULE", "exchange rate: equal-gain or random-rate "              \
                                    "(default equal-gain)"}

/* --from FORMAT: read the FILE through that importer (see parley/import.h) rather than as
   its contents show. */
#define CLI_FROM_OPTDEF                                                                      \
    {"from", 0, 1, "FORMAT", "read FILE through an importer: deu (DEU I-III table), decide "  \
                             "(Decide CSV), ktab (KTAB CSV or XML) or genius (GENIUS XML: "   \
                             "DOMAIN.xml PROFILE1.xml PROFILE2.xml ...) (default: as FILE's " \
                             "contents show)"}

/* The settlement options every command that settles shares (add --loss, --threads, --logrolls
   as the command needs). */
#define CLI_SETTLE_OPTDEFS                                                                   \
    {"parties", 0, 1, "IDS", "comma-separated actor ids (default: the actors at the table)"}, \
    {"step", 0, 1, "S", "grid step for issues without named options (default: the issue's "   \
                        "step, else its scale's worded points)"},                             \
    {"normalise", 0, 0, NULL, "divide each party's saliences by their sum (default: as "      \
                              "given)"},                                                      \
    {"time", 0, 1, "T", "agreement time in [0, 1]: utilities times discount^T (default 0)"},  \
    {"equal-power", 0, 0, NULL, "asymmetric Nash with equal weights (default: capability)"},  \
    {"tau", 0, 1, "P", "a body ratifies when it passes with probability >= P (default "       \
                       "0.5)"},                                                               \
    {"indifferent-yes", 0, 0, NULL, "an indifferent voter without noise votes yes (default "  \
                                    "no)"},                                                   \
    {"max-enumerate", 0, 1, "N", "count win-sets package by package up to N packages "        \
                                 "(default 10000000)"},                                       \
    {"max-memory", 0, 1, "MIB", "memory for the frontier's candidate packages in MiB "        \
                                "(default 1024); with 3+ parties also the projection of "     \
                                "later issues' steps"}

/* Read the settlement options (those the command defines) into o. */
int cli_read_settle_opts(const cli_args *a, pl_settle_opts *o);

/* "a,b" (the value of --opt) as a bit mask over names (bit i: names[i]); a usage error for an
   unknown name or an empty list. */
int cli_name_list(const char *opt, const char *v, const char *const *names, int n,
                  unsigned *mask);

/* Read those options (and, when present, the EUM ones of `parley forecast`) into fo. */
int cli_read_forecast_opts(const cli_args *a, pl_forecast_opts *fo);

/* Load the command's scenario and forecast it; reports errors itself. */
int cli_forecast_scenario(const cli_args *a, const pl_forecast_opts *fo, pl_scenario **s,
                          pl_forecast **f);

/* A number in [lo, hi] from the whole text of --name into *out (unchanged when absent),
   else a usage error saying `expect`. */
int cli_number_opt(const cli_args *a, const char *name, double lo, double hi,
                   const char *expect, double *out);
/* "a,b,c" (the value v of --opt) into up to max numbers in [lo, hi]; returns how many, or
   -1 after a usage error. */
int cli_number_list(const char *opt, const char *v, double lo, double hi, double *out, int max);
/* 1 if the whole text v is a whole number in [lo, hi] (into *out), else 0. */
int cli_whole(const char *v, unsigned long long lo, unsigned long long hi,
              unsigned long long *out);
/* A whole number in [min, max] from --name into *out (unchanged when absent), else a usage
   error naming that range (the same words for 0 and -1 when min is 1). */
int cli_whole_opt(const cli_args *a, const char *name, unsigned long long min,
                  unsigned long long max, unsigned long long *out);

/* Index of `given` among names (for --opt), else a usage error listing them. */
int cli_pick(const char *given, const char *const *names, int n, const char *opt, int *out);

/*
** Inputs (input.c). Every FILE is read once by the library, at most --max-input MiB
** (else PARLEY_MAX_INPUT, else the library's default); "-" is standard input.
*/
/* The limit in bytes (0: the library's default) into *bytes, else a usage error. */
int cli_max_input(const cli_args *a, size_t *bytes);
/* Read path into *out; reports a failure itself (naming --max-input above the limit). */
int cli_read_input(const cli_args *a, const char *path, pl_input **out);
/* A proposal's bytes and the name its messages give them (name may point into file). */
typedef struct cli_text {
    const char *data, *name;
    size_t len;
    char file[96];
} cli_text;
/* --proposal FILE's bytes: a proposal built in for s when no file of that name exists (named
   proposals/NAME.yaml, as it was written; *in NULL), else the file read into *in. Reports a
   failure itself, with s's built-in proposal names. */
int cli_proposal_text(const cli_args *a, const pl_scenario *s, const char *path, pl_input **in,
                      cli_text *t);
/* --proposal FILE (settle, durability) read that way and parsed against s; reports itself. */
int cli_load_proposal(const cli_args *a, const pl_scenario *s, const char *path,
                      pl_proposal **out);
/* --claims FILE read that way and parsed against s; without a path, the built-in
   scenario's own claims when s is a built-in that has them (no FILE given), else *out
   is NULL. Reports itself. */
int cli_load_claims(const cli_args *a, const pl_scenario *s, const char *path,
                    pl_claims **out);
/* The same read once and parsed against each of n scenarios (compare's two sides), the
   built-in claims following s[0]; out[n]. */
int cli_load_claims_n(const cli_args *a, const pl_scenario *const *s, size_t n,
                      const char *path, pl_claims **out);

enum {
    CLI_LOAD_SOURCES = 1u << 0,  /* require a source or note on every number */
    CLI_LOAD_IMPORT = 1u << 1,   /* `parley import`: another tool's file, said on stderr
                                    when recognised rather than named with --from */
    CLI_LOAD_ALL_ERRORS = 1u << 2 /* report every error found (validate), sorted */
};
/*
** Load the scenario named by the command's positional arguments (one FILE, or a
** GENIUS domain and its profiles) as --from names it or as its bytes show, or a
** built-in (--builtin[=NAME], or no argument at all). *yaml (when not NULL) gets
** the parley text it was loaded from. Reports errors itself; returns the exit status.
*/
int cli_load(const cli_args *a, unsigned flags, pl_scenario **out, char **yaml);
/* A usage error when --set or --variant is given to a command that reads no scenario
   (what: why, e.g. "runs reads a run store"), else EXIT_OK. */
int cli_no_changes(const cli_args *a, const char *what);
/* cli_load without the text. */
int cli_load_scenario(const cli_args *a, pl_scenario **out, int require_sources);

/*
** Output (output.c): standard output, or a file an option (-o, --frontier-out, --svg-dir)
** names. A regular file or a new path is written to a temporary file beside it, renamed
** into place only when complete; a symlink is followed and its target written so; a
** device, FIFO or socket is written in place; a directory is refused (exit 2). Every
** write is checked: cli_output_close reports the first failure with its cause.
*/
typedef struct cli_output {
    FILE *f;
    char *label;     /* "-o FILE", for messages; NULL: standard output */
    char *path;      /* the file the temporary one is renamed to; NULL if none */
    char *tmp;       /* the temporary file, until renamed into place */
    int werr;        /* errno of the first failed write; 0 if none */
    pl_emitter *e;
} cli_output;

/* The emitter for --format/--table into -o or stdout. csv_default: the table --format csv
   writes when --table is not given (NULL: the first). */
int cli_output_open(cli_output *o, const cli_args *a, const char *csv_default);
/* Finish: ok 0 abandons the content (the caller has reported why; a temporary file is
   removed). Returns the exit status: EXIT_FAIL when !ok or a write failed. */
int cli_output_close(cli_output *o, int ok);
/* The same for the path option opt gave (NULL or "-": stdout), format and CSV table. */
int cli_output_open_path(cli_output *o, const char *opt, const char *path, pl_format fmt,
                         const char *csv_table);
/* cli_output_open, then the document's root object with the parley version and,
   when s is not NULL, the scenario's name. */
int cli_document_begin(cli_output *o, const cli_args *a, const char *csv_default,
                       const pl_scenario *s);
/* Close the root object, then cli_output_close. */
int cli_document_end(cli_output *o);
/*
** The same after describers (pl_*_emit): drc is the first failure among their results
** (cli_described). PL_ENOMEM means something was left out of the document, so it is
** abandoned: exit 1 and "parley: out of memory". Other codes come from the emitter, whose
** own failure cli_output_close reports.
*/
int cli_document_done(cli_output *o, int drc);
/* After a library function that computes, then emits a whole document (pl_*_document):
   drc its result. A failure it explains in err (err->code set) emitted nothing: report it,
   abandon the output, exit as the code says; otherwise as cli_output_done. */
int cli_document_result(cli_output *o, int drc, const pl_error *err);
/* cli_output_close(o, 1) after describers, as cli_document_done. */
int cli_output_done(cli_output *o, int drc);
/* The first failure of a sequence of describers: drc = cli_described(drc, pl_x_emit(...)). */
static inline int cli_described(int drc, int rc) { return drc ? drc : rc; }
/* `parley bargain FILE`: backward induction over a scenario's packages (bargain_scenario.c). */
int cli_bargain_scenario(const cli_args *a, cli_output *out);
/* Raw bytes (YAML, HTML, SVG) into -o or stdout, written with cli_output_write. */
int cli_output_open_raw(cli_output *o, const cli_args *a);
/* The same for the path option opt gave. */
int cli_output_open_raw_path(cli_output *o, const char *opt, const char *path);
/* Write len bytes: 0, or -1 after a failure (kept for cli_output_close to report). */
int cli_output_write(cli_output *o, const void *data, size_t len);
/* cli_output_write as a pl_write_fn; payload: the cli_output. */
int cli_output_write_fn(const char *data, size_t len, void *payload);
/* Open, write len bytes and close: the whole output at once. */
int cli_write_all(const char *opt, const char *path, const void *data, size_t len);
/* ---- progress (cli/progress.c) ---------------------------------------------- */

/* --progress: the option row of every command that reports progress. */
#define CLI_PROGRESS_OPTDEF                                                                  \
    {"progress", 0, 0, NULL, "show progress on stderr even when it is not a terminal "        \
                             "(default: on a terminal, unless --quiet); a line a second, or every "  \
                             "$PARLEY_PROGRESS_EVERY seconds"}

typedef struct cli_progress {
    const char *label, *unit;   /* "settle", "phases" */
    int on, tty;
    double every;               /* seconds between lines on a file or pipe */
    int shown;                  /* a line shown, done its count */
    uint64_t done;
    struct timespec t0, last;
} cli_progress;

/* a->progress_every from PARLEY_PROGRESS_EVERY (default 1 s); a usage error when it is not a
   number of seconds from 0 to 3600. */
int cli_progress_env(cli_args *a);
/* On with --progress, or on a terminal without --quiet. */
void cli_progress_init(cli_progress *p, const cli_args *a, const char *label, const char *unit);
void cli_progress_show(cli_progress *p, uint64_t done, uint64_t total);
/* The library callback that shows p (no callback when p is off). */
pl_progress cli_progress_callback(cli_progress *p);

/* At exit: flush and close stdout. A failure not reported yet (status still EXIT_OK) is
   reported, except EPIPE, and makes the status EXIT_FAIL. */
int cli_close_stdout(int status);

#endif
