/* SPDX-License-Identifier: MIT */
/*
** job.c: POST /api/stress runs `parley stress` on a worker thread of its own,
** one job at a time per server (409 while one runs), reporting its draws
** through the library's progress callback; GET /api/stress/<id> reads the
** state, DELETE cancels (the next draw stops the run). The result is the very
** document `parley stress -f json` writes (top 3 inputs, its default).
*/
#include "serve_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { JOB_NONE, JOB_RUNNING, JOB_DONE, JOB_ERROR, JOB_CANCELLED };
static const char *const state_names[] = {"none", "running", "done", "error", "cancelled"};

#define STRESS_DRAWS_DEFAULT 1000u  /* parley stress --draws */
#define STRESS_TOP 3u               /* parley stress --top */

static void progress(void *payload, uint64_t done, uint64_t total)
{
    pl__serve_job *j = payload;
    pthread_mutex_lock(&j->mu);
    j->done = done;
    j->total = total;
    pthread_mutex_unlock(&j->mu);
}

/* Each draw: stop when cancelled (the run then fails, and the job says cancelled). */
static int on_draw(void *payload, uint64_t draw, const double *values, size_t n)
{
    (void)draw, (void)values, (void)n;
    pl__serve_job *j = payload;
    pthread_mutex_lock(&j->mu);
    int stop = j->cancel;
    pthread_mutex_unlock(&j->mu);
    return stop;
}

static void *job_main(void *arg)
{
    pl__serve_job *j = arg;
    pl_stress *st = NULL;
    pl_error err;
    pl_error_clear(&err);
    pl__buf out = {0};
    int rc = pl_stress_run(&st, j->s, &j->opts, &err);
    if (!rc) {
        pl_emitter *e = NULL;
        if (!(rc = pl__serve_emitter(&e, &out, &err))) {
            pl_emit_document_begin(e, j->s);
            int drc = pl_stress_emit(st, STRESS_TOP, e);
            pl_emit_object_end(e);
            rc = drc ? drc : pl_emitter_finish(e, &err);
        }
        pl_emitter_free(e);
    }
    pl__serve_resp er;  /* a failure: the error as the other endpoints give it */
    memset(&er, 0, sizeof er);
    if (rc)
        pl__serve_error(&er, pl__serve_status_of(rc), &err, NULL);
    pl_stress_free(st);
    pthread_mutex_lock(&j->mu);
    j->state = j->cancel ? JOB_CANCELLED : rc || out.failed ? JOB_ERROR : JOB_DONE;
    j->result = rc ? er.body : out;
    if (rc)
        pl__buf_free(&out);
    pthread_mutex_unlock(&j->mu);
    return NULL;
}

/* Join a finished job's thread and drop its scenario and result (mutex not held). */
static void reap(pl__serve_job *j)
{
    if (j->started)
        pthread_join(j->thread, NULL);
    j->started = 0;
    pl_scenario_free(j->s);
    j->s = NULL;
    pl__buf_free(&j->result);
}

static int read_opts(const pl__serve_req *q, pl_stress_opts *o, pl__serve_resp *r)
{
    *o = (pl_stress_opts)PL_STRESS_OPTS_INIT;
    o->draws = q->has_draws ? q->draws : STRESS_DRAWS_DEFAULT;
    if (q->has_seed)
        o->seed = q->seed;
    pl__serve_seed(&o->forecast, q);
    if (o->draws < 1 || o->draws > PL_SERVE_MAX_DRAWS) {
        pl__serve_fail(r, o->draws ? 503 : 400, "\"draws\" is %llu: expected a whole number "
                       "from 1 to %u, the work limit per request (`parley stress --draws "
                       "%llu` runs it locally)", (unsigned long long)o->draws,
                       PL_SERVE_MAX_DRAWS, (unsigned long long)o->draws);
        return PL_EINPUT;
    }
    return PL_OK;
}

