/* SPDX-License-Identifier: MIT */
/*
** inputs.h: every numeric input of a scenario, one at a time (draw.c's walk):
** the uncertain ones (those with low/high) and the exact ones, each with the
** interval a one-input search may move it over, and a copy of the scenario
** with one input set. The claims' break-even search (src/claims/) is the
** reader; Monte Carlo draws use the same walk, so input labels match
** `parley stress`.
*/
#ifndef PL_INPUTS_H
#define PL_INPUTS_H

#include "parley/scenario.h"
#include "parley/error.h"

typedef struct pl__input {
    pl_value v;             /* as written: value, source, range (a copy: plain numbers have none) */
    double low, high;       /* the stated range, else the natural domain (below) */
    int stated;             /* 1: [low, high] is the input's own range */
    char label[112];        /* "RUS capability", "RUS TERR position", "GUARANTOR_COUNCIL quota" */
    char kind[16];          /* "capability", "position", "salience", "weight", "quota", ... */
    long actor, issue, body;/* whose input it is (scenario indices; -1: none) */
    int durability;         /* 1: a number of the durability section */
    int nodeal;             /* 1: a number of the no_deal section */
} pl__input;

/* Inputs of s, uncertain or not, in the walk's fixed order. */
size_t pl__scenario_n_inputs(const pl_scenario *s);
/*
** Input j into *out; -1 past the end. Without a range the natural domain is
** the reader's own bound where it has one ([0, 100] positions, status quo and
** noise; [0, 1] saliences, discounts, costs, probabilities; [-1, 1] risk; an
** absolute quota up to the body's total weight) and, for capabilities and
** weights (unbounded above), 0 to twice the value.
*/
int pl__scenario_input(const pl_scenario *s, size_t j, pl__input *out);
/*
** A copy of s with input j set to x (weights rounded to 6 decimals as draws
** are, quotas written as shares following the weights). Never mutates s.
*/
int pl__scenario_with_input(pl_scenario **out, const pl_scenario *s, size_t j, double x,
                            pl_error *err);

#endif
