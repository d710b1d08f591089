/* cmd_runs.c: placeholder, being written. */
#include "cli.h"

static int run_runs(const cli_args *a)
{
    (void)a;
    return cli_usage_error("runs: not written yet");
}

static const cli_optdef runs_opts[] = {{NULL, 0, 0, NULL, NULL}};

const cli_command cli_cmd_runs = {"runs", "list|show ID|diff ID1 ID2|export ID",
                                  "The run store: list, show, compare and export runs.",
                                  runs_opts, "", run_runs};
