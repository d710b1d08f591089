/* SPDX-License-Identifier: MIT */
/*
** test_oom.c: out of memory never gives a wrong answer or a crash (DESIGN.md 7).
** Each operation runs once with nothing failing, to learn its output (JSON, or
** the text it writes) and how many allocations it makes; then allocation N
** fails, for N = 1, 2, ...: the operation must return PL_ENOMEM with the
** message "out of memory", or, when allocation N was never reached, give the
** same output. LeakSanitizer (the sanitized build) checks that nothing leaks.
**
** Time: under ASan an operation that allocates tens of thousands of times
** cannot be swept at every N within the test's budget, so every N up to
** DENSE is tried, then about SPARSE more spread evenly over the rest (fewer
** for stress, claims and the report, whose every run costs tens of ms).
**
** To see where allocation N of a failing sweep comes from: build with
** -DFAIL_ALLOC_TRACE and run with OOM_ONLY=N (only that allocation fails).
**
** libfyaml and libxml2 are linked from their archives into this test (where
** Debian ships them), so their allocations are swept too (tests/CMakeLists.txt).
*/
#include "tests/unit/test_util.h"
#include "tests/unit/fail_alloc.h"
#include "serve/serve_impl.h"

#include <time.h>

#ifdef PL_OOM_STATIC_PARSERS
/*
** Two leaks inside libfyaml 0.7.12 (Debian 12) on its own failure paths, not
** parley's: fy_parse_setup returns early when fy_reset_document_state fails,
** keeping its reference to the diag we pass (so our fy_diag_destroy cannot free
** it); and a token queued by fy_token_queue_simple_internal is dropped when a
** later allocation of the scanner fails. LeakSanitizer reads this at start-up
** (exported: the build hides symbols by default).
** Every other allocation of libfyaml and libxml2 is swept and leak-checked.
*/
__attribute__((visibility("default"))) const char *__lsan_default_suppressions(void);
__attribute__((visibility("default"))) const char *__lsan_default_suppressions(void)
{
    return "leak:fy_diag_create\nleak:fy_token_queue_simple_internal\n";
}
#endif

#define DENSE 1500
#define SPARSE 300

typedef struct ctx {
    const pl_scenario *s; /* the built-in scenario */
    const char *data;     /* an importer's input */
    size_t len;
    pl_import_format fmt;
    const pl_game *game;
    unsigned models;      /* forecast: the models asked for (0: the default set) */
    pl__serve_ctx *serve; /* parley serve's state (the start-up scenario) */
} ctx;

/* An operation: its result as text into k. */
typedef int (*op_fn)(const ctx *c, test_sink *k, pl_error *err);

typedef int (*describe_fn)(const void *obj, const ctx *c, pl_emitter *e);

/* The test's own allocation failed: the same answer the library gives. */
static int nomem(pl_error *err)
{
    err->code = PL_ENOMEM;
    snprintf(err->msg, sizeof err->msg, "out of memory");
    return PL_ENOMEM;
}

/* obj described as JSON into k; the emitter's own failures count too. */
static int as_json(const void *obj, const ctx *c, describe_fn describe, test_sink *k,
                   pl_error *err)
{
    pl_emitter *e;
    int rc = pl_emitter_new(&e, PL_FORMAT_JSON, test_sink_write, k, NULL, err);
    if (rc)
        return rc;
    pl_emit_object_begin(e, NULL, NULL);
    /* PL_ENOMEM: something left out, perhaps with a container still open; the CLI then
       abandons the document (cli_document_done), whatever finishing it would say */
    int drc = describe(obj, c, e);
    pl_emit_object_end(e);
    rc = drc == PL_ENOMEM ? nomem(err) : pl_emitter_finish(e, err);
    pl_emitter_free(e);
    return rc;
}

/* ---- the operations ------------------------------------------------------ */

static int describe_scenario(const void *obj, const ctx *c, pl_emitter *e)
{
    (void)c;
    return pl_scenario_emit(obj, e);
}

static int op_load(const ctx *c, test_sink *k, pl_error *err)
{
    (void)c;
    pl_scenario *s;
    int rc = pl_scenario_load_builtin(&s, NULL, NULL, err);
    if (rc)
        return rc;
    rc = as_json(s, c, describe_scenario, k, err);
    pl_scenario_free(s);
    return rc;
}

