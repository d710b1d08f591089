/* SPDX-License-Identifier: MIT */
/*
** forecast.c: use libparley through its public API only: load a scenario
** (a file, or the built-in one), forecast every issue, print each forecast
** with the words of the nearest point of the issue's scale.
**
**   cc forecast.c $(pkg-config --cflags --libs parley) -o forecast
**   ./forecast [scenario.yaml]
*/
#include <parley/parley.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    pl_scenario *s = NULL;
    pl_error err;
    int rc = argc > 1 ? pl_scenario_load_file(&s, argv[1], NULL, &err)
                      : pl_scenario_load_builtin(&s, NULL, NULL, &err);
    if (rc != PL_OK) {
        char msg[1024];
        pl_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "%s\n", msg);
        return 2;
    }
    pl_forecast *f = NULL;
    if (pl_forecast_compute(&f, s, NULL, &err) != PL_OK) {
        fprintf(stderr, "%s\n", err.msg);
        pl_scenario_free(s);
        return 1;
    }
    printf("%s (libparley %s)\n", pl_scenario_name(s), pl_version());
    for (size_t k = 0; k < pl_forecast_n_issues(f); k++) {
        const pl_issue *x = pl_scenario_issue(s, k);
        double v = pl_forecast_value(f, k, PL_MODEL_MEDIAN);
        const char *words;
        pl_issue_anchor(x, pl_issue_nearest_anchor(x, v), &words);
        printf("%-6s median %6.2f  ~ %s\n", pl_issue_id(x), v, words);
    }
    pl_forecast_free(f);
    pl_scenario_free(s);
    return 0;
}
