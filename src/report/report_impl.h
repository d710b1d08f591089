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
#include "parley/verdict.h"
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
    const pl_claims *claims;  /* the caller's claims once checked (borrowed), or NULL */
    pl_claim_result *claim_res;
    uint64_t *claim_holds, *claim_defined;
    pl_verdict *verdict;      /* the proposal judged (parley/verdict.h), or NULL */
    char err[7][PL_ERROR_MSG_MAX]; /* why forecast/settle/power/durability/stress/claims/the
                                      proposal failed */
    pl__chart *charts;
    size_t n_charts, cap_charts;
};

enum { PL__R_FORECAST, PL__R_SETTLE, PL__R_POWER, PL__R_DURABILITY, PL__R_STRESS, PL__R_CLAIMS,
       PL__R_PROPOSAL };

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

/* Sources and notes, numbered together in order of first use (borrowed from the
   scenario): printed as footnotes, so that they survive print and PDF. */
typedef struct pl__footnote {
    const char *text;
    int note;                 /* 1: a note (the modeller's words), 0: a source (quoted) */
} pl__footnote;
typedef struct pl__sources {
    pl__footnote *text;
    size_t n, cap;
} pl__sources;
void pl__sources_free(pl__sources *src);
/* The scenario, every number linked to its source; then (back) the assumptions with their
   ranges and the numbered sources. */
void pl__html_scenario(pl__buf *h, const pl_report *r, pl__sources *src);
void pl__html_back(pl__buf *h, const pl_report *r, pl__sources *src);

/* prose.c: text with every whole-word id of an actor or body (and of an issue where it is
   plainly the issue) replaced by its name (escaped into h); and a sentence's shape (ids, numbers, yes/no masked; malloc'd, NULL
   when out of memory), equal for sentences that say the same of different parties. */
void pl__prose(pl__buf *h, const pl_scenario *s, const char *text);
/* The same unescaped into buf[size] (a chart label; the SVG writer escapes it); PL_ENOMEM
   when out of memory (the caller fails its chart rather than show ids). */
int pl__prose_plain(char *buf, size_t size, const pl_scenario *s, const char *text);
char *pl__prose_shape(const pl_scenario *s, const char *text);

/* html_proposal.c: the solutions' packages in words, and the proposal's section. */
void pl__html_packages(pl__buf *h, const pl_report *r);
void pl__html_proposal(pl__buf *h, pl__buf *summary, const pl_report *r);

#endif
