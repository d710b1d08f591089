/* SPDX-License-Identifier: MIT */
/*
** charts.c (serve): the report's charts (pl_report_*) for the request's
** scenario: POST /api/charts gives them all as JSON, POST /api/chart/<name> one
** as image/svg+xml. Monte Carlo charts only when the request asks for draws.
*/
#include "serve_impl.h"

#include <string.h>

/* The report of the request's scenario; on failure r holds the error. */
static int build(pl__serve_ctx *c, const pl__serve_req *q, pl_report **rep, pl_scenario **sp,
                 pl__serve_resp *r)
{
    if (pl__serve_load(c, q, sp, r))
        return PL_EINPUT;
    const pl_scenario *s = *sp;
    if (q->draws > PL_SERVE_MAX_DRAWS) {
        pl__serve_fail(r, 503, "\"draws\" is %llu: the work limit per request is %u draws; "
                       "expected at most that", (unsigned long long)q->draws,
                       PL_SERVE_MAX_DRAWS);
        return PL_EINPUT;
    }
    pl_report_opts o = PL_REPORT_OPTS_INIT;
    o.draws = q->has_draws ? q->draws : 0;
    if (q->has_seed)
        o.seed = q->seed;
    if (q->step > 0)
        o.settle.step = q->step;
    pl_error err;
    pl_error_clear(&err);
    int rc = pl_report_build(rep, s, &o, &err);
    if (rc)
        pl__serve_error(r, pl__serve_status_of(rc), &err, NULL);
    return rc;
}

/* "issue-TERR" or "issue-TERR.svg" names the chart "issue-TERR.svg". */
static int same_chart(const char *file, const char *name)
{
    size_t n = strlen(name), f = strlen(file);
    return strcmp(file, name) == 0 ||
           (f == n + 4 && strncmp(file, name, n) == 0 && strcmp(file + n, ".svg") == 0);
}

void pl__serve_chart_list(pl__serve_ctx *c, pl__buf *b)
{
    pl__serve_req q;
    pl__serve_resp r;
    memset(&q, 0, sizeof q);
    memset(&r, 0, sizeof r);
    pl_report *rep = NULL;
    pl_scenario *s = NULL;
    PL_SERVE_PUT(b, "[");
    if (!build(c, &q, &rep, &s, &r))
        for (size_t i = 0; i < pl_report_n_charts(rep); i++) {
            const char *name = pl_report_chart_name(rep, i);
            if (i)
                PL_SERVE_PUT(b, ", ");
            pl__serve_json_string(b, name, strlen(name) - 4);  /* without ".svg" */
        }
    PL_SERVE_PUT(b, "]");
    pl_report_free(rep);
    pl_scenario_free(s);
    pl__serve_resp_free(&r);
}

void pl__serve_charts(pl__serve_ctx *c, const pl__serve_req *q, const char *name,
                      pl__serve_resp *r)
{
    pl_report *rep = NULL;
    pl_scenario *s = NULL;
    if (build(c, q, &rep, &s, r)) {
        pl_report_free(rep);
        pl_scenario_free(s);
        return;
    }
    size_t n = pl_report_n_charts(rep), len;
    if (name) {
        size_t i = 0;
        while (i < n && !same_chart(pl_report_chart_name(rep, i), name))
            i++;
        if (i == n)
            pl__serve_fail(r, 404, "no chart named '%s'; expected a name GET /api/scenario "
                           "lists under \"charts\"", name);
        else {
            const char *svg = pl_report_chart_svg(rep, i, &len);
            pl__buf_put(&r->body, svg, len);
            r->type = "image/svg+xml";
        }
    } else {
        PL_SERVE_PUT(&r->body, "{\"ok\": true, \"charts\": {");
        for (size_t i = 0; i < n; i++) {
            const char *file = pl_report_chart_name(rep, i), *svg = pl_report_chart_svg(rep, i, &len);
            if (i)
                PL_SERVE_PUT(&r->body, ", ");
            pl__serve_json_string(&r->body, file, strlen(file) - 4);
            PL_SERVE_PUT(&r->body, ": ");
            pl__serve_json_string(&r->body, svg, len);
        }
        PL_SERVE_PUT(&r->body, "}}\n");
    }
    pl_report_free(rep);
    pl_scenario_free(s);
}
