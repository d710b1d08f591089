/* SPDX-License-Identifier: MIT */
/*
** forecast_doc.c: the documents of `parley forecast` and `parley analyze`,
** composed once for the CLI and the bindings from the forecast's describers.
*/
#include "parley/forecast.h"

/* The first failure of two describers (PL_OK when neither failed). */
static int first(int a, int b) { return a ? a : b; }

int pl_forecast_emit_document(const pl_forecast *f, const pl_scenario *s, unsigned parts,
                              pl_emitter *e)
{
    int moves = (parts & PL_FORECAST_DOC_MOVES) != 0;
    int traj = moves || (parts & PL_FORECAST_DOC_TRAJECTORY);
    int drc = parts & PL_FORECAST_DOC_SCENARIO ? pl_scenario_emit(s, e) : PL_OK;
    drc = first(drc, pl_forecast_emit(f, s, e));
    if (pl_forecast_has(f, PL_MODEL_EUM) && traj)
        drc = first(drc, pl_forecast_emit_eum(f, s, moves, e));
    if (pl_forecast_has(f, PL_MODEL_EXCHANGE) && (parts & PL_FORECAST_DOC_EXCHANGES))
        drc = first(drc, pl_forecast_emit_exchanges(f, s, e));
    if (pl_forecast_has(f, PL_MODEL_SMP))
        drc = first(drc, pl_forecast_emit_smp(f, s, traj, e));
    return drc;
}
