/* SPDX-License-Identifier: MIT */
/*
** main.c: parley's entry point: finds the command, parses options, prints
** help and version, and dispatches. With no command, `parley [FILE]` runs
** `analyze` (on the built-in scenario when no FILE is given).
*/
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const cli_optdef cli_global_opts[] = {
    {"format", 'f', 1, "FMT", "output format: text, json or csv (default text)"},
    {"output", 'o', 1, "FILE", "write to FILE instead of stdout (a regular file atomically: all or nothing)"},
    {"table", 0, 1, "NAME", "with --format csv: which table to write (default the first)"},
    {"quiet", 'q', 0, NULL, "no warnings on stderr"},
    {"max-input", 0, 1, "MIB", "read at most MIB MiB of each input file (default 256, or "
                               "PARLEY_MAX_INPUT)"},
    {"set", 0, 1, "PATH=VALUE", "change the scenario as read, as if its file said so, e.g. "
                                "--set actors.EUR.at_table=false (repeatable; applied in "
                                "order, after --variant)"},
    {"variant", 0, 1, "NAME", "apply one of the variants the scenario declares (its "
                              "`variants` section)"},
    {"help", 'h', 0, NULL, "show help and exit"},
    {"version", 'V', 0, NULL, "show the version and exit"},
    {NULL, 0, 0, NULL, NULL}};

static const cli_command *const commands[] = {&cli_cmd_analyze, &cli_cmd_forecast, &cli_cmd_settle, &cli_cmd_bargain, &cli_cmd_durability, &cli_cmd_power,
                                              &cli_cmd_stress, &cli_cmd_runs, &cli_cmd_report,
                                              &cli_cmd_claims, &cli_cmd_compare,
                                              &cli_cmd_validate, &cli_cmd_scenario,
                                              &cli_cmd_evaluate, &cli_cmd_import, &cli_cmd_serve, NULL};

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("parley: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return EXIT_USAGE;
}

static void print_opts(const cli_optdef *o, FILE *f)
{
    for (; o && o->name; o++) {
        char left[64];
        if (o->short_name)
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->name,
                     o->has_arg == 2 ? "[=" : o->has_arg ? " " : "",
                     o->has_arg ? o->arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s%s", o->name,
                     o->has_arg == 2 ? "[=" : o->has_arg ? " " : "", o->has_arg ? o->arg : "",
                     o->has_arg == 2 ? "]" : "");
        fprintf(f, "  %-28s %s\n", left, o->help);
    }
}

static void print_main_help(FILE *f)
{
    fprintf(f, "parley %s: analyse multi-party, multi-issue negotiations\n\n"
               "Usage: parley [OPTIONS] [COMMAND] [FILE] [COMMAND OPTIONS]\n\n"
               "With no command, parley analyses FILE, or the built-in scenario\n"
               "(the 2025 Alaska/Washington talks on the Russia-Ukraine war).\n\nCommands:\n",
            pl_version());
    for (int i = 0; commands[i]; i++)
        fprintf(f, "  %-11s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(f, "\nOptions (for every command):\n");
    print_opts(cli_global_opts, f);
    fprintf(f, "\nExit status: 0 ok, 2 usage or input error, 1 other failure.\n"
               "'parley COMMAND --help' describes a command; 'man parley' has the manual;\n"
               "docs/scenario-format.md documents the scenario file format.\n");
}

void cli_print_command_help(const cli_command *c, FILE *f)
{
    fprintf(f, "Usage: parley %s %s [OPTIONS]\n\n%s\n", c->name, c->args, c->summary);
    if (c->details)
        fprintf(f, "\n%s", c->details);
    if (c->opts && c->opts->name) {
        fprintf(f, "\nOptions:\n");
        print_opts(c->opts, f);
    }
    fprintf(f, "\nCommon options:\n");
    print_opts(cli_global_opts, f);
}

static const cli_command *find_command(const char *name)
{
    for (int i = 0; commands[i]; i++)
        if (strcmp(commands[i]->name, name) == 0)
            return commands[i];
    return NULL;
}

/* Does option w (as written in argv) take its value from the next word? */
static int opt_takes_next(const cli_optdef *o, const char *w)
{
    for (; o && o->name; o++) {
        if (o->has_arg != 1)
            continue;
        if (w[1] == '-' && strcmp(w + 2, o->name) == 0)
            return 1;
        if (w[1] != '-' && w[1] == o->short_name && w[2] == '\0')
            return 1;
    }
    return 0;
}

static int takes_separate_value(const char *w)
{
    if (opt_takes_next(cli_global_opts, w))
        return 1;
    for (int i = 0; commands[i]; i++)
        if (opt_takes_next(commands[i]->opts, w))
            return 1;
    return 0;
}

/* Index of the command word, or -1 when there is none. */
static int command_index(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return i + 1 < argc ? i + 1 : -1;
        if (argv[i][0] == '-' && argv[i][1]) {
            i += takes_separate_value(argv[i]);
            continue;
        }
        return i;
    }
    return -1;
}

/* A word that is neither a command nor plausibly a file: suggest a command. */
static int looks_like_command(const char *w)
{
    return !strchr(w, '.') && !strchr(w, '/');
}

/* --help or --version: the text is made in memory and written whole through the output
   checks, so a failed write is an error. */
static int print_info(const cli_args *a, const cli_command *cmd, int ci)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        return cli_out_of_memory();
    if (cli_has(a, "version"))
        fprintf(m, "parley %s\n", pl_version());
    else if (ci > 0)
        cli_print_command_help(cmd, m);
    else
        print_main_help(m);
    int rc = fclose(m) != 0 ? cli_out_of_memory() : cli_write_all(NULL, NULL, text, len);
    free(text);
    return rc;
}

static int run(int argc, char **argv)
{
    int ci = command_index(argc, argv);
    const cli_command *cmd = &cli_cmd_analyze;
    if (ci > 0) {
        const cli_command *found = find_command(argv[ci]);
        if (found)
            cmd = found;
        else if (looks_like_command(argv[ci]) && access(argv[ci], F_OK) != 0) {
            const char *names[sizeof commands / sizeof *commands];  /* one per command */
            size_t n = 0;
            for (int i = 0; commands[i]; i++)
                names[n++] = commands[i]->name;
            const char *hint = pl_suggest(argv[ci], names, n);
            if (hint)
                return cli_usage_error("unknown command '%s'; did you mean '%s'?", argv[ci], hint);
            return cli_usage_error("unknown command '%s' (and no file of that name has a "
                                   "'.' or '/'); see 'parley --help'", argv[ci]);
        } else
            ci = -1;  /* a file for analyze */
    }
    cli_args a;
    memset(&a, 0, sizeof a);
    a.command = cmd->name;
    if (ci > 0) {
        /* drop the command word, keep everything else in order */
        for (int i = ci; i + 1 < argc; i++)
            argv[i] = argv[i + 1];
        argc--;
    }
    int rc = cli_parse(&a, cmd->opts, argc, argv, 1);
    if (rc || (rc = cli_progress_env(&a)))
        return rc;
    if (cli_has(&a, "version") || cli_has(&a, "help"))
        return print_info(&a, cmd, ci);
    return cmd->run(&a);
}

int main(int argc, char **argv)
{
    return cli_close_stdout(run(argc, argv));
}
