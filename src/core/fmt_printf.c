/* SPDX-License-Identifier: MIT */
/*
** fmt_printf.c: pl__vsnprintf, C's vsnprintf in the C locale with clean
** numbers (fmt.h). The format is walked one conversion at a time so that
** each floating-point argument can pass through the number rule before it
** is printed; every piece is then printed by the C library's own snprintf,
** so widths, flags and precisions mean exactly what they mean in C.
*/
#include "fmt.h"
#include "fmt_locale.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each piece is printed with a specification copied out of a format that
   the compiler has checked at the call (PL_FMT_PRINTF), so it is not a
   literal here. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

typedef struct out {
    char *buf;
    size_t size;
    size_t len;  /* what the whole text needs so far, as vsnprintf counts */
    int bad;
} out;

/* One conversion: its text with '*' replaced by the argument's digits. */
typedef struct conv_spec {
    char text[64];
    size_t n;
    int prec;     /* -1: none given */
    char len[3];  /* length modifier: "", "h", "hh", "l", "ll", "j", "z", "t", "L" */
    char conv;
} conv_spec;

static char *at(const out *o) { return o->len < o->size ? o->buf + o->len : NULL; }
static size_t room(const out *o) { return o->len < o->size ? o->size - o->len : 0; }

static void put_text(out *o, const char *p, size_t n)
{
    size_t r = room(o);
    if (r > 0)
        memcpy(at(o), p, n < r ? n : r);
    o->len += n;
}

static void advance(out *o, int n)
{
    if (n < 0)
        o->bad = 1;
    else
        o->len += (size_t)n;
}

static void add_char(conv_spec *s, char c)
{
    if (s->n + 1 < sizeof s->text)
        s->text[s->n++] = c;
    s->text[s->n] = '\0';
}

/* Digits, or '*' taken from the arguments (a negative precision: none). */
static const char *number_part(conv_spec *s, const char *f, va_list *ap, int is_prec)
{
    if (*f == '*') {
        int v = va_arg(*ap, int);
        char d[16];
        if (is_prec)
            s->prec = v < 0 ? -1 : v;
        if (is_prec && v < 0) {
            s->n--;  /* drop the '.' */
            s->text[s->n] = '\0';
            return f + 1;
        }
        snprintf(d, sizeof d, "%d", v);
        for (const char *p = d; *p; p++)
            add_char(s, *p);
        return f + 1;
    }
    int v = 0;
    while (*f >= '0' && *f <= '9') {
        v = v < 100000 ? 10 * v + (*f - '0') : v;
        add_char(s, *f++);
    }
    if (is_prec)
        s->prec = v;
    return f;
}

/* Parse the specification starting at f (just after '%'); returns the byte after it. */
static const char *parse_spec(conv_spec *s, const char *f, va_list *ap)
{
    memset(s, 0, sizeof *s);
    s->prec = -1;
    add_char(s, '%');
    while (*f && strchr("-+ #0", *f))
        add_char(s, *f++);
    f = number_part(s, f, ap, 0);
    if (*f == '.') {
        add_char(s, *f++);
        f = number_part(s, f, ap, 1);
    }
    size_t k = 0;
    while (*f && strchr("hljztL", *f) && k < 2) {
        s->len[k++] = *f;
        add_char(s, *f++);
    }
    s->conv = *f;
    if (*f)
        add_char(s, *f++);
    return f;
}

#define PUT(o, s, value) advance((o), snprintf(at(o), room(o), (s)->text, (value)))

static void put_int(out *o, const conv_spec *s, va_list *ap)
{
    int sign = s->conv == 'd' || s->conv == 'i';
    if (!strcmp(s->len, "l"))
        sign ? PUT(o, s, va_arg(*ap, long)) : PUT(o, s, va_arg(*ap, unsigned long));
    else if (!strcmp(s->len, "ll"))
        sign ? PUT(o, s, va_arg(*ap, long long)) : PUT(o, s, va_arg(*ap, unsigned long long));
    else if (!strcmp(s->len, "j"))
        sign ? PUT(o, s, va_arg(*ap, intmax_t)) : PUT(o, s, va_arg(*ap, uintmax_t));
    else if (!strcmp(s->len, "z"))
        PUT(o, s, va_arg(*ap, size_t));
    else if (!strcmp(s->len, "t"))
        PUT(o, s, va_arg(*ap, ptrdiff_t));
    else
        sign ? PUT(o, s, va_arg(*ap, int)) : PUT(o, s, va_arg(*ap, unsigned));
}

