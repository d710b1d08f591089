/* SPDX-License-Identifier: MIT */
/*
** scenario.c (serve): the start-up scenario the server keeps, each request's
** scenario loaded from it (or from the request's own text) with the request's
** variant and changes, GET /api/scenario and POST /api/validate.
*/
#include "serve_impl.h"

#include <stdlib.h>
#include <string.h>
#include "../core/error_int.h"

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* The claims the server checks: opts' (--claims), else the built-in scenario's own, copied
   into c; 0 when memory runs out (no claims at all is not a failure). */
static int keep_claims(pl__serve_ctx *c, const pl_serve_opts *o)
{
    const char *text = o->claims, *name = o->claims_name;
    size_t len = o->claims_len;
    if (!text && c->builtin) {
        text = pl_builtin_claims(pl_builtin_name(0), &len);
        name = "ukraine-2025.claims.yaml";  /* as `parley claims` names them */
    }
    if (!text)
        return 1;
    name = name ? name : "claims.yaml";
    c->claims = dup_n(text, len);
    c->claims_len = len;
    c->claims_name = dup_n(name, strlen(name));
    return c->claims && c->claims_name;
}

int pl__serve_ctx_init(pl__serve_ctx *c, const pl_serve_opts *o, pl_error *err)
{
    memset(c, 0, sizeof *c);
    const char *text = o->text, *name = o->name;
    size_t len = o->len;
    if (!text) {
        text = pl_builtin_text(NULL, &len);
        name = "ukraine-2025.yaml";  /* as pl_scenario_load_builtin names it */
        c->builtin = 1;
    }
    c->max_body = o->max_body ? o->max_body : PL_SERVE_MAX_BODY_DEFAULT;
    c->text = dup_n(text, len);
    c->len = len;
    c->name = dup_n(name ? name : "scenario.yaml", strlen(name ? name : "scenario.yaml"));
    c->save_dir = o->save_dir ? dup_n(o->save_dir, strlen(o->save_dir)) : NULL;
    if (!c->text || !c->name || (o->save_dir && !c->save_dir) || !keep_claims(c, o) ||
        pthread_mutex_init(&c->job.mu, NULL) != 0) {
        free(c->text), free(c->name), free(c->save_dir), free(c->claims), free(c->claims_name);
        return pl__error_nomem(err);
    }
    /* refuse to start on a scenario, or claims, that do not load */
    pl_scenario *s = NULL;
    pl_claims *cl = NULL;
    int rc = pl_scenario_load_buffer(&s, c->text, c->len, c->name, NULL, err);
    if (!rc && c->claims)
        rc = pl_claims_load_buffer(&cl, s, c->claims, c->claims_len, c->claims_name, err);
    pl_claims_free(cl);
    pl_scenario_free(s);
    if (rc)
        pl__serve_ctx_free(c);
    return rc;
}

void pl__serve_ctx_free(pl__serve_ctx *c)
{
    pl__serve_job_stop(c);
    pthread_mutex_destroy(&c->job.mu);
    free(c->text), free(c->name), free(c->save_dir), free(c->claims), free(c->claims_name);
    memset(c, 0, sizeof *c);
}

/* The --set path an error is about: the loader names the change as its file. */
static const char *change_path(const pl_error *err)
{
    return strncmp(err->file, "--set ", 6) == 0 && err->file[6] ? err->file + 6 : NULL;
}

int pl__serve_load(const pl__serve_ctx *c, const pl__serve_req *q, pl_scenario **s,
                   pl__serve_resp *r)
{
    pl_load_opts lo = PL_LOAD_OPTS_INIT;
    lo.variant = q->variant;
    lo.changes = q->changes;
    lo.n_changes = q->n_changes;
    const char *text = c->text, *name = c->name;
    size_t len = c->len;
    if (q->scenario) {  /* JSON when it looks like it: parsed as JSON, so JSON's errors */
        text = q->scenario;
        len = q->scenario_len;
        size_t i = strspn(text, " \t\r\n");
        name = text[i] == '{' ? "scenario.json" : "scenario.yaml";
    }
    pl_error err;
    pl_error_clear(&err);
    int rc = pl_scenario_load_buffer(s, text, len, name, &lo, &err);
    if (rc) {
        pl__serve_error(r, pl__serve_status_of(rc), &err, change_path(&err));
    }
    return rc;
}

