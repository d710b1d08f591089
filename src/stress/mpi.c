/* SPDX-License-Identifier: MIT */
/*
** mpi.c: the MPI transport of `parley stress` (built with -DPARLEY_MPI=ON).
** Rank 0 receives each block of draw rows from the rank that computed it, in
** block order (see montecarlo.c); tags are not needed since every pair of
** ranks exchanges messages in one order only.
*/
#include "parley/stress.h"
#include "../core/error_int.h"

#ifdef PARLEY_MPI
#include <limits.h>
#include <mpi.h>

static int mpi_send(void *ctx, const double *v, size_t n)
{
    (void)ctx;
    for (; n > 0;) { /* MPI counts are int */
        int c = n > INT_MAX ? INT_MAX : (int)n;
        if (MPI_Send(v, c, MPI_DOUBLE, 0, 0, MPI_COMM_WORLD) != MPI_SUCCESS)
            return -1;
        v += c, n -= (size_t)c;
    }
    return 0;
}

static int mpi_recv(void *ctx, int from, double *v, size_t n)
{
    (void)ctx;
    for (; n > 0;) {
        int c = n > INT_MAX ? INT_MAX : (int)n;
        if (MPI_Recv(v, c, MPI_DOUBLE, from, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE) !=
            MPI_SUCCESS)
            return -1;
        v += c, n -= (size_t)c;
    }
    return 0;
}

int pl_stress_mpi_begin(pl_stress_transport *t, int *argc, char ***argv, pl_error *err)
{
    int up = 0;
    MPI_Initialized(&up);
    if (!up && MPI_Init(argc, argv) != MPI_SUCCESS)
        return pl__fail(err, PL_ERROR, "MPI could not be initialised");
    MPI_Comm_rank(MPI_COMM_WORLD, &t->rank);
    MPI_Comm_size(MPI_COMM_WORLD, &t->ranks);
    t->send = mpi_send, t->recv = mpi_recv, t->ctx = NULL;
    return PL_OK;
}

void pl_stress_mpi_abort(int status)
{
    /* a rank that stops alone would leave the others blocked in a send or receive */
    MPI_Abort(MPI_COMM_WORLD, status);
}

int pl_stress_mpi_agree(int status)
{
    int up = 0, down = 0, all = status;
    MPI_Initialized(&up);
    MPI_Finalized(&down);
    if (up && !down && MPI_Allreduce(&status, &all, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD) !=
                           MPI_SUCCESS)
        return status;
    return all;
}

void pl_stress_mpi_end(void)
{
    int up = 0, down = 0;
    MPI_Initialized(&up);
    MPI_Finalized(&down);
    if (up && !down)
        MPI_Finalize();
}

#else

int pl_stress_mpi_begin(pl_stress_transport *t, int *argc, char ***argv, pl_error *err)
{
    (void)t, (void)argc, (void)argv;
    return pl__fail(err, PL_EMISUSE, "this parley was built without MPI; rebuild with "
                    "cmake -DPARLEY_MPI=ON (Open MPI: apt-get install libopenmpi-dev)");
}

void pl_stress_mpi_abort(int status) { (void)status; }

int pl_stress_mpi_agree(int status) { return status; }

void pl_stress_mpi_end(void) {}

#endif
