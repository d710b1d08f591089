/* SPDX-License-Identifier: MIT */
/*
** http.c: the sockets, through libmicrohttpd (docs/design-notes.md says why
** it): a pool of a fixed number of threads, each polling its share of the
** connections; at most 64 connections, 30 s idle timeout. Each request's
** body is gathered up to the limit (a larger one is answered 413 without
** being read further), then pl__serve_handle answers it.
*/
#include "serve_impl.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include "../core/error_int.h"

#define MAX_CONNECTIONS 64u
#define IDLE_TIMEOUT_S 30u
#define MAX_THREADS 64u

struct pl_server {
    struct MHD_Daemon *d;
    pl__serve_ctx ctx;
    unsigned port;
};

/* One request's body as it arrives. */
typedef struct upload {
    pl__buf body;
    int too_big;
} upload;

static enum MHD_Result send_resp(struct MHD_Connection *con, pl__serve_resp *r)
{
    struct MHD_Response *m;
    if (r->static_body)
        m = MHD_create_response_from_buffer(r->static_len, (void *)(uintptr_t)r->static_body,
                                            MHD_RESPMEM_PERSISTENT);
    else {  /* the response frees the body */
        m = MHD_create_response_from_buffer(r->body.len, r->body.buf,
                                            r->body.buf ? MHD_RESPMEM_MUST_FREE
                                                        : MHD_RESPMEM_PERSISTENT);
        if (m)
            r->body = (pl__buf){0};
    }
    if (!m)
        return MHD_NO;
    MHD_add_response_header(m, "Content-Type", r->type);
    MHD_add_response_header(m, "Cache-Control", "no-store");
    MHD_add_response_header(m, "X-Content-Type-Options", "nosniff");
    /* the page may reach nothing but this server */
    MHD_add_response_header(m, "Content-Security-Policy", "default-src 'self'; script-src "
                            "'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:");
    if (r->allow)
        MHD_add_response_header(m, "Allow", r->allow);
    if (r->disposition[0])
        MHD_add_response_header(m, "Content-Disposition", r->disposition);
    enum MHD_Result ok = MHD_queue_response(con, (unsigned)r->status, m);
    MHD_destroy_response(m);
    return ok;
}

static enum MHD_Result too_big(struct MHD_Connection *con, pl__serve_ctx *c, size_t len)
{
    pl__serve_resp r;
    memset(&r, 0, sizeof r);
    pl__serve_fail(&r, 413, "the body is %s%zu bytes; expected at most %zu (parley serve "
                   "--max-body)", len ? "" : "over ", len ? len : c->max_body, c->max_body);
    enum MHD_Result ok = send_resp(con, &r);
    pl__serve_resp_free(&r);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url,
                                  const char *method, const char *version,
                                  const char *data, size_t *size, void **state)
{
    (void)version;
    pl__serve_ctx *c = cls;
    upload *u = *state;
    if (!u) {  /* the first call: headers only */
        const char *cl = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > c->max_body)
            return too_big(con, c, (size_t)strtoull(cl, NULL, 10));
        if (!(u = calloc(1, sizeof *u)))
            return MHD_NO;
        *state = u;
        return MHD_YES;
    }
    if (*size) {  /* more of the body */
        if (!u->too_big && u->body.len + *size <= c->max_body)
            pl__buf_put(&u->body, data, *size);
        else
            u->too_big = 1;
        *size = 0;
        return MHD_YES;
    }
    if (u->too_big)
        return too_big(con, c, 0);
    pl__serve_resp r;
    pl__serve_handle(c, method, url, u->body.buf ? u->body.buf : "", u->body.len, &r);
    enum MHD_Result ok = send_resp(con, &r);
    pl__serve_resp_free(&r);
    return ok;
}

static void on_done(void *cls, struct MHD_Connection *con, void **state,
                    enum MHD_RequestTerminationCode why)
{
    (void)cls, (void)con, (void)why;
    upload *u = *state;
    if (u) {
        pl__buf_free(&u->body);
        free(u);
    }
    *state = NULL;
}

/* host and port as a socket address; PL_EINPUT for a host that is not an IP literal. */
static int address(const char *host, unsigned port, struct sockaddr_storage *sa, pl_error *err)
{
    memset(sa, 0, sizeof *sa);
    struct sockaddr_in *v4 = (struct sockaddr_in *)sa;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)sa;
    if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)port);
    } else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)port);
    } else
        return pl__fail(err, PL_EINPUT, "--host %s: expected an IPv4 or IPv6 address such as "
                        "127.0.0.1 or ::1", host);
    return PL_OK;
}

int pl_serve_start(pl_server **out, const pl_serve_opts *opts, pl_error *err)
{
    pl_serve_opts o = opts ? *opts : (pl_serve_opts)PL_SERVE_OPTS_INIT;
    *out = NULL;
    const char *host = o.host ? o.host : "127.0.0.1";
    unsigned threads = o.threads ? o.threads : 2;
    struct sockaddr_storage sa;
    if (o.port > 65535 || threads > MAX_THREADS)
        return pl__fail(err, PL_EINPUT, "port %u, threads %u: expected a port up to 65535 and "
                        "1 to %u threads", o.port, threads, MAX_THREADS);
    int rc = address(host, o.port, &sa, err);
    pl_server *srv = rc ? NULL : calloc(1, sizeof *srv);
    if (!rc && !srv)
        rc = pl__error_nomem(err);
    if (rc || (rc = pl__serve_ctx_init(&srv->ctx, &o, err))) {
        free(srv);
        return rc;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO |
                     (sa.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0u);
    srv->d = MHD_start_daemon(flags, (uint16_t)o.port, NULL, NULL, on_request, &srv->ctx,
                              MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                              MHD_OPTION_THREAD_POOL_SIZE, threads,
                              MHD_OPTION_CONNECTION_LIMIT, MAX_CONNECTIONS,
                              MHD_OPTION_CONNECTION_TIMEOUT, IDLE_TIMEOUT_S,
                              MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL,
                              MHD_OPTION_END);
    const union MHD_DaemonInfo *info =
        srv->d ? MHD_get_daemon_info(srv->d, MHD_DAEMON_INFO_BIND_PORT) : NULL;
    if (!srv->d || !info) {
        if (srv->d)
            MHD_stop_daemon(srv->d);
        pl__serve_ctx_free(&srv->ctx);
        free(srv);
        return pl__fail(err, PL_EIO, "cannot listen on %s port %u; expected a free port (or "
                        "--port 0 for any)", host, o.port);
    }
    srv->port = info->port;
    *out = srv;
    return PL_OK;
}

unsigned pl_serve_port(const pl_server *srv) { return srv ? srv->port : 0; }

void pl_serve_stop(pl_server *srv)
{
    if (!srv)
        return;
    MHD_stop_daemon(srv->d);
    pl__serve_ctx_free(&srv->ctx);
    free(srv);
}
