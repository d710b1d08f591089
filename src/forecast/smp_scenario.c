/* SPDX-License-Identifier: MIT */
/*
** smp_scenario.c: a scenario as an SMP: every actor at the table is an actor,
** every issue a dimension. An issue an actor takes no position on gets
** salience 0 there (its position, then irrelevant, is set to 50); an actor
** whose saliences sum above 1 has them scaled to sum 1, since the model reads
** the sum as the share of its attention the issues hold.
*/
#include "smp_impl.h"
#include "parley/scenario.h"
#include "parley/forecast.h"
#include "../core/error_int.h"
#include "../core/fmt.h"

#include <stdio.h>
#include <stdlib.h>

int pl_smp_takes_part(const pl_scenario *s, size_t i)
{
    double pos, sal, tot = 0;
    for (size_t k = 0; k < pl_scenario_n_issues(s); k++)
        if (pl_scenario_position(s, i, k, &pos, &sal) == 1)
            tot += sal;
    /* an actor that holds no position has nothing to bargain with */
    return pl_actor_at_table(pl_scenario_actor(s, i)) && tot > 0;
}

int pl__forecast_smp(const pl_scenario *s, const pl_smp_opts *o, pl_smp **out, pl_error *err)
{
    size_t N = pl_scenario_n_actors(s), K = pl_scenario_n_issues(s), n = 0;
    size_t cells = N * K > 0 ? N * K : 1;
    double *c = malloc((N ? N : 1) * sizeof *c), *x = malloc(cells * sizeof *x);
    double *w = malloc(cells * sizeof *w);
    int rc = c && x && w ? PL_OK : pl__error_nomem(err);
    for (size_t i = 0; !rc && i < N; i++) {
        const pl_actor *a = pl_scenario_actor(s, i);
        double tot = 0, pos, sal;
        if (!pl_smp_takes_part(s, i))
            continue;
        for (size_t k = 0; k < K; k++) {
            int has = pl_scenario_position(s, i, k, &pos, &sal) == 1;
            x[n * K + k] = has ? pos : 50, w[n * K + k] = has ? sal : 0;
            tot += w[n * K + k];
        }
        for (size_t k = 0; tot > 1 && k < K; k++)
            w[n * K + k] /= tot;
        c[n++] = pl_actor_capability(a)->value;
    }
    if (!rc && n < 3)
        rc = pl__fail(err, PL_EINPUT, "the SMP needs at least 3 actors at the table with a "
                      "position; scenario '%s' has %zu", pl_scenario_name(s), n);
    if (!rc)
        rc = pl_smp_run(out, n, K, c, x, w, o, err);
    free(c), free(x), free(w);
    return rc;
}

/* How the run went and where it ended: turns, changes, final positions and probabilities. */
/* Every actor's position in every state, a row per (turn, actor). */
static void emit_rows(const pl_smp *m, const pl_scenario *s, pl_emitter *e)
{
    size_t K = pl_scenario_n_issues(s);
    for (size_t t = 0; t < pl_smp_n_states(m); t++)
        for (size_t i = 0, a = 0; i < pl_scenario_n_actors(s); i++) {
            if (!pl_smp_takes_part(s, i))
                continue;
            pl_emit_row_begin(e);
            pl_emit_int(e, NULL, (long long)t);
            pl_emit_string(e, NULL, pl_actor_id(pl_scenario_actor(s, i)));
            for (size_t k = 0; k < K; k++)
                pl_emit_number(e, NULL, pl_smp_position(m, t, a, k));
            pl_emit_row_end(e);
            a++;
        }
}

int pl_forecast_emit_smp(const pl_forecast *f, const pl_scenario *s, int trajectory,
                         pl_emitter *e)
{
    static const char *const tc[] = {"turn", "change"};
    const pl_smp *m = pl_forecast_smp(f);
    size_t K = pl_scenario_n_issues(s), T;
    if (!m || !e)
        return PL_EMISUSE;
    T = pl_smp_n_states(m) - 1;
    pl_emit_object_begin(e, "smp", "Spatial Model of Politics (all issues at once)");
    pl_emit_int(e, "turns", (long long)T);
    char why[160];
    if (pl_smp_stop_reason(m) == PL_SMP_STOP_CYCLE)
        snprintf(why, sizeof why, "a cycle: the last state repeats the one %zu turns before "
                 "(no convergence)", pl_smp_cycle(m));
    else /* the ratio itself: "the stop ratio" named a setting the reader cannot see */
        pl__snprintf(why, sizeof why, "the change fell below %g%% of turn 1's",
                     100 * m->o.stop_ratio);
    pl_emit_string(e, "stopped", pl_smp_stop_reason(m) == PL_SMP_STOP_TURNS
                   ? "the turn limit, still moving (no convergence)" : why);
    pl_emit_table_begin(e, "smp_turns", "Change per turn (over turn 1's)", tc, 2);
    for (size_t t = 1; t <= T; t++) {
        pl_emit_row_begin(e);
        pl_emit_int(e, NULL, (long long)t);
        pl_emit_number(e, NULL, pl_smp_change(m, t));
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
    const char **cols = malloc((K + 2) * sizeof *cols);
    if (!cols)
        return PL_ENOMEM;
    cols[0] = "actor", cols[K + 1] = "probability";
    for (size_t k = 0; k < K; k++)
        cols[k + 1] = pl_issue_id(pl_scenario_issue(s, k));
    /* the election is over distinct positions: actors at one position share its probability */
    pl_emit_table_begin(e, "smp_final", "Final positions and the probability of each position "
                        "(actors at one position show the same one, so the column can sum to "
                        "more than 1)", cols, K + 2);
    for (size_t i = 0, a = 0; i < pl_scenario_n_actors(s); i++) {
        if (!pl_smp_takes_part(s, i))
            continue;
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, pl_actor_id(pl_scenario_actor(s, i)));
        for (size_t k = 0; k < K; k++)
            pl_emit_number(e, NULL, pl_smp_position(m, T, a, k));
        pl_emit_number(e, NULL, pl_smp_probability(m, a++));
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
    if (trajectory) {
        /* the emitter keeps the column names until the table ends */
        const char **cc = malloc((K + 2) * sizeof *cc);
        if (!cc) {
            free(cols);
            return PL_ENOMEM;
        }
        cc[0] = "turn", cc[1] = "actor";
        for (size_t k = 0; k < K; k++)
            cc[k + 2] = cols[k + 1];
        pl_emit_table_begin(e, "smp_trajectory", "Positions turn by turn (turn 0: as written)",
                            cc, K + 2);
        emit_rows(m, s, e);
        pl_emit_table_end(e);
        free(cc);
    }
    free(cols);
    return pl_emit_object_end(e);
}
