/* SPDX-License-Identifier: MIT */
/*
** body_rule.c: a body's decision rule in words (body_rule.h).
*/
#include "body_rule.h"
#include "fmt.h"

#include <stdio.h>
#include <string.h>

void pl__body_condition_text(const pl_body *b, size_t c, char *buf, size_t size)
{
    int strict;
    double t = pl_body_quota_threshold(b, c, &strict);
    char num[32];
    size_t rule = pl_body_quota_rule(b, c);
    const char *join = !rule ? "" : c && pl_body_quota_rule(b, c - 1) == rule ? "and " : "or ";
    snprintf(buf, size, "%s%s (%s %s)", join, pl_body_quota_text(b, c),
             strict ? "more than" : "at least", pl__fmt_double(num, t));
}

void pl__body_rule_text(const pl_scenario *s, const pl_body *b, pl__buf *out)
{
    char cond[256];
    for (size_t c = 0; c < pl_body_n_quotas(b); c++) {
        pl__body_condition_text(b, c, cond, sizeof cond);
        pl__buf_printf(out, "%s%s", c ? ", " : "", cond);
    }
    size_t said = 0;
    for (size_t m = 0; m < pl_body_n_members(b); m++) {
        if (!pl_body_veto(b, m))
            continue;
        const pl_actor *a = pl_scenario_actor(s, (size_t)pl_body_member(b, m));
        pl__buf_printf(out, "%s%s", said++ ? ", " : "; veto: ", pl_actor_id(a));
    }
}