/* A scenario from c->data (red lines, guarantees tied to options), described. */
static int op_load_buffer(const ctx *c, test_sink *k, pl_error *err)
{
    pl_scenario *s;
    int rc = pl_scenario_load_buffer(&s, c->data, c->len, "seed.yaml", NULL, err);
    if (rc)
        return rc;
    rc = as_json(s, c, describe_scenario, k, err);
    pl_scenario_free(s);
    return rc;
}

/* The built-in scenario with a variant and changes (the document changed before it is read). */
static int op_load_changed(const ctx *c, test_sink *k, pl_error *err)
{
    static const char *const changes[] = {"positions.RUS.TERR.salience=0.3",
                                          "actors.NEW.x={a: [1, 2]}"};
    pl_load_opts o = PL_LOAD_OPTS_INIT;
    o.variant = "us-re-engages";
    o.changes = changes;
    o.n_changes = 1;
    pl_scenario *s;
    int rc = pl_scenario_load_builtin(&s, NULL, &o, err);
    if (rc)
        return rc;
    rc = as_json(s, c, describe_scenario, k, err);
    pl_scenario_free(s);
    if (rc)
        return rc;
    /* a change that fails on a path: an error, never a scenario */
    o.changes = changes + 1;
    rc = pl_scenario_load_builtin(&s, NULL, &o, err);
    return rc == PL_EINPUT ? test_sink_write(err->msg, strlen(err->msg), k) ? PL_EIO : PL_OK
                           : rc;
}

/* An import's YAML, then its scenario as JSON, into k; frees both. */
static int imported(pl_scenario *s, char *yaml, const ctx *c, test_sink *k, pl_error *err)
{
    int rc = test_sink_write(yaml, strlen(yaml), k) ? PL_EIO : PL_OK;
    free(yaml);
    if (!rc)
        rc = as_json(s, c, describe_scenario, k, err);
    pl_scenario_free(s);
    return rc;
}

static int op_import(const ctx *c, test_sink *k, pl_error *err)
{
    pl_scenario *s;
    char *yaml;
    int rc = pl_import_buffer(&s, &yaml, c->data, c->len, "sample", c->fmt, NULL, err);
    return rc ? rc : imported(s, yaml, c, k, err);
}

/* A GENIUS import: c->data is the domain and the profiles, split at "\n----\n". */
static int op_genius(const ctx *c, test_sink *k, pl_error *err)
{
    const char *part[8];
    size_t len[8], n = 0;
    for (const char *p = c->data, *end = c->data + c->len; p && n < 8; n++) {
        const char *sep = strstr(p, "\n----\n");
        part[n] = p;
        len[n] = sep ? (size_t)(sep - p) : (size_t)(end - p);
        p = sep ? sep + 6 : NULL;
    }
    pl_scenario *s;
    char *yaml;
    int rc = pl_import_genius_buffers(&s, &yaml, n, part, len, NULL, NULL, err);
    return rc ? rc : imported(s, yaml, c, k, err);
}

/* An input recognised and loaded (pl_input_from_buffer, pl_input_load). */
static int op_input(const ctx *c, test_sink *k, pl_error *err)
{
    pl_input *in;
    pl_scenario *s;
    int rc = pl_input_from_buffer(&in, c->data, c->len, "sample", err);
    if (rc)
        return rc;
    rc = pl_input_load(&s, NULL, 1, (const pl_input *const[]){in}, PL_INPUT_UNKNOWN, NULL, err);
    pl_input_free(in);
    if (rc)
        return rc;
    rc = as_json(s, c, describe_scenario, k, err);
    pl_scenario_free(s);
    return rc;
}

/* A file with many errors read on after each (validate's way): the list's messages. */
static int op_every_error(const ctx *c, test_sink *k, pl_error *err)
{
    pl_error_list *list;
    if (pl_error_list_new(&list, 0) != PL_OK)
        return nomem(err);
    pl_load_opts o = PL_LOAD_OPTS_INIT;
    o.errors = list;
    pl_scenario *s = NULL;
    int rc = pl_scenario_load_buffer(&s, c->data, c->len, "every-section.yaml", &o, err);
    pl_scenario_free(s);
    for (size_t i = 0; rc == PL_EINPUT && i < pl_error_list_count(list); i++) {
        const char *m = pl_error_list_get(list, i)->msg;
        if (test_sink_write(m, strlen(m), k))
            rc = PL_EIO;
    }
    pl_error_list_free(list);
    return rc == PL_EINPUT ? PL_OK : rc;
}

