/* SPDX-License-Identifier: MIT */
/*
** genius_xml.c: repair, parse and locate GENIUS XML (see genius_xml.h).
**
** libxml2's recover mode is no help with these files: it drops a bare & from
** an item's value and cuts a start tag short at a missing space, silently
** changing what the file says. So the repairs are ours, made on the bytes
** before parsing, and the parse itself is strict: whatever else is wrong
** with the XML is an error at its line and column. Repairs never add or
** remove a newline, so lines agree; columns go through an offset map.
*/
#include "genius_xml.h"
#include "../core/fmt.h"
#include "xml_read.h"
#include "../core/utf8.h"
#include "../core/error_int.h"
#include "../core/alloc.h"

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GX_MAX_WARN 20   /* warnings shown per file; the rest are counted */

/* ---- positions ------------------------------------------------------------ */

/* Original offset of repaired offset c (inside a replacement: its first byte). */
static size_t to_orig(const pl__gx *g, size_t c)
{
    size_t lo = 0, hi = g->n_map;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (g->map[mid].clean <= c)
            lo = mid;
        else
            hi = mid;
    }
    size_t o = g->map[lo].orig + (c - g->map[lo].clean);
    if (lo + 1 < g->n_map && o >= g->map[lo + 1].orig)
        o = g->map[lo + 1].orig > g->map[lo].orig ? g->map[lo + 1].orig - 1 : g->map[lo].orig;
    return o < g->orig_len ? o : g->orig_len;
}

