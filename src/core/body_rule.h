/* SPDX-License-Identifier: MIT */
/*
** body_rule.h: a body's decision rule in words, one place for the scenario's
** description and the votes on a package (src/settle/votes_emit.c).
*/
#ifndef PL_BODY_RULE_H
#define PL_BODY_RULE_H

#include <stddef.h>
#include "parley/scenario.h"
#include "buf.h"

/*
** Quota condition c of body b as written, with its threshold: "majority (more
** than 1.5)", prefixed "and " or "or " when it joins a previous condition of an
** alternative rule. Into buf[size] (truncated if too small).
*/
void pl__body_condition_text(const pl_body *b, size_t c, char *buf, size_t size);

/* Whether member m has a veto (ctx: the caller's, e.g. a power analysis). */
typedef int (*pl__veto_fn)(const void *ctx, size_t m);

/*
** The whole rule in words, for people: every condition, then who can block
** alone: "2 of 3 members (quota “majority”); a veto: Third councillor",
** "unanimity of 5 (quota “unanimity”), every member a veto". veto NULL: the
** vetoes the scenario declares. Appended to out (out->failed when memory ran out).
*/
void pl__body_rule_words(const pl_scenario *s, const pl_body *b, pl__veto_fn veto,
                         const void *ctx, pl__buf *out);

#endif
