/* SPDX-License-Identifier: MIT */
/*
** choices.c: the words of the enumerated options (parley/options.h), kept
** here once so that the CLI reads, the run store writes and bindings accept
** the same words.
*/
#include "parley/options.h"

#include <string.h>

#define WORDS(option, ...)                                                                   \
    {option, (const char *const[]){__VA_ARGS__},                                             \
     sizeof (const char *const[]){__VA_ARGS__} / sizeof(const char *)}

static const struct {
    const char *option;
    const char *const *words;
    size_t n;
} table[] = {
    WORDS("weights", "cs", "s", "c", "1"),
    WORDS("median-tie", "lower", "upper", "mid"),
    WORDS("loss", "linear", "quadratic"),
    WORDS("eum-prob", "published", "net", "scholz"),
    WORDS("eum-select", "smallest", "scholz", "max-eu"),
    WORDS("eum-compromise", "fraction", "weighted"),
    WORDS("eum-perspective", "receiver", "own"),
    WORDS("eum-salience-25b", "target", "printed"),
    WORDS("eum-cycle", "stop", "run", "mean"),
    WORDS("exchange-rule", "equal-gain", "random-rate"),
    WORDS("smp-vote", "prop", "binary", "propbin", "propcbc", "cubic", "asymprosp"),
    WORDS("smp-victory", "linear", "square", "quartic", "octic", "binary"),
    WORDS("smp-election", "conditional", "markov-uniform", "markov-incentive"),
    WORDS("smp-risk", "mid", "min", "max"),
    WORDS("smp-perspective", "one-third", "none", "half", "two-thirds", "full"),
    WORDS("smp-bargain", "s2p2", "s1p1", "s2pmax"),
    WORDS("smp-commit", "semi", "full", "none"),
    WORDS("smp-bargains", "init", "init-rcvr", "power"),
    WORDS("analyses", "forecast", "settle", "power", "durability", "proposal"),
};

const char *const *pl_option_choices(const char *option, size_t *n)
{
    for (size_t i = 0; option && i < sizeof table / sizeof *table; i++)
        if (strcmp(table[i].option, option) == 0) {
            if (n)
                *n = table[i].n;
            return table[i].words;
        }
    if (n)
        *n = 0;
    return NULL;
}

const char *pl_option_choice(const char *option, int v)
{
    size_t n;
    const char *const *w = pl_option_choices(option, &n);
    return w && v >= 0 && (size_t)v < n ? w[v] : NULL;
}
