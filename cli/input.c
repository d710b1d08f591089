/* SPDX-License-Identifier: MIT */
/*
** input.c: the command's input files, each read once by the library
** (pl_input_read) with the --max-input limit, "-" for standard input, and
** loaded as whatever format their bytes show (pl_input_load). Messages
** about an input show its line from the bytes already read: a pipe cannot
** be read twice.
*/
#include "cli.h"

#include <errno.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INPUT_MIB_HIGHEST (PL_INPUT_MAX_CEILING >> 20)

/* "256" (MiB) from --max-input, else PARLEY_MAX_INPUT, into *bytes (0: the library's default). */
int cli_max_input(const cli_args *a, size_t *bytes)
{
    const char *v = cli_get(a, "max-input", NULL), *what = "--max-input ";
    if (!v && (v = getenv("PARLEY_MAX_INPUT")) && *v)
        what = "PARLEY_MAX_INPUT=";
    *bytes = 0;
    if (!v || !*v)
        return EXIT_OK;
    char *end;
    errno = 0;
    unsigned long long mib = strtoull(v, &end, 10);
    if (*v < '0' || *v > '9' || *end || errno || mib < 1 || mib > MAX_INPUT_MIB_HIGHEST)
        return cli_usage_error("%s%s: expected the largest input in MiB, a whole number from 1 "
                               "to %zu (default %zu)", what, v, MAX_INPUT_MIB_HIGHEST,
                               PL_INPUT_MAX_DEFAULT >> 20);
    *bytes = (size_t)mib << 20;
    return EXIT_OK;
}

int cli_read_input(const cli_args *a, const char *path, pl_input **out)
{
    size_t max;
    int rc = cli_max_input(a, &max);
    if (rc)
        return rc;
    pl_error err;
    pl_error_clear(&err);
    if ((rc = pl_input_read(out, path, max, &err)) == PL_OK)
        return EXIT_OK;
    char buf[PL_ERROR_FILE_MAX + PL_ERROR_MSG_MAX + 32];
    pl_error_format(&err, buf, sizeof buf);
    /* the library names the limit; how to raise it is the command line's business */
    fprintf(stderr, "%s%s\n", buf, rc == PL_EINPUT ? " (--max-input MIB, or PARLEY_MAX_INPUT="
                                                     "MIB in the environment)" : "");
    return cli_input_exit_code(rc);
}

/* Standard input can be read once: "-" may stand for one input only. */
static int stdin_once(const cli_args *a)
{
    static const char *const file_opts[] = {"claims", "proposal"};
    int n = 0;
    for (int i = 0; i < a->npos; i++)
        n += strcmp(a->pos[i], "-") == 0;
    for (size_t k = 0; k < sizeof file_opts / sizeof *file_opts; k++) {
        const char *v = cli_get(a, file_opts[k], NULL);
        n += v && strcmp(v, "-") == 0;
    }
    if (n > 1)
        return cli_usage_error("'-' (standard input) is given %d times; expected it for one "
                               "input only, since standard input can be read once", n);
    return EXIT_OK;
}

/* The built-in proposal of s named `path`, when no file of that name exists (NULL: none). */
static const char *builtin_proposal(const pl_scenario *s, const char *path, size_t *len)
{
    if (strcmp(path, "-") == 0 || access(path, F_OK) == 0)
        return NULL;
    return pl_builtin_proposal(pl_scenario_name(s), path, len);
}

/* After "cannot read FILE": the names that would have been built-in proposals. */
static void builtin_hint(const pl_scenario *s, const char *path)
{
    const char *name = pl_builtin_proposal_name(pl_scenario_name(s), 0);
    if (!name || strcmp(path, "-") == 0 || access(path, F_OK) == 0)
        return;
    fprintf(stderr, "parley: '%s' is neither a file nor a proposal built in for scenario '%s'; "
            "its built-in proposals are: %s", path, pl_scenario_name(s), name);
    for (size_t i = 1; (name = pl_builtin_proposal_name(pl_scenario_name(s), i)); i++)
        fprintf(stderr, ", %s", name);
    fprintf(stderr, "\n");
}

