/* SPDX-License-Identifier: MIT */
/*
** parley.h: the whole public API of libparley.
** Analyses of multi-party, multi-issue negotiations; see docs/ and man parley(1).
*/
#ifndef PARLEY_H
#define PARLEY_H

#include "parley/export.h"
#include "parley/version.h"
#include "parley/error.h"
#include "parley/scenario.h"
#include "parley/proposal.h"
#include "parley/options.h"
#include "parley/emit.h"
#include "parley/forecast.h"
#include "parley/eum.h"
#include "parley/exchange.h"
#include "parley/power.h"
#include "parley/import.h"
#include "parley/input.h"
#include "parley/evaluate.h"
#include "parley/settle.h"
#include "parley/dynamics.h"
#include "parley/verdict.h"
#include "parley/progress.h"
#include "parley/stress.h"
#include "parley/store.h"
#include "parley/report.h"
#include "parley/claims.h"
#include "parley/compare.h"
#include "parley/smp.h"
#include "parley/defaults.h"
#include "parley/serve.h"

#endif