static int describe_forecast(const void *obj, const ctx *c, pl_emitter *e)
{
    int rc = pl_forecast_emit(obj, c->s, e), r;
    if ((r = pl_forecast_emit_eum(obj, c->s, 1, e)) && !rc)
        rc = r;
    if ((r = pl_forecast_emit_smp(obj, c->s, 1, e)) && !rc)
        rc = r;
    if ((r = pl_forecast_emit_exchanges(obj, c->s, e)) && !rc)
        rc = r;
    return rc;
}

static int op_forecast(const ctx *c, test_sink *k, pl_error *err)
{
    pl_forecast *f;
    pl_forecast_opts o = PL_FORECAST_OPTS_INIT;
    o.models = c->models;
    int rc = pl_forecast_compute(&f, c->s, &o, err);
    if (rc)
        return rc;
    rc = as_json(f, c, describe_forecast, k, err);
    pl_forecast_free(f);
    return rc;
}

static int describe_evaluation(const void *obj, const ctx *c, pl_emitter *e)
{
    return pl_evaluation_emit(obj, c->s, e);
}

/* Cross-validated evaluation (every column, the fits in each fold, the scores) with errors. */
static int op_evaluate(const ctx *c, test_sink *k, pl_error *err)
{
    pl_evaluation *v;
    pl_evaluate_opts o = PL_EVALUATE_OPTS_INIT;
    o.resamples = 20;
    o.cv = PL_CV_GROUP;
    o.errors = 1;
    o.rounds = 3;
    int rc = pl_evaluate(&v, c->s, &o, err);
    if (rc)
        return rc;
    rc = as_json(v, c, describe_evaluation, k, err);
    pl_evaluation_free(v);
    return rc;
}

static int describe_settle(const void *obj, const ctx *c, pl_emitter *e)
{
    (void)c;
    return pl_settle_emit(obj, NULL, e);
}

static int op_settle(const ctx *c, test_sink *k, pl_error *err)
{
    pl_settlement *st;
    int rc = pl_settle_compute(&st, c->s, NULL, err);
    if (rc)
        return rc;
    rc = as_json(st, c, describe_settle, k, err);
    pl_settle_free(st);
    return rc;
}

/* A scenario from c->data (the no_deal section's reader), then its settlement. */
static int op_load_settle(const ctx *c, test_sink *k, pl_error *err)
{
    pl_scenario *s;
    int rc = pl_scenario_load_buffer(&s, c->data, c->len, "nodeal.yaml", NULL, err);
    if (rc)
        return rc;
    ctx sc = *c;
    sc.s = s;
    pl_settlement *st;
    rc = pl_settle_compute(&st, s, NULL, err);
    if (!rc)
        rc = as_json(st, &sc, describe_settle, k, err);
    pl_settle_free(st);
    pl_scenario_free(s);
    return rc;
}

static int describe_power(const void *obj, const ctx *c, pl_emitter *e)
{
    return pl_power_emit(obj, c->game, e);
}

static int power_json(const ctx *c, test_sink *k, const pl_power_opts *o, pl_error *err)
{
    pl_power *p;
    int rc = pl_power_compute(&p, c->game, o, err);
    if (rc)
        return rc;
    rc = as_json(p, c, describe_power, k, err);
    pl_power_free(p);
    return rc;
}

static int op_power(const ctx *c, test_sink *k, pl_error *err)
{
    return power_json(c, k, NULL, err);
}

/* Without Shapley-Shubik: the one-condition table that also counts minimal coalitions. */
static int op_power_banzhaf(const ctx *c, test_sink *k, pl_error *err)
{
    pl_power_opts o = PL_POWER_OPTS_INIT;
    o.no_shapley = 1;
    return power_json(c, k, &o, err);
}

static int describe_power_doc(const void *obj, const ctx *c, pl_emitter *e)
{
    (void)c;
    return pl_power_doc_emit(obj, e);
}

