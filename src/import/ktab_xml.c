/* SPDX-License-Identifier: MIT */
/*
** import_ktab_xml.c: KTAB's SMP scenario XML (lsyaseen/KTAB, examples/smp;
** MODELS.md section 6) as the same parley YAML that import_ktab.c makes of
** KTAB's CSV. The format "ktab" takes both: an input whose first byte after
** a byte-order mark and blanks is '<' comes here (import.c).
**
**   <Scenario>
**     <name/> <desc/> [<prngSeed/>] [<ModelParameters>...</ModelParameters>]
**     <Dimensions> <dName/>... </Dimensions>
**     <Actors>
**       <Actor> <name/> [<description/>] <capability/>
**               <Position> <dCoord/>... </Position>
**               <Salience> <dSal/>... </Salience> </Actor> ...
**     </Actors>
**     [<IdealAdjustment> <iaPair>...</iaPair> </IdealAdjustment>]
**   </Scenario>
**
** Each dimension becomes an issue on 0-100; each actor its capability and,
** per dimension, a position (0-100) and a salience (0-100, at most 100 in
** all, divided by 100). The parse is strict: libxml2 without network or
** DOCTYPE, and no repairs; every element remembers where its start tag
** begins, so messages point at the file's own line and column. An empty or
** otherwise unreadable number is refused (KTAB's reader would take 0).
** The model parameters, the seed and the ideal adjustments have no place in
** a parley scenario: they become comments at the top of the YAML, and each
** model parameter that is not parley's default a warning naming the `parley
** forecast` option that selects it. Warnings are held back until the whole
** file has been read and dropped when it is refused, so that a refusal is
** the first thing said.
*/
#include "import_impl.h"
#include "genius_xml.h"   /* pl__gx_is, pl__gx_child, pl__gx_next */
#include "xml_read.h"
#include "../core/fmt.h"
#include "../scenario/schema.h"       /* PL_ID_MAX, PL_TEXT_MAX */
#include "../core/utf8.h"
#include "../core/arena.h"
#include "../core/error_int.h"
#include "../core/idmap.h"
#include "../core/suggest.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KX_MAX_DIMS 1000        /* dimensions taken */
#define KX_MAX_WARN 20          /* warnings shown; the rest are counted */
#define KX_CAP_MAX 1e12         /* the scenario format's capability limit */
#define KX_SHOW 64              /* buffer for a value or name quoted in a message */

typedef struct kx_dim {
    const xmlNode *node;        /* its <dName> */
    const char *name;
    char id[PL_ID_MAX];
} kx_dim;

typedef struct kx_actor {
    const char *name, *desc;
    char id[PL_ID_MAX];
    double cap;
    double *x, *s;              /* per dimension: position 0-100, salience 0-1 */
} kx_actor;

typedef struct kx {
    const char *file;
    const char *text;           /* the input after a byte-order mark */
    size_t len;
    const pl_load_opts *opts;
    xmlDocPtr doc;
    pl_error xml_err;           /* libxml2's first error, during the parse */
    pl__xml_quiet quiet;        /* libxml2's printing off while the tree is read */
    pl_arena arena;
    int oom;
    pl_error *warn;             /* the first KX_MAX_WARN warnings, held back */
    size_t n_warn;              /* every warning, shown or not */
    const char *title, *desc;
    kx_dim *dim;
    size_t n_dim;
    kx_actor *act;
    size_t n_act;
    pl__ybuf notes;             /* comment lines for the top of the YAML */
    pl__ybuf args;              /* the forecast options the model parameters ask for */
} kx;

/* ---- positions and messages ----------------------------------------------- */

