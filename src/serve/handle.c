/* SPDX-License-Identifier: MIT */
/*
** handle.c: one request to one response, without sockets: the routes of
** docs/api.md, 404 for an unknown path, 405 (with Allow) for a known path
** asked with another method, 413 for a body over the limit. No path of a
** request ever names a file: routes are fixed strings and ids are numbers.
*/
#include "serve_impl.h"

#include <string.h>

extern const unsigned char pl__serve_page[];
extern const size_t pl__serve_page_len;

/* A route: its path (or prefix, ending in '/'), the methods it takes. */
typedef enum { R_PAGE, R_INDEX, R_SCENARIO, R_VALIDATE, R_RUN, R_CHARTS, R_CHART, R_YAML,
               R_SAVE, R_STRESS, R_STRESS_ID, R_NONE } route_id;

static const struct route {
    const char *path;
    int prefix;
    const char *allow;
} routes[R_NONE] = {
    {"/", 0, "GET"},
    {"/api", 0, "GET"},
    {"/api/scenario", 0, "GET"},
    {"/api/validate", 0, "POST"},
    {"/api/run", 0, "POST"},
    {"/api/charts", 0, "POST"},
    {"/api/chart/", 1, "POST"},
    {"/api/yaml", 0, "POST"},
    {"/api/save", 0, "POST"},
    {"/api/stress", 0, "POST"},
    {"/api/stress/", 1, "GET, DELETE"},
};

static const char index_json[] =
    "{\"ok\": true, \"endpoints\": [\n"
    "  {\"method\": \"GET\", \"path\": \"/\", \"gives\": \"the page\"},\n"
    "  {\"method\": \"GET\", \"path\": \"/api\", \"gives\": \"this index\"},\n"
    "  {\"method\": \"GET\", \"path\": \"/api/scenario\", \"gives\": \"the start-up scenario: "
    "text, description, variants, proposals, charts\"},\n"
    "  {\"method\": \"POST\", \"path\": \"/api/validate\", \"gives\": \"the scenario with the "
    "request's changes, or its errors\"},\n"
    "  {\"method\": \"POST\", \"path\": \"/api/run\", \"gives\": \"each analysis' document, as "
    "the CLI writes it with -f json\"},\n"
    "  {\"method\": \"POST\", \"path\": \"/api/charts\", \"gives\": \"the report's charts as "
    "SVG text\"},\n"
    "  {\"method\": \"POST\", \"path\": \"/api/chart/NAME\", \"gives\": \"one chart, "
    "image/svg+xml\"},\n"
    "  {\"method\": \"POST\", \"path\": \"/api/yaml\", \"gives\": \"the scenario text with the "
    "changes written in, text/yaml\"},\n"
    "  {\"method\": \"POST\", \"path\": \"/api/save\", \"gives\": \"the same text written "
    "into --save-dir (when the server was started with it)\"},\n"
    "  {\"method\": \"POST\", \"path\": \"/api/stress\", \"gives\": \"starts a Monte Carlo job: "
    "202 {job}\"},\n"
    "  {\"method\": \"GET\", \"path\": \"/api/stress/ID\", \"gives\": \"the job's state, "
    "progress and result\"},\n"
    "  {\"method\": \"DELETE\", \"path\": \"/api/stress/ID\", \"gives\": \"cancels the job\"}\n"
    "], \"docs\": \"docs/api.md\"}\n";

static route_id find_route(const char *path, const char **rest)
{
    for (int i = 0; i < R_NONE; i++) {
        size_t n = strlen(routes[i].path);
        if (routes[i].prefix ? strncmp(path, routes[i].path, n) == 0 && path[n]
                             : strcmp(path, routes[i].path) == 0) {
            *rest = path + n;
            return (route_id)i;
        }
    }
    return R_NONE;
}

static int allowed(route_id id, const char *method)
{
    const char *a = routes[id].allow;
    size_t n = strlen(method);
    for (const char *p = strstr(a, method); p; p = strstr(p + 1, method))
        if ((p == a || p[-1] == ' ') && (p[n] == '\0' || p[n] == ','))
            return 1;
    return 0;
}

/* The routes that read a body. */
static void post(pl__serve_ctx *c, route_id id, const char *rest, const char *body, size_t len,
                 pl__serve_resp *r)
{
    pl__serve_req q;
    pl_error err;
    pl_error_clear(&err);
    int rc = pl__serve_req_parse(&q, body, len, &err);
    if (rc)
        pl__serve_error(r, pl__serve_status_of(rc), &err, NULL);
    else if (id == R_VALIDATE)
        pl__serve_validate(c, &q, r);
    else if (id == R_RUN)
        pl__serve_run(c, &q, r);
    else if (id == R_CHARTS || id == R_CHART)
        pl__serve_charts(c, &q, id == R_CHART ? rest : NULL, r);
    else if (id == R_YAML)
        pl__serve_yaml(c, &q, r);
    else if (id == R_SAVE)
        pl__serve_save(c, &q, r);
    else
        pl__serve_job_start(c, &q, r);
    pl__serve_req_free(&q);
}

int pl__serve_handle(pl__serve_ctx *c, const char *method, const char *path, const char *body,
                     size_t len, pl__serve_resp *r)
{
    memset(r, 0, sizeof *r);
    r->status = 200;
    r->type = "application/json";
    const char *rest = "";
    route_id id = find_route(path, &rest);
    if (id == R_NONE)
        pl__serve_fail(r, 404, "no such path: %.200s; expected / or one of the paths GET /api "
                       "lists", path);
    else if (!allowed(id, method)) {
        pl__serve_fail(r, 405, "%.16s %.200s: expected %s", method, path, routes[id].allow);
        r->allow = routes[id].allow;
    } else if (len > c->max_body)
        pl__serve_fail(r, 413, "the body is %zu bytes; expected at most %zu (parley serve "
                       "--max-body)", len, c->max_body);
    else if (id == R_PAGE) {
        r->type = "text/html; charset=utf-8";
        r->static_body = (const char *)pl__serve_page;
        r->static_len = pl__serve_page_len;
    } else if (id == R_INDEX) {
        r->static_body = index_json;
        r->static_len = sizeof index_json - 1;
    } else if (id == R_SCENARIO)
        pl__serve_get_scenario(c, r);
    else if (id == R_STRESS_ID && strcmp(method, "GET") == 0)
        pl__serve_job_get(c, rest, r);
    else if (id == R_STRESS_ID)
        pl__serve_job_cancel(c, rest, r);
    else
        post(c, id, rest, body, len, r);
    if (r->body.failed) {  /* out of memory: say so without allocating */
        pl__buf_free(&r->body);
        r->status = 503;
        r->type = "application/json";
        r->static_body = "{\"ok\": false, \"error\": {\"status\": 503, \"message\": "
                         "\"out of memory\"}}\n";
        r->static_len = strlen(r->static_body);
        return PL_ENOMEM;
    }
    return PL_OK;
}