/* `parley power`'s document: every body's game, its power and whether it can act against
   its target. */
static int op_power_bodies(const ctx *c, test_sink *k, pl_error *err)
{
    pl_power_doc *d;
    int rc = pl_power_doc_scenario(&d, c->s, NULL, NULL, NULL, err);
    if (rc)
        return rc;
    rc = as_json(d, c, describe_power_doc, k, err);
    pl_power_doc_free(d);
    return rc;
}

static int describe_durability(const void *obj, const ctx *c, pl_emitter *e)
{
    (void)c;
    return pl_durability_emit(obj, e);
}

static int op_durability(const ctx *c, test_sink *k, pl_error *err)
{
    double deal[64];
    size_t K = pl_scenario_n_issues(c->s);
    assert_true(K <= 64);
    for (size_t i = 0; i < K; i++)
        deal[i] = 50;
    pl_durability *d;
    int rc = pl_durability_compute(&d, c->s, deal, err);
    if (rc)
        return rc;
    rc = as_json(d, c, describe_durability, k, err);
    pl_durability_free(d);
    return rc;
}

static int describe_durability_doc(const void *obj, const ctx *c, pl_emitter *e)
{
    (void)c;
    return pl_durability_doc_emit(obj, e);
}

/* `parley durability`'s whole document (settlement, Nash deal, check, gains, staging). */
static int op_durability_doc(const ctx *c, test_sink *k, pl_error *err)
{
    pl_durability_doc *d;
    int rc = pl_durability_doc_compute(&d, c->s, NULL, NULL, err);
    if (rc)
        return rc;
    rc = as_json(d, c, describe_durability_doc, k, err);
    pl_durability_doc_free(d);
    return rc;
}

static int describe_stress(const void *obj, const ctx *c, pl_emitter *e)
{
    (void)c;
    return pl_stress_emit(obj, 10, e);
}

static int op_stress(const ctx *c, test_sink *k, pl_error *err)
{
    pl_stress_opts o = PL_STRESS_OPTS_INIT;
    o.draws = 3;
    pl_stress *st;
    int rc = pl_stress_run(&st, c->s, &o, err);
    if (rc)
        return rc;
    rc = as_json(st, c, describe_stress, k, err);
    pl_stress_free(st);
    return rc;
}

typedef struct claims_out {
    const pl_claims *cl;
    const pl_claim_result *res;
    const uint64_t *holds, *defined;
} claims_out;

static int describe_claims(const void *obj, const ctx *c, pl_emitter *e)
{
    (void)c;
    const claims_out *o = obj;
    return pl_claims_emit(o->cl, o->res, o->holds, o->defined, 2, e);
}

static int op_claims(const ctx *c, test_sink *k, pl_error *err)
{
    size_t len;
    const char *text = pl_builtin_claims("ukraine-2025", &len);
    assert_non_null(text);
    pl_claims *cl;
    int rc = pl_claims_load_buffer(&cl, c->s, text, len, "claims.yaml", err);
    if (rc)
        return rc;
    size_t n = pl_claims_count(cl);
    pl_claim_result *res = calloc(n, sizeof *res);
    uint64_t *holds = calloc(n, sizeof *holds), *defined = calloc(n, sizeof *defined);
    if (!res || !holds || !defined) /* the test's own: still a failed allocation */
        rc = nomem(err);
    if (!rc)
        rc = pl_claims_evaluate(cl, c->s, res, err);
    if (!rc)
        rc = pl_claims_robustness(cl, c->s, 2, 1, 1, holds, defined, err);
    claims_out o = {cl, res, holds, defined};
    if (!rc)
        rc = as_json(&o, c, describe_claims, k, err);
    free(res), free(holds), free(defined);
    pl_claims_free(cl);
    return rc;
}

typedef struct verdict_out {
    const pl_verdict *v;
    const pl_proposal *p;
} verdict_out;

static int describe_verdict(const void *obj, const ctx *c, pl_emitter *e)
{
    const verdict_out *o = obj;
    int rc = pl_proposal_emit_sources(o->p, c->s, e);
    int rv = pl_verdict_emit(o->v, e);
    return rc ? rc : rv;
}

/* A built-in proposal (terms with sources and notes) read and judged: settle, ratification,
   durability (parley durability --proposal moscow-terms). */
