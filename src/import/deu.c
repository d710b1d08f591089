/* SPDX-License-Identifier: MIT */
/*
** import_deu.c: the DEU I-III table (Arregui & Perarnaud 2021, doi
** 10.34810/data53; layout in MODELS.md section 12) as one scenario: the
** Commission, the Parliament and the member states as actors (capability:
** row 2's GDP proxy in trillions), one issue per row with its proposal as
** `group`, its reference point as `status_quo` and the recorded outcome.
** An actor takes part in an issue iff its position is present; a missing
** salience of a present actor counts as 0, with a warning.
*/
#include "import_impl.h"
#include "../core/error_int.h"
#include "../core/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    DEU_COLS = 75, DEU_PRNR = 2, DEU_PRNAME = 3, DEU_ISNR = 4, DEU_PROC = 7, DEU_VOTE = 8,
    DEU_POS = 13, DEU_SAL = 43, DEU_ACTORS = 30, DEU_RP = 73, DEU_OUT = 74
};

static const char *const deu_names[][2] = {
    {"com", "European Commission"}, {"ep", "European Parliament"}, {"at", "Austria"},
    {"be", "Belgium"}, {"bu", "Bulgaria"}, {"cr", "Croatia"}, {"cy", "Cyprus"},
    {"cz", "Czechia"}, {"dk", "Denmark"}, {"ee", "Estonia"}, {"fi", "Finland"},
    {"fr", "France"}, {"de", "Germany"}, {"el", "Greece"}, {"hu", "Hungary"},
    {"ie", "Ireland"}, {"it", "Italy"}, {"lv", "Latvia"}, {"lt", "Lithuania"},
    {"lu", "Luxembourg"}, {"mt", "Malta"}, {"nl", "Netherlands"}, {"pl", "Poland"},
    {"pt", "Portugal"}, {"ro", "Romania"}, {"si", "Slovenia"}, {"sk", "Slovakia"},
    {"es", "Spain"}, {"se", "Sweden"}, {"uk", "United Kingdom"}};

/*
** Council votes under the Treaty of Nice for 28 members (Croatia's 7 from its
** 2013 Act of Accession); a qualified majority is 260 of the 352. One rule for
** every row: DEU III's proposals span 1996-2018, under the EU-15 weights, Nice
** and, from November 2014, the double majority; the bodies written by the
** importer are this approximation (docs/scenario-format.md, DEU import).
*/
static const struct {
    const char *code;
    int votes;
} nice_votes[] = {{"de", 29}, {"fr", 29}, {"it", 29}, {"uk", 29}, {"es", 27}, {"pl", 27},
                  {"ro", 14}, {"nl", 13}, {"be", 12}, {"cz", 12}, {"el", 12}, {"hu", 12},
                  {"pt", 12}, {"at", 10}, {"bu", 10}, {"se", 10}, {"dk", 7}, {"ie", 7},
                  {"lt", 7}, {"sk", 7}, {"fi", 7}, {"cr", 7}, {"cy", 4}, {"ee", 4},
                  {"lv", 4}, {"lu", 4}, {"si", 4}, {"mt", 3}};

typedef struct deu_issue {
    char id[64], group[64], name[200], desc[64];
    int cod, vote;                 /* co-decision; 1 QMV, 2 unanimity, 0 unknown */
    size_t line;
    double x[DEU_ACTORS], s[DEU_ACTORS], rp, out;
    unsigned char has[DEU_ACTORS];
    int has_rp, has_out;
} deu_issue;

typedef struct deu_ctx {
    const pl_load_opts *opts;
    char code[DEU_ACTORS][8];
    double cap[DEU_ACTORS];
    size_t first_line[DEU_ACTORS], first_col[DEU_ACTORS]; /* an actor's first salience */
    int positive[DEU_ACTORS];
    deu_issue *iss;
    size_t n, cap_iss;
    int rows;
} deu_ctx;

