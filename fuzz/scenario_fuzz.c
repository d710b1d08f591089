/* SPDX-License-Identifier: MIT */
/*
** scenario_fuzz.c: libFuzzer target for the scenario loader. The first byte
** picks YAML or JSON mode; a scenario that loads is also forecast, its
** bodies turned into voting games and their power computed (with a small
** memory cap), settled when its outcome space is small, and all of it
** described in every format, so the whole input-to-output path is covered.
** An input that fails is loaded again collecting every error (validate's
** way), which must fail alike with the same first error. A first byte with
** bit 0x80 makes the first line a change or a variant (what_if).
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


/* Power of every body: exact and bounded in time (small tables), else refused. */
static void power_all(const pl_scenario *s, pl_emitter *e)
{
    pl_power_opts o = PL_POWER_OPTS_INIT;
    o.max_bytes = 64.0 * 1048576.0;
    for (size_t b = 0; b < pl_scenario_n_bodies(s); b++) {
        pl_game *g = NULL;
        pl_power *p = NULL;
        pl_credibility cr;
        if (pl_game_from_body(&g, s, b, NULL) == PL_OK) {
            o.method = pl_game_n_members(g) <= 12 ? PL_POWER_ENUMERATE : PL_POWER_DP;
            if (pl_power_compute(&p, g, &o, NULL) == PL_OK) {
                pl_emit_object_begin(e, NULL, NULL);
                pl_power_emit(p, g, e);
                long x = pl_body_against(pl_scenario_body(s, b)) >= 0 ? 0 : -1;
                if (pl_power_credibility(&cr, g, p, x, NULL) == PL_OK)
                    pl_credibility_emit(&cr, g, "body", "x", e);
                pl_emit_object_end(e);
            }
        }
        pl_power_free(p);
        pl_game_free(g);
    }
}

/* Settlement, only for small spaces (the fuzzer needs fast runs). */
static pl_settlement *settle_small(const pl_scenario *s)
{
    double size = 1;
    for (size_t k = 0; k < pl_scenario_n_issues(s); k++) {
        const pl_issue *x = pl_scenario_issue(s, k);
        size_t m = pl_issue_n_options(x);
        if (!m)
            m = pl_issue_step(x) > 0 ? (size_t)(100 / pl_issue_step(x)) + 2
                                     : pl_issue_n_anchors(x);
        size *= (double)m;
    }
    pl_settle_opts o = PL_SETTLE_OPTS_INIT;
    o.max_enumerate = 1e4;
    o.logrolls = 2;
    pl_settlement *st = NULL;
    if (size <= 1e4)
        pl_settle_compute(&st, s, &o, NULL);
    return st;
}

/* Durability of a middle-of-the-scale deal, when the scenario has the section. */
static pl_durability *durability_mid(const pl_scenario *s)
{
    size_t K = pl_scenario_n_issues(s);
    double *deal = malloc((K ? K : 1) * sizeof *deal);
    pl_durability *d = NULL;
    for (size_t k = 0; deal && k < K; k++)
        deal[k] = 50;
    if (deal)
        pl_durability_compute(&d, s, deal, NULL);
    free(deal);
    return d;
}

/* Staged plans of the same middle-of-the-scale deal, when there is a settlement. */
static pl_staging *staging_mid(const pl_scenario *s, const pl_settlement *st)
{
    size_t K = pl_scenario_n_issues(s);
    double *deal = malloc((K ? K : 1) * sizeof *deal);
    pl_staging *g = NULL;
    for (size_t k = 0; deal && k < K; k++)
        deal[k] = 50;
    if (deal && st && pl_scenario_has_staging(s))
        pl_staging_compute(&g, s, st, deal, NULL);
    free(deal);
    return g;
}

