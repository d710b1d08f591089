/* SPDX-License-Identifier: MIT */
/*
** fuzz_serve.c: libFuzzer target for parley serve's request bodies. The first
** byte picks the route the rest is sent to, through the same handler the
** server calls (pl__serve_handle, no sockets): 0 POST /api/validate, 1 POST
** /api/yaml, 2 POST /api/run with the analyses the body asks for reduced to
** the forecast (the body parser decides; the settlement is the settle fuzzers'
** business), 3 the body parser alone. Every answer must be one of the
** statuses docs/api.md lists, have a body, and an error must be the JSON error
** object; a 200 from /api/yaml must load (it is checked against the changed
** scenario inside the handler, which answers 500 when it is not).
**   make fuzz FUZZ_TIME=300
** Built without libFuzzer (fuzz/replay.c) it replays files, for CTest.
*/
#include "serve/serve_impl.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pl__serve_ctx *context(void)
{
    static pl__serve_ctx c;
    static int ready;
    if (!ready) {
        pl_serve_opts o = PL_SERVE_OPTS_INIT;
        if (pl__serve_ctx_init(&c, &o, NULL) != PL_OK)
            abort();  /* the built-in scenario loads: a failure here is a bug */
        ready = 1;
    }
    return &c;
}

static void check(const pl__serve_resp *r)
{
    static const int ok[] = {200, 400, 404, 413, 503};
    size_t i = 0;
    while (i < sizeof ok / sizeof ok[0] && ok[i] != r->status)
        i++;
    if (i == sizeof ok / sizeof ok[0])
        abort();  /* 500 is a bug: an edited text that does not load, or a crash avoided */
    const char *body = r->static_body ? r->static_body : r->body.buf;
    if (!body || !body[0])
        abort();
    static const char error[] = "{\"ok\": false, \"error\": {\"status\": ";
    if (r->status != 200 && strncmp(body, error, sizeof error - 1) != 0)
        abort();
}

/* Route 2: the body's own analyses replaced by the forecast alone. */
static void run_forecast(pl__serve_ctx *c, const char *body, size_t len, pl__serve_resp *r)
{
    pl__serve_req q;
    pl_error err;
    pl_error_clear(&err);
    memset(r, 0, sizeof *r);
    r->status = 200;
    r->type = "application/json";
    if (pl__serve_req_parse(&q, body, len, &err) != PL_OK)
        pl__serve_error(r, 400, &err, NULL);
    else {
        q.analyses = PL_SERVE_FORECAST;
        q.draws = 0;
        pl__serve_run(c, &q, r);
    }
    pl__serve_req_free(&q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    pl__serve_ctx *c = context();
    const char *body = (const char *)data + 1;
    size_t len = size - 1;
    pl__serve_resp r;
    switch (data[0] & 3) {
    case 0:
        pl__serve_handle(c, "POST", "/api/validate", body, len, &r);
        break;
    case 1:
        pl__serve_handle(c, "POST", "/api/yaml", body, len, &r);
        break;
    case 2:
        run_forecast(c, body, len, &r);
        break;
    default: {
        pl__serve_req q;
        pl_error err;
        pl_error_clear(&err);
        if (pl__serve_req_parse(&q, body, len, &err) != PL_OK && !err.msg[0])
            abort();  /* a refused body must say why */
        pl__serve_req_free(&q);
        return 0;
    }
    }
    check(&r);
    pl__serve_resp_free(&r);
    return 0;
}
