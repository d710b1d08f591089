/* SPDX-License-Identifier: MIT */
/*
** common.c: error reporting and option values shared by every command
** (input.c reads the inputs, output.c writes the output).
*/
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

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

void cli_report(const pl_error *err, const char *data, size_t len)
{
    char buf[PL_ERROR_FILE_MAX + PL_ERROR_MSG_MAX + 32];
    pl_error_format(err, buf, sizeof buf);
    fprintf(stderr, "%s%s\n", err->file[0] ? "" : "parley: ", buf);
    if (data && err->line > 0)
        show_source_line(data, len, err->line, err->col);
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
