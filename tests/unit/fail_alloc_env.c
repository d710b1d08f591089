/* SPDX-License-Identifier: MIT */
/*
** fail_alloc_env.c: linked only into the test build of the CLI
** (parley-failalloc, tests/CMakeLists.txt), never into the installed one.
** PARLEY_FAIL_ALLOC=N makes the Nth allocation of the run fail, so the CLI
** tests can check what a user sees when memory runs out (exit 1, "parley: out
** of memory", no output file) without a test hook in the production CLI.
*/
#include "fail_alloc.h"

#include <stdlib.h>

__attribute__((constructor)) static void fail_alloc_from_env(void)
{
    const char *n = getenv("PARLEY_FAIL_ALLOC");
    if (n && *n)
        fail_alloc_arm(strtol(n, NULL, 10));
}
