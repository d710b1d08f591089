/* SPDX-License-Identifier: MIT */
/*
** opt.c: command-line parsing. Options may come before or after the command
** and its arguments ("parley --format json analyze x.yaml" and "parley
** analyze x.yaml --format json" are the same); "--" ends options. Written
** here rather than with getopt_long so that every mistake gets a message
** that names the command and suggests the option meant.
*/
#include "cli.h"

#include <string.h>

const char *cli_get(const cli_args *a, const char *name, int *given)
{
    const char *v = NULL;
    int g = 0;
    for (int i = 0; i < a->nopts; i++)
        if (strcmp(a->opt[i]->name, name) == 0) {
            v = a->val[i];
            g = 1;
        }
    if (given)
        *given = g;
    return v;
}

int cli_has(const cli_args *a, const char *name)
{
    int g;
    cli_get(a, name, &g);
    return g;
}

static const cli_optdef *find_long(const cli_optdef *const *tables, const char *name, size_t len)
{
    for (int t = 0; tables[t]; t++)
        for (const cli_optdef *o = tables[t]; o->name; o++)
            if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
                return o;
    return NULL;
}

static const cli_optdef *find_short(const cli_optdef *const *tables, char c)
{
    for (int t = 0; tables[t]; t++)
        for (const cli_optdef *o = tables[t]; o->name; o++)
            if (o->short_name == c)
                return o;
    return NULL;
}

static int unknown_option(const cli_optdef *const *tables, const char *arg, const char *cmd)
{
    const char *names[2 * CLI_MAX_OPTS];
    size_t n = 0;
    for (int t = 0; tables[t]; t++)
        for (const cli_optdef *o = tables[t]; o->name && n < 2 * CLI_MAX_OPTS; o++)
            names[n++] = o->name;
    char word[64];
    const char *w = arg + strspn(arg, "-");
    size_t len = strcspn(w, "=");
    snprintf(word, sizeof word, "%.*s", (int)(len < 63 ? len : 63), w);
    const char *hint = pl_suggest(word, names, n);
    if (hint)
        return cli_usage_error("unknown option '%s' for '%s'; did you mean '--%s'?", arg, cmd,
                               hint);
    return cli_usage_error("unknown option '%s' for '%s'; see 'parley %s --help'", arg, cmd,
                           cmd);
}

static int add_opt(cli_args *a, const cli_optdef *o, const char *val)
{
    if (a->nopts == CLI_MAX_OPTS)
        return cli_usage_error("too many options");
    a->opt[a->nopts] = o;
    a->val[a->nopts++] = val;
    return 0;
}

/* One "--name[=value]" or "-x[value]" word; *i advances past a separate value. */
static int parse_option(cli_args *a, const cli_optdef *const *tables, int argc, char **argv,
                        int *i)
{
    const char *arg = argv[*i];
    const cli_optdef *o;
    const char *val = NULL;
    if (arg[1] == '-') {
        const char *name = arg + 2, *eq = strchr(name, '=');
        o = find_long(tables, name, eq ? (size_t)(eq - name) : strlen(name));
        if (!o)
            return unknown_option(tables, arg, a->command);
        if (eq) {
            if (!o->has_arg)
                return cli_usage_error("option '--%s' takes no value; expected '--%s' alone",
                                       o->name, o->name);
            val = eq + 1;
        }
    } else {
        o = find_short(tables, arg[1]);
        if (!o)
            return unknown_option(tables, arg, a->command);
        if (arg[2]) {
            if (!o->has_arg)
                return cli_usage_error("option '-%c' takes no value (in '%s')", arg[1], arg);
            val = arg + 2;
        }
    }
    if (o->has_arg == 1 && !val) {
        if (*i + 1 >= argc)
            return cli_usage_error("option '--%s' needs a value: --%s %s", o->name, o->name,
                                   o->arg);
        val = argv[++*i];
    }
    return add_opt(a, o, val);
}

int cli_parse(cli_args *a, const cli_optdef *cmd_opts, int argc, char **argv, int first)
{
    const cli_optdef *tables[3] = {cli_global_opts, cmd_opts, NULL};
    int options_done = 0;
    for (int i = first; i < argc; i++) {
        const char *arg = argv[i];
        if (!options_done && strcmp(arg, "--") == 0) {
            options_done = 1;
            continue;
        }
        if (!options_done && arg[0] == '-' && arg[1] != '\0') {
            int rc = parse_option(a, tables, argc, argv, &i);
            if (rc)
                return rc;
            continue;
        }
        if (a->npos == CLI_MAX_ARGS)
            return cli_usage_error("too many arguments");
        a->pos[a->npos++] = arg;
    }
    return 0;
}
