/* SPDX-License-Identifier: MIT */
/*
** replay.c: run a fuzz target over files without libFuzzer, so CTest can
** replay the corpus (tests/bad, scenarios) under ASan/UBSan on every check.
** Each file is fed behind each selector byte 0-3 (YAML or JSON, with or without
** required sources); a file named *.whatif with bit 0x80 set as well (its first
** line is then a change or a variant: scenario_fuzz.c).
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    int n = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            fprintf(stderr, "replay: cannot open %s\n", argv[i]);
            return 1;
        }
        fseek(f, 0, SEEK_END);
        long len = ftell(f);
        fseek(f, 0, SEEK_SET);
        uint8_t *buf = malloc((size_t)len + 1);
        if (!buf || fread(buf + 1, 1, (size_t)len, f) != (size_t)len) {
            fprintf(stderr, "replay: cannot read %s\n", argv[i]);
            fclose(f);
            free(buf);
            return 1;
        }
        fclose(f);
        size_t nl = strlen(argv[i]);
        uint8_t what_if = nl > 7 && strcmp(argv[i] + nl - 7, ".whatif") == 0 ? 0x80 : 0;
        for (uint8_t mode = 0; mode < 4; mode++) {
            buf[0] = (uint8_t)(mode | what_if);
            LLVMFuzzerTestOneInput(buf, (size_t)len + 1);
        }
        free(buf);
        n++;
    }
    printf("%d passed, 0 failed\n", n);
    return 0;
}