/* Line and column (in characters) of offset off of the text. */
static void line_col(const kx *k, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < off && i < k->len; i++) {
        unsigned char ch = (unsigned char)k->text[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* Where element n's start tag begins (kept in _private, 1-based, by on_start). */
static void node_pos(const kx *k, const xmlNode *n, int *line, int *col)
{
    size_t off = n ? (size_t)(uintptr_t)n->_private : 0;
    if (off) {
        line_col(k, off - 1, line, col);
        return;
    }
    long l = n ? xmlGetLineNo(n) : 1;
    *line = l > 0 && l < INT32_MAX ? (int)l : 1;
    *col = 1;
}

static int node_line(const kx *k, const xmlNode *n)
{
    int line, col;
    node_pos(k, n, &line, &col);
    return line;
}

static int fail(const kx *k, pl_error *err, const xmlNode *n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static int fail(const kx *k, pl_error *err, const xmlNode *n, const char *fmt, ...)
{
    int line, col;
    node_pos(k, n, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    int rc = pl__error_vset(err, PL_EINPUT, k->file, line, col, fmt, ap);
    va_end(ap);
    return rc;
}

/* A warning at element n, held back until the file has been read. */
static void warn(kx *k, const xmlNode *n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void warn(kx *k, const xmlNode *n, const char *fmt, ...)
{
    if (!k->opts || !k->opts->warn)
        return;
    if (!k->warn && !(k->warn = pl_arena_array(&k->arena, KX_MAX_WARN, sizeof *k->warn))) {
        k->oom = 1;
        return;
    }
    if (k->n_warn < KX_MAX_WARN) {
        int line, col;
        node_pos(k, n, &line, &col);
        va_list ap;
        va_start(ap, fmt);
        pl__error_vset(&k->warn[k->n_warn], PL_OK, k->file, line, col, fmt, ap);
        va_end(ap);
    }
    k->n_warn++;
}

static int warn_cmp(const void *a, const void *b)
{
    const pl_error *p = a, *q = b;
    if (p->line != q->line)
        return p->line < q->line ? -1 : 1;
    return (p->col > q->col) - (p->col < q->col);
}

/* The warnings in the file's order, then how many were not shown. */
static void flush_warnings(kx *k)
{
    if (!k->opts || !k->opts->warn || !k->n_warn)
        return;
    size_t shown = k->n_warn < KX_MAX_WARN ? k->n_warn : KX_MAX_WARN;
    qsort(k->warn, shown, sizeof *k->warn, warn_cmp);
    for (size_t i = 0; i < shown; i++)
        k->opts->warn(&k->warn[i], k->opts->payload);
    if (k->n_warn > shown) {
        pl_error w;
        pl__error_set(&w, PL_OK, k->file, 0, 0, "%zu more warnings like the above (not shown)",
                      k->n_warn - shown);
        k->opts->warn(&w, k->opts->payload);
    }
}

/*
** s for a message (KX_SHOW bytes at most, whole characters): control
** characters become '?', and "..." marks a cut. With ascii, so does every
** non-ASCII character (for YAML comments, where some of them end a line).
*/
static const char *shown_as(char *buf, const char *s, int ascii)
{
    size_t k = 0, n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t m = pl_utf8_seq((const unsigned char *)s + i, n - i), w;
        unsigned char ch = (unsigned char)s[i];
        if (m == 0)
            m = 1;
        w = ascii || m == 1 ? 1 : m;
        if (k + w + 4 > KX_SHOW) {
            memcpy(buf + k, "...", 3);
            k += 3;
            break;
        }
        if (ch < 0x20 || ch == 0x7f || (ascii && ch >= 0x80))
            buf[k++] = '?';
        else
            memcpy(buf + k, s + i, w), k += w;
        i += m;
    }
    buf[k] = '\0';
    return buf;
}

static const char *shown(char *buf, const char *s) { return shown_as(buf, s, 0); }

static const char *ename(char *buf, const xmlNode *n) { return shown(buf, (const char *)n->name); }

/* ---- the parse ------------------------------------------------------------ */

/* Text, not binary: no NUL byte and valid UTF-8 (else the first bad byte's position). */
static int precheck(const kx *k, pl_error *err)
{
    for (size_t i = 0; i < k->len;) {
        size_t m = pl_utf8_seq((const unsigned char *)k->text + i, k->len - i);
        if (m == 0 || k->text[i] == '\0') {
            int line, col;
            line_col(k, i, &line, &col);
            return k->text[i] == '\0'
                       ? pl__error_set(err, PL_EINPUT, k->file, line, col, "a NUL byte: this is "
                                       "not a text file; expected KTAB scenario XML")
                       : pl__error_set(err, PL_EINPUT, k->file, line, col, "byte 0x%02x is not "
                                       "UTF-8; expected KTAB scenario XML in UTF-8",
                                       (unsigned char)k->text[i]);
        }
        i += m;
    }
    return PL_OK;
}

/*
** libxml2 reports some errors where the parser stands, after the construct:
** an end tag that does not match, a late XML declaration (back to their '<'),
** an undefined entity (back to its '&'). Move col there, on the same line.
*/
static int construct_start(const kx *k, const xmlError *e, int col)
{
    char mark = e->code == XML_ERR_TAG_NAME_MISMATCH || e->code == XML_ERR_RESERVED_XML_NAME
                    ? '<'
                : e->code == XML_ERR_UNDECLARED_ENTITY || e->code == XML_WAR_UNDECLARED_ENTITY
                    ? '&'
                    : 0;
    if (!mark || e->line <= 0 || col <= 1 || !k->len)
        return col;
    size_t i = 0, start;
    for (int l = 1; l < e->line && i < k->len; i++)
        l += k->text[i] == '\n';
    start = i;
    for (int c = 1; c < col && i < k->len && k->text[i] != '\n'; c++) /* to column col */
        for (i++; i < k->len && ((unsigned char)k->text[i] & 0xC0) == 0x80; i++)
            ;
    if (i >= k->len) /* the error is at the end of the input */
        i = k->len - 1;
    if (i < start)
        return col;
    while (i > start && k->text[i] != mark)
        i--;
    if (k->text[i] != mark)
        return col;
    int c = 1;
    for (size_t j = start; j < i; j++)
        c += ((unsigned char)k->text[j] & 0xC0) != 0x80;
    return c;
}

static void keep_error(void *ctx, const xmlError *e, int line, int col, const char *msg)
{
    kx *k = ctx;
    if (k->xml_err.code)
        return;
    if (e)
        col = construct_start(k, e, col);
    pl__error_set(&k->xml_err, PL_EINPUT, k->file, line > 0 ? line : 1, col > 0 ? col : 1,
                  "%s", msg);
}

static int parse(kx *k, pl_error *err)
{
    int rc = precheck(k, err);
    pl__xml_read r = {k->text, k->len, k->file, "KTAB scenario XML", keep_error, k,
                      &k->xml_err};
    return rc ? rc : pl__xml_parse(&r, &k->doc, err);
}

/* ---- elements and their text ---------------------------------------------- */

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The text of n without the blanks around it, in the arena ("" when out of memory: oom set). */
static const char *text_of(kx *k, const xmlNode *n)
{
    xmlChar *raw = xmlNodeGetContent(n);
    const char *s = raw ? (const char *)raw : "";
    size_t len = strlen(s);
    while (len && is_blank(s[len - 1]))
        len--;
    while (len && is_blank(*s))
        s++, len--;
    const char *t = pl_arena_strndup(&k->arena, s, len);
    xmlFree(raw);
    if (!t || (!raw && pl__xml_nomem()))
        k->oom = 1;
    return t ? t : "";
}

/* n's text, which must be text only: what names n and expect says what is wanted. */
static int leaf(kx *k, const xmlNode *n, const char *what, const char *expect, const char **out,
                pl_error *err)
{
    const xmlNode *c = pl__gx_child(n, NULL);
    char a[KX_SHOW];
    if (c)
        return fail(k, err, c, "%s holds an element <%s>; expected %s", what, ename(a, c),
                    expect);
    *out = text_of(k, n);
    return k->oom ? pl__error_nomem(err) : PL_OK;
}

/* Text that the scenario format can hold. */
static int leaf_text(kx *k, const xmlNode *n, const char *what, const char **out, pl_error *err)
{
    int rc = leaf(k, n, what, "text only", out, err);
    size_t len = rc ? 0 : strlen(*out);
    if (len > PL_TEXT_MAX)
        rc = fail(k, err, n, "%s is %zu bytes long; expected at most %d", what, len, PL_TEXT_MAX);
    return rc;
}

/* Is t a decimal number (sign, digits, a point, an exponent), as XML Schema writes them? */
static int decimal(const char *t)
{
    size_t digits = 0;
    if (*t == '+' || *t == '-')
        t++;
    for (; *t >= '0' && *t <= '9'; t++)
        digits++;
    if (*t == '.')
        for (t++; *t >= '0' && *t <= '9'; t++)
            digits++;
    if (!digits)
        return 0;
    if (*t == 'e' || *t == 'E') {
        t++;
        if (*t == '+' || *t == '-')
            t++;
        if (!(*t >= '0' && *t <= '9'))
            return 0;
        while (*t >= '0' && *t <= '9')
            t++;
    }
    return *t == '\0';
}

/* A decimal comma where a point belongs ("75,79")? */
static int comma_decimal(const char *t)
{
    const char *c = strchr(t, ',');
    if (!c || strchr(c + 1, ','))
        return 0;
    char buf[KX_SHOW];
    size_t n = strlen(t);
    if (n >= sizeof buf)
        return 0;
    memcpy(buf, t, n + 1);
    buf[c - t] = '.';
    return decimal(buf);
}

/*
** n's text as a number in [lo, hi] (above lo when open_lo); what names it and
** expect says what is wanted, in messages.
*/
static int number(kx *k, const xmlNode *n, const char *what, double lo, double hi, int open_lo,
                  const char *expect, double *out, pl_error *err)
{
    const char *t = NULL;  /* set by leaf on success; gcc -O3 cannot see it */
    char s[KX_SHOW];
    int rc = leaf(k, n, what, expect, &t, err);
    if (rc)
        return rc;
    if (!*t)
        return fail(k, err, n, "%s is empty; expected %s", what, expect);
    if (!decimal(t))
        return fail(k, err, n, "%s is '%s'; expected %s%s", what, shown(s, t), expect,
                    comma_decimal(t) ? " (with a decimal point, not a comma)" : "");
    double v = pl__strtod(t, NULL);
    if (!isfinite(v) || v < lo || v > hi || (open_lo && v <= lo))
        return fail(k, err, n, "%s is %s; expected %s", what, shown(s, t), expect);
    *out = v;
    return PL_OK;
}

/*
** Sort the element children of n: the first of each of names[0..count) into
** got[]; a second one is an error, others are ignored with a warning.
*/
static int children(kx *k, const xmlNode *n, const char *where, const char *const *names,
                    size_t count, const xmlNode **got, pl_error *err)
{
    char a[KX_SHOW];
    memset(got, 0, count * sizeof *got);
    for (const xmlNode *c = pl__gx_child(n, NULL); c; c = pl__gx_next(c, NULL)) {
        size_t i = 0;
        while (i < count && strcmp((const char *)c->name, names[i]) != 0)
            i++;
        if (i < count && got[i])
            return fail(k, err, c, "a second <%s> in %s (the first is at line %d); expected "
                        "one", names[i], where, node_line(k, got[i]));
        if (i < count) {
            got[i] = c;
            continue;
        }
        const char *near = pl_suggest((const char *)c->name, names, count);
        warn(k, c, "<%s> is not part of %s; ignored%s%s%s", ename(a, c), where,
             near ? " (did you mean <" : "", near ? near : "", near ? ">?)" : "");
    }
    return PL_OK;
}

/* names[want] is missing from n: say what is expected, and which unknown child may be it. */
static int missing(kx *k, const xmlNode *n, const char *who, const char *const *names,
                   size_t count, size_t want, const char *expect, pl_error *err)
{
    char a[KX_SHOW];
    for (const xmlNode *c = pl__gx_child(n, NULL); c; c = pl__gx_next(c, NULL)) {
        size_t i = 0;
        while (i < count && strcmp((const char *)c->name, names[i]) != 0)
            i++;
        if (i == count && pl_suggest((const char *)c->name, names + want, 1))
            return fail(k, err, c, "%s has no <%s>; expected %s (is <%s> here meant to be "
                        "<%s>?)", who, names[want], expect, ename(a, c), names[want]);
    }
    return fail(k, err, n, "%s has no <%s>; expected %s", who, names[want], expect);
}

/* Make id differ from those already in ids (by a suffix _2, _3...), then add it. */
static int unique_id(pl_idmap *ids, char *id, long val)
{
    char base[PL_ID_MAX - 12]; /* room for "_" and a count; longer ids are cut */
    size_t len = strnlen(id, sizeof base - 1);
    memcpy(base, id, len);
    base[len] = '\0';
    for (size_t n = 2; pl_idmap_get(ids, id) >= 0; n++)
        snprintf(id, PL_ID_MAX, "%s_%zu", base, n);
    return pl_idmap_put(ids, id, val) >= 0 ? -1 : 0;
}

/* ---- the model parameters ------------------------------------------------- */

typedef struct kx_choice {
    const char *ktab;           /* the value as KTAB spells it */
    const char *arg;            /* parley forecast's options for it; "" none; NULL unsupported */
} kx_choice;

typedef struct kx_param {
    const char *name;           /* KTAB's element */
    const kx_choice *c;
    size_t n_known;             /* KTAB's own names (listed in messages) */
    size_t n_alias;             /* other accepted spellings, after those */
    size_t dflt;                /* parley's default, KTAB's too */
    const char *alts;           /* for an unsupported value: what parley offers, or NULL */
} kx_param;

static const kx_choice vpm[] = {
    {"Linear", "--smp-victory linear"}, {"Square", "--smp-victory square"},
    {"Quartic", "--smp-victory quartic"}, {"Octic", "--smp-victory octic"},
    {"Binary", "--smp-victory binary"}};
static const kx_choice pce[] = {
    {"Conditional", "--smp-election conditional"},
    {"MarkovIncentive", "--smp-election markov-incentive"},
    {"MarkovUniform", "--smp-election markov-uniform"}};
static const kx_choice stm[] = {{"Deterministic", ""}, {"Stochastic", "--smp-stochastic"}};
static const kx_choice vote[] = {
    {"Binary", "--smp-vote binary"}, {"PropBin", "--smp-vote propbin"},
    {"Prop", "--smp-vote prop"}, {"PropCbc", "--smp-vote propcbc"},
    {"Cubic", "--smp-vote cubic"}, {"ASymProsp", "--smp-vote asymprosp"},
    {"Proportional", "--smp-vote prop"}};
static const kx_choice radj[] = {
    {"None", "--smp-perspective none"}, {"OneThird", "--smp-perspective one-third"},
    {"Half", "--smp-perspective half"}, {"TwoThirds", "--smp-perspective two-thirds"},
    {"Full", "--smp-perspective full"},
    /* KTAB's enum names, in case a file was written from them */
    {"NoRA", "--smp-perspective none"}, {"OneThirdRA", "--smp-perspective one-third"},
    {"HalfRA", "--smp-perspective half"}, {"TwoThirdsRA", "--smp-perspective two-thirds"},
    {"FullRA", "--smp-perspective full"}};
static const kx_choice rrng[] = {
    {"Min", "--smp-risk min"}, {"Mid", "--smp-risk mid"}, {"Max", "--smp-risk max"}};
static const kx_choice tpc[] = {
    {"NoCommit", "--smp-commit none"}, {"SemiCommit", "--smp-commit semi"},
    {"FullCommit", "--smp-commit full"}};
static const kx_choice ivb[] = {
    {"S1P1", "--smp-bargain s1p1"}, {"S2P2", "--smp-bargain s2p2"}, {"S2PMax", "--smp-bargain s2pmax"}};
static const kx_choice bargn[] = {
    {"InitOnlyInterp", "--smp-bargains init"}, {"InitRcvrInterp", "--smp-bargains init-rcvr"},
    {"PWCompInterp", "--smp-bargains power"}};

static const kx_param params[] = {
    {"VictoryProbModel", vpm, 5, 0, 0, NULL},
    {"PCEModel", pce, 3, 0, 0, NULL},
    {"StateTransitions", stm, 2, 0, 0, NULL},
    {"VotingRule", vote, 6, 1, 2, NULL},
    {"BigRAdjust", radj, 5, 5, 1, NULL},
    {"BigRRange", rrng, 3, 0, 1, NULL},
    {"ThirdPartyCommit", tpc, 3, 0, 1, NULL},
    {"InterVecBrgn", ivb, 3, 0, 1, NULL},
    {"BargnModel", bargn, 3, 0, 0, NULL},
};
#define N_PARAMS (sizeof params / sizeof *params)

/* "A, B or C": KTAB's names of p's values, into buf. */
static const char *value_list(char *buf, size_t size, const kx_param *p)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t j = 0; j < p->n_known && used < size; j++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s",
                                 j == 0 ? "" : j + 1 == p->n_known ? " or " : ", ",
                                 p->c[j].ktab);
    return buf;
}

static void note(kx *k, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void note(kx *k, const char *fmt, ...)
{
    char line[400];
    va_list ap;
    va_start(ap, fmt);
    pl__vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    pl__y_printf(&k->notes, "# %s\n", line);
}

/* One parameter element c of parameter p (NULL: not a KTAB parameter). */
static void read_param(kx *k, const xmlNode *c, const kx_param *p, const xmlNode **seen)
{
    char a[KX_SHOW], v[KX_SHOW], list[200];
    if (!p) {
        const char *names[N_PARAMS];
        for (size_t i = 0; i < N_PARAMS; i++)
            names[i] = params[i].name;
        const char *near = pl_suggest((const char *)c->name, names, N_PARAMS);
        warn(k, c, "<%s> is not a KTAB model parameter; ignored%s%s%s; expected "
             "VictoryProbModel, PCEModel, StateTransitions, VotingRule, BigRAdjust, BigRRange, "
             "ThirdPartyCommit, InterVecBrgn or BargnModel", ename(a, c),
             near ? " (did you mean <" : "", near ? near : "", near ? ">?)" : "");
        note(k, "KTAB ModelParameters: %s -> ignored (not a KTAB model parameter)",
             shown_as(a, (const char *)c->name, 1));
        return;
    }
    size_t i = (size_t)(p - params);
    if (seen[i]) {
        warn(k, c, "KTAB model parameter %s is given again (the first, at line %d, counts, as "
             "in KTAB); ignored", p->name, node_line(k, seen[i]));
        return;
    }
    seen[i] = c;
    const char *t = text_of(k, c);
    size_t j = 0;
    while (j < p->n_known + p->n_alias && strcmp(t, p->c[j].ktab) != 0)
        j++;
    if (j == p->n_known + p->n_alias) {
        value_list(list, sizeof list, p);
        if (*t)
            warn(k, c, "KTAB model parameter %s = '%s' is not a value KTAB knows; ignored; "
                 "expected %s", p->name, shown(v, t), list);
        else
            warn(k, c, "KTAB model parameter %s is empty; ignored; expected %s", p->name, list);
        note(k, "KTAB ModelParameters: %s = %s -> ignored (not a KTAB value)", p->name,
             shown_as(v, t, 1));
        return;
    }
    const kx_choice *ch = &p->c[j], *dflt = &p->c[p->dflt];
    if (!ch->arg) {
        warn(k, c, "KTAB model parameter %s = %s is not supported by parley, which uses %s%s%s%s",
             p->name, ch->ktab, dflt->ktab, p->alts ? " (" : "", p->alts ? p->alts : "",
             p->alts ? ")" : "");
        note(k, "KTAB ModelParameters: %s = %s -> not supported by parley, which uses %s",
             p->name, ch->ktab, dflt->ktab);
    } else if (strcmp(ch->arg, dflt->arg) == 0) {
        note(k, "KTAB ModelParameters: %s = %s -> parley's default%s%s%s", p->name, ch->ktab,
             *ch->arg ? " (" : "", ch->arg, *ch->arg ? ")" : "");
    } else {
        warn(k, c, "KTAB model parameter %s = %s; run parley forecast --model smp %s to use it",
             p->name, ch->ktab, ch->arg);
        note(k, "KTAB ModelParameters: %s = %s -> parley forecast --model smp %s", p->name,
             ch->ktab, ch->arg);
        pl__y_printf(&k->args, " %s", ch->arg);
    }
}

static void read_params(kx *k, const xmlNode *n)
{
    const xmlNode *seen[N_PARAMS] = {NULL};
    for (const xmlNode *c = pl__gx_child(n, NULL); c; c = pl__gx_next(c, NULL)) {
        size_t i = 0;
        while (i < N_PARAMS && strcmp((const char *)c->name, params[i].name) != 0)
            i++;
        read_param(k, c, i < N_PARAMS ? &params[i] : NULL, seen);
    }
    if (k->args.len)
        note(k, "KTAB ModelParameters, all together: parley forecast --model smp%s",
             k->args.buf);
}

/* ---- the scenario --------------------------------------------------------- */

/* <prngSeed>: KTAB's seed, a whole number of 64 bits; kept as a comment. */
static int read_seed(kx *k, const xmlNode *n, pl_error *err)
{
    const char *t = NULL, *expect = "a whole number from 0 to 18446744073709551615 (KTAB's random "
                             "seed)";
    char s[KX_SHOW];
    int rc = leaf(k, n, "the <prngSeed>", expect, &t, err);
    if (rc)
        return rc;
    if (!*t)
        return fail(k, err, n, "the <prngSeed> is empty; expected %s", expect);
    for (const char *p = t; *p; p++)
        if (!(*p >= '0' && *p <= '9'))
            return fail(k, err, n, "the <prngSeed> is '%s'; expected %s", shown(s, t), expect);
    errno = 0;
    strtoull(t, NULL, 10);
    if (errno == ERANGE)
        return fail(k, err, n, "the <prngSeed> is %s; expected %s", shown(s, t), expect);
    note(k, "KTAB prngSeed: %s (KTAB's random generator; parley's --smp-stochastic draws from "
         "--seed instead)", shown_as(s, t, 1));
    return PL_OK;
}

static int read_dims(kx *k, const xmlNode *dims, pl_error *err)
{
    char a[KX_SHOW];
    size_t n = 0;
    for (const xmlNode *c = pl__gx_child(dims, NULL); c; c = pl__gx_next(c, NULL)) {
        if (!pl__gx_is(c, "dName"))
            return fail(k, err, c, "<Dimensions> holds <%s>; expected only <dName> elements, "
                        "one per dimension", ename(a, c));
        if (++n > KX_MAX_DIMS)
            return fail(k, err, c, "more than %d dimensions; expected at most %d",
                        KX_MAX_DIMS, KX_MAX_DIMS);
    }
    if (!n)
        return fail(k, err, dims, "<Dimensions> lists no <dName>; expected one per dimension");
    pl_idmap names, ids;
    k->dim = pl_arena_array(&k->arena, n, sizeof *k->dim);
    if (!k->dim || pl_idmap_init(&names, &k->arena, n) || pl_idmap_init(&ids, &k->arena, n))
        return pl__error_nomem(err);
    for (const xmlNode *c = pl__gx_child(dims, "dName"); c; c = pl__gx_next(c, "dName")) {
        kx_dim *d = &k->dim[k->n_dim];
        char what[80];
        snprintf(what, sizeof what, "dimension %zu's <dName>", k->n_dim + 1);
        int rc = leaf_text(k, c, what, &d->name, err);
        if (rc)
            return rc;
        if (!*d->name)
            return fail(k, err, c, "dimension %zu's <dName> is empty; expected its name",
                        k->n_dim + 1);
        long first = pl_idmap_put(&names, d->name, (long)k->n_dim);
        if (first >= 0)
            return fail(k, err, c, "dimension '%s' appears twice (first at line %d); expected "
                        "distinct names", shown(a, d->name), node_line(k, k->dim[first].node));
        d->node = c;
        pl__y_id(d->id, sizeof d->id, d->name);
        if (unique_id(&ids, d->id, (long)k->n_dim))
            return pl__error_nomem(err);
        k->n_dim++;
    }
    return PL_OK;
}

static const char *const actor_kids[] = {"name", "description", "capability", "Position",
                                         "Salience"};
enum { AC_NAME, AC_DESC, AC_CAP, AC_POS, AC_SAL, AC_N };

/*
** <Position> or <Salience> (elem) of actor who: one <item> per dimension,
** each a number from 0 to 100 (what: "position" or "salience").
*/
static int read_vector(kx *k, const xmlNode *n, const char *who, const char *elem,
                       const char *item, const char *what, double *out, pl_error *err)
{
    char a[KX_SHOW], d[KX_SHOW], w[300];
    size_t m = 0;
    for (const xmlNode *c = pl__gx_child(n, NULL); c; c = pl__gx_next(c, NULL)) {
        if (!pl__gx_is(c, item))
            return fail(k, err, c, "%s's <%s> holds <%s>; expected only <%s> elements, one "
                        "per dimension", who, elem, ename(a, c), item);
        if (m == k->n_dim)
            return fail(k, err, c, "%s's <%s> has more than %zu <%s>; expected %zu, one per "
                        "dimension", who, elem, k->n_dim, item, k->n_dim);
        m++;
    }
    if (m < k->n_dim)
        return fail(k, err, n, "%s's <%s> has %zu <%s>; expected %zu, one per dimension", who,
                    elem, m, item, k->n_dim);
    size_t j = 0;
    for (const xmlNode *c = pl__gx_child(n, item); c; c = pl__gx_next(c, item), j++) {
        snprintf(w, sizeof w, "%s's %s on %s", who, what, shown(d, k->dim[j].name));
        int rc = number(k, c, w, 0, 100, 0, "a number from 0 to 100", &out[j], err);
        if (rc)
            return rc;
    }
    return PL_OK;
}

static int read_actor(kx *k, const xmlNode *n, kx_actor *x, pl_idmap *names, pl_idmap *ids,
                      const xmlNode **name_node, pl_error *err)
{
    const xmlNode *got[AC_N];
    char who[KX_SHOW], whoq[KX_SHOW + 10], expect[120], w[KX_SHOW + 20];
    int rc = children(k, n, "<Actor>", actor_kids, AC_N, got, err);
    if (!rc && !got[AC_NAME])
        rc = missing(k, n, "an <Actor>", actor_kids, AC_N, AC_NAME, "<name> with the actor's "
                     "name", err);
    if (!rc)
        rc = leaf_text(k, got[AC_NAME], "an actor's <name>", &x->name, err);
    if (rc)
        return rc;
    if (!*x->name)
        return fail(k, err, got[AC_NAME], "the <name> of an <Actor> is empty; expected the "
                    "actor's name");
    long first = pl_idmap_put(names, x->name, (long)(x - k->act));
    shown(who, x->name);
    if (first >= 0)
        return fail(k, err, got[AC_NAME], "actor '%s' appears twice (first at line %d); expected "
                    "distinct names", who, node_line(k, name_node[first]));
    name_node[x - k->act] = got[AC_NAME];
    pl__y_id(x->id, sizeof x->id, x->name);
    if (unique_id(ids, x->id, (long)(x - k->act)))
        return pl__error_nomem(err);
    x->desc = "";
    snprintf(w, sizeof w, "%s's <description>", who);
    if (got[AC_DESC] && (rc = leaf_text(k, got[AC_DESC], w, &x->desc, err)))
        return rc;
    snprintf(whoq, sizeof whoq, "actor '%s'", who);
    if (!got[AC_CAP])
        return missing(k, n, whoq, actor_kids, AC_N, AC_CAP, "<capability> with a positive "
                       "number", err);
    snprintf(w, sizeof w, "%s's capability", who);
    if ((rc = number(k, got[AC_CAP], w, 0, KX_CAP_MAX, 1, "a positive number, at most 1e12",
                     &x->cap, err)))
        return rc;
    x->x = pl_arena_array(&k->arena, k->n_dim, sizeof *x->x);
    x->s = pl_arena_array(&k->arena, k->n_dim, sizeof *x->s);
    if (!x->x || !x->s)
        return pl__error_nomem(err);
    snprintf(expect, sizeof expect, "<Position> with one <dCoord> per dimension (%zu)",
             k->n_dim);
    if (!got[AC_POS])
        return missing(k, n, whoq, actor_kids, AC_N, AC_POS, expect, err);
    if ((rc = read_vector(k, got[AC_POS], who, "Position", "dCoord", "position", x->x, err)))
        return rc;
    snprintf(expect, sizeof expect, "<Salience> with one <dSal> per dimension (%zu)", k->n_dim);
    if (!got[AC_SAL])
        return missing(k, n, whoq, actor_kids, AC_N, AC_SAL, expect, err);
    if ((rc = read_vector(k, got[AC_SAL], who, "Salience", "dSal", "salience", x->s, err)))
        return rc;
    double sum = 0;
    for (size_t d = 0; d < k->n_dim; d++)
        sum += x->s[d];
    if (sum > 100 * (1 + 1e-12))
        return fail(k, err, got[AC_SAL], "%s's saliences sum to %.10g; expected at most 100 "
                    "(KTAB's saliences are shares of the actor's attention, in percent)", who,
                    sum);
    if (!(sum > 0))
        return fail(k, err, got[AC_SAL], "%s's saliences are all 0; expected a positive "
                    "salience on at least one dimension", who);
    for (size_t d = 0; d < k->n_dim; d++)
        x->s[d] /= 100; /* KTAB gives saliences on 0-100 */
    return PL_OK;
}

static int read_actors(kx *k, const xmlNode *actors, pl_error *err)
{
    char a[KX_SHOW];
    size_t n = 0;
    for (const xmlNode *c = pl__gx_child(actors, NULL); c; c = pl__gx_next(c, NULL)) {
        if (!pl__gx_is(c, "Actor"))
            return fail(k, err, c, "<Actors> holds <%s>; expected only <Actor> elements",
                        ename(a, c));
        n++;
    }
    if (n < 2)
        return fail(k, err, actors, "<Actors> lists %s; expected at least 2 actors",
                    n ? "only 1 <Actor>" : "no <Actor>");
    pl_idmap names, ids;
    const xmlNode **name_node = pl_arena_array(&k->arena, n, sizeof *name_node);
    k->act = pl_arena_array(&k->arena, n, sizeof *k->act);
    if (!k->act || !name_node || pl_idmap_init(&names, &k->arena, n) ||
        pl_idmap_init(&ids, &k->arena, n))
        return pl__error_nomem(err);
    for (const xmlNode *c = pl__gx_child(actors, "Actor"); c; c = pl__gx_next(c, "Actor")) {
        int rc = read_actor(k, c, &k->act[k->n_act], &names, &ids, name_node, err);
        if (rc)
            return rc;
        k->n_act++;
    }
    /* the scenario needs a weight capability x salience > 0 on every issue */
    for (size_t d = 0; d < k->n_dim; d++) {
        size_t i = 0;
        while (i < k->n_act && !(k->act[i].s[d] > 0))
            i++;
        if (i == k->n_act)
            return fail(k, err, k->dim[d].node, "no actor has a positive salience on %s; "
                        "expected at least one (parley weighs every dimension by capability x "
                        "salience)", shown(a, k->dim[d].name));
    }
    return PL_OK;
}

/* <IdealAdjustment>: KTAB's accommodation matrix, which parley has no place for. */
static void read_ideal(kx *k, const xmlNode *n)
{
    static const char *const part[] = {"adjustingIdeal", "referencePos", "adjust"};
    size_t pairs = 0;
    for (const xmlNode *c = pl__gx_child(n, "iaPair"); c; c = pl__gx_next(c, "iaPair")) {
        char v[3][KX_SHOW];
        for (int j = 0; j < 3; j++) {
            const xmlNode *e = pl__gx_child(c, part[j]);
            shown_as(v[j], e ? text_of(k, e) : "(none)", 1);
        }
        note(k, "KTAB IdealAdjustment (not imported): adjustingIdeal %s, referencePos %s, "
             "adjust %s", v[0], v[1], v[2]);
        pairs++;
    }
    warn(k, n, "KTAB <IdealAdjustment> (%zu pair%s) is not imported: a parley scenario has no "
         "place for it, and parley's SMP moves every actor's ideal the same share of the way "
         "to its own new position (--smp-accommodate, default 1: KTAB's identity matrix); %s "
         "in the YAML", pairs, pairs == 1 ? "" : "s",
         pairs == 1 ? "it is kept as a comment" : "they are kept as comments");
}

static const char *const scen_kids[] = {"name", "desc", "prngSeed", "ModelParameters",
                                        "Dimensions", "Actors", "IdealAdjustment"};
enum { SC_NAME, SC_DESC, SC_SEED, SC_PARAMS, SC_DIMS, SC_ACTORS, SC_IDEAL, SC_N };

static int wrong_root(const kx *k, const xmlNode *root, pl_error *err)
{
    char a[KX_SHOW];
    if (pl__gx_is(root, "negotiation_template") || pl__gx_is(root, "utility_space"))
        return fail(k, err, root, "the root element is <%s>, GENIUS XML; expected a KTAB "
                    "<Scenario> (GENIUS files import with --from genius)", ename(a, root));
    return fail(k, err, root, "the root element is <%s>; expected <Scenario> (a KTAB SMP "
                "scenario)", root ? ename(a, root) : "");
}

static int read_scenario(kx *k, pl_error *err)
{
    const xmlNode *root = xmlDocGetRootElement(k->doc), *got[SC_N];
    if (!pl__gx_is(root, "Scenario"))
        return wrong_root(k, root, err);
    int rc = children(k, root, "<Scenario>", scen_kids, SC_N, got, err);
    static const struct { int which; const char *expect; } need[] = {
        {SC_NAME, "<name> with the scenario's name"},
        {SC_DESC, "<desc> with its description"},
        {SC_DIMS, "<Dimensions> with one <dName> per dimension"},
        {SC_ACTORS, "<Actors> with one <Actor> per actor"}};
    for (size_t i = 0; !rc && i < sizeof need / sizeof *need; i++)
        if (!got[need[i].which])
            rc = missing(k, root, "the <Scenario>", scen_kids, SC_N, (size_t)need[i].which,
                         need[i].expect, err);
    if (!rc)
        rc = leaf_text(k, got[SC_NAME], "the scenario's <name>", &k->title, err);
    if (!rc)
        rc = leaf_text(k, got[SC_DESC], "the scenario's <desc>", &k->desc, err);
    if (!rc && got[SC_PARAMS])
        read_params(k, got[SC_PARAMS]);
    if (!rc && got[SC_SEED])
        rc = read_seed(k, got[SC_SEED], err);
    if (!rc)
        rc = read_dims(k, got[SC_DIMS], err);
    if (!rc)
        rc = read_actors(k, got[SC_ACTORS], err);
    if (!rc && got[SC_IDEAL])
        read_ideal(k, got[SC_IDEAL]);
    if (!rc && (k->oom || k->notes.failed || k->args.failed))
        rc = pl__error_nomem(err);
    return rc;
}

/* ---- the YAML (pl__ktab_yaml, shared with the CSV reader) -------------------- */

static void kx_actor_out(const void *ctx, size_t i, const char **id, const char **name,
                         double *cap, const double **x, const double **s)
{
    const kx_actor *a = &((const kx *)ctx)->act[i];
    *id = a->id, *name = a->desc[0] ? a->desc : a->name, *cap = a->cap, *x = a->x, *s = a->s;
}

static void kx_dim_out(const void *ctx, size_t d, const char **id, const char **name)
{
    const kx_dim *m = &((const kx *)ctx)->dim[d];
    *id = m->id, *name = m->name;
}

int pl__import_ktab_xml(pl__ybuf *b, const char *data, size_t len, const char *file,
                        const pl_load_opts *opts, pl_error *err)
{
    kx *k = calloc(1, sizeof *k);
    if (!k)
        return pl__error_nomem(err);
    k->file = file;
    k->text = data ? data : "";
    k->len = data ? len : 0;
    if (k->len >= 3 && memcmp(k->text, "\xEF\xBB\xBF", 3) == 0) { /* a byte-order mark */
        k->text += 3;
        k->len -= 3;
    }
    k->opts = opts;
    pl_arena_init(&k->arena);
    pl__xml_quiet_begin(&k->quiet);
    int rc = parse(k, err);
    if (!rc)
        rc = read_scenario(k, err);
    if (!rc) {
        pl__ktab_yaml(b, &(pl__ktab_out){k->file, k->title, k->desc,
                                         k->notes.len ? k->notes.buf : NULL, k->n_act, k->n_dim,
                                         k, kx_actor_out, kx_dim_out});
        flush_warnings(k);
    }
    if (k->doc)
        xmlFreeDoc(k->doc);
    pl__xml_quiet_end(&k->quiet);
    pl__buf_free(&k->notes);
    pl__buf_free(&k->args);
    pl_arena_free(&k->arena);
    free(k);
    return rc;
}
