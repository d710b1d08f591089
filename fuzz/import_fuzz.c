/* SPDX-License-Identifier: MIT */
/*
** import_fuzz.c: libFuzzer target for the importers. The first byte picks
** the format by its value modulo 4: deu 0, decide 1, ktab 2 (KTAB's CSV, or
** its SMP scenario XML when the input starts with '<'), and 3 ktab again with
** a short SMP run on what imports (the XML seeds use it). An input that
** imports is also forecast (mean, median, a short EUM) and, with two issues
** or more, run through a short exchange model. Warnings go to a callback
** that drops them, so that their code runs too. A KTAB XML input whose YAML
** the scenario loader refuses aborts: that importer checks all the loader
** would, so its refusals point at the XML, never at the YAML it made.
** pl_input_detect runs on every input first.
**   make fuzz FUZZ_TIME=300
** Built without libFuzzer (fuzz/replay.c) it replays files, for CTest.
*/
#include "parley/parley.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void drop(const pl_error *w, void *payload)
{
    (void)w;
    (void)payload;
}

/* Does the text start with '<' after a byte-order mark and blanks (the XML route)? */
static int xml_text(const uint8_t *p, size_t n)
{
    size_t i = n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r'))
        i++;
    return i < n && p[i] == '<';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    /* the format detector sees every input too; it must only never fault */
    (void)pl_input_detect((const char *)data + 1, size - 1, NULL);
    unsigned sel = data[0] % (PL_IMPORT_COUNT + 1);
    pl_import_format f = sel == PL_IMPORT_COUNT ? PL_IMPORT_KTAB : (pl_import_format)sel;
    pl_load_opts lo = PL_LOAD_OPTS_INIT;
    lo.warn = drop;
    pl_scenario *s = NULL;
    pl_error err;
    if (pl_import_buffer(&s, NULL, (const char *)data + 1, size - 1, "fuzz.txt", f, &lo,
                         &err) != PL_OK) {
        if (f == PL_IMPORT_KTAB && xml_text(data + 1, size - 1) &&
            strstr(err.file, "(as parley YAML)"))
            abort();
        return 0;
    }
    pl_forecast_opts fo = PL_FORECAST_OPTS_INIT;
    fo.models = (1u << PL_MODEL_MEAN) | (1u << PL_MODEL_MEDIAN) | (1u << PL_MODEL_EUM) |
                (1u << PL_MODEL_VETO);
    fo.eum.rounds = 3;
    if (sel == PL_IMPORT_COUNT && pl_scenario_n_actors(s) <= 12 && pl_scenario_n_issues(s) <= 4) {
        fo.models |= 1u << PL_MODEL_SMP;
        fo.smp.max_turns = 4;
    }
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