/* Line and column (in characters, as the CLI's caret counts them) of an original offset. */
static void orig_line_col(const pl__gx *g, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < off && i < g->orig_len; i++) {
        unsigned char ch = (unsigned char)g->orig[i];
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

/* Repaired offset of libxml2's (line, column), columns in characters. */
static size_t clean_offset(const pl__gx *g, int line, int col)
{
    size_t i = 0;
    for (int l = 1; l < line && i < g->clean_len; i++)
        l += g->clean[i] == '\n';
    for (int c = 1; c < col && i < g->clean_len && g->clean[i] != '\n'; c++) {
        i++;
        while (i < g->clean_len && ((unsigned char)g->clean[i] & 0xC0) == 0x80)
            i++;
    }
    return i;
}

static int is_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

/* Offset of attribute attr's name inside the start tag at `at`, else at. */
static size_t attr_offset(const pl__gx *g, size_t at, const char *attr)
{
    const char *p = g->clean;
    size_t n = g->clean_len, i = at + 1, an = strlen(attr);
    while (i < n && !is_space(p[i]) && p[i] != '>' && p[i] != '/')
        i++;
    for (;;) {
        while (i < n && is_space(p[i]))
            i++;
        if (i >= n || p[i] == '>' || p[i] == '/')
            return at;
        size_t name = i;
        while (i < n && !is_space(p[i]) && p[i] != '=' && p[i] != '>')
            i++;
        if (i - name == an && memcmp(p + name, attr, an) == 0)
            return name;
        while (i < n && p[i] != '"' && p[i] != '\'' && p[i] != '>')
            i++;
        if (i >= n || p[i] == '>')
            return at;
        char q = p[i++];
        while (i < n && p[i] != q)
            i++;
        i++;
    }
}

/* Repaired offset of element n's '<' (kept in _private, 1-based), or of its line. */
static size_t node_offset(const pl__gx *g, const xmlNode *n)
{
    size_t off = n ? (size_t)(uintptr_t)n->_private : 0;
    if (off)
        return off - 1;
    return n ? clean_offset(g, (int)xmlGetLineNo(n), 1) : 0;
}

static void node_pos(const pl__gx *g, const xmlNode *n, const char *attr, int *line, int *col)
{
    size_t at = node_offset(g, n);
    if (attr && n)
        at = attr_offset(g, at, attr);
    orig_line_col(g, to_orig(g, at), line, col);
}

int pl__gx_line(const pl__gx *g, const xmlNode *n)
{
    int line, col;
    node_pos(g, n, NULL, &line, &col);
    return line;
}

int pl__gx_fail(const pl__gx *g, pl_error *err, const xmlNode *n, const char *attr,
                const char *fmt, ...)
{
    int line = 1, col = 1;
    node_pos(g, n, attr, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    int rc = pl__error_vset(err, PL_EINPUT, g->file, line, col, fmt, ap);
    va_end(ap);
    return rc;
}

/* A warning at an original offset. */
static void warn_at(pl__gx *g, size_t orig_off, const char *fmt, va_list ap)
{
    if (!g->opts || !g->opts->warn || g->n_warn++ >= GX_MAX_WARN)
        return;
    int line, col;
    orig_line_col(g, orig_off, &line, &col);
    pl_error w;
    pl__error_vset(&w, PL_OK, g->file, line, col, fmt, ap);
    g->opts->warn(&w, g->opts->payload);
}

static void warn_orig(pl__gx *g, size_t orig_off, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void warn_orig(pl__gx *g, size_t orig_off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    warn_at(g, orig_off, fmt, ap);
    va_end(ap);
}

void pl__gx_warn(pl__gx *g, const xmlNode *n, const char *attr, const char *fmt, ...)
{
    size_t at = node_offset(g, n);
    if (attr && n)
        at = attr_offset(g, at, attr);
    va_list ap;
    va_start(ap, fmt);
    warn_at(g, to_orig(g, at), fmt, ap);
    va_end(ap);
}

void pl__gx_warn_summary(pl__gx *g)
{
    if (!g->opts || !g->opts->warn || g->n_warn <= GX_MAX_WARN)
        return;
    pl_error w;
    pl__error_set(&w, PL_OK, g->file, 0, 0, "%zu more warnings like the above (not shown)",
                  g->n_warn - GX_MAX_WARN);
    g->opts->warn(&w, g->opts->payload);
}

/* ---- repairs -------------------------------------------------------------- */

static void put(pl__gx *g, const char *s, size_t n)
{
    if (g->oom)
        return;
    char *p = n < SIZE_MAX - 1 - g->clean_len
                  ? pl__grow(g->clean, &g->clean_cap, g->clean_len + n + 1, 1, 4096)
                  : NULL;
    if (!p) {
        g->oom = 1;
        return;
    }
    g->clean = p;
    memcpy(g->clean + g->clean_len, s, n);
    g->clean_len += n;
    g->clean[g->clean_len] = '\0';
}

/* After an edit that consumed the original up to orig_at: remember the new offset pair. */
static void remap(pl__gx *g, size_t orig_at)
{
    if (g->oom)
        return;
    pl__gx_map *grown = pl__grow(g->map, &g->cap_map, g->n_map + 1, sizeof *grown, 16);
    if (!grown) {
        g->oom = 1;
        return;
    }
    g->map = grown;
    g->map[g->n_map].clean = g->clean_len;
    g->map[g->n_map++].orig = orig_at;
}

/* Windows-1252 0x80-0x9F as Unicode; 0 where the code page leaves a hole. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
    0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

/* The byte at i is not UTF-8: read it as Windows-1252 (the files' other encoding). */
static void put_cp1252(pl__gx *g, size_t i)
{
    unsigned char b = (unsigned char)g->orig[i];
    unsigned u = b >= 0xA0 ? b : cp1252_high[b - 0x80];
    char enc[3];
    int n;
    if (!u)
        u = 0xFFFD;
    if (u < 0x800) {
        enc[0] = (char)(0xC0 | (u >> 6));
        enc[1] = (char)(0x80 | (u & 0x3F));
        n = 2;
    } else {
        enc[0] = (char)(0xE0 | (u >> 12));
        enc[1] = (char)(0x80 | ((u >> 6) & 0x3F));
        enc[2] = (char)(0x80 | (u & 0x3F));
        n = 3;
    }
    put(g, enc, (size_t)n);
    remap(g, i + 1);
    warn_orig(g, i, "byte 0x%02x is not UTF-8; read as Windows-1252 '%.*s' (U+%04X)", b, n, enc,
              u);
}

/* Copy one character at i (repairing a non-UTF-8 byte); returns the bytes consumed. */
static size_t put_char(pl__gx *g, size_t i)
{
    size_t n = pl_utf8_seq((const unsigned char *)g->orig + i, g->orig_len - i);
    if (n == 0) {
        put_cp1252(g, i);
        return 1;
    }
    put(g, g->orig + i, n);
    return n;
}

static int starts(const pl__gx *g, size_t i, const char *s)
{
    size_t n = strlen(s);
    return g->orig_len - i >= n && memcmp(g->orig + i, s, n) == 0;
}

/* Is the & at i the start of a character or predefined entity reference? */
static int is_reference(const pl__gx *g, size_t i)
{
    static const char *const named[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
    for (size_t k = 0; k < sizeof named / sizeof *named; k++)
        if (starts(g, i, named[k]))
            return 1;
    size_t j = i + 1;
    int hex = 0, digits = 0;
    if (j >= g->orig_len || g->orig[j++] != '#')
        return 0;
    if (j < g->orig_len && g->orig[j] == 'x') {
        hex = 1;
        j++;
    }
    for (; j < g->orig_len && digits < 10; j++, digits++) {
        char ch = g->orig[j];
        if (!((ch >= '0' && ch <= '9') ||
              (hex && ((ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F')))))
            break;
    }
    return digits > 0 && j < g->orig_len && g->orig[j] == ';';
}

static void put_amp(pl__gx *g, size_t i)
{
    put(g, "&", 1);
    if (is_reference(g, i))
        return;
    put(g, "amp;", 4);
    remap(g, i + 1);
    warn_orig(g, i, "a bare '&' (XML wants &amp;); read as the character &");
}

static int name_start(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' || ch == ':' ||
           ch >= 0x80;
}

typedef enum { S_TEXT, S_TAG, S_VALUE } scan_state;

/* Copy a construct up to and including its terminator (comments, PIs, CDATA, end tags). */
static size_t copy_until(pl__gx *g, size_t i, const char *end)
{
    while (i < g->orig_len && !starts(g, i, end))
        i += put_char(g, i);
    if (i < g->orig_len) {
        put(g, end, strlen(end));
        i += strlen(end);
    }
    return i;
}

/* In text at '<': copy what cannot hold attributes whole; report whether a start tag opens. */
static size_t open_markup(pl__gx *g, size_t i, scan_state *st)
{
    static const struct { const char *open, *close; } skip[] = {
        {"<!--", "-->"}, {"<![CDATA[", "]]>"}, {"<?", "?>"}, {"</", ">"}, {"<!", ">"}};
    for (size_t k = 0; k < sizeof skip / sizeof *skip; k++)
        if (starts(g, i, skip[k].open)) {
            put(g, skip[k].open, strlen(skip[k].open));
            return copy_until(g, i + strlen(skip[k].open), skip[k].close);
        }
    put(g, "<", 1);
    *st = S_TAG;
    return i + 1;
}

/* The repaired text: bare &, non-UTF-8 bytes and attributes run together. */
static void repair(pl__gx *g, size_t i)
{
    scan_state st = S_TEXT;
    char quote = 0;
    while (i < g->orig_len && !g->oom) {
        char ch = g->orig[i];
        if (st == S_TEXT && ch == '<') {
            i = open_markup(g, i, &st);
        } else if (ch == '&' && st != S_TAG) {
            put_amp(g, i++);
        } else if (st == S_TAG && (ch == '"' || ch == '\'')) {
            put(g, &ch, 1);
            quote = ch;
            st = S_VALUE;
            i++;
        } else if (st == S_VALUE && ch == quote) {
            put(g, &ch, 1);
            st = S_TAG;
            if (++i < g->orig_len && name_start((unsigned char)g->orig[i])) {
                put(g, " ", 1);
                remap(g, i);
                warn_orig(g, i, "no space between two attributes; read as if there were one");
            }
        } else {
            if (st == S_TAG && ch == '>')
                st = S_TEXT;
            i += put_char(g, i);
        }
    }
}

/*
** An XML declaration after a comment (ANAC 2014 profiles) is refused by
** libxml2; blank it out (same length, so offsets hold). The text is UTF-8 by
** now and the parser is told so, so its encoding= says nothing more.
*/
static void late_declaration(pl__gx *g)
{
    size_t i = 0;
    for (;;) {
        while (i < g->clean_len && is_space(g->clean[i]))
            i++;
        if (g->clean_len - i < 4 || memcmp(g->clean + i, "<!--", 4) != 0)
            break;
        const char *end = strstr(g->clean + i + 4, "-->");
        if (!end)
            return;
        i = (size_t)(end - g->clean) + 3;
    }
    if (i == 0 || g->clean_len - i < 6 || memcmp(g->clean + i, "<?xml", 5) != 0 ||
        !is_space(g->clean[i + 5]))
        return;
    const char *end = strstr(g->clean + i, "?>");
    if (!end)
        return;
    memset(g->clean + i, ' ', (size_t)(end - g->clean) + 2 - i);
    warn_orig(g, to_orig(g, i), "an XML declaration after a comment or blank lines; ignored "
              "(it may only open the file)");
}

/* ---- checks before the parse ---------------------------------------------- */

/* Does the text look like lines of "u1, u2" numbers (a GENIUS pareto.xml)? */
static int looks_like_frontier(const char *p, const char *end)
{
    char *e;
    pl__strtod(p, &e);
    if (e == p)
        return 0;
    while (e < end && (*e == ' ' || *e == '\t'))
        e++;
    if (e >= end || *e != ',')
        return 0;
    p = e + 1;
    pl__strtod(p, &e);
    return e != p;
}

static int precheck(pl__gx *g, const char *what, pl_error *err)
{
    const char *nul = memchr(g->orig, '\0', g->orig_len);
    int line, col;
    if (nul) {
        orig_line_col(g, (size_t)(nul - g->orig), &line, &col);
        return pl__error_set(err, PL_EINPUT, g->file, line, col, "a NUL byte: this is not a "
                             "text file; expected a GENIUS %s in XML", what);
    }
    size_t i = g->orig_len >= 3 && memcmp(g->orig, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < g->orig_len && is_space(g->orig[i]))
        i++;
    if (i == g->orig_len)
        return pl__error_set(err, PL_EINPUT, g->file, 1, 1, "the file is empty; expected a "
                             "GENIUS %s in XML", what);
    if (g->orig[i] == '<')
        return PL_OK;
    orig_line_col(g, i, &line, &col);
    if (looks_like_frontier(g->orig + i, g->orig + g->orig_len))
        return pl__error_set(err, PL_EINPUT, g->file, line, col, "lines of \"u1, u2\" "
                             "numbers: this is a reference Pareto frontier (GENIUS pareto.xml), "
                             "not GENIUS XML; expected a %s file", what);
    return pl__error_set(err, PL_EINPUT, g->file, line, col, "this is not XML (it does not "
                         "start with '<'); expected a GENIUS %s in XML", what);
}

/* ---- the parse ------------------------------------------------------------ */

static void keep_error(void *ctx, const xmlError *e, int line, int col, const char *msg)
{
    pl__gx *g = ctx;
    (void)e;
    if (g->xml_err.code)
        return;
    int l = 1, c = 1;
    if (line > 0)
        orig_line_col(g, to_orig(g, clean_offset(g, line, col > 0 ? col : 1)), &l, &c);
    pl__error_set(&g->xml_err, PL_EINPUT, g->file, l, c, "%s", msg);
}

static int parse_clean(pl__gx *g, pl_error *err)
{
    pl__xml_read r = {g->clean, g->clean_len, g->file, "GENIUS XML", keep_error, g, &g->xml_err};
    return pl__xml_parse(&r, &g->doc, err);
}

int pl__gx_parse(pl__gx *g, const char *data, size_t len, const char *file, const char *what,
                 const pl_load_opts *opts, pl_error *err)
{
    memset(g, 0, sizeof *g);
    pl__xml_quiet_begin(&g->quiet);
    g->file = file;
    g->orig = data ? data : "";
    g->orig_len = data ? len : 0;
    g->opts = opts;
    int rc = precheck(g, what, err);
    if (rc)
        return rc;
    size_t start = g->orig_len >= 3 && memcmp(g->orig, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    remap(g, start); /* a byte-order mark is dropped */
    put(g, "", 0);
    repair(g, start);
    if (!g->oom)
        late_declaration(g);
    if (g->oom)
        return pl__error_nomem(err);
    return parse_clean(g, err);
}

void pl__gx_free(pl__gx *g)
{
    if (g->doc)
        xmlFreeDoc(g->doc);
    pl__xml_quiet_end(&g->quiet);
    free(g->clean);
    free(g->map);
    memset(g, 0, sizeof *g);
}

/* ---- the tree ------------------------------------------------------------- */

int pl__gx_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && (!name || strcmp((const char *)n->name, name) == 0);
}

const xmlNode *pl__gx_next(const xmlNode *n, const char *name)
{
    for (n = n ? n->next : NULL; n; n = n->next)
        if (pl__gx_is(n, name))
            return n;
    return NULL;
}

const xmlNode *pl__gx_child(const xmlNode *n, const char *name)
{
    if (!n || !n->children)
        return NULL;
    return pl__gx_is(n->children, name) ? n->children : pl__gx_next(n->children, name);
}

static const char *keep(pl_arena *a, xmlChar *s, int *oom)
{
    if (!s) {
        if (pl__xml_nomem())
            *oom = 1;
        return NULL;
    }
    const char *t = pl_arena_strdup(a, (const char *)s);
    xmlFree(s);
    if (!t)
        *oom = 1;
    return t;
}

const char *pl__gx_attr(pl_arena *a, const xmlNode *n, const char *name, int *oom)
{
    return keep(a, xmlGetNoNsProp(n, (const xmlChar *)name), oom);
}

const char *pl__gx_text(pl_arena *a, const xmlNode *n, int *oom)
{
    const char *t = keep(a, xmlNodeGetContent(n), oom);
    return t ? t : "";
}
