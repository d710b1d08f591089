/* SPDX-License-Identifier: MIT */
/*
** exchange_impl.h: the exchange model over some of a scenario's issues
** (evaluate runs it within each group of issues decided together).
*/
#ifndef PL_EXCHANGE_IMPL_H
#define PL_EXCHANGE_IMPL_H

#include "parley/exchange.h"
#include "parley/scenario.h"

/*
** The actors at the table over the K issues issues[0..K) (NULL: issues 0..K),
** power = capability, absent where an actor has no position.
*/
int pl__exchange_run_issues(pl_exchange **out, const pl_scenario *s, const size_t *issues,
                            size_t K, const pl_exchange_opts *opts, pl_error *err);

#endif
