/* SPDX-License-Identifier: MIT */
/*
** version.c: run-time version of the library (see parley/version.h).
*/
#include "parley/version.h"

const char *pl_version(void) { return PL_VERSION_STRING; }
int pl_version_number(void) { return PL_VERSION_NUMBER; }
