/* SPDX-License-Identifier: MIT */
/*
** body_rule.c: a body's decision rule in words (body_rule.h).
*/
#include "body_rule.h"
#include "fmt.h"
#include "scenario_impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void pl__body_condition_text(const pl_body *b, size_t c, char *buf, size_t size)
{
    int strict;
    double t = pl_body_quota_threshold(b, c, &strict), total = 0;
    char num[32], of[32];
    size_t rule = pl_body_quota_rule(b, c);
    const char *join = !rule ? "" : c && pl_body_quota_rule(b, c - 1) == rule ? "and " : "or ";
    /* a condition with weights of its own (a community's share, a population) is not
       measured in the members' weights listed beside it: say so, with its total (a count
       of members, {members: N}, is plain as it is) */
    if (b->quotas[c].weights && strcmp(pl_body_quota_text(b, c), "members") != 0) {
        for (size_t m = 0; m < pl_body_n_members(b); m++)
            total += pl_body_quota_weight(b, c, m);
        snprintf(buf, size, "%s%s (%s %s of %s, by its own weights)", join,
                 pl_body_quota_text(b, c), strict ? "more than" : "at least",
                 pl__fmt_double(num, t), pl__fmt_double(of, total));
        return;
    }
    snprintf(buf, size, "%s%s (%s %s)", join, pl_body_quota_text(b, c),
             strict ? "more than" : "at least", pl__fmt_double(num, t));
}

/* Quota condition c in words: "unanimity of 5", "3 of 5 members", "a weight above 50 of 100". */
static void condition_words(const pl_body *y, size_t c, pl__buf *out)
{
    size_t n = pl_body_n_members(y);
    int strict = 0, equal = 1;
    double t = pl_body_quota_threshold(y, c, &strict), total = 0;
    for (size_t m = 0; m < n; m++) {
        double w = pl_body_quota_weight(y, c, m);
        total += w;
        equal &= w == pl_body_quota_weight(y, c, 0);
    }
    /* equal weights: the quota is a number of members, the smallest count that reaches it */
    double unit = n ? pl_body_quota_weight(y, c, 0) : 1, need = t / (unit > 0 ? unit : 1);
    size_t k = (size_t)(strict ? floor(need) + 1 : ceil(need - 1e-9));
    char a[40], b[40];
    if (equal && n == 1)
        pl__buf_printf(out, "the vote of its one member");
    else if (equal && k >= n)
        pl__buf_printf(out, "unanimity of %zu", n);
    else if (equal)
        pl__buf_printf(out, "%zu of %zu members", k, n);
    else
        pl__buf_printf(out, "a weight %s %s of %s", strict ? "above" : "of at least",
                       pl__fmt_double(a, t), pl__fmt_double(b, total));
    pl__buf_printf(out, " (quota \xe2\x80\x9c%s\xe2\x80\x9d)", pl_body_quota_text(y, c));
}

static int declared_veto(const void *ctx, size_t m) { return pl_body_veto(ctx, m); }

void pl__body_rule_words(const pl_scenario *s, const pl_body *y, pl__veto_fn veto,
                         const void *ctx, pl__buf *out)
{
    if (!veto)
        veto = declared_veto, ctx = y;
    size_t n = pl_body_n_members(y), vetoes = 0;
    for (size_t c = 0; c < pl_body_n_quotas(y); c++) {
        size_t rl = pl_body_quota_rule(y, c);
        pl__buf_printf(out, "%s", !c ? "" : rl != pl_body_quota_rule(y, c - 1) ? "; or " : " and ");
        condition_words(y, c, out);
    }
    for (size_t m = 0; m < n; m++)
        vetoes += (size_t)(veto(ctx, m) != 0);
    if (vetoes && vetoes == n && n > 1)
        pl__buf_printf(out, ", every member a veto");
    for (size_t m = 0, shown = 0; vetoes < n && m < n; m++)
        if (veto(ctx, m))
            pl__buf_printf(out, "%s%s", shown++ ? ", " : "; a veto: ",
                           pl_actor_name(pl_scenario_actor(s, (size_t)pl_body_member(y, m))));
    if (!vetoes && n > 1)
        pl__buf_printf(out, "; no member can block alone");
}
