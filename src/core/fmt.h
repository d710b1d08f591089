/* SPDX-License-Identifier: MIT */
/*
** fmt.h: numbers as text and text as numbers, shared by the emitters, the
** importers, the readers, the report and every message. Two promises:
**   - the C locale whatever the host program set (a Python or R session, a
**     GUI may set LC_NUMERIC to a comma-decimal locale): "72.5", never "72,5";
**   - no float noise: no "-0", no "99.99999999999999", no "-1.11e-16".
** The rule (docs/design-notes.md, "Numbers as text"): a value within
** PL_FMT_NOISE of zero is 0; a value within PL_FMT_RELATIVE |v| of a decimal
** with at most 12 significant digits is that decimal; -0 is 0. Text printed
** at a lower precision rounds that decimal half away from zero. Computations
** are never changed: only the text is.
*/
#ifndef PL_FMT_H
#define PL_FMT_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define PL_FMT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define PL_FMT_PRINTF(f, a)
#endif

/* Zero: below the resolution any of parley's quantities is read at
   (positions on 0-100 scales, saliences, shares, probabilities, utilities),
   and far above the remainders that sums and differences of equal values
   leave ("-1.11e-16", "1.42e-14", and ulp(1e5) = 1.5e-11 for sums of
   thousands of weights). A probability of 2e-10 prints as 0. */
#define PL_FMT_NOISE 1e-9
/* Near a 12-digit decimal: about 45 ulps, enough for the sums and
   differences of a few values ("0.683 - 0.652" is 0.030999999999999917,
   24 ulps from 0.031); a value with more digits than 12 is that close to
   a 12-digit decimal by chance about once in a hundred. */
#define PL_FMT_RELATIVE 1e-14

/*
** v as the rule prints it: 0, the nearby decimal of at most 12 significant
** digits, or v itself. Finite v only (NaN and Inf are returned as they are).
*/
double pl__fmt_clean(double v);

/*
** The shortest decimal text that reads back as exactly pl__fmt_clean(v)
** ("%.12g" when the rule applied, else "%.15g" .. "%.17g"), in the C
** locale; buf needs 32 bytes. Zero (and -0) is "0".
*/
const char *pl__fmt_double(char *buf, double v);

/*
** The shortest text that reads back as exactly v, without the noise rule: for
** identities (the run store's canonical options), where two values one ulp apart
** are two inputs. buf needs 32 bytes. Zero (and -0) is "0".
*/
const char *pl__fmt_exact(char *buf, double v);

/* strtod in the C locale, whatever the calling thread's locale. */
double pl__strtod(const char *s, char **end);

/*
** vsnprintf and snprintf with C's conversions, but in the C locale and
** with every floating-point argument passed through pl__fmt_clean first
** and a negative zero result ("-0.00") printed without its sign. Returns
** the length the whole text needs, as vsnprintf does (-1 on a bad format).
** %n is not supported.
*/
int pl__vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) PL_FMT_PRINTF(3, 0);
int pl__snprintf(char *buf, size_t size, const char *fmt, ...) PL_FMT_PRINTF(3, 4);
/* pl__snprintf at buf + *used, adding the length the text needs to *used; nothing once
   *used has reached size, so a text cut short keeps its full length in *used. */
void pl__append(char *buf, size_t size, size_t *used, const char *fmt, ...)
    PL_FMT_PRINTF(4, 5);

#endif