int cli_proposal_text(const cli_args *a, const pl_scenario *s, const char *path, pl_input **in,
                      cli_text *t)
{
    memset(t, 0, sizeof *t);
    *in = NULL;
    if ((t->data = builtin_proposal(s, path, &t->len))) { /* named as the file it was built from */
        snprintf(t->file, sizeof t->file, "proposals/%s.yaml", path);
        t->name = t->file;
        return EXIT_OK;
    }
    int rc = cli_read_input(a, path, in);
    if (rc != EXIT_OK) {
        builtin_hint(s, path);
        return rc;
    }
    t->data = pl_input_data(*in, &t->len);
    t->name = pl_input_name(*in);
    return EXIT_OK;
}

int cli_load_proposal(const cli_args *a, const pl_scenario *s, const char *path,
                      pl_proposal **out)
{
    pl_input *in;
    cli_text t;
    int rc = cli_proposal_text(a, s, path, &in, &t);
    if (rc != EXIT_OK)
        return rc;
    pl_error err;
    pl_error_clear(&err);
    if ((rc = pl_proposal_load_buffer(out, s, t.data, t.len, t.name, &err)) != PL_OK)
        cli_report(&err, t.data, t.len);
    pl_input_free(in);
    return cli_input_exit_code(rc);
}

int cli_load_claims(const cli_args *a, const pl_scenario *s, const char *path, pl_claims **out)
{
    return cli_load_claims_n(a, &s, 1, path, out);
}

int cli_load_claims_n(const cli_args *a, const pl_scenario *const *s, size_t n,
                      const char *path, pl_claims **out)
{
    size_t len = 0;
    const char *text = path || a->npos > 0 ? NULL : pl_builtin_claims(pl_scenario_name(s[0]), &len);
    for (size_t i = 0; i < n; i++)
        out[i] = NULL;
    if (!path && !text)
        return EXIT_OK;
    pl_input *in = NULL;
    const char *name = "ukraine-2025.claims.yaml";
    int rc = path ? cli_read_input(a, path, &in) : EXIT_OK;
    if (rc)
        return rc;
    if (in) {
        text = pl_input_data(in, &len);
        name = pl_input_name(in);
    }
    pl_error err;
    pl_error_clear(&err);
    for (size_t i = 0; i < n && !rc; i++)  /* the file read once, parsed against each */
        if ((rc = pl_claims_load_buffer(&out[i], s[i], text, len, name, &err)) != PL_OK)
            cli_report(&err, text, len);  /* the line under the message from the bytes read */
    pl_input_free(in);
    return cli_input_exit_code(rc);
}

/* Report err with its source line when it is about one of the inputs. */
static void report_in(const pl_error *err, pl_input *const *in, int n)
{
    for (int i = 0; i < n; i++)
        if (in[i] && err->line > 0 && strcmp(err->file, pl_input_name(in[i])) == 0) {
            size_t len;
            const char *data = pl_input_data(in[i], &len);
            cli_report(err, data, len);
            return;
        }
    cli_report(err, NULL, 0);
}

static void warn_cb(const pl_error *w, void *payload)
{
    (void)payload;
    char buf[PL_ERROR_FILE_MAX + PL_ERROR_MSG_MAX + 32];
    pl_error_format(w, buf, sizeof buf);
    fprintf(stderr, "%s (warning)\n", buf);
}

