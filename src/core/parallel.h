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

#endif