/* "variants": [{"name", "description"}], "proposals": [...] of s. */
static void variants_and_proposals(pl__buf *b, const pl_scenario *s)
{
    PL_SERVE_PUT(b, ", \"variants\": [");
    for (size_t i = 0; i < pl_scenario_n_variants(s); i++) {
        const char *title = NULL, *note = NULL;
        const char *id = pl_scenario_variant(s, i, &title, &note, NULL, NULL);
        if (i)
            PL_SERVE_PUT(b, ", ");
        PL_SERVE_PUT(b, "{\"name\": ");
        pl__serve_json_string(b, id, strlen(id));
        PL_SERVE_PUT(b, ", \"title\": ");
        pl__serve_json_string(b, title ? title : id, strlen(title ? title : id));
        PL_SERVE_PUT(b, ", \"description\": ");
        pl__serve_json_string(b, note ? note : "", note ? strlen(note) : 0);
        PL_SERVE_PUT(b, "}");
    }
    PL_SERVE_PUT(b, "], \"proposals\": [");
    const char *p;
    for (size_t i = 0; (p = pl_builtin_proposal_name(pl_scenario_name(s), i)); i++) {
        if (i)
            PL_SERVE_PUT(b, ", ");
        pl__serve_json_string(b, p, strlen(p));
    }
    PL_SERVE_PUT(b, "]");
}

/* "scenario": the document `parley scenario FILE -f json` writes. */
static int scenario_document(pl__buf *b, const pl_scenario *s, pl_error *err)
{
    pl_emitter *e = NULL;
    int rc = pl__serve_emitter(&e, b, err);
    if (rc)
        return rc;
    pl_emit_object_begin(e, NULL, NULL);
    int drc = pl_scenario_emit(s, e);
    pl_emit_object_end(e);
    rc = pl_emitter_finish(e, err);
    pl_emitter_free(e);
    return drc ? pl__error_set(err, drc, NULL, 0, 0, "%s", pl_strerror(drc)) : rc;
}

/* {"ok": true, "name", ("text"), "scenario", "variants", "proposals", then the rest. */
static int describe(pl__buf *b, const pl_scenario *s, const char *text, size_t len,
                    pl_error *err)
{
    PL_SERVE_PUT(b, "{\"ok\": true, \"name\": ");
    pl__serve_json_string(b, pl_scenario_name(s), strlen(pl_scenario_name(s)));
    if (text) {
        PL_SERVE_PUT(b, ", \"text\": ");
        pl__serve_json_string(b, text, len);
    }
    PL_SERVE_PUT(b, ", \"scenario\": ");
    int rc = scenario_document(b, s, err);
    variants_and_proposals(b, s);
    return rc;
}

void pl__serve_get_scenario(pl__serve_ctx *c, pl__serve_resp *r)
{
    pl__serve_req q;
    memset(&q, 0, sizeof q);
    pl_scenario *s = NULL;
    if (pl__serve_load(c, &q, &s, r))
        return;
    pl_error err;
    pl_error_clear(&err);
    int rc = describe(&r->body, s, c->text, c->len, &err);
    PL_SERVE_PUT(&r->body, ", \"charts\": ");
    pl__serve_chart_list(c, &r->body);
    pl__serve_page_info(c, &q, s, &r->body);
    PL_SERVE_PUT(&r->body, "}\n");
    pl_scenario_free(s);
    if (rc)
        pl__serve_error(r, pl__serve_status_of(rc), &err, NULL);
}

void pl__serve_validate(pl__serve_ctx *c, const pl__serve_req *q, pl__serve_resp *r)
{
    pl_scenario *s = NULL;
    if (pl__serve_load(c, q, &s, r))
        return;
    pl_error err;
    pl_error_clear(&err);
    int rc = describe(&r->body, s, NULL, 0, &err);
    PL_SERVE_PUT(&r->body, ", \"variant\": ");
    if (q->variant)
        pl__serve_json_string(&r->body, q->variant, strlen(q->variant));
    else
        PL_SERVE_PUT(&r->body, "null");
    PL_SERVE_PUT(&r->body, ", \"changes\": [");
    for (size_t i = 0; i < q->n_changes; i++) {
        if (i)
            PL_SERVE_PUT(&r->body, ", ");
        pl__serve_json_string(&r->body, q->changes[i], strcspn(q->changes[i], "="));
    }
    PL_SERVE_PUT(&r->body, "]}\n");
    pl_scenario_free(s);
    if (rc)
        pl__serve_error(r, pl__serve_status_of(rc), &err, NULL);
}
