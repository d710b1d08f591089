/* SPDX-License-Identifier: MIT */
/*
** stress_get.c: what the run store needs of a summary beyond montecarlo.c's
** getters: the uncertain inputs and the package tallies (with the package
** as written); and a package code in words, shared with stress_emit.c.
*/
#include "stress_impl.h"

#include <math.h>
#include <stdio.h>

void pl__stress_package_words(const pl_stress *st, double code, char *buf, size_t size)
{
    const pl__plan *p = &st->plan;
    uint32_t w[256];
    if (isnan(code) || !p->radix || p->K > 256) {
        snprintf(buf, size, "none");
        return;
    }
    pl__plan_package(p, code, w);
    pl_settle_package_text(p->base_st, w, buf, size);
}

size_t pl_stress_n_inputs(const pl_stress *st) { return st ? st->plan.J : 0; }

const char *pl_stress_input_label(const pl_stress *st, size_t j)
{
    return st && j < st->plan.J ? st->labels[j] : NULL;
}

const pl_value *pl_stress_input(const pl_stress *st, size_t j)
{
    return st && j < st->plan.J ? st->inputs[j] : NULL;
}

/* Tallies are sorted (most frequent first) when the run ends, so t is a rank. */
size_t pl_stress_n_packages(const pl_stress *st, size_t m)
{
    if (!st || m >= st->plan.M || st->plan.m[m].kind != PL_METRIC_PACKAGE)
        return 0;
    return st->acc[m].n_tally;
}

uint64_t pl_stress_package_count(const pl_stress *st, size_t m, size_t t)
{
    return t < pl_stress_n_packages(st, m) ? st->acc[m].tally[t].count : 0;
}

void pl_stress_package_text(const pl_stress *st, size_t m, size_t t, char *buf, size_t size)
{
    if (!buf || !size)
        return;
    if (t >= pl_stress_n_packages(st, m)) {
        buf[0] = '\0';
        return;
    }
    pl__stress_package_words(st, st->acc[m].tally[t].code, buf, size);
}

void pl_stress_baseline_package_text(const pl_stress *st, size_t m, char *buf, size_t size)
{
    if (!buf || !size)
        return;
    if (!st || m >= st->plan.M || st->plan.m[m].kind != PL_METRIC_PACKAGE) {
        buf[0] = '\0';
        return;
    }
    pl__stress_package_words(st, st->plan.m[m].base, buf, size);
}

int pl_stress_tornado(const pl_stress *st, size_t m, size_t j, double *at_low, double *at_high)
{
    if (!st || m >= st->plan.M || j >= st->plan.J)
        return PL_EMISUSE;
    const pl__acc *a = &st->acc[m];
    if (!isfinite(pl_stress_correlation(st, m, j)))
        return PL_ERANGE;
    double beta = a->cxy[j] / a->m2x[j];
    if (at_low)
        *at_low = a->mean + beta * (st->inputs[j]->low - a->mx[j]);
    if (at_high)
        *at_high = a->mean + beta * (st->inputs[j]->high - a->mx[j]);
    return PL_OK;
}

const char *pl_stress_metric_text(const pl_stress *st, size_t m)
{
    return st && m < st->plan.M ? st->plan.m[m].text : NULL;
}
