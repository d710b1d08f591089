/* SPDX-License-Identifier: MIT */
/*
** progress.c: the one progress printer behind every command's pl_progress:
** "LABEL: done/total UNIT, rate/s, ETA s" on stderr. On a terminal it redraws
** one line (at most five times a second) and clears it at the end; forced onto
** a file or pipe by --progress it writes whole lines (at most one a second,
** or one every PARLEY_PROGRESS_EVERY seconds, and always the last), so a log
** reads cleanly.
*/
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int cli_progress_env(cli_args *a)
{
    const char *v = getenv("PARLEY_PROGRESS_EVERY");
    a->progress_every = 1;
    if (!v || !*v)
        return EXIT_OK;
    char *end;
    errno = 0;
    double s = strtod(v, &end);
    int starts = isdigit((unsigned char)*v) || *v == '.'; /* no sign, space, inf or nan */
    if (!starts || *end || errno || !(s >= 0 && s <= 3600))
        return cli_usage_error("PARLEY_PROGRESS_EVERY=%s: expected the seconds between progress "
                               "lines on a file or pipe, a number from 0 (every report) to 3600 "
                               "(default 1)", v);
    a->progress_every = s;
    return EXIT_OK;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + 1e-9 * (double)(t.tv_nsec - t0->tv_nsec);
}

void cli_progress_init(cli_progress *p, const cli_args *a, const char *label, const char *unit)
{
    p->label = label, p->unit = unit;
    p->every = a->progress_every;
    p->shown = 0;
    p->done = 0;
    p->tty = isatty(STDERR_FILENO);
    p->on = cli_has(a, "progress") || (p->tty && !cli_has(a, "quiet"));
    clock_gettime(CLOCK_MONOTONIC, &p->t0);
    p->last = p->t0;
}

void cli_progress_show(cli_progress *p, uint64_t done, uint64_t total)
{
    if (!p->on)
        return;
    if (done < total && seconds_since(&p->last) < (p->tty ? 0.2 : p->every))
        return;
    if (p->shown && done == p->done) /* a phase's end and the next one's start: one line */
        return;
    p->shown = 1;
    p->done = done;
    clock_gettime(CLOCK_MONOTONIC, &p->last);
    double el = seconds_since(&p->t0), rate = el > 0 ? (double)done / el : 0;
    fprintf(stderr, "%s%s: %llu/%llu %s, %.0f/s, ETA %.0f s%s", p->tty ? "\r" : "", p->label,
            (unsigned long long)done, (unsigned long long)total, p->unit, rate,
            rate > 0 ? (double)(total - done) / rate : 0.0, p->tty ? "   " : "\n");
    if (p->tty && done == total)
        fputs("\r\033[K", stderr);
    fflush(stderr);
}

/* pl_progress_fn over a cli_progress payload. */
static void show(void *payload, uint64_t done, uint64_t total)
{
    cli_progress_show(payload, done, total);
}

pl_progress cli_progress_callback(cli_progress *p)
{
    pl_progress cb = {p->on ? show : NULL, p};
    return cb;
}