/* What `parley import` accepts: another tool's format, recognised or named. */
static int importable(const cli_args *a, const pl_input *in, pl_input_format f, int n)
{
    const char *name = pl_input_name(in);
    if (f == PL_INPUT_YAML || f == PL_INPUT_JSON)
        return cli_usage_error("%s is already %s; expected another tool's file to import (a "
                               "DEU table, Decide CSV, KTAB CSV or XML, or GENIUS XML)", name,
                               pl_input_format_title(f));
    if (f == PL_INPUT_UNKNOWN) {
        fprintf(stderr, "%s: the format is not one parley recognises; expected a DEU table, "
                        "Decide CSV, KTAB CSV or XML, or GENIUS XML (or name it with --from "
                        "FORMAT)\n", name);
        return EXIT_USAGE;
    }
    if (cli_get(a, "from", NULL) || cli_has(a, "quiet"))
        return EXIT_OK;
    if (n > 1)
        fprintf(stderr, "parley: importing %s and %d more files as GENIUS XML (recognised "
                        "from their contents)\n", name, n - 1);
    else
        fprintf(stderr, "parley: importing %s as %s (recognised from its contents)\n", name,
                pl_input_format_title(f));
    return EXIT_OK;
}

/* Read the n files named on the command line into in[] (every one, or none on failure). */
static int read_all(const cli_args *a, int first, int n, pl_input **in)
{
    int rc = EXIT_OK;
    for (int i = first; i < n && !rc; i++)
        rc = cli_read_input(a, a->pos[i], &in[i]);
    return rc;
}

/*
** The command's FILE (or GENIUS files): which files, and as what. Several
** files without --from are GENIUS files when the first one is (the importer
** then says if the domain is not first).
*/
static int read_files(const cli_args *a, pl_input **in, int *n, pl_input_format *as)
{
    const char *from = cli_get(a, "from", NULL);
    int genius = from && strcmp(from, "genius") == 0;
    if (genius && (cli_has(a, "builtin") || a->npos < 3))
        return cli_usage_error("--from genius reads a domain and at least 2 profiles, got %d "
                               "file%s%s; expected --from genius DOMAIN.xml PROFILE1.xml "
                               "PROFILE2.xml [...]", a->npos, a->npos == 1 ? "" : "s",
                               cli_has(a, "builtin") ? " and --builtin" : "");
    int rc = EXIT_OK;
    if (!genius && a->npos > 1) {
        /* several files are a GENIUS domain and its profiles, or a mistake; a first file
           that cannot be read is reported as the mistake */
        size_t max;
        if (from || cli_max_input(a, &max) || pl_input_read(&in[0], a->pos[0], max, NULL) ||
            (pl_input_format_of(in[0]) != PL_INPUT_GENIUS_DOMAIN &&
             pl_input_format_of(in[0]) != PL_INPUT_GENIUS_PROFILE))
            return cli_usage_error("'%s' takes one scenario file, got %d arguments; see "
                                   "'parley %s --help'", a->command, a->npos, a->command);
        genius = 1;
    }
    if (cli_has(a, "builtin") && a->npos)
        return cli_usage_error("give either a FILE or --builtin, not both");
    if (from && !genius && (cli_has(a, "builtin") || a->npos == 0))
        return cli_usage_error("--from %s reads a FILE in that format; expected --from FORMAT "
                               "FILE, without --builtin", from);
    if (from && (pl_input_format_parse(as, from) != PL_OK || *as == PL_INPUT_YAML ||
                 *as == PL_INPUT_JSON))
        return cli_usage_error("--from %s: not a format parley imports; expected deu, decide, "
                               "ktab or genius", from);
    *n = a->npos;
    if ((rc = stdin_once(a)) == EXIT_OK)
        rc = read_all(a, in[0] ? 1 : 0, *n, in);
    if (!rc && genius)
        *as = PL_INPUT_GENIUS_DOMAIN;
    return rc;
}

/* Every error of a failed load, in the order of the file, each with its line. */
static void report_all(const pl_error_list *list, pl_input *const *in, int n)
{
    for (size_t i = 0; i < pl_error_list_count(list); i++)
        report_in(pl_error_list_get(list, i), in, n);
    if (pl_error_list_full(list))
        fprintf(stderr, "parley: stopped after %zu errors; there may be more\n",
                pl_error_list_count(list));
}

