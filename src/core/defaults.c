/* SPDX-License-Identifier: MIT */
/*
** defaults.c: pl_opts_default, each option struct's PL_*_OPTS_INIT by name.
*/
#include "parley/parley.h"
#include "parley/defaults.h"

#include <string.h>

/* One default of each struct, copied out by name; a table keeps the list in one place. */
int pl_opts_default(const char *kind, void *out, size_t size)
{
    static const pl_load_opts load = PL_LOAD_OPTS_INIT;
    static const pl_forecast_opts forecast = PL_FORECAST_OPTS_INIT;
    static const pl_settle_opts settle = PL_SETTLE_OPTS_INIT;
    static const pl_stress_opts stress = PL_STRESS_OPTS_INIT;
    static const pl_power_opts power = PL_POWER_OPTS_INIT;
    static const pl_report_opts report = PL_REPORT_OPTS_INIT;
    static const pl_evaluate_opts evaluate = PL_EVALUATE_OPTS_INIT;
    static const pl_compare_opts compare = PL_COMPARE_OPTS_INIT;
    static const struct {
        const char *kind;
        const void *init;
        size_t size;
    } table[] = {{"load", &load, sizeof load},         {"forecast", &forecast, sizeof forecast},
                 {"settle", &settle, sizeof settle},   {"stress", &stress, sizeof stress},
                 {"power", &power, sizeof power},      {"report", &report, sizeof report},
                 {"evaluate", &evaluate, sizeof evaluate}, {"compare", &compare, sizeof compare}};
    if (!kind || !out)
        return PL_EMISUSE;
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        if (strcmp(kind, table[i].kind) != 0)
            continue;
        if (size != table[i].size)
            return PL_EMISUSE;
        memcpy(out, table[i].init, size);
        return PL_OK;
    }
    return PL_ENOTFOUND;
}