static int deu_header(deu_ctx *c, const pl__row *row, pl_error *err)
{
    static const char *const fixed[] = {"prnrnmc", "isnrnmc", "prnr", "prname", "isnr"};
    if (row->n != DEU_COLS)
        return pl__row_fail_err(err, row, 0, "the header has %zu columns; expected the %d of "
                                "the DEU table (prnrnmc, isnrnmc, prnr, ... rp, out)", row->n,
                                DEU_COLS);
    for (size_t f = 0; f < 5; f++)
        if (strcmp(row->field[f], fixed[f]) != 0)
            return pl__row_fail_err(err, row, f, "column %zu is '%s'; expected '%s' (DEU "
                                    "layout)", f + 1, row->field[f], fixed[f]);
    for (size_t a = 0; a < DEU_ACTORS; a++) {
        const char *p = row->field[DEU_POS + a], *s = row->field[DEU_SAL + a];
        if (p[0] != 'p' || s[0] != 's' || strcmp(p + 1, s + 1) != 0 || strlen(p) > 7 || !p[1])
            return pl__row_fail_err(err, row, DEU_POS + a, "columns %d and %d are '%s' and "
                                    "'%s'; expected p<actor> and s<actor> of one actor",
                                    DEU_POS + (int)a + 1, DEU_SAL + (int)a + 1, p, s);
        snprintf(c->code[a], sizeof c->code[a], "%s", p + 1);
    }
    if (strcmp(row->field[DEU_RP], "rp") != 0 || strcmp(row->field[DEU_OUT], "out") != 0)
        return pl__row_fail_err(err, row, DEU_RP, "the last columns are '%s' and '%s'; expected "
                                "rp and out", row->field[DEU_RP], row->field[DEU_OUT]);
    return PL_OK;
}

static int deu_capabilities(deu_ctx *c, const pl__row *row, pl_error *err)
{
    for (size_t a = 0; a < DEU_ACTORS; a++) {
        char what[64];
        int present;
        snprintf(what, sizeof what, "the capability (GDP) of '%s' on row 2", c->code[a]);
        int rc = pl__row_number(row, DEU_POS + a, what, 0, 1e6, &c->cap[a], &present, err);
        if (rc)
            return rc;
        if (!present)
            return pl__row_fail_err(err, row, DEU_POS + a, "%s is missing; expected row 2 to "
                                    "hold every actor's GDP (trillions)", what);
    }
    return PL_OK;
}

static int deu_actor_values(deu_ctx *c, const pl__row *row, deu_issue *x, pl_error *err)
{
    for (size_t a = 0; a < DEU_ACTORS; a++) {
        char what[96];
        int has_x, has_s, rc;
        snprintf(what, sizeof what, "position of '%s' on issue %s", c->code[a], x->id);
        if ((rc = pl__row_number(row, DEU_POS + a, what, 0, 100, &x->x[a], &has_x, err)))
            return rc;
        snprintf(what, sizeof what, "salience of '%s' on issue %s", c->code[a], x->id);
        if ((rc = pl__row_number(row, DEU_SAL + a, what, 0, 100, &x->s[a], &has_s, err)))
            return rc;
        x->has[a] = (unsigned char)has_x;
        x->s[a] /= 100; /* DEU saliences are on 0-100 */
        if (has_x && !c->first_line[a]) {
            c->first_line[a] = row->line;
            c->first_col[a] = row->col[DEU_SAL + a];
        }
        c->positive[a] |= has_x && x->s[a] > 0;
        if (has_x && !has_s)
            pl__import_warn(c->opts, row, DEU_SAL + a, "%s is missing; counted as 0", what);
    }
    return PL_OK;
}

