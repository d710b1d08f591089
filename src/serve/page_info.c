/* SPDX-License-Identifier: MIT */
/*
** page_info.c (serve): what the page needs beyond the scenario's description in
** GET /api/scenario: the analyses POST /api/run can give for it, and the stated
** ranges of the numbers the page has controls for (capabilities, positions,
** saliences), by their --set paths. A slider moved outside such a range sends
** the range's bound with the value (docs/api.md), as the CLI needs
** `--set x=v --set x.high=v` for a value above a stated range.
*/
#include "serve_impl.h"
#include "../core/inputs.h"
#include "../core/fmt.h"

#include <string.h>

static void put_number(pl__buf *b, const char *key, double v)
{
    char num[32];
    pl__buf_printf(b, ", \"%s\": %s", key, pl__fmt_double(num, v));
}

/* The --set path of input in, for those the page has a control for; 0 otherwise. */
static int input_path(const pl_scenario *s, const pl__input *in, char *path, size_t size)
{
    if (in->durability || in->nodeal || in->actor < 0)
        return 0;
    const char *a = pl_actor_id(pl_scenario_actor(s, (size_t)in->actor));
    if (strcmp(in->kind, "capability") == 0 && in->body < 0 && in->issue < 0)
        return pl__snprintf(path, size, "actors.%s.capability", a) > 0;
    if ((strcmp(in->kind, "position") == 0 || strcmp(in->kind, "salience") == 0) && in->issue >= 0)
        return pl__snprintf(path, size, "positions.%s.%s.%s", a,
                            pl_issue_id(pl_scenario_issue(s, (size_t)in->issue)), in->kind) > 0;
    return 0;
}

void pl__serve_page_info(const pl__serve_ctx *c, const pl__serve_req *q, const pl_scenario *s,
                         pl__buf *b)
{
    unsigned can = pl__serve_supported(c, q, s);
    PL_SERVE_PUT(b, ", \"analyses\": [");
    for (int k = 0, n = 0; k < PL_SERVE_N_ANALYSES; k++)
        if (can & (1u << k))
            pl__buf_printf(b, "%s\"%s\"", n++ ? ", " : "", pl__serve_analysis_names[k]);
    PL_SERVE_PUT(b, "], \"ranges\": [");
    pl__input in;
    char path[256];
    for (size_t j = 0, n = 0; pl__scenario_input(s, j, &in) == 0; j++) {
        if (!in.stated || !input_path(s, &in, path, sizeof path))
            continue;
        if (n++)
            PL_SERVE_PUT(b, ", ");
        PL_SERVE_PUT(b, "{\"path\": ");
        pl__serve_json_string(b, path, strlen(path));
        put_number(b, "value", in.v.value);
        put_number(b, "low", in.low);
        put_number(b, "high", in.high);
        PL_SERVE_PUT(b, "}");
    }
    PL_SERVE_PUT(b, "]");
}
