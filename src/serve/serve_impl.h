/* SPDX-License-Identifier: MIT */
/*
** serve_impl.h: the server's request handling, apart from the sockets.
** pl__serve_handle is a function of (server state, method, path, body) to a
** response: libmicrohttpd's callback (http.c), the unit tests and the fuzz
** target all call it, so what is tested is what is served.
*/
#ifndef PL_SERVE_IMPL_H
#define PL_SERVE_IMPL_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include "parley/parley.h"
#include "parley/serve.h"
#include "../core/buf.h"
#include "../scenario/doc.h"

/* The analyses POST /api/run can run (bit i: pl__serve_analysis_names[i]). */
enum {
    PL_SERVE_FORECAST = 1u << 0,
    PL_SERVE_SETTLE = 1u << 1,
    PL_SERVE_POWER = 1u << 2,
    PL_SERVE_DURABILITY = 1u << 3,
    PL_SERVE_CLAIMS = 1u << 4,
    PL_SERVE_N_ANALYSES = 5
};
extern const char *const pl__serve_analysis_names[PL_SERVE_N_ANALYSES];

/* Per-request work limits: what the CLI refuses above, the server refuses with 503. */
#define PL_SERVE_MAX_DRAWS 20000u        /* stress and claims draws per request */
#define PL_SERVE_MAX_CHANGES 256u        /* `set` entries per request */
#define PL_SERVE_MAX_BODY_DEFAULT (1u << 20)

/* A request body, parsed (request.c). Strings point into doc or chg. */
typedef struct pl__serve_req {
    pl_doc doc;
    const char *scenario;     /* NULL: the start-up scenario */
    size_t scenario_len;
    const char *variant, *proposal;
    const char **changes;     /* "PATH=VALUE", as --set takes them */
    size_t n_changes;
    unsigned analyses;        /* PL_SERVE_* bits; 0: not given */
    uint64_t seed, draws;     /* options.seed, options.draws */
    int has_seed, has_draws;
    double step;              /* options.step; 0: not given */
    int no_breakeven;         /* options.breakeven false: claims without it (--no-breakeven) */
} pl__serve_req;

/* A stress job (job.c): one at a time per server. */
typedef struct pl__serve_job {
    pthread_mutex_t mu;
    pthread_t thread;
    int started;              /* a thread to join */
    unsigned id;              /* 0: none yet */
    int state;                /* 0 none, 1 running, 2 done, 3 error, 4 cancelled */
    int cancel;
    uint64_t done, total;
    pl__buf result;           /* the stress document, or the error JSON */
    pl_scenario *s;           /* owned by the job while it runs */
    pl_stress_opts opts;
} pl__serve_job;

/* What every request may read: the start-up scenario, the limits. */
typedef struct pl__serve_ctx {
    char *text;               /* the start-up scenario's text (NUL-terminated) */
    size_t len;
    char *name;               /* its name in messages */
    int builtin;              /* it is the built-in scenario (with its claims, proposals) */
    size_t max_body;
    char *save_dir;           /* NULL: POST /api/save is off */
    char *claims;             /* the claims' text (NUL-terminated): --claims, else the
                                 built-in scenario's own; NULL: none */
    size_t claims_len;
    char *claims_name;
    pl__serve_job job;
} pl__serve_ctx;

typedef struct pl__serve_resp {
    int status;
    const char *type;         /* static Content-Type */
    pl__buf body;
    const char *static_body;  /* instead of body when not NULL (the page) */
    size_t static_len;
    const char *allow;        /* Allow header of a 405 */
    char disposition[160];    /* Content-Disposition, "" when none */
} pl__serve_resp;

/* Set up ctx over a copy of the scenario text (NULL: the built-in); PL_EINPUT when it
   does not load. */
int pl__serve_ctx_init(pl__serve_ctx *c, const pl_serve_opts *o, pl_error *err);
void pl__serve_ctx_free(pl__serve_ctx *c);

/* Answer one request. Always fills r (an error is a JSON error response); returns
   PL_OK, or PL_ENOMEM when even the error could not be composed (then r->status 500 with
   a static body). */
int pl__serve_handle(pl__serve_ctx *c, const char *method, const char *path, const char *body,
                     size_t len, pl__serve_resp *r);