static int deu_issue_row(deu_ctx *c, const pl__row *row, pl_error *err)
{
    if (row->n != DEU_COLS)
        return pl__row_fail_err(err, row, row->n ? row->n - 1 : 0, "the row has %zu fields; "
                                "expected %d like the header", row->n, DEU_COLS);
    deu_issue *grown = pl__grow(c->iss, &c->cap_iss, c->n + 1, sizeof *grown, 64);
    if (!grown)
        return pl__error_nomem(err);
    c->iss = grown;
    deu_issue *x = &c->iss[c->n];
    memset(x, 0, sizeof *x);
    if (!row->field[DEU_ISNR][0] || !row->field[DEU_PRNR][0])
        return pl__row_fail_err(err, row, DEU_ISNR, "the issue or proposal id is empty; "
                                "expected ids like d00032i1 and d00032");
    pl__y_id(x->id, sizeof x->id, row->field[DEU_ISNR]);
    pl__y_id(x->group, sizeof x->group, row->field[DEU_PRNR]);
    for (size_t k = 0; k < c->n; k++)
        if (strcmp(c->iss[k].id, x->id) == 0)
            return pl__row_fail_err(err, row, DEU_ISNR, "issue id '%s' appears twice; expected "
                                    "unique issue ids", x->id);
    snprintf(x->name, sizeof x->name, "%.120s (%s)", row->field[DEU_PRNAME], x->id);
    snprintf(x->desc, sizeof x->desc, "%.12s, %.12s", row->field[DEU_PROC], row->field[DEU_VOTE]);
    x->cod = strcmp(row->field[DEU_PROC], "COD") == 0;
    x->vote = strncmp(row->field[DEU_VOTE], "QMV", 3) == 0 ? 1
              : strncmp(row->field[DEU_VOTE], "Unan", 4) == 0 ? 2 : 0;
    x->line = row->line;
    int rc = deu_actor_values(c, row, x, err);
    if (!rc)
        rc = pl__row_number(row, DEU_RP, "the reference point (rp)", 0, 100, &x->rp,
                            &x->has_rp, err);
    if (!rc)
        rc = pl__row_number(row, DEU_OUT, "the outcome (out)", 0, 100, &x->out, &x->has_out,
                            err);
    if (!rc)
        c->n++;
    return rc;
}

static int deu_row(const pl__row *row, void *ctx, pl_error *err)
{
    deu_ctx *c = ctx;
    int r = c->rows++;
    return r == 0 ? deu_header(c, row, err) : r == 1 ? deu_capabilities(c, row, err)
                                                     : deu_issue_row(c, row, err);
}

static const char *actor_name(const char *code)
{
    for (size_t k = 0; k < sizeof deu_names / sizeof *deu_names; k++)
        if (strcmp(deu_names[k][0], code) == 0)
            return deu_names[k][1];
    return code;
}

static int nice_of(const char *code)
{
    for (size_t k = 0; k < sizeof nice_votes / sizeof *nice_votes; k++)
        if (strcmp(nice_votes[k].code, code) == 0)
            return nice_votes[k].votes;
    return 0;
}

/* The deciders: the Council by qualified majority or unanimously, the Parliament. */
static void deu_bodies(pl__ybuf *b, const deu_ctx *c)
{
    char id[64];
    pl__y_raw(b, "bodies:\n  - id: council_qmv\n    name: \"Council, qualified majority (Nice "
                 "votes, 260 of 352)\"\n    members: {");
    for (size_t a = 0, n = 0; a < DEU_ACTORS; a++)
        if (nice_of(c->code[a])) {
            pl__y_id(id, sizeof id, c->code[a]);
            pl__y_printf(b, "%s%s: %d", n++ ? ", " : "", id, nice_of(c->code[a]));
        }
    pl__y_raw(b, "}\n    quota: \"260/352\"\n  - id: council_unanimity\n    name: \"Council, "
                 "unanimity\"\n    members: [");
    for (size_t a = 0, n = 0; a < DEU_ACTORS; a++)
        if (nice_of(c->code[a])) {
            pl__y_id(id, sizeof id, c->code[a]);
            pl__y_printf(b, "%s%s", n++ ? ", " : "", id);
        }
    pl__y_raw(b, "]\n    quota: unanimity\n    veto: all\n");
    for (size_t a = 0; a < DEU_ACTORS; a++)
        if (strcmp(c->code[a], "ep") == 0)
            pl__y_raw(b, "  - id: parliament\n    name: \"European Parliament (co-decision)\"\n"
                         "    members: [ep]\n");
}

/* decided_by of one issue: the Council's rule, and the Parliament under co-decision. */
static void deu_decided_by(pl__ybuf *b, const deu_issue *x, int has_ep)
{
    if (!x->vote)
        return; /* rule unknown: no deciders written */
    pl__y_printf(b, "    decided_by: [%s%s]\n", x->vote == 1 ? "council_qmv" : "council_unanimity",
                 x->cod && has_ep ? ", parliament" : "");
}

