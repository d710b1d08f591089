/* SPDX-License-Identifier: MIT */
/*
** detect.c: an input's format from its bytes (the rules are listed in
** parley/input.h). The importers' own signatures come first: they are
** specific enough that no YAML scenario starts like them, and a pipe or a
** file named anything is then read as what it is. The name only tells YAML
** from JSON, which the same parser reads.
*/
#include "import_impl.h"
#include "parley/input.h"

#include <string.h>

static const char *const names[PL_INPUT_FORMAT_COUNT] = {
    NULL, "yaml", "json", "deu", "decide", "ktab", "ktab", "genius", "genius"};
static const char *const titles[PL_INPUT_FORMAT_COUNT] = {
    "an unknown format", "a parley scenario (YAML)", "a parley scenario (JSON)",
    "a DEU table", "Decide CSV", "KTAB CSV", "KTAB XML", "a GENIUS domain",
    "a GENIUS profile"};

const char *pl_input_format_name(pl_input_format f)
{
    return (unsigned)f < PL_INPUT_FORMAT_COUNT ? names[f] : NULL;
}

const char *pl_input_format_title(pl_input_format f)
{
    return titles[(unsigned)f < PL_INPUT_FORMAT_COUNT ? f : PL_INPUT_UNKNOWN];
}

int pl_input_format_parse(pl_input_format *out, const char *name)
{
    /* the first format of each name: KTAB CSV for "ktab", the domain for "genius" */
    for (int f = 1; name && f < PL_INPUT_FORMAT_COUNT; f++)
        if (strcmp(name, names[f]) == 0) {
            *out = (pl_input_format)f;
            return PL_OK;
        }
    return PL_EINPUT;
}

/* ---- the bytes -------------------------------------------------------------- */

static const char *after_bom(const char *p, const char *end)
{
    return end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? p + 3 : p;
}

static const char *skip_blanks(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

static int starts(const char *p, const char *end, const char *s)
{
    size_t n = strlen(s);
    return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

/* Where s starts in [p, end), or NULL. */
static const char *find(const char *p, const char *end, const char *s)
{
    for (; p < end; p++)
        if (starts(p, end, s))
            return p;
    return NULL;
}

int pl__looks_xml(const char *data, size_t len)
{
    const char *p = data ? pl__first_byte(data, len) : NULL;
    return p && *p == '<';
}

/*
** The root element's name of the XML at p, after a declaration, comments, a
** document type (with its internal subset in [...]) and blanks (a GENIUS file may have a comment before its
** declaration); *n gets its length. NULL when there is none.
*/
static const char *xml_root(const char *p, const char *end, size_t *n)
{
    for (;;) {
        p = skip_blanks(p, end);
        const char *stop = starts(p, end, "<!--") ? "-->" : starts(p, end, "<?") ? "?>"
                         : starts(p, end, "<!") ? ">" : NULL;
        if (!stop)
            break;
        const char *close = find(p + 2, end, stop);
        const char *subset = close && *stop == '>' ? find(p + 2, close, "[") : NULL;
        if (subset)
            close = (subset = find(subset, end, "]")) ? find(subset, end, ">") : NULL;
        if (!close)
            return NULL;
        p = close + strlen(stop);
    }
    if (p == end || *p != '<')
        return NULL;
    const char *name = ++p;
    while (p < end && !strchr(" \t\r\n/>", *p))
        p++;
    *n = (size_t)(p - name);
    return name;
}

static pl_input_format xml_kind(const char *p, const char *end)
{
    static const struct {
        const char *root;
        pl_input_format f;
    } kinds[] = {{"Scenario", PL_INPUT_KTAB_XML},
                 {"negotiation_template", PL_INPUT_GENIUS_DOMAIN},
                 {"utility_space", PL_INPUT_GENIUS_PROFILE}};
    size_t n = 0;
    const char *root = xml_root(p, end, &n);
    for (size_t k = 0; root && k < sizeof kinds / sizeof *kinds; k++)
        if (strlen(kinds[k].root) == n && memcmp(root, kinds[k].root, n) == 0)
            return kinds[k].f;
    return PL_INPUT_UNKNOWN;
}

/*
** A Decide record: #A, #P, #M, #D, #O or #/, quoted ('#A') or followed by a
** delimiter or the end of the line. A YAML comment ("# ..." or "#A note")
** is not one.
*/
static int decide_record(const char *p, const char *end)
{
    int quoted = p < end && *p == '\'';
    p += quoted;
    if (end - p < 2 || p[0] != '#' || p[1] == '\0' || !strchr("APMDO/", p[1]))
        return 0;
    p += 2;
    if (quoted)
        return p < end && *p == '\'';
    return p == end || strchr("\t,;\r\n", *p) != NULL;
}

/* KTAB CSV: the second line starts with "Actor," (the first holds the counts). */
static int ktab_csv(const char *p, const char *end)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    return nl && starts(nl + 1, end, "Actor,");
}

/* A line starting "parley:", the format version every scenario has. */
static int parley_line(const char *p, const char *end)
{
    for (const char *q = p; q < end;) {
        if (starts(q, end, "parley:"))
            return 1;
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        if (!nl)
            break;
        q = nl + 1;
    }
    return 0;
}

static int name_ends(const char *name, const char *ext)
{
    size_t n = name ? strlen(name) : 0, e = strlen(ext);
    return n > e && strcmp(name + n - e, ext) == 0;
}

pl_input_format pl_input_detect(const char *data, size_t len, const char *name)
{
    const char *end = (data ? data : "") + len, *p = after_bom(data ? data : "", end);
    const char *first = skip_blanks(p, end);
    if (first < end && *first == '<') {
        pl_input_format f = xml_kind(first, end);
        if (f != PL_INPUT_UNKNOWN)
            return f;
    }
    if (starts(p, end, "\"prnrnmc\"") || starts(p, end, "prnrnmc\t"))
        return PL_INPUT_DEU;
    if (decide_record(first, end))
        return PL_INPUT_DECIDE;
    if (ktab_csv(p, end))
        return PL_INPUT_KTAB_CSV;
    if (name_ends(name, ".json"))
        return PL_INPUT_JSON;
    if (name_ends(name, ".yaml") || name_ends(name, ".yml"))
        return PL_INPUT_YAML;
    if (first < end && (*first == '{' || *first == '['))
        return PL_INPUT_JSON;
    return parley_line(p, end) ? PL_INPUT_YAML : PL_INPUT_UNKNOWN;
}
