/* SPDX-License-Identifier: MIT */
/*
** fmt.h: numbers as text, shared by the emitters, the importers and the
** scenario writer.
*/
#ifndef PL_FMT_H
#define PL_FMT_H

/*
** Shortest decimal text that reads back as exactly v ("%.15g" .. "%.17g");
** buf needs 32 bytes. Zero (and -0) is "0".
*/
const char *pl__fmt_double(char *buf, double v);

#endif
