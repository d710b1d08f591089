/* SPDX-License-Identifier: MIT */
/*
** options.h: the words of the analyses' enumerated options, one table for
** the library, the CLI and bindings: the words `parley` takes after the
** option of that name, in the order of the option's enum (or bit), and the
** words the run store writes (pl_run_options). The options:
**   weights           cs s c 1                     pl_weight_mode
**   median-tie        lower upper mid              pl_median_tie
**   loss              linear quadratic             pl_loss
**   eum-prob          published net scholz         pl_eum_prob
**   eum-select        smallest scholz max-eu       pl_eum_select
**   eum-compromise    fraction weighted            pl_eum_compromise
**   eum-perspective   receiver own                 pl_eum_perspective
**   eum-salience-25b  target printed               pl_eum_opts.sal25b_printed
**   eum-cycle         stop run mean                pl_eum_cycle
**   exchange-rule     equal-gain random-rate       pl_exchange_rule
**   smp-vote          prop binary propbin propcbc cubic asymprosp
**   smp-victory       linear square quartic octic binary
**   smp-election      conditional markov-uniform markov-incentive
**   smp-risk          mid min max
**   smp-perspective   one-third none half two-thirds full
**   smp-bargain       s2p2 s1p1 s2pmax             pl_smp_interp
**   smp-commit        semi full none
**   smp-bargains      init init-rcvr power
**   analyses          forecast settle power durability   bit i of PL_STRESS_*
** (models are pl_model_name).
*/
#ifndef PARLEY_OPTIONS_H
#define PARLEY_OPTIONS_H

#include <stddef.h>
#include "parley/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The words of an enumerated option (count in *n), or NULL (*n = 0) for another name. */
PL_API const char *const *pl_option_choices(const char *option, size_t *n);
/** The word for value v of an enumerated option, or NULL. */
PL_API const char *pl_option_choice(const char *option, int v);

#ifdef __cplusplus
}
#endif

#endif
