/* SPDX-License-Identifier: MIT */
/*
** read_duration.c: a span of time in the durability and staging sections:
** a plain number of years (a period of the default length, so files written
** when a period was a year mean what they meant), or {years: x} or
** {months: m}. Every rate there is per year; the period length is only the
** step of the computation (docs/scenario-format.md, "Time").
*/
#include "reader.h"

#include <math.h>
#include <stdio.h>

static const char *const span_keys[] = {"years", "months"};

int pl__read_duration(pl_reader *r, const pl_doc_node *n, const char *what, double *years,
                      int *unit_given)
{
    *unit_given = 0;
    if (n->type != PL_DOC_MAP)
        return pl_rd_number(&r->rd, n, what, -1e9, 1e9, years);
    int rc = pl_rd_keys(&r->rd, n, span_keys, sizeof span_keys / sizeof *span_keys, what);
    if (rc)
        return rc;
    if (n->len != 1)
        return pl_rd_fail(&r->rd, n, "%s has %zu entries; expected one of {years: x} or "
                          "{months: m}", what, n->len);
    const pl_doc_node *k = pl_doc_map_key(n, 0);
    int months = k->text && k->text[0] == 'm';
    char w2[200];
    snprintf(w2, sizeof w2, "%s of %s", months ? "months" : "years", what);
    double x;
    if ((rc = pl_rd_number(&r->rd, pl_doc_map_value(n, 0), w2, -1e9, 1e9, &x)))
        return rc;
    *years = months ? x / 12 : x;
    *unit_given = 1;
    return PL_OK;
}

int pl__whole_periods(double years, double step, double lo, double hi, size_t *out)
{
    double q = years / step, w = nearbyint(q);
    if (!(fabs(q - w) <= 1e-9 * (w > 1 ? w : 1) && w >= lo && w <= hi))
        return -1;
    *out = (size_t)w;
    return 0;
}
