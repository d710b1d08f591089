/* SPDX-License-Identifier: MIT */
/*
** proposal.h: reading a proposed package inside the scenario layer (a claim's
** proposal); everyone else uses parley/proposal.h.
*/
#ifndef PL_PROPOSAL_H
#define PL_PROPOSAL_H

#include <stddef.h>
#include "parley/scenario.h"
#include "schema.h"

/*
** A mapping issue id -> option id, or scale point in [0, 100], from a node of
** a document being read; an issue with named options takes only its option
** ids or their scale points. Every issue must be given. x gets each issue's
** scale point, opt the option index (-1 when the issue has no named options).
** A term may be {value, source, note}; src (NULL: not kept) gets 2 per issue,
** its source and note (NULL when absent), in rd's arena.
*/
int pl__read_proposal_node(pl_rd *rd, const pl_scenario *s, const pl_doc_node *root, double *x,
                           long *opt, const char **src);

#endif
