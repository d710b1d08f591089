/* SPDX-License-Identifier: MIT */
/*
** power_doc.c: the document of `parley power`, composed once for the CLI and
** the bindings: every body's (or one ad-hoc game's) power indices, and for
** each body with a target, whether it can act against that actor.
*/
#include "parley/power.h"
#include "../core/alloc.h"
#include "../core/error_int.h"

#include <stdlib.h>
#include <string.h>

struct pl_power_doc {
    size_t n;
    pl_game **own;          /* the games made from the scenario's bodies; NULL: borrowed */
    const pl_game **g;
    pl_power **p;
    const char **id, **name;
    const char **target;    /* the actor or member acted against; NULL: none */
    pl_credibility *cr;
    char *against;          /* the ad-hoc game's target, copied */
};

void pl_power_doc_free(pl_power_doc *d)
{
    if (!d)
        return;
    for (size_t j = 0; j < d->n; j++) {
        pl_power_free(d->p[j]);
        if (d->own)
            pl_game_free(d->own[j]);
    }
    free(d->own);
    free(d->g);
    free(d->p);
    free(d->id);
    free(d->name);
    free(d->target);
    free(d->cr);
    free(d->against);
    free(d);
}

/* A document of room for n jobs, all empty; owned: whether it frees the games. */
static pl_power_doc *doc_new(size_t n, int owned)
{
    pl_power_doc *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->own = owned ? calloc(n, sizeof *d->own) : NULL;
    d->g = calloc(n, sizeof *d->g);
    d->p = calloc(n, sizeof *d->p);
    d->id = calloc(n, sizeof *d->id);
    d->name = calloc(n, sizeof *d->name);
    d->target = calloc(n, sizeof *d->target);
    d->cr = calloc(n, sizeof *d->cr);
    if ((owned && !d->own) || !d->g || !d->p || !d->id || !d->name || !d->target || !d->cr) {
        pl_power_doc_free(d);
        return NULL;
    }
    return d;
}

/* Job j's indices and, when it has a target (member x; -1: not a member), its credibility.
   A failure is about this body, and says so, unless it is out of memory. */
static int job_run(pl_power_doc *d, size_t j, long x, const pl_power_opts *o, pl_error *err)
{
    pl_error e;
    pl_error_clear(&e);
    if (!pl_power_compute(&d->p[j], d->g[j], o, &e) &&
        (!d->target[j] || !pl_power_credibility(&d->cr[j], d->g[j], d->p[j], x, &e)))
        return PL_OK;
    if (e.code == PL_ENOMEM)
        return pl__error_nomem(err);
    return pl__fail(err, e.code, "%s: %s", d->id[j], e.msg);
}

/* The member of g named `name` (an actor id), or -1. */
static long member_named(const pl_game *g, const char *name)
{
    long x = -1;
    for (size_t m = 0; m < pl_game_n_members(g); m++)
        if (strcmp(pl_game_member_name(g, m), name) == 0)
            x = (long)m;
    return x;
}

/* The bodies to describe (one when `body` is given), checked as the CLI names them. */
static int count_bodies(const pl_scenario *s, const char *body, const char *against,
                        size_t *n, pl_error *err)
{
    if (against && pl_scenario_actor_index(s, against) < 0)
        return pl__fail(err, PL_ENOTFOUND, "--against %s: no such actor in scenario %s",
                        against, pl_scenario_name(s));
    if (body && pl_scenario_body_index(s, body) < 0)
        return pl__fail(err, PL_ENOTFOUND, "--body %s: no such body in scenario %s; see "
                        "`parley scenario`", body, pl_scenario_name(s));
    *n = body ? 1 : pl_scenario_n_bodies(s);
    if (*n == 0)
        return pl__fail(err, PL_EINPUT, "scenario %s has no bodies; expected a `bodies:` "
                        "section or an ad-hoc game (--weights W,... --quota Q)",
                        pl_scenario_name(s));
    return PL_OK;
}