void pl__serve_job_start(pl__serve_ctx *c, const pl__serve_req *q, pl__serve_resp *r)
{
    pl__serve_job *j = &c->job;
    pl_stress_opts o;
    pl_scenario *s = NULL;
    if (read_opts(q, &o, r) || pl__serve_load(c, q, &s, r))
        return;
    pthread_mutex_lock(&j->mu);
    if (j->state == JOB_RUNNING) {
        pthread_mutex_unlock(&j->mu);
        pl_scenario_free(s);
        pl__serve_fail(r, 409, "stress job %u is running; expected one job at a time (wait "
                       "for it: GET /api/stress/%u, or cancel it: DELETE)", j->id, j->id);
        return;
    }
    reap(j);
    j->s = s;
    j->opts = o;
    j->opts.progress = progress;
    j->opts.on_draw = on_draw;
    j->opts.payload = j;
    j->id++;
    j->state = JOB_RUNNING;
    j->cancel = 0;
    j->done = 0;
    j->total = o.draws;
    if (pthread_create(&j->thread, NULL, job_main, j) != 0) {
        j->state = JOB_NONE;
        pthread_mutex_unlock(&j->mu);
        pl__serve_fail(r, 503, "no thread for the stress job; expected to try again later");
        return;
    }
    j->started = 1;
    r->status = 202;
    pl__buf_printf(&r->body, "{\"ok\": true, \"job\": \"%u\", \"total\": %llu}\n", j->id,
                   (unsigned long long)o.draws);
    pthread_mutex_unlock(&j->mu);
}

/* The job id names (digits only), else 404 in r. */
static int same_job(const pl__serve_job *j, const char *id, pl__serve_resp *r)
{
    char want[16];
    snprintf(want, sizeof want, "%u", j->id);
    if (j->id && j->state != JOB_NONE && strcmp(id, want) == 0)
        return 1;
    pl__serve_fail(r, 404, "no stress job %.40s; expected the id POST /api/stress gave", id);
    return 0;
}

void pl__serve_job_get(pl__serve_ctx *c, const char *id, pl__serve_resp *r)
{
    pl__serve_job *j = &c->job;
    pthread_mutex_lock(&j->mu);
    if (same_job(j, id, r)) {
        pl__buf_printf(&r->body, "{\"ok\": true, \"job\": \"%u\", \"state\": \"%s\", \"done\": "
                       "%llu, \"total\": %llu", j->id, state_names[j->state],
                       (unsigned long long)j->done, (unsigned long long)j->total);
        if (j->state == JOB_DONE || j->state == JOB_ERROR) {
            pl__buf_printf(&r->body, ", \"%s\": ", j->state == JOB_DONE ? "result" : "failure");
            if (j->result.len)
                pl__buf_put(&r->body, j->result.buf, j->result.len);
            else  /* the result itself ran out of memory */
                PL_SERVE_PUT(&r->body, "null");
        }
        PL_SERVE_PUT(&r->body, "}\n");
    }
    pthread_mutex_unlock(&j->mu);
}

void pl__serve_job_cancel(pl__serve_ctx *c, const char *id, pl__serve_resp *r)
{
    pl__serve_job *j = &c->job;
    pthread_mutex_lock(&j->mu);
    if (same_job(j, id, r)) {
        j->cancel |= j->state == JOB_RUNNING;
        pl__buf_printf(&r->body, "{\"ok\": true, \"job\": \"%u\", \"state\": \"%s\"}\n", j->id,
                       j->cancel ? "cancelling" : state_names[j->state]);
    }
    pthread_mutex_unlock(&j->mu);
}

void pl__serve_job_stop(pl__serve_ctx *c)
{
    pl__serve_job *j = &c->job;
    pthread_mutex_lock(&j->mu);
    j->cancel = 1;
    pthread_mutex_unlock(&j->mu);
    reap(j);
    j->state = JOB_NONE;
}
