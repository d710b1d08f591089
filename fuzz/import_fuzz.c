/*
** import_fuzz.c: libFuzzer target for the importers. The first byte picks
** the format (deu, decide or ktab by its value modulo 3); an input that imports is also
** forecast (mean, median, a short EUM) and, with two issues or more, run
** through a short exchange model.
**   make fuzz FUZZ_TIME=300
** Built without libFuzzer (fuzz/replay.c) it replays files, for CTest.
*/
#include "parley/parley.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    pl_import_format f = (pl_import_format)(data[0] % PL_IMPORT_COUNT);
    pl_scenario *s = NULL;
    pl_error err;
    if (pl_import_buffer(&s, NULL, (const char *)data + 1, size - 1, "fuzz.txt", f, NULL,
                         &err) != PL_OK)
        return 0;
    pl_forecast_opts fo = PL_FORECAST_OPTS_INIT;
    fo.models = (1u << PL_MODEL_MEAN) | (1u << PL_MODEL_MEDIAN) | (1u << PL_MODEL_EUM);
    fo.eum.rounds = 3;
    pl_forecast *fc = NULL;
    pl_forecast_compute(&fc, s, &fo, NULL);
    pl_forecast_free(fc);
    if (pl_scenario_n_issues(s) >= 2) {
        pl_exchange_opts xo = PL_EXCHANGE_OPTS_INIT;
        pl_exchange *x = NULL;
        xo.rounds = 2;
        pl_exchange_run_scenario(&x, s, &xo, NULL);
        pl_exchange_free(x);
    }
    pl_scenario_free(s);
    return 0;
}