/* Does the printed number read as zero (all digits of its mantissa 0)? */
static int prints_zero(const char *t)
{
    for (; *t && !strchr("eEpP", *t); t++)
        if ((*t >= '1' && *t <= '9') || (*t >= 'a' && *t <= 'f') || (*t >= 'A' && *t <= 'F'))
            return 0;
    return 1;
}

/* How many significant digits conversion c with precision p prints of a
   number whose first digit stands at 10^e. */
static int digits_printed(char c, int p, int e)
{
    switch (c) {
    case 'f': case 'F': return e + 1 + p;
    case 'e': case 'E': return p + 1;
    case 'g': case 'G': return p ? p : 1;
    default: return 99;  /* %a: every bit */
    }
}

/*
** r, a decimal of at most 12 significant digits (the number rule's), rounded
** half away from zero to the digits that s prints, as the double nearest the
** result: printf then has nothing left to round. Rounding r's binary value
** instead would round 0.5425 (0.54249999999999998) down and 0.7235 up.
*/
static double round_decimal(double r, const conv_spec *s)
{
    char t[32], num[48];
    snprintf(t, sizeof t, "%.11e", fabs(r));  /* d.ddddddddddde+XX: exactly r's digits */
    int e = atoi(t + 14);
    int keep = digits_printed(s->conv, s->prec < 0 ? 6 : s->prec, e);
    if (r == 0 || keep >= 12)
        return r;
    if (keep < 0)
        return 0.0;
    long long m = 0;
    for (int i = 0; i < keep; i++)
        m = 10 * m + (t[i ? i + 1 : 0] - '0');
    m += t[keep ? keep + 1 : 0] >= '5';
    snprintf(num, sizeof num, "%llde%d", m, e - keep + 1);
    return m ? copysign(strtod(num, NULL), r) : 0.0;
}

static void put_float(out *o, conv_spec *s, va_list *ap)
{
    char dec[32];
    double v = s->len[0] == 'L' ? (double)va_arg(*ap, long double) : va_arg(*ap, double);
    if (s->len[0] == 'L') {  /* printed as the double it was narrowed to */
        s->text[s->n - 2] = s->conv;
        s->text[--s->n] = '\0';
    }
    v = pl__fmt_clean_c(v, dec);
    if (dec[0])
        v = round_decimal(v, s);
    if (signbit(v)) {  /* "-0.00": a negative number that prints as zero loses its sign */
        char t[128];
        int n = snprintf(t, sizeof t, s->text, v);
        if (n > 0 && (size_t)n < sizeof t && prints_zero(t))
            v = 0.0;
    }
    PUT(o, s, v);
}

/* One conversion; 0, or -1 for one we do not print (%n, unknown). */
static int put_conv(out *o, conv_spec *s, va_list *ap)
{
    switch (s->conv) {
    case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
        put_int(o, s, ap);
        return 0;
    case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
        put_float(o, s, ap);
        return 0;
    case 'c':
        PUT(o, s, va_arg(*ap, int));
        return 0;
    case 's':
        PUT(o, s, va_arg(*ap, const char *));
        return 0;
    case 'p':
        PUT(o, s, va_arg(*ap, void *));
        return 0;
    case '%':
        put_text(o, "%", 1);
        return 0;
    default:
        return -1;
    }
}

static int format_c(out *o, const char *fmt, va_list *ap)
{
    const char *f = fmt;
    while (*f && !o->bad) {
        const char *pct = strchr(f, '%');
        size_t n = pct ? (size_t)(pct - f) : strlen(f);
        put_text(o, f, n);
        if (!pct)
            break;
        conv_spec s;
        f = parse_spec(&s, pct + 1, ap);
        if (put_conv(o, &s, ap) != 0)
            o->bad = 1;
    }
    return o->bad ? -1 : 0;
}

int pl__vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    out o = {buf, size, 0, 0};
    va_list aq;
    va_copy(aq, ap);  /* passed on by address: va_list may be an array type */
    pl__c_locale l;
    pl__c_locale_enter(&l);
    int rc = format_c(&o, fmt, &aq);
    pl__c_locale_leave(&l);
    va_end(aq);
    if (size > 0)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return rc ? -1 : (int)o.len;
}

int pl__snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = pl__vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

void pl__append(char *buf, size_t size, size_t *used, const char *fmt, ...)
{
    if (*used >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = pl__vsnprintf(buf + *used, size - *used, fmt, ap);
    va_end(ap);
    *used += k > 0 ? (size_t)k : 0;
}
