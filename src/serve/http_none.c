/* SPDX-License-Identifier: MIT */
/*
** http_none.c: pl_serve_start in a library built without libmicrohttpd
** (Debian libmicrohttpd-dev): it says so instead of serving.
*/
#include "serve_impl.h"

#include "../core/error_int.h"

int pl_serve_start(pl_server **out, const pl_serve_opts *opts, pl_error *err)
{
    (void)opts;
    *out = NULL;
    return pl__fail(err, PL_EMISUSE, "this parley was built without libmicrohttpd; expected "
                    "it installed (scripts/deps.sh run) and parley rebuilt to serve");
}

unsigned pl_serve_port(const pl_server *srv)
{
    (void)srv;
    return 0;
}

void pl_serve_stop(pl_server *srv) { (void)srv; }