static int op_verdict(const ctx *c, test_sink *k, pl_error *err)
{
    size_t len;
    const char *text = pl_builtin_proposal("ukraine-2025", "moscow-terms", &len);
    assert_non_null(text);
    pl_proposal *p = NULL;
    pl_settlement *st = NULL;
    pl_verdict *v = NULL;
    pl_settle_opts so = PL_SETTLE_OPTS_INIT;
    so.max_enumerate = 0, so.logrolls = 0;
    int rc = pl_proposal_load_buffer(&p, c->s, text, len, "moscow-terms.yaml", err);
    if (!rc)
        rc = pl_settle_compute(&st, c->s, &so, err);
    if (!rc)
        rc = pl_verdict_compute(&v, c->s, st, p, err);
    verdict_out o = {v, p};
    if (!rc)
        rc = as_json(&o, c, describe_verdict, k, err);
    pl_verdict_free(v);
    pl_settle_free(st);
    pl_proposal_free(p);
    return rc;
}

static int op_report(const ctx *c, test_sink *k, pl_error *err)
{
    pl_report_opts o = PL_REPORT_OPTS_INIT;
    o.draws = 2;
    pl_report *r;
    int rc = pl_report_build(&r, c->s, &o, err);
    if (rc)
        return rc;
    rc = pl_report_html(r, test_sink_write, k, err);
    pl_report_free(r);
    return rc;
}

/* parley serve's POST /api/run: the answer's documents, or 503 "out of memory" (never
   another answer); the timings ("ms") are left out, they differ run to run. */
static int op_serve_run(const ctx *c, test_sink *k, pl_error *err)
{
    static const char body[] = "{\"set\": [[\"positions.RUS.TERR.salience\", 0.25]], "
                               "\"analyses\": [\"forecast\", \"settle\", \"durability\"]}";
    pl__serve_resp r;
    pl__serve_handle(c->serve, "POST", "/api/run", body, sizeof body - 1, &r);
    const char *text = r.static_body ? r.static_body : r.body.buf;
    int rc = PL_OK;
    if (r.status == 503 && strstr(text, "\"message\": \"out of memory\""))
        rc = nomem(err);
    else if (r.status != 200) {
        err->code = rc = PL_ERROR;
        snprintf(err->msg, sizeof err->msg, "HTTP %d: %.200s", r.status, text);
    }
    else {
        const char *ms = strstr(text, "}, \"ms\": {");
        test_sink_write(text, ms ? (size_t)(ms - text) : strlen(text), k);
    }
    pl__serve_resp_free(&r);
    return rc;
}

/* ---- the sweep ------------------------------------------------------------ */

static void sweep_some(const char *name, op_fn op, const ctx *c, long dense, long sparse)
{
    test_sink want = {NULL, 0, 0};
    pl_error err;
    fail_alloc_arm(0); /* count only */
    int rc = op(c, &want, &err);
    long total = fail_alloc_count();
    fail_alloc_disarm();
    if (rc)
        fail_msg("%s: %s", name, err.msg);
    long step = total > dense ? (total - dense) / sparse + 1 : 1, tried = 0;
    const char *env = getenv("OOM_ONLY");
    long only = env ? atol(env) : 0;
    clock_t t0 = clock();
    for (long n = 1; n <= total; n += n < dense ? 1 : step, tried++) {
        if (only && n != only)
            continue;
        /* room for the whole output first, so the sink itself never allocates */
        test_sink k = {malloc(want.len + 1), 0, want.len + 1};
        assert_non_null(k.data);
        memset(&err, 0, sizeof err);
        fail_alloc_arm(n);
        rc = op(c, &k, &err);
        int hit = fail_alloc_disarm();
        if (hit && (rc != PL_ENOMEM || strcmp(err.msg, "out of memory") != 0))
            fail_msg("%s: allocation %ld of %ld failed: rc %d, \"%s\"", name, n, total, rc,
                     err.msg);
        if (!hit && (rc != PL_OK || k.len != want.len || memcmp(k.data, want.data, k.len)))
            fail_msg("%s: allocation %ld not reached, yet rc %d or other output", name, n, rc);
        free(k.data);
    }
    print_message("%-18s %6ld allocations, %5ld failed in turn, %.1f s\n", name, total, tried,
                  (double)(clock() - t0) / CLOCKS_PER_SEC);
    free(want.data);
}

