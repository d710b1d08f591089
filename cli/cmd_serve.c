/* SPDX-License-Identifier: MIT */
/*
** cmd_serve.c: `parley serve [FILE]`: the what-if page and the JSON API over
** one scenario (docs/api.md), on loopback unless --host says otherwise, until
** SIGINT or SIGTERM.
*/
#include "cli.h"

#include <signal.h>
#include <string.h>

static const cli_optdef serve_opts[] = {
    {"builtin", 0, 2, "NAME", "serve a built-in scenario (default when no FILE)"},
    CLI_FROM_OPTDEF,
    {"port", 0, 1, "N", "TCP port, 0 for any free one (printed) (default 8080)"},
    {"host", 0, 1, "ADDR", "IP address to listen on; anything but loopback is warned about "
                           "(default 127.0.0.1)"},
    {"threads", 0, 1, "N", "worker threads answering requests, 1 to 64 (default 2)"},
    {"max-body", 0, 1, "BYTES", "largest request body; a larger one is refused with 413 "
                                "(default 1048576)"},
    {"save-dir", 0, 1, "DIR", "let POST /api/save write the edited scenario into DIR "
                              "(default: saving is off; the server writes nowhere else)"},
    {"claims", 0, 1, "FILE", "the claims the page and POST /api/run check, read once at start "
                             "(default: the built-in scenario's own, when it is served)"},
    {NULL, 0, 0, NULL, NULL}};

static int loopback(const char *host)
{
    return strncmp(host, "127.", 4) == 0 || strcmp(host, "::1") == 0;
}

static int read_opts(const cli_args *a, pl_serve_opts *o)
{
    unsigned long long port = 8080, threads = 2, body = 1048576;
    int rc;
    if ((rc = cli_whole_opt(a, "port", 0, 65535, &port)) ||
        (rc = cli_whole_opt(a, "threads", 1, 64, &threads)) ||
        (rc = cli_whole_opt(a, "max-body", 1, 1ull << 30, &body)) ||
        (rc = cli_no_changes(a, "serve keeps the scenario as written; each request brings its "
                                "own changes")))
        return rc;
    o->port = (unsigned)port;
    o->threads = (unsigned)threads;
    o->max_body = (size_t)body;
    o->host = cli_get(a, "host", NULL);
    o->save_dir = cli_get(a, "save-dir", NULL);
    if (!o->host)
        o->host = "127.0.0.1";
    return EXIT_OK;
}

/* Serve until SIGINT or SIGTERM: both blocked in every thread, taken here. */
static int serve(const pl_serve_opts *o)
{
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);  /* before the server's threads start */
    signal(SIGPIPE, SIG_IGN);
    pl_server *srv = NULL;
    pl_error err;
    pl_error_clear(&err);
    if (pl_serve_start(&srv, o, &err) != PL_OK) {
        int in_claims = o->claims && strcmp(err.file, o->claims_name) == 0;
        cli_report(&err, in_claims ? o->claims : o->text, in_claims ? o->claims_len : o->len);
        return cli_exit_code(err.code);
    }
    if (!loopback(o->host))
        fprintf(stderr, "parley: warning: serving on %s, not loopback: anyone who can reach "
                        "this address can use the server\n", o->host);
    int v6 = strchr(o->host, ':') != NULL;
    printf("parley serve: http://%s%s%s:%u/ (Ctrl-C stops)\n", v6 ? "[" : "", o->host,
           v6 ? "]" : "", pl_serve_port(srv));
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    pl_serve_stop(srv);
    fprintf(stderr, "parley serve: stopped (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    return EXIT_OK;
}

static int run_serve(const cli_args *a)
{
    pl_serve_opts o = PL_SERVE_OPTS_INIT;
    pl_scenario *s = NULL;
    pl_input *claims = NULL;
    const char *path = cli_get(a, "claims", NULL);
    int rc = read_opts(a, &o);
    if (rc || (rc = cli_load_scenario(a, &s, 0)) ||
        (path && (rc = cli_read_input(a, path, &claims)))) {
        pl_scenario_free(s);
        return rc;
    }
    if (a->npos > 0) {  /* the file's text (an import's converted text); else the built-in */
        o.text = pl_scenario_text(s, &o.len);
        o.name = a->pos[0];
    }
    if (claims) {  /* checked against the scenario when the server starts */
        o.claims = pl_input_data(claims, &o.claims_len);
        o.claims_name = pl_input_name(claims);
    }
    rc = serve(&o);
    pl_input_free(claims);
    pl_scenario_free(s);
    return rc;
}

const cli_command cli_cmd_serve = {
    "serve", "[FILE]",
    "A what-if page and a JSON API over the scenario, served on this machine.",
    serve_opts,
    "Serves one page (HTML, CSS and JavaScript compiled into parley: no CDN, works\n"
    "offline) and the JSON API docs/api.md describes: the scenario, validation of\n"
    "changes (the paths of --set), each analysis' JSON document exactly as the\n"
    "command writes it, the report's charts as SVG, the scenario as YAML with the\n"
    "changes written in, and a Monte Carlo job with its progress. Requests are\n"
    "stateless: each carries its own changes, so tabs never see each other's edits.\n"
    "Limits: bodies over --max-body get 413; a request for more than 20000 draws\n"
    "gets 503; one stress job at a time (409 while it runs). The server reads no\n"
    "file but FILE and --claims (read once, at start) and writes none but into\n"
    "--save-dir.\n"
    "Prints its URL; SIGINT or SIGTERM stops it. Examples:\n"
    "  parley serve                       the built-in scenario on 127.0.0.1:8080\n"
    "  parley serve my.yaml --port 0      any free port (the URL says which)\n",
    run_serve};