static void deu_yaml(pl__ybuf *b, const deu_ctx *c, const char *file)
{
    char id[64];
    pl__y_raw(b, "# Imported by parley from the DEU table ");
    pl__y_str(b, file);
    pl__y_raw(b, "\nparley: 1\nname: deu\ntitle: \"DEU I-III: EU legislative decisions, one "
                 "issue per row (Arregui & Perarnaud 2021)\"\nsource: ");
    pl__y_str(b, file);
    pl__y_raw(b, "\nactors:\n");
    for (size_t a = 0; a < DEU_ACTORS; a++) {
        pl__y_id(id, sizeof id, c->code[a]);
        pl__y_printf(b, "  - {id: %s, name: ", id);
        pl__y_str(b, actor_name(c->code[a]));
        pl__y_raw(b, ", capability: ");
        pl__y_num(b, c->cap[a]);
        pl__y_raw(b, "}\n");
    }
    int has_ep = 0;
    for (size_t a = 0; a < DEU_ACTORS; a++)
        has_ep |= strcmp(c->code[a], "ep") == 0;
    pl__y_raw(b, "issues:\n");
    for (size_t k = 0; k < c->n; k++) {
        const deu_issue *x = &c->iss[k];
        pl__y_printf(b, "  - id: %s\n    name: ", x->id);
        pl__y_str(b, x->name);
        pl__y_raw(b, "\n    description: ");
        pl__y_str(b, x->desc);
        pl__y_printf(b, "\n    group: %s\n    scale: {0: \"one extreme of the issue\", 100: "
                        "\"the other extreme\"}\n", x->group);
        if (x->has_rp) {
            pl__y_raw(b, "    status_quo: ");
            pl__y_num(b, x->rp);
            pl__y_raw(b, "\n");
        }
        if (x->has_out) {
            pl__y_raw(b, "    outcome: ");
            pl__y_num(b, x->out);
            pl__y_raw(b, "\n");
        }
        deu_decided_by(b, x, has_ep);
    }
    deu_bodies(b, c);
    pl__y_raw(b, "positions:\n");
    for (size_t a = 0; a < DEU_ACTORS; a++) {
        if (!c->first_line[a])
            continue; /* absent from every issue */
        pl__y_id(id, sizeof id, c->code[a]);
        pl__y_printf(b, "  %s:\n", id);
        for (size_t k = 0; k < c->n; k++) {
            if (!c->iss[k].has[a])
                continue;
            pl__y_printf(b, "    %s: {position: ", c->iss[k].id);
            pl__y_num(b, c->iss[k].x[a]);
            pl__y_raw(b, ", salience: ");
            pl__y_num(b, c->iss[k].s[a]);
            pl__y_raw(b, "}\n");
        }
    }
}

/*
** What the loader would refuse, said at the table's own positions: an actor
** whose every salience is 0, an issue where nobody has weight.
*/
static int deu_check(const deu_ctx *c, const char *file, pl_error *err)
{
    for (size_t a = 0; a < DEU_ACTORS; a++)
        if (c->first_line[a] && !c->positive[a])
            return pl__error_set(err, PL_EINPUT, file, (int)c->first_line[a],
                                 (int)c->first_col[a], "'%s' has salience 0 (or none) on every "
                                 "issue where it has a position; expected a positive salience "
                                 "somewhere", c->code[a]);
    for (size_t k = 0; k < c->n; k++) {
        double w = 0;
        for (size_t a = 0; a < DEU_ACTORS; a++)
            w += c->iss[k].has[a] ? c->cap[a] * c->iss[k].s[a] : 0;
        if (!(w > 0))
            return pl__error_set(err, PL_EINPUT, file, (int)c->iss[k].line, 1, "issue %s: no "
                                 "actor with a position has capability x salience > 0; expected "
                                 "at least one", c->iss[k].id);
    }
    return PL_OK;
}

int pl__import_deu(pl__ybuf *b, const char *data, size_t len, const char *file,
                   const pl_load_opts *opts, pl_error *err)
{
    deu_ctx c;
    memset(&c, 0, sizeof c);
    c.opts = opts;
    int rc = pl__read_rows(data, len, file, '\t', '"', deu_row, &c, err);
    if (!rc && c.n == 0)
        rc = pl__error_set(err, PL_EINPUT, file, 1, 1, "no issue rows; expected the DEU "
                           "header, the GDP row, then one row per issue");
    if (!rc)
        rc = deu_check(&c, file, err);
    if (!rc)
        deu_yaml(b, &c, file);
    free(c.iss);
    return rc;
}
