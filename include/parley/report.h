/* SPDX-License-Identifier: MIT */
/*
** report.h: pictures. SVG charts of every analysis, and one self-contained
** HTML report (no network, no scripts, no external fonts): the scenario with
** its sources (every number links to the sentence it rests on), each
** analysis with its charts and its findings in words, the assumptions and
** their ranges. Charts use the Okabe-Ito palette (safe for colour-blind
** readers), keep their text as text and follow the page's light or dark
** scheme; the report prints on paper.
*/
#ifndef PARLEY_REPORT_H
#define PARLEY_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include "parley/export.h"
#include "parley/error.h"
#include "parley/emit.h"
#include "parley/forecast.h"
#include "parley/settle.h"

#ifdef __cplusplus
extern "C" {
#endif

struct pl_claims;
struct pl_proposal;

typedef struct pl_report_opts {
    uint64_t draws;           /* Monte Carlo draws for the robustness section; 0: none */
    uint64_t seed;
    int threads;
    const char *pair;         /* two party ids for the utility plane, "RUS,UKR"; NULL: the
                                 first two parties at the table */
    const char *issues;       /* two issue ids for the win-set chart; NULL: the first two */
    pl_forecast_opts forecast;
    pl_settle_opts settle;
    pl_progress progress;     /* each analysis in turn, in its own units (see progress.h) */
    const struct pl_claims *claims;     /* claims to check (borrowed; NULL: the report has no
                                           claims section) */
    const struct pl_proposal *proposal; /* a package to evaluate (borrowed, read against the
                                           same scenario; NULL: none) */
} pl_report_opts;
#define PL_REPORT_OPTS_INIT                                                                  \
    {200, 1, 1, NULL, NULL, PL_FORECAST_OPTS_INIT, PL_SETTLE_OPTS_INIT, PL_PROGRESS_NONE,   \
     NULL, NULL}

typedef struct pl_report pl_report;

/**
 * Run every analysis the scenario supports and draw its charts. An analysis
 * that fails is reported in the document (with its message), not an error;
 * PL_EINPUT for bad options (an unknown party or issue id), PL_ENOMEM.
 */
PL_API int pl_report_build(pl_report **out, const struct pl_scenario *s,
                           const pl_report_opts *opts, pl_error *err);
PL_API void pl_report_free(pl_report *r);

/** The charts: how many, and chart i's file name ("issue-TERR.svg") and SVG text. */
PL_API size_t pl_report_n_charts(const pl_report *r);
PL_API const char *pl_report_chart_name(const pl_report *r, size_t i);
PL_API const char *pl_report_chart_svg(const pl_report *r, size_t i, size_t *len);

/** The HTML document, through write (called with consecutive pieces). */
PL_API int pl_report_html(const pl_report *r, pl_write_fn write, void *payload, pl_error *err);

#ifdef __cplusplus
}
#endif

#endif
