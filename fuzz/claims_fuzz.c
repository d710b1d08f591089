/* SPDX-License-Identifier: MIT */
/*
** claims_fuzz.c: libFuzzer target for the claims-file reader (`parley claims
** --claims FILE`). The first byte is a selector: bit 0 reads the rest as JSON
** (a name ending in .json) instead of YAML; bit 1 also checks each claim on
** two Monte Carlo draws of the scenario. The claims are read against the
** built-in scenario (loaded once). An accepted file is evaluated (each
** evaluation settles the built-in scenario: a few ms), every status must be
** one of the four pl_claim_status values and every detail a terminated
** string, and it is written in every format; a refused file must say why.
**   make fuzz FUZZ_TIME=300
** Built without libFuzzer (fuzz/replay.c) it replays files, for CTest.
*/
#include "parley/parley.h"
#include "fuzz_util.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


/* The built-in scenario, loaded once (the reader is what is fuzzed; it stays reachable). */
static const pl_scenario *scenario(void)
{
    static pl_scenario *s;
    if (!s && pl_scenario_load_builtin(&s, NULL, NULL, NULL) != PL_OK)
        abort();  /* the built-in scenario is valid: a failure here is a bug */
    return s;
}

/* Every claim of an accepted file has an answer of a known kind, and prints. */
static void check_accepted(const pl_claims *c, const pl_scenario *s, int draws)
{
    size_t n = pl_claims_count(c);
    if (n == 0)
        abort();  /* an accepted file has at least one claim */
    for (size_t i = 0; i < n; i++)
        if (!pl_claim_id(c, i) || !pl_claim_text(c, i))
            abort();  /* every claim has an id and a sentence */
    pl_claim_result *res = calloc(n, sizeof *res);
    uint64_t *holds = calloc(n, sizeof *holds), *defined = calloc(n, sizeof *defined);
    pl_error err;
    pl_error_clear(&err);
    if (res && holds && defined) {
        if (pl_claims_evaluate(c, s, res, &err) != PL_OK)
            abort();  /* claims read against s evaluate on s */
        for (size_t i = 0; i < n; i++) {
            switch (res[i].status) {
            case PL_CLAIM_FAILS:
            case PL_CLAIM_HOLDS:
            case PL_CLAIM_NOT_MODELLED:
            case PL_CLAIM_UNDEFINED:
                break;
            default:
                abort();  /* a status outside pl_claim_status */
            }
            if (memchr(res[i].detail, '\0', sizeof res[i].detail) == NULL)
                abort();  /* the detail must be a terminated string */
        }
        if (draws) {
            if (pl_claims_robustness(c, s, 2, 1, 1, holds, defined, &err) != PL_OK)
                abort();
            for (size_t i = 0; i < n; i++)
                if (holds[i] > defined[i] || defined[i] > 2)
                    abort();  /* holds <= defined <= draws */
        }
        for (int fmt = PL_FORMAT_TEXT; fmt <= PL_FORMAT_CSV; fmt++) {
            pl_emitter *e = NULL;
            if (pl_emitter_new(&e, (pl_format)fmt, fuzz_discard, NULL, NULL, NULL) != PL_OK)
                continue;
            pl_emit_object_begin(e, NULL, NULL);  /* as parley claims writes it */
            int rc = pl_claims_emit(c, res, holds, defined, draws ? 2 : 0, e);
            pl_emit_object_end(e);
            if (rc != PL_OK || pl_emitter_finish(e, NULL) != PL_OK)
                abort();  /* accepted claims must print in every format */
            pl_emitter_free(e);
        }
    }
    free(res), free(holds), free(defined);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *name = (data[0] & 1) ? "fuzz.json" : "fuzz.yaml";
    const pl_scenario *s = scenario();
    pl_claims *c = NULL;
    pl_error err;
    pl_error_clear(&err);
    if (pl_claims_load_buffer(&c, s, (const char *)data + 1, size - 1, name, &err) == PL_OK)
        check_accepted(c, s, (data[0] & 2) != 0);
    else if (err.msg[0] == '\0' || c != NULL)
        abort();  /* a refused file must say why, and give nothing back */
    pl_claims_free(c);
    return 0;
}
