/* SPDX-License-Identifier: MIT */
/*
** parallel.c: jobs on threads. Results never depend on the thread count:
** callers give each job its own range and combine the jobs in order.
*/
#include "parallel.h"
#include "error_int.h"
#include "parley/error.h"

#include <string.h>

#include <pthread.h>
#include <stdlib.h>

int pl__parallel(void *jobs, size_t stride, size_t n, void *(*fn)(void *))
{
    pthread_t *th = calloc(n ? n : 1, sizeof *th);
    unsigned char *started = calloc(n ? n : 1, 1);
    if (!th || !started) {
        free(th), free(started);
        return PL_ENOMEM;
    }
    char *base = jobs;
    for (size_t t = 1; t < n; t++)
        started[t] = pthread_create(&th[t], NULL, fn, base + t * stride) == 0;
    for (size_t t = 0; t < n; t++)
        if (!started[t])
            fn(base + t * stride);
    for (size_t t = 1; t < n; t++)
        if (started[t])
            pthread_join(th[t], NULL);
    free(th), free(started);
    return PL_OK;
}

int pl__parallel_first_error(void *jobs, size_t stride, size_t n, void *(*fn)(void *),
                             size_t rc_at, size_t err_at, pl_error *err)
{
    if (pl__parallel(jobs, stride, n, fn))
        return pl__error_nomem(err);
    for (size_t t = 0; t < n; t++) {
        char *j = (char *)jobs + t * stride;
        int rc;
        memcpy(&rc, j + rc_at, sizeof rc);
        if (rc) {
            if (err)
                memcpy(err, j + err_at, sizeof *err);
            return rc;
        }
    }
    return PL_OK;
}
