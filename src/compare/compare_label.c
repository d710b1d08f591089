/* SPDX-License-Identifier: MIT */
/*
** compare_label.c: how `parley compare` names a side, for the CLI and the
** bindings alike: "a.yaml --variant x --set P=V" or "built-in ukraine-2025".
*/
#include "parley/compare.h"
#include "parley/scenario.h"
#include "../core/fmt.h"

size_t pl_compare_label(const struct pl_scenario *s, const char *file, char *buf, size_t size)
{
    size_t used = 0;
    if (size)
        buf[0] = '\0';
    pl__append(buf, size, &used, "%s%s", file ? "" : "built-in ",
               file ? file : pl_scenario_name(s));
    if (pl_scenario_applied_variant(s))
        pl__append(buf, size, &used, " --variant %s", pl_scenario_applied_variant(s));
    for (size_t k = 0; k < pl_scenario_n_changes(s); k++)
        pl__append(buf, size, &used, " --set %s", pl_scenario_change(s, k));
    return used;
}