static void sweep(const char *name, op_fn op, const ctx *c)
{
    sweep_some(name, op, c, DENSE, SPARSE);
}

static pl_scenario *builtin(void)
{
    pl_scenario *s;
    assert_int_equal(pl_scenario_load_builtin(&s, NULL, NULL, NULL), PL_OK);
    return s;
}

static void test_load(void **state)
{
    (void)state;
    sweep("load builtin", op_load, &(ctx){0});
    sweep("load builtin with a variant and changes", op_load_changed, &(ctx){0});
}

static char *slurp(const char *rel, size_t *len);

static void test_importers(void **state)
{
    (void)state;
    static const struct { const char *file; pl_import_format fmt; } in[] = {
        {"synthetic.deu.txt", PL_IMPORT_DEU},   {"synthetic.decide.txt", PL_IMPORT_DECIDE},
        {"synthetic.ktab.txt", PL_IMPORT_KTAB}, {"synthetic.ktab.xml", PL_IMPORT_KTAB}};
    for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/fuzz/seeds/%s", PL_SOURCE_DIR, in[i].file);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        char *data = malloc(1 << 20);
        size_t len = fread(data, 1, 1 << 20, f);
        fclose(f);
        ctx c = {NULL, data, len, in[i].fmt, NULL, 0};
        sweep(in[i].file, op_import, &c);
        free(data);
    }
    size_t len;
    char *data = slurp("fuzz/seeds/genius/cp1252.txt", &len);
    sweep("genius/cp1252.txt", op_genius, &(ctx){NULL, data, len, 0, NULL, 0});
    free(data);
}

static char *slurp(const char *rel, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", PL_SOURCE_DIR, rel);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *data = malloc(1 << 20);
    assert_non_null(data);
    *len = fread(data, 1, 1 << 20, f);
    fclose(f);
    return data;
}

static void test_inputs(void **state)
{
    (void)state;
    ctx c = {0};
    char *data = slurp("fuzz/seeds/synthetic.decide.txt", &c.len);
    c.data = data;
    sweep("input (Decide)", op_input, &c);
    free(data);
    data = slurp("tests/cli/validate/every-section.yaml", &c.len);
    c.data = data;
    sweep("every error", op_every_error, &c);
    free(data);
}

/* The no_deal section: its reader, the settlement that reports it, draws that copy it. */
static void test_nodeal(void **state)
{
    (void)state;
    ctx c = {0};
    char *data = slurp("tests/scenarios/nodeal.yaml", &c.len);
    c.data = data;
    sweep("no_deal settle", op_load_settle, &c);
    pl_scenario *s;
    assert_int_equal(pl_scenario_load_buffer(&s, data, c.len, "nodeal.yaml", NULL, NULL), PL_OK);
    c.s = s;
    sweep_some("no_deal stress", op_stress, &c, 400, 100);
    pl_scenario_free(s);
    free(data);
}

static void test_analyses(void **state)
{
    (void)state;
    pl_scenario *s = builtin();
    ctx c = {s, NULL, 0, 0, NULL, 0};
    sweep("forecast", op_forecast, &c); /* the default set: every model but the SMP */
    ctx smp = c;
    smp.models = 1u << PL_MODEL_SMP | 1u << PL_MODEL_EXCHANGE;
    sweep("forecast smp+exch", op_forecast, &smp);
    sweep("settle", op_settle, &c);
    sweep("power (bodies)", op_power_bodies, &c);
    sweep("durability", op_durability, &c);
    pl_scenario *j = NULL;  /* regimes: the survival part of durability */
    char path[512];
    snprintf(path, sizeof path, "%s/tests/scenarios/jcpoa-2015.yaml", PL_SOURCE_DIR);
    assert_int_equal(pl_scenario_load_file(&j, path, NULL, NULL), PL_OK);
    ctx cj = {j, NULL, 0, 0, NULL, 0};
    sweep("durability (regimes)", op_durability, &cj);
    sweep_some("durability document", op_durability_doc, &c, 400, 200);
    pl_scenario_free(j);
    sweep_some("stress", op_stress, &c, 700, 150);
    sweep_some("claims", op_claims, &c, 300, 200);
    sweep_some("proposal verdict", op_verdict, &c, 400, 200);
    sweep_some("report", op_report, &c, 250, 250);
    pl_scenario_free(s);
}

