/* SPDX-License-Identifier: MIT */
/*
** common.c: error reporting, scenario loading and option values shared by
** every command (output.c has the output).
*/
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cli_input_exit_code(int rc)
{
    return rc == PL_EIO ? EXIT_USAGE : cli_exit_code(rc);
}

int cli_out_of_memory(void)
{
    fprintf(stderr, "parley: out of memory\n");
    return EXIT_FAIL;
}

int cli_exit_code(int rc)
{
    if (rc == PL_OK)
        return EXIT_OK;
    if (rc == PL_EINPUT || rc == PL_ENOTFOUND || rc == PL_EMISUSE)
        return EXIT_USAGE;
    return EXIT_FAIL;
}

/* Print line `line` of data and a caret under column `col` (in characters). */
static void show_source_line(const char *data, size_t len, int line, int col)
{
    const char *p = data, *end = data + len;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return;
        p = nl + 1;
    }
    if (p >= end)
        return;
    const char *e = memchr(p, '\n', (size_t)(end - p));
    size_t n = e ? (size_t)(e - p) : (size_t)(end - p);
    if (n > 200)
        return;  /* a minified line is no help */
    fprintf(stderr, "  %.*s\n  ", (int)n, p);
    /* tabs are echoed so the caret lines up */
    int c = 1;
    for (size_t i = 0; i < n && c < col; i++) {
        if (((unsigned char)p[i] & 0xC0) == 0x80)
            continue;
        fputc(p[i] == '\t' ? '\t' : ' ', stderr);
        c++;
    }
    fputs("^\n", stderr);
}

static void warn_cb(const pl_error *w, void *payload)
{
    (void)payload;
    char buf[PL_ERROR_FILE_MAX + PL_ERROR_MSG_MAX + 32];
    pl_error_format(w, buf, sizeof buf);
    fprintf(stderr, "%s (warning)\n", buf);
}

/* Read a whole file for the caret display; NULL on any failure. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (cap - n < 65536) {
            char *nb = realloc(buf, cap = cap ? 2 * cap : 65536);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return buf;
}

void cli_report(const pl_error *err, const char *data, size_t len)
{
    char buf[PL_ERROR_FILE_MAX + PL_ERROR_MSG_MAX + 32];
    pl_error_format(err, buf, sizeof buf);
    fprintf(stderr, "%s%s\n", err->file[0] ? "" : "parley: ", buf);
    if (err->line <= 0)
        return;
    /* Without the text at hand (a proposal, claims or imported file the library read),
       read the named file again; only a regular file, which reads the same twice. */
    struct stat sb;
    char *own = NULL;
    if (!data && err->file[0] && stat(err->file, &sb) == 0 && S_ISREG(sb.st_mode))
        data = own = slurp(err->file, &len);
    if (data)
        show_source_line(data, len, err->line, err->col);
    free(own);
}

/* Does the file name say YAML or JSON? */
static int looks_yaml_name(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot && (strcmp(dot, ".yaml") == 0 || strcmp(dot, ".yml") == 0 ||
                   strcmp(dot, ".json") == 0);
}

/* --from genius DOMAIN PROFILE PROFILE...: several files make one scenario. */
static int load_genius(const cli_args *a, pl_scenario **out, const pl_load_opts *lo)
{
    if (cli_has(a, "builtin") || a->npos < 3)
        return cli_usage_error("--from genius reads a domain and at least 2 profiles, got %d "
                               "file%s%s; expected --from genius DOMAIN.xml PROFILE1.xml "
                               "PROFILE2.xml [...]", a->npos, a->npos == 1 ? "" : "s",
                               cli_has(a, "builtin") ? " and --builtin" : "");
    pl_error err;
    pl_error_clear(&err);
    int rc = pl_import_genius_files(out, NULL, (size_t)a->npos, a->pos, lo, &err);
    if (rc)
        cli_report(&err, NULL, 0);
    return cli_input_exit_code(rc);
}