/* Job j: body b's game, names and target. */
static int body_job(pl_power_doc *d, size_t j, const pl_scenario *s, size_t b,
                    const char *against, pl_error *err)
{
    const pl_body *body = pl_scenario_body(s, b);
    int rc = pl_game_from_body(&d->own[j], s, b, err);
    if (rc)
        return rc;
    d->g[j] = d->own[j];
    d->id[j] = pl_body_id(body);
    d->name[j] = pl_body_name(body);
    long actor = against ? pl_scenario_actor_index(s, against) : pl_body_against(body);
    d->target[j] = actor >= 0 ? pl_actor_id(pl_scenario_actor(s, (size_t)actor)) : NULL;
    return PL_OK;
}

int pl_power_doc_scenario(pl_power_doc **out, const pl_scenario *s, const char *body,
                          const char *against, const pl_power_opts *o, pl_error *err)
{
    size_t n = 0;
    *out = NULL;
    int rc = count_bodies(s, body, against, &n, err);
    if (rc)
        return rc;
    pl_power_doc *d = doc_new(n, 1);
    if (!d)
        return pl__error_nomem(err);
    for (size_t b = 0; !rc && b < pl_scenario_n_bodies(s); b++)
        if (!body || strcmp(body, pl_body_id(pl_scenario_body(s, b))) == 0)
            rc = body_job(d, d->n++, s, b, against, err);
    for (size_t j = 0; !rc && j < d->n; j++) /* every game first, as they are checked */
        rc = job_run(d, j, d->target[j] ? member_named(d->g[j], d->target[j]) : -1, o, err);
    if (rc) {
        pl_power_doc_free(d);
        return rc;
    }
    *out = d;
    return PL_OK;
}

int pl_power_doc_game(pl_power_doc **out, const pl_game *g, const char *against,
                      const pl_power_opts *o, pl_error *err)
{
    long x = against ? pl_game_member_index(g, against) : -1;
    *out = NULL;
    if (against && x < 0)
        return pl__fail(err, PL_EINPUT, "--against %s: not a member; expected a name or a "
                        "number from 1 to %zu", against, pl_game_n_members(g));
    pl_power_doc *d = doc_new(1, 0);
    if (!d || (against && !(d->against = strdup(against)))) {
        pl_power_doc_free(d);
        return pl__error_nomem(err);
    }
    d->n = 1;
    d->g[0] = g;
    d->id[0] = d->name[0] = "game";
    d->target[0] = d->against;
    int rc = job_run(d, 0, x, o, err);
    if (rc) {
        pl_power_doc_free(d);
        return rc;
    }
    *out = d;
    return PL_OK;
}

/* The first failure of two describers (PL_OK when neither failed). */
static int first(int a, int b) { return a ? a : b; }

int pl_power_doc_emit(const pl_power_doc *d, pl_emitter *e)
{
    char text[1024];
    int drc = pl_power_emit_members((const pl_power *const *)d->p, d->g, d->id, d->n, e);
    pl_emit_object_begin(e, "conclusions", "Can each body act against the actor it is meant "
                         "to restrain?");
    size_t targets = 0;
    for (size_t j = 0; j < d->n; j++)
        if (d->target[j]) {
            pl_credibility_text(&d->cr[j], d->g[j], NULL, d->target[j], text, sizeof text);
            pl_emit_string(e, d->id[j], text);
            targets++;
        }
    /* An empty section under a question reads as a missing answer: say why there is none. */
    if (!targets)
        pl_emit_string(e, "none", "No body names an actor it is meant to restrain (a body's "
                       "`against: ACTOR` in the scenario, or --against), so there is nothing "
                       "to test.");
    pl_emit_object_end(e);
    pl_emit_array_begin(e, "bodies", "Each body's rules, winning and blocking coalitions");
    for (size_t j = 0; j < d->n; j++) {
        pl_emit_object_begin(e, NULL, d->name[j]);
        pl_emit_string(e, "id", d->id[j]);
        pl_emit_string(e, "name", d->name[j]);
        drc = first(drc, pl_power_emit_summary(d->p[j], d->g[j], e));
        if (d->target[j])
            drc = first(drc, pl_credibility_emit(&d->cr[j], d->g[j], d->id[j], d->target[j],
                                                 e));
        pl_emit_object_end(e);
    }
    pl_emit_array_end(e);
    return drc;
}