/* The EUM under Scholz's probability above 64 actors: its table (reused round after
   round) and the threads' scratch rows; the final positions are the output. */
static int op_eum_scholz(const ctx *c, test_sink *k, pl_error *err)
{
    (void)c;
    enum { N = 80 };
    double x[N], cap[N], sal[N];
    for (size_t i = 0; i < N; i++) { /* a fixed spread: every salience, positions in a cycle */
        x[i] = (double)(i * 37 % 101);
        cap[i] = 1 + (double)(i % 7);
        sal[i] = (double)(i % 10) / 10 + 0.05;
    }
    pl_eum_opts o;
    pl_eum *e = NULL;
    assert_int_equal(pl_eum_preset(&o, "scholz_code", NULL), PL_OK);
    o.rounds = 3;
    o.threads = 2;
    int rc = pl_eum_run(&e, x, cap, sal, N, &o, err);
    for (size_t i = 0; rc == PL_OK && i < N; i++) {
        char b[40];
        int len = snprintf(b, sizeof b, "%a\n", pl_eum_position(e, pl_eum_n_rounds(e), i));
        if (test_sink_write(b, (size_t)len, k))
            rc = PL_EIO;
    }
    pl_eum_free(e);
    return rc;
}

static void test_eum_scholz(void **state)
{
    (void)state;
    ctx c = {NULL, NULL, 0, 0, NULL, 0};
    sweep("eum scholz_code", op_eum_scholz, &c);
}

static void test_serve(void **state)
{
    (void)state;
    pl__serve_ctx sc;  /* the server's state is made once, as the server makes it */
    pl_serve_opts so = PL_SERVE_OPTS_INIT;
    assert_int_equal(pl__serve_ctx_init(&sc, &so, NULL), PL_OK);
    ctx cs = {NULL, NULL, 0, 0, NULL, 0, &sc};
    sweep_some("serve /api/run", op_serve_run, &cs, 400, 200);
    pl__serve_ctx_free(&sc);
}

/* The veto model (decided_by bodies' games) and a cross-validated evaluation. */
static void test_evaluate(void **state)
{
    (void)state;
    static const char *const data =
        "parley: 1\nname: ev\nactors:\n  - {id: A, capability: 1}\n  - {id: B, capability: 3}\n"
        "  - {id: C, capability: 2}\nissues:\n"
        "  - {id: X1, group: P1, scale: {0: a, 100: b}, status_quo: 0, outcome: 40}\n"
        "  - {id: X2, group: P1, scale: {0: a, 100: b}, outcome: 80, decided_by: ALL}\n"
        "  - {id: X3, group: P2, scale: {0: a, 100: b}, status_quo: 50, outcome: 0}\n"
        "  - {id: X4, group: P3, scale: {0: a, 100: b}, outcome: 30}\n"
        "positions:\n"
        "  A: {X1: {position: 0, salience: 1}, X2: {position: 100, salience: 0.5},\n"
        "      X3: {position: 0, salience: 1}, X4: {position: 10, salience: 1}}\n"
        "  B: {X1: {position: 100, salience: 1}, X2: {position: 60, salience: 0.5},\n"
        "      X3: {position: 20, salience: 1}, X4: {position: 50, salience: 1}}\n"
        "  C: {X1: {position: 30, salience: 1}, X2: {position: 70, salience: 1},\n"
        "      X3: {position: 60, salience: 1}, X4: {position: 90, salience: 1}}\n"
        "bodies:\n  - {id: ALL, members: [A, B, C], quota: \"2/3\"}\n";
    pl_scenario *s;
    assert_int_equal(pl_scenario_load_buffer(&s, data, strlen(data), "ev.yaml", NULL, NULL),
                     PL_OK);
    ctx c = {s, NULL, 0, 0, NULL, 1u << PL_MODEL_VETO};
    sweep("forecast veto", op_forecast, &c);
    sweep_some("evaluate --cv", op_evaluate, &c, 600, 200);
    pl_scenario_free(s);
}