int cli_load_scenario(const cli_args *a, pl_scenario **out, int require_sources)
{
    pl_load_opts lo = PL_LOAD_OPTS_INIT;
    lo.flags = require_sources ? PL_LOAD_REQUIRE_SOURCES : 0;
    lo.warn = cli_has(a, "quiet") ? NULL : warn_cb;
    pl_error err;
    pl_error_clear(&err);
    int given;
    const char *builtin = cli_get(a, "builtin", &given);
    const char *from = cli_get(a, "from", NULL);
    if (from && strcmp(from, "genius") == 0)
        return load_genius(a, out, &lo);
    if (a->npos > 1)
        return cli_usage_error("'%s' takes one scenario file, got %d arguments; see 'parley "
                               "%s --help'", a->command, a->npos, a->command);
    if (given && a->npos)
        return cli_usage_error("give either a FILE or --builtin, not both");
    int rc;
    pl_import_format fmt;
    if (from && (given || a->npos == 0))
        return cli_usage_error("--from %s reads a FILE in that format; expected --from FORMAT "
                               "FILE, without --builtin", from);
    if (from && pl_import_format_parse(&fmt, from) != PL_OK)
        return cli_usage_error("--from %s: not a format parley imports; expected deu, decide, "
                               "ktab or genius", from);
    /* a table that is not YAML or JSON: recognise the importer by its first lines */
    char *head = NULL;
    size_t hlen = 0;
    if (!from && a->npos == 1 && !looks_yaml_name(a->pos[0]) && (head = slurp(a->pos[0], &hlen))) {
        if (pl_import_sniff(head, hlen, &fmt))
            from = pl_import_format_name(fmt);
        free(head);
    }
    if (from) {
        rc = pl_import_file(out, NULL, a->pos[0], fmt, &lo, &err);
        if (rc)
            cli_report(&err, NULL, 0);
    } else if (a->npos == 0) {
        rc = pl_scenario_load_builtin(out, builtin, &lo, &err);
        if (rc) {
            size_t len;
            const char *text = pl_builtin_text(builtin, &len);
            cli_report(&err, text, len);
        }
    } else {
        rc = pl_scenario_load_file(out, a->pos[0], &lo, &err);
        if (rc) {
            size_t len = 0;
            char *text = err.line > 0 ? slurp(a->pos[0], &len) : NULL;
            cli_report(&err, text, len);
            free(text);
        }
    }
    /* A file that cannot be read is the user's input problem: exit 2. */
    return cli_input_exit_code(rc);
}

int cli_pick(const char *given, const char *const *names, int n, const char *opt, int *out)
{
    for (int i = 0; i < n; i++)
        if (strcmp(given, names[i]) == 0) {
            *out = i;
            return EXIT_OK;
        }
    char list[160] = "";
    for (int i = 0; i < n; i++) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", names[i]);
    }
    return cli_usage_error("--%s %s is not known; expected one of: %s", opt, given, list);
}

int cli_number_opt(const cli_args *a, const char *name, double lo, double hi,
                   const char *expect, double *out)
{
    const char *v = cli_get(a, name, NULL);
    if (!v)
        return EXIT_OK;
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end || !(d >= lo && d <= hi))
        return cli_usage_error("--%s %s: expected %s", name, v, expect);
    *out = d;
    return EXIT_OK;
}

int cli_number_list(const char *opt, const char *v, double lo, double hi, double *out, int max)
{
    int n = 0;
    for (const char *p = v; p && *p && n <= max;) {
        char *end;
        double d = strtod(p, &end);
        if (end == p || (*end && *end != ',') || !(d >= lo && d <= hi) || n == max) {
            cli_usage_error("--%s %s: expected up to %d numbers in [%g, %g] separated by "
                            "commas", opt, v, max, lo, hi);
            return -1;
        }
        out[n++] = d;
        p = *end ? end + 1 : end;
    }
    return n;
}

int cli_whole(const char *v, unsigned long long lo, unsigned long long hi,
              unsigned long long *out)
{
    char *end;
    if (!v || *v < '0' || *v > '9')
        return 0;
    errno = 0;
    unsigned long long x = strtoull(v, &end, 10);
    if (*end || errno || x < lo || x > hi)
        return 0;
    *out = x;
    return 1;
}

int cli_whole_opt(const cli_args *a, const char *name, unsigned long long min,
                  unsigned long long max, unsigned long long *out)
{
    const char *v = cli_get(a, name, NULL);
    if (v && !cli_whole(v, min, max, out))
        return cli_usage_error("--%s %s: expected a whole number from %llu to %llu", name, v,
                               min, max);
    return EXIT_OK;
}

int cli_name_list(const char *opt, const char *v, const char *const *names, int n,
                  unsigned *mask)
{
    char *copy = strdup(v), *save = NULL;
    int rc = copy ? EXIT_OK : EXIT_FAIL;
    *mask = 0;
    for (char *t = copy ? strtok_r(copy, ",", &save) : NULL; t && !rc;
         t = strtok_r(NULL, ",", &save)) {
        int k = 0;
        while (k < n && strcmp(names[k], t) != 0)
            k++;
        if (k == n) {
            char list[256];
            size_t u = 0;
            for (int j = 0; j < n && u < sizeof list; j++)
                u += (size_t)snprintf(list + u, sizeof list - u, "%s%s",
                                      j ? (j == n - 1 ? " or " : ", ") : "", names[j]);
            rc = cli_usage_error("--%s: '%s' is not known; expected %s", opt, t, list);
        } else
            *mask |= 1u << k;
    }
    free(copy);
    if (!rc && !*mask)
        rc = cli_usage_error("--%s %s: expected at least one name", opt, v);
    return rc;
}