static void describe_all(const pl_scenario *s, const pl_forecast *f)
{
    pl_settlement *st = settle_small(s);
    pl_durability *d = durability_mid(s);
    pl_staging *g = staging_mid(s, st);
    for (int fmt = PL_FORMAT_TEXT; fmt <= PL_FORMAT_CSV; fmt++) {
        pl_emitter *e = NULL;
        if (pl_emitter_new(&e, (pl_format)fmt, fuzz_discard, NULL, NULL, NULL) != PL_OK)
            continue;
        pl_emit_object_begin(e, NULL, NULL);
        pl_scenario_emit(s, e);
        if (f)
            pl_forecast_emit(f, s, e);
        pl_emit_array_begin(e, "power", NULL);
        power_all(s, e);
        pl_emit_array_end(e);
        if (st) {
            pl_settle_emit(st, NULL, e);
            pl_settle_emit_frontier(st, e);
        }
        if (d)
            pl_durability_emit(d, e);
        if (g)
            pl_staging_emit(g, e);
        pl_emit_object_end(e);
        pl_emitter_finish(e, NULL);
        pl_emitter_free(e);
    }
    pl_settle_free(st);
    pl_durability_free(d);
    pl_staging_free(g);
}

/*
** A failed load again, collecting every error: that must change nothing but
** the list (the same failure, the same first error, which the list holds).
*/
static void all_errors(const char *text, size_t len, const char *name, const pl_load_opts *o,
                       const pl_error *first)
{
    pl_error_list *list = NULL;
    if (pl_error_list_new(&list, 0) != PL_OK)
        return;
    pl_load_opts all = *o;
    all.errors = list;
    pl_scenario *s = NULL;
    pl_error err;
    int rc = pl_scenario_load_buffer(&s, text, len, name, &all, &err), found = 0;
    for (size_t i = 0; i < pl_error_list_count(list); i++) {
        const pl_error *e = pl_error_list_get(list, i);
        found |= e->line == first->line && e->col == first->col &&
                 strcmp(e->msg, first->msg) == 0;
    }
    if (rc != first->code || s || err.line != first->line || strcmp(err.msg, first->msg) != 0 ||
        !found)
        abort();
    pl_error_list_free(list);
}

/*
** With bit 0x80 of the first byte, the input's first line is a what-if: "@NAME"
** a variant, anything else a --set change "PATH=VALUE"; the scenario follows.
** Returns the scenario's offset in data (line: the line, NUL-terminated; *change
** points at it for a change).
*/
static size_t what_if(const uint8_t *data, size_t size, pl_load_opts *o, char *line,
                      size_t cap, const char **change)
{
    if (!(data[0] & 0x80))
        return 1;
    const uint8_t *nl = memchr(data + 1, '\n', size - 1);
    size_t n = nl ? (size_t)(nl - data - 1) : size - 1;
    if (n >= cap || memchr(data + 1, '\0', n))
        return 1 + n + (nl != NULL);
    memcpy(line, data + 1, n);
    line[n] = '\0';
    if (line[0] == '@') {
        o->variant = line + 1;
    } else {
        *change = line;
        o->changes = change;
        o->n_changes = 1;
    }
    return 1 + n + (nl != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *name = (data[0] & 1) ? "fuzz.json" : "fuzz.yaml";
    pl_load_opts o = PL_LOAD_OPTS_INIT;
    o.flags = (data[0] & 2) ? PL_LOAD_REQUIRE_SOURCES : 0;
    char line[4096];
    const char *change = NULL;
    size_t at = what_if(data, size, &o, line, sizeof line, &change);
    const char *text = (const char *)data + at;
    size_t len = size - at;
    pl_scenario *s = NULL;
    pl_error err;
    if (pl_scenario_load_buffer(&s, text, len, name, &o, &err) != PL_OK) {
        all_errors(text, len, name, &o, &err);
        return 0;
    }
    pl_forecast *f = NULL;
    pl_forecast_compute(&f, s, NULL, NULL);
    describe_all(s, f);
    pl_forecast_free(f);
    pl_forecast_opts vo = PL_FORECAST_OPTS_INIT; /* the veto model reads decided_by */
    vo.models = 1u << PL_MODEL_VETO;
    f = NULL;
    pl_forecast_compute(&f, s, &vo, NULL);
    pl_forecast_free(f);
    pl_scenario_free(s);
    return 0;
}