/* Red lines and a tied guarantee: reading them, settle (a ratifier's red line: the masks,
   the restricted merges, the per-red-line counts) and durability (provided_by). */
static void test_red_lines(void **state)
{
    (void)state;
    static const char *const seeds[] = {"fuzz/seeds/scenario/red-lines-ratify.yaml",
                                        "fuzz/seeds/scenario/guarantee-provided-by.yaml"};
    for (size_t j = 0; j < 2; j++) {
        ctx c = {NULL, NULL, 0, 0, NULL, 0};
        char *data = slurp(seeds[j], &c.len);
        pl_scenario *s;
        c.data = data;
        sweep("load seed", op_load_buffer, &c);
        assert_int_equal(pl_scenario_load_buffer(&s, data, c.len, "seed.yaml", NULL, NULL),
                         PL_OK);
        c.s = s;
        sweep(j ? "durability (provided_by)" : "settle (red lines)",
              j ? op_durability : op_settle, &c);
        pl_scenario_free(s);
        free(data);
    }
}

/* 70 members: counts beyond one 64-bit word, so the multi-word GMP path. GMP's own
   allocations go through malloc during pl_power_compute (src/power/gmp_mem.c), so they are
   failed in turn too: PL_ENOMEM, not GMP's abort. */
static int describe_compare(const void *obj, const ctx *c, pl_emitter *e)
{
    (void)c;
    return pl_compare_emit(obj, e);
}

/* `parley compare FILE --set ...`: both sides loaded, the input diff (the document changed
   again), forecast, settle and durability on each side, the result trees diffed. */
static int op_compare(const ctx *c, test_sink *k, pl_error *err)
{
    static const char *const changes[] = {"positions.USA.ENRICH.position=40"};
    pl_load_opts o = PL_LOAD_OPTS_INIT;
    o.changes = changes;
    o.n_changes = 1;
    pl_scenario *s[2] = {NULL, NULL};
    int rc = pl_scenario_load_buffer(&s[0], c->data, c->len, "j.yaml", NULL, err);
    if (!rc)
        rc = pl_scenario_load_buffer(&s[1], c->data, c->len, "j.yaml", &o, err);
    pl_compare_side side[2] = {PL_COMPARE_SIDE_INIT, PL_COMPARE_SIDE_INIT};
    for (int i = 0; i < 2; i++) {
        side[i].s = s[i];
        side[i].text = c->data;
        side[i].len = c->len;
        side[i].name = "j.yaml";
    }
    pl_compare *cmp = NULL;
    if (!rc)
        rc = pl_compare_compute(&cmp, &side[0], &side[1], NULL, err);
    if (!rc)
        rc = as_json(cmp, c, describe_compare, k, err);
    pl_compare_free(cmp);
    pl_scenario_free(s[0]);
    pl_scenario_free(s[1]);
    return rc;
}

static void test_compare(void **state)
{
    (void)state;
    ctx c = {0};
    char *data = slurp("tests/scenarios/jcpoa-2015.yaml", &c.len);
    c.data = data;
    sweep_some("compare", op_compare, &c, 600, 200);
    free(data);
}

static void test_power_large(void **state)
{
    (void)state;
    enum { N = 70 };
    pl_game *g;
    assert_int_equal(pl_game_new(&g, N, NULL), PL_OK);
    int64_t w[N];
    for (size_t m = 0; m < N; m++)
        w[m] = 1 + (int64_t)(m % 4);
    assert_int_equal(pl_game_add_condition(g, w, 120, NULL), PL_OK);
    ctx c = {NULL, NULL, 0, 0, g, 0};
    sweep("power (70, GMP)", op_power, &c);
    sweep("power (70, GMP, no Shapley-Shubik)", op_power_banzhaf, &c);
    pl_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load),
        cmocka_unit_test(test_importers),
        cmocka_unit_test(test_inputs),
        cmocka_unit_test(test_nodeal),
        cmocka_unit_test(test_analyses),
        cmocka_unit_test(test_eum_scholz),
        cmocka_unit_test(test_serve),
        cmocka_unit_test(test_evaluate),
        cmocka_unit_test(test_red_lines),
        cmocka_unit_test(test_power_large),
        cmocka_unit_test(test_compare),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