static int load_files(const cli_args *a, unsigned flags, pl_load_opts *lo, pl_scenario **out,
                      char **yaml)
{
    pl_error err;
    pl_error_clear(&err);
    int rc;
    if (a->npos == 0 && !cli_get(a, "from", NULL)) {
        const char *builtin = cli_get(a, "builtin", NULL);
        if ((rc = pl_scenario_load_builtin(out, builtin, lo, &err)) != PL_OK) {
            size_t len;
            const char *text = pl_builtin_text(builtin, &len);
            cli_report(&err, text, len);
        }
        return cli_input_exit_code(rc);
    }
    pl_input *in[CLI_MAX_ARGS] = {NULL};
    pl_input_format as = PL_INPUT_UNKNOWN;
    int n = 0;
    rc = read_files(a, in, &n, &as);
    if (!rc && (flags & CLI_LOAD_IMPORT))
        rc = importable(a, in[0], as ? as : pl_input_format_of(in[0]), n);
    if (!rc && (rc = pl_input_load(out, yaml, (size_t)n, (const pl_input *const *)in, as, lo,
                                   &err)) != PL_OK) {
        if (lo->errors && rc == PL_EINPUT)
            report_all(lo->errors, in, n);
        else
            report_in(&err, in, n);
        rc = cli_input_exit_code(rc);
    }
    for (int i = 0; i < CLI_MAX_ARGS; i++)
        pl_input_free(in[i]);
    return rc;
}

int cli_no_changes(const cli_args *a, const char *what)
{
    if (cli_has(a, "set") || cli_has(a, "variant"))
        return cli_usage_error("--%s: %s; expected --set and --variant only with a command "
                               "that reads a scenario", cli_has(a, "set") ? "set" : "variant",
                               what);
    return EXIT_OK;
}

/* The --set values in the order given; a usage error for a second --variant (variants are
   alternatives: they do not combine). */
static int changes_of(const cli_args *a, const char **changes, size_t *n)
{
    int variants = 0;
    *n = 0;
    for (int i = 0; i < a->nopts; i++)
        if (strcmp(a->opt[i]->name, "set") == 0)
            changes[(*n)++] = a->val[i];
        else
            variants += strcmp(a->opt[i]->name, "variant") == 0;
    if (variants > 1)
        return cli_usage_error("--variant is given %d times; expected one variant (add "
                               "changes to it with --set)", variants);
    return EXIT_OK;
}

int cli_load(const cli_args *a, unsigned flags, pl_scenario **out, char **yaml)
{
    pl_load_opts lo = PL_LOAD_OPTS_INIT;
    const char *changes[CLI_MAX_OPTS];
    lo.flags = (flags & CLI_LOAD_SOURCES) ? PL_LOAD_REQUIRE_SOURCES : 0;
    lo.warn = cli_has(a, "quiet") ? NULL : warn_cb;
    lo.variant = cli_get(a, "variant", NULL);
    lo.changes = changes;
    *out = NULL;
    int rc = (flags & CLI_LOAD_IMPORT) ? cli_no_changes(a, "import writes the file as "
                                                        "converted (apply changes where it "
                                                        "is used)") : EXIT_OK;
    if (!rc)
        rc = changes_of(a, changes, &lo.n_changes);
    if (!rc)
        rc = cli_max_input(a, &lo.max_input);
    if (rc)
        return rc;
    if ((flags & CLI_LOAD_ALL_ERRORS) && pl_error_list_new(&lo.errors, 0) != PL_OK)
        return cli_out_of_memory();
    rc = load_files(a, flags, &lo, out, yaml);
    pl_error_list_free(lo.errors);
    return rc;
}

int cli_load_scenario(const cli_args *a, pl_scenario **out, int require_sources)
{
    return cli_load(a, require_sources ? CLI_LOAD_SOURCES : 0, out, NULL);
}
