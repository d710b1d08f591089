/*
** scenario_fuzz.c: libFuzzer target for the scenario loader. The first byte
** picks YAML or JSON mode; a scenario that loads is also forecast and
** described in every format, so the whole input-to-output path is covered.
**   make fuzz FUZZ_TIME=300
** Built without libFuzzer (fuzz/replay.c) it replays files, for CTest.
*/
#include "parley/parley.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int discard(const char *data, size_t len, void *payload)
{
    (void)data;
    (void)len;
    (void)payload;
    return 0;
}

static void describe_all(const pl_scenario *s, const pl_forecast *f)
{
    for (int fmt = PL_FORMAT_TEXT; fmt <= PL_FORMAT_CSV; fmt++) {
        pl_emitter *e = NULL;
        if (pl_emitter_new(&e, (pl_format)fmt, discard, NULL, NULL, NULL) != PL_OK)
            continue;
        pl_emit_object_begin(e, NULL, NULL);
        pl_scenario_emit(s, e);
        if (f)
            pl_forecast_emit(f, s, e);
        pl_emit_object_end(e);
        pl_emitter_finish(e, NULL);
        pl_emitter_free(e);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *name = (data[0] & 1) ? "fuzz.json" : "fuzz.yaml";
    pl_load_opts o = PL_LOAD_OPTS_INIT;
    o.flags = (data[0] & 2) ? PL_LOAD_REQUIRE_SOURCES : 0;
    pl_scenario *s = NULL;
    pl_error err;
    if (pl_scenario_load_buffer(&s, (const char *)data + 1, size - 1, name, &o, &err) != PL_OK)
        return 0;
    pl_forecast *f = NULL;
    pl_forecast_compute(&f, s, NULL, NULL);
    describe_all(s, f);
    pl_forecast_free(f);
    pl_scenario_free(s);
    return 0;
}
