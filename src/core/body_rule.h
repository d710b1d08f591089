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

/*
** The whole rule on one line: every condition, then the members with a veto,
** "majority (more than 1.5); veto: V3". Appended to out (out->failed when memory ran out).
*/
void pl__body_rule_text(const pl_scenario *s, const pl_body *b, pl__buf *out);

#endif
