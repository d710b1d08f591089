/* SPDX-License-Identifier: MIT */
/*
** export.h: symbol visibility for libparley.
** The library is built with -fvisibility=hidden; only PL_API symbols are exported.
*/
#ifndef PARLEY_EXPORT_H
#define PARLEY_EXPORT_H

#if defined(PARLEY_BUILDING) && defined(__GNUC__)
#define PL_API __attribute__((visibility("default")))
#else
#define PL_API
#endif

#endif
