/* SPDX-License-Identifier: MIT */
/*
** veto_impl.h: the procedural, veto-aware compromise (veto.c), run by
** pl_forecast_compute as model `veto` and scored by `parley evaluate`, and the
** check of every model's forecast against the same win-set (veto_check.c).
*/
#ifndef PL_VETO_IMPL_H
#define PL_VETO_IMPL_H

#include "parley/emit.h"
#include "parley/forecast.h"
#include "parley/power.h"
#include "parley/scenario.h"
#include "parley/error.h"

/*
** The deciders of a scenario's issues: the games of the bodies named in
** decided_by and scratch for the voters of one decider on one issue.
*/
typedef struct pl__veto {
    const pl_scenario *s;
    size_t n_bodies;
    pl_game **games;       /* per body; NULL for bodies no issue names */
    const pl_game *game;   /* the loaded decider's game; NULL: unanimity of the n voters */
    size_t n;              /* voters loaded */
    double *x;             /* position of each; NAN: no position on the issue */
    size_t *actor;         /* scenario index of each */
    unsigned char *in;     /* scratch coalition */
    struct pl__veto_keyed *ord;
} pl__veto;

/* Build the deciders' games (PL_ENOMEM, or a body's rule that cannot be built). */
int pl__veto_open(pl__veto *v, const pl_scenario *s, pl_error *err);
void pl__veto_close(pl__veto *v);

/* Number of deciders of issue k: its decided_by bodies, or 1 (the actors at the table). */
size_t pl__veto_n_deciders(const pl__veto *v, size_t k);

/* Load decider d of issue k into v; its body index, or -1 for the actors at the table. */
long pl__veto_load(pl__veto *v, size_t k, size_t d);

/* The farthest point on side dir (+1 above q, -1 below) the loaded decider passes against q. */
double pl__veto_side_bound(pl__veto *v, double q, int dir);

/* Whether voter m of the loaded decider is a veto player (the others without it pass nothing). */
int pl__veto_is_veto(pl__veto *v, size_t m);

/*
** out[k] for every issue k of s: mean[k] (the issue's weighted mean) projected
** onto the closure of the status quo's win-set under the issue's deciders
** (veto.c says how). PL_ENOMEM, or a body's rule that cannot be built.
*/
int pl__veto_forecasts(const pl_scenario *s, const double *mean, double *out, pl_error *err);

/* A forecast outside the win-set and who rejects it (veto_check.c). */
typedef struct pl__veto_miss {
    size_t issue;
    int model;
    long body;     /* the decider: a body index, or -1 for the actors at the table */
    long actor;    /* the veto player that rejects; -1: the body as a whole */
    double margin; /* points: |y - x| - |q - x| for a veto player; for a body, how far y
                      lies outside that body's own win-set */
} pl__veto_miss;

/* Every model's forecast checked against its issue's win-set. */
typedef struct pl__veto_check {
    double *lo, *hi;       /* per issue: the closure of the win-set; NAN without a status quo */
    pl__veto_miss *miss;
    size_t n_miss, cap;
    int any_status_quo;
} pl__veto_check;

/* Check every model f has run on every issue with a status quo. PL_ENOMEM, or a body's rule. */
int pl__veto_check_run(pl__veto_check *c, const pl_forecast *f, const pl_scenario *s,
                       pl_error *err);
void pl__veto_check_free(pl__veto_check *c);

/* The table of forecasts outside the win-set (nothing when no issue has a status quo). */
int pl__veto_check_emit(const pl__veto_check *c, const pl_forecast *f, const pl_scenario *s,
                        pl_emitter *e);

#endif