void pl__serve_resp_free(pl__serve_resp *r);

/* ---- request.c ---------------------------------------------------------- */
/* Parse a POST body (empty: all defaults); PL_EINPUT with err naming "request" and
   the line and column. */
int pl__serve_req_parse(pl__serve_req *q, const char *body, size_t len, pl_error *err);
void pl__serve_req_free(pl__serve_req *q);
/* options.seed into the forecast options the way the commands' --seed sets them. */
void pl__serve_seed(pl_forecast_opts *fo, const pl__serve_req *q);

/* A string literal onto a buffer. */
#define PL_SERVE_PUT(b, lit) pl__buf_put((b), (lit), sizeof(lit) - 1)

/* ---- reply.c ------------------------------------------------------------ */
/* r becomes the JSON error {"ok": false, "error": {...}} with this status; path (may be
   NULL) is the --set path the error is about. */
void pl__serve_error(pl__serve_resp *r, int status, const pl_error *err, const char *path);
/* The same with a message only. */
void pl__serve_fail(pl__serve_resp *r, int status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* s as a JSON string literal (quotes included) onto b. */
void pl__serve_json_string(pl__buf *b, const char *s, size_t n);
/* A JSON document written by an emitter into b: begin returns the emitter writing to b. */
int pl__serve_emitter(pl_emitter **e, pl__buf *b, pl_error *err);
/* The status of a library error code: 400 for bad input, 500 otherwise. */
int pl__serve_status_of(int code);

/* ---- scenario.c --------------------------------------------------------- */
/* Load the request's scenario (its own text, or the start-up one) with its variant
   and changes. On failure r holds the error response. */
int pl__serve_load(const pl__serve_ctx *c, const pl__serve_req *q, pl_scenario **s,
                   pl__serve_resp *r);
/* GET /api/scenario, POST /api/validate. */
void pl__serve_get_scenario(pl__serve_ctx *c, pl__serve_resp *r);
void pl__serve_validate(pl__serve_ctx *c, const pl__serve_req *q, pl__serve_resp *r);
/* {"parley": version, "scenario": name, then the analysis} : the document's frame the
   commands write (the CLI's cli_document_begin does the same through pl_document_begin). */

/* ---- run.c -------------------------------------------------------------- */
void pl__serve_run(pl__serve_ctx *c, const pl__serve_req *q, pl__serve_resp *r);
/* The analyses (PL_SERVE_* bits) POST /api/run can give for q's scenario s. */
unsigned pl__serve_supported(const pl__serve_ctx *c, const pl__serve_req *q,
                             const pl_scenario *s);

/* ---- page_info.c -------------------------------------------------------- */
/* GET /api/scenario's fields for the page: ", \"analyses\": [...], \"ranges\": [...]". */
void pl__serve_page_info(const pl__serve_ctx *c, const pl__serve_req *q, const pl_scenario *s,
                         pl__buf *b);

/* ---- charts.c ----------------------------------------------------------- */
/* POST /api/charts (name NULL: all, as JSON) or /api/chart/<name> (one, as SVG). */
void pl__serve_charts(pl__serve_ctx *c, const pl__serve_req *q, const char *name,
                      pl__serve_resp *r);
/* The start-up scenario's chart names (without ".svg") as a JSON list onto b. */
void pl__serve_chart_list(pl__serve_ctx *c, pl__buf *b);

/* ---- yaml.c ------------------------------------------------------------- */
void pl__serve_yaml(pl__serve_ctx *c, const pl__serve_req *q, pl__serve_resp *r);
/* POST /api/save: the same text written into --save-dir (404 when it is not given). */
void pl__serve_save(pl__serve_ctx *c, const pl__serve_req *q, pl__serve_resp *r);

/* ---- job.c -------------------------------------------------------------- */
void pl__serve_job_start(pl__serve_ctx *c, const pl__serve_req *q, pl__serve_resp *r);
void pl__serve_job_get(pl__serve_ctx *c, const char *id, pl__serve_resp *r);
void pl__serve_job_cancel(pl__serve_ctx *c, const char *id, pl__serve_resp *r);
/* Cancel and join a running job (the server stops). */
void pl__serve_job_stop(pl__serve_ctx *c);

#endif
