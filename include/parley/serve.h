/* SPDX-License-Identifier: MIT */
/*
** serve.h: `parley serve`, a local HTTP server (libmicrohttpd) giving a
** what-if page and a JSON API over one scenario (docs/api.md). Requests are
** stateless: the server keeps only the start-up scenario's text, read-only,
** and every request carries its own changes, so one browser tab never sees
** another's edits. The sockets need libmicrohttpd: a library built without it
** has these functions too, and pl_serve_start returns PL_EMISUSE saying so.
*/
#ifndef PARLEY_SERVE_H
#define PARLEY_SERVE_H

#include <stddef.h>
#include "parley/export.h"
#include "parley/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pl_serve_opts {
    /* The start-up scenario's YAML or JSON text (copied), and its name in messages;
       text NULL: the built-in scenario. */
    const char *text;
    size_t len;
    const char *name;
    /* Address to bind: "127.0.0.1" (NULL: that), "::1", or any IPv4/IPv6 literal. */
    const char *host;
    unsigned port;          /* 0: a free port, read back with pl_serve_port */
    unsigned threads;       /* worker threads of the pool (0: 2; at most 64) */
    size_t max_body;        /* largest request body in bytes (0: 1 MiB) */
    const char *save_dir;   /* where POST /api/save writes; NULL: saving is off */
    /* A claims file's text (copied) checked against the start-up scenario, and its name in
       messages; claims NULL: the built-in scenario's own claims when it is served. */
    const char *claims;
    size_t claims_len;
    const char *claims_name;
} pl_serve_opts;
#define PL_SERVE_OPTS_INIT {NULL, 0, NULL, NULL, 0, 0, 0, NULL, NULL, 0, NULL}

typedef struct pl_server pl_server;

/**
 * Check the start-up scenario, bind and start serving on worker threads.
 * @param[out] out  the running server (pl_serve_stop); NULL on error
 * @return PL_OK; PL_EINPUT when the scenario does not load (err says where) or an
 *         option is out of range; PL_EIO when the address cannot be bound; PL_ENOMEM.
 */
PL_API int pl_serve_start(pl_server **out, const pl_serve_opts *opts, pl_error *err);
/** The port the server listens on (the one picked when opts->port was 0). */
PL_API unsigned pl_serve_port(const pl_server *srv);
/** Stop serving (a running stress job is cancelled and joined), free everything.
    NULL is a no-op. */
PL_API void pl_serve_stop(pl_server *srv);

#ifdef __cplusplus
}
#endif

#endif
