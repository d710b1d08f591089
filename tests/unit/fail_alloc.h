/* SPDX-License-Identifier: MIT */
/*
** fail_alloc.h: make one chosen allocation fail, to test that a function
** then returns PL_ENOMEM and leaks nothing (DESIGN.md 7). The test is linked
** with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc (tests/CMakeLists.txt),
** so every call of those in the test and the static library comes here.
** Include it in one source file of a test only.
**
** It also counts the allocations since it was armed, so a test can first run
** an operation with nothing failing to learn how many allocations it makes,
** then fail each of them in turn (test_oom.c). tests/unit/fail_alloc_env.c
** arms it from the environment for a CLI built with it.
**
** The countdown is file-static state: malloc takes no payload to carry it.
*/
#ifndef PL_FAIL_ALLOC_H
#define PL_FAIL_ALLOC_H

#include <stddef.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);

#ifdef FAIL_ALLOC_TRACE
void __sanitizer_print_stack_trace(void);
#endif
static long fail_alloc_countdown; /* allocations until the one that fails; 0: none */
static int fail_alloc_hit;
static long fail_alloc_seen; /* allocations since armed */

static int fail_alloc_now(void)
{
    fail_alloc_seen++;
    if (fail_alloc_countdown == 0 || --fail_alloc_countdown > 0)
        return 0;
    fail_alloc_hit = 1;
#ifdef FAIL_ALLOC_TRACE
    __sanitizer_print_stack_trace();
#endif
    return 1;
}

#ifdef PL_OOM_STATIC_PARSERS
/*
** libfyaml 0.7.12 (Debian 12), fy_parse_input_append: after fy_input_create()
** it checks `fyp != NULL` where it means `fyi`, so a failed allocation of the
** input record in fy_input_create (its only allocation through malloc/calloc;
** the name comes from asprintf/strdup inside libc) is dereferenced. parley
** cannot guard a library's internals, so that call is spared: it is never made
** to fail. The bound is the function's size in Debian's archive (nm -S: 0x1f9).
** Every other allocation of libfyaml and libxml2 is (they are linked from
** their archives into test_oom so --wrap reaches them).
*/
struct fy_input_cfg;
struct fy_input *fy_input_create(const struct fy_input_cfg *fyic);

static int fail_alloc_spared(const void *caller)
{
    const char *f = (const char *)(void (*)(void))fy_input_create;
    return (const char *)caller > f && (const char *)caller < f + 0x200;
}
#else
static int fail_alloc_spared(const void *caller)
{
    (void)caller;
    return 0;
}
#endif

void *__wrap_malloc(size_t n)
{
    if (fail_alloc_spared(__builtin_return_address(0)))
        return __real_malloc(n);
    return fail_alloc_now() ? NULL : __real_malloc(n);
}
void *__wrap_calloc(size_t n, size_t size)
{
    if (fail_alloc_spared(__builtin_return_address(0)))
        return __real_calloc(n, size);
    return fail_alloc_now() ? NULL : __real_calloc(n, size);
}
void *__wrap_realloc(void *p, size_t n) { return fail_alloc_now() ? NULL : __real_realloc(p, n); }

/* The nth allocation from now fails (n >= 1; 0: none, only count); the others succeed. */
static inline void fail_alloc_arm(long n)
{
    fail_alloc_countdown = n;
    fail_alloc_hit = 0;
    fail_alloc_seen = 0;
}

/* Allocations since fail_alloc_arm. */
static inline long fail_alloc_count(void) { return fail_alloc_seen; }

/* Stop; returns whether the chosen allocation happened (and failed). */
static inline int fail_alloc_disarm(void)
{
    fail_alloc_countdown = 0;
    return fail_alloc_hit;
}

#endif
