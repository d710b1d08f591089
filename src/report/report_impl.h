/* SPDX-License-Identifier: MIT */
/*
** report_impl.h: the report's analyses and charts (library-internal).
*/
#ifndef PL_REPORT_IMPL_H
#define PL_REPORT_IMPL_H

#include "parley/report.h"
#include "parley/scenario.h"
#include "parley/power.h"
#include "parley/dynamics.h"
#include "parley/stress.h"
#include "parley/claims.h"
#include "../core/buf.h"

typedef struct pl__chart {
    char *name;               /* file name, "issue-TERR.svg" */
    const char *section;      /* where the HTML shows it: "forecast", "settle", ... */
    char *svg;
    size_t len;
} pl__chart;

struct pl_report {
    const pl_scenario *s;
    pl_report_opts o;
    pl_forecast *f;
    pl_settlement *st;        /* every party at the table */
    pl_settlement *pair_st;   /* the two parties of the utility plane */
    char pair_ids[2][64];
    double *deal;             /* the Nash package's points (durability), or NULL */
    pl_durability *dur;
    pl_stress *stress;
    size_t n_bodies;
    pl_game **games;
    pl_power **powers;
    long issue[2];            /* the win-set chart's issues, -1: none */
    pl_claims *claims;        /* the scenario's built-in claims, or NULL */
    pl_claim_result *claim_res;
    uint64_t *claim_holds, *claim_defined;
    char err[6][PL_ERROR_MSG_MAX]; /* why forecast/settle/power/durability/stress/claims failed */
    pl__chart *charts;
    size_t n_charts, cap_charts;
};

enum { PL__R_FORECAST, PL__R_SETTLE, PL__R_POWER, PL__R_DURABILITY, PL__R_STRESS, PL__R_CLAIMS };

/* Close the SVG being written in g and keep it as chart `name` of `section` (g is emptied). */
int pl__report_add_chart(pl_report *r, const char *section, const char *name, pl__buf *g);

int pl__chart_issues(pl_report *r);
int pl__chart_settle(pl_report *r);
int pl__chart_power(pl_report *r);
int pl__chart_stress(pl_report *r);

/* Render an analysis's own output (its emitter's description, kept as a tree) as HTML
   into h; its findings also go to summary as list items. */
typedef int (*pl__emit_fn)(const pl_report *r, pl_emitter *e);
int pl__html_analysis(pl__buf *h, pl__buf *summary, const pl_report *r, pl__emit_fn fn);

/* Sources, numbered in order of first use (borrowed from the scenario). */
typedef struct pl__sources {
    const char **text;
    size_t n, cap;
} pl__sources;
void pl__sources_free(pl__sources *src);
/* The scenario, every number linked to its source; then (back) the assumptions with their
   ranges and the numbered sources. */
void pl__html_scenario(pl__buf *h, const pl_report *r, pl__sources *src);
void pl__html_back(pl__buf *h, const pl_report *r, pl__sources *src);

#endif
