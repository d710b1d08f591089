/* SPDX-License-Identifier: MIT */
/*
** parallel.h: run a function over an array of jobs on threads (pthreads).
*/
#ifndef PL_PARALLEL_H
#define PL_PARALLEL_H

#include <stddef.h>

/*
** Call fn on each of the n jobs (stride bytes apart from jobs): job 0, and any
** job whose thread cannot be created, on the calling thread; every other on a
** thread of its own. Returns when all are done. PL_ENOMEM if no room to track
** the threads (then no job has run).
*/
int pl__parallel(void *jobs, size_t stride, size_t n, void *(*fn)(void *));

struct pl_error;
/*
** pl__parallel, then the first failing job's result in job order (so the
** error does not depend on which thread failed first): each job holds its
** int result at byte offset rc_at and its pl_error at err_at (offsetof).
*/
int pl__parallel_first_error(void *jobs, size_t stride, size_t n, void *(*fn)(void *),
                             size_t rc_at, size_t err_at, struct pl_error *err);

#endif
