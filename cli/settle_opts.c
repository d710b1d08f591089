/* SPDX-License-Identifier: MIT */
/*
** settle_opts.c: the settlement options shared by `parley settle`,
** `parley durability` and `parley stress`. An option a command does not
** define is simply absent, so one reader serves them all.
*/
#include "cli.h"

int cli_read_settle_opts(const cli_args *a, pl_settle_opts *o)
{
    unsigned long long lr = o->logrolls, th = 1, mib = 0;
    double me = o->max_enumerate;
    size_t n;
    const char *const *losses = pl_option_choices("loss", &n);
    int k = -1, rc;
    const char *v = cli_get(a, "loss", NULL);
    if (v && (rc = cli_pick(v, losses, (int)n, "loss", &k)))
        return rc;
    if (k >= 0)
        o->loss = (pl_loss)k;
    if ((rc = cli_number_opt(a, "step", 0.01, 100, "a grid step in [0.01, 100]", &o->step)) ||
        (rc = cli_number_opt(a, "time", 0, 1, "a time in [0, 1]", &o->time)) ||
        (rc = cli_number_opt(a, "tau", 1e-9, 1, "a probability in (0, 1]", &o->tau)) ||
        (rc = cli_number_opt(a, "max-enumerate", 0, 9e15, "a number of packages", &me)) ||
        (rc = cli_whole_opt(a, "logrolls", 0, 1000, &lr)) ||
        (rc = cli_whole_opt(a, "threads", 1, 256, &th)) ||
        (rc = cli_whole_opt(a, "max-memory", 1, 1ull << 30, &mib)))
        return rc;
    o->max_bytes = (double)mib * 1048576.0;
    o->max_enumerate = me;
    o->logrolls = (size_t)lr;
    o->threads = (int)th;
    o->parties = cli_get(a, "parties", NULL);
    o->normalise = cli_has(a, "normalise");
    o->equal_power = cli_has(a, "equal-power");
    o->indifferent_yes = cli_has(a, "indifferent-yes");
    return EXIT_OK;
}
