#!/bin/sh
# Run every fuzz target for SECONDS each, seeded from the test corpora.
#   sh fuzz/run.sh BUILD_DIR SECONDS
set -eu
build=$1
secs=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
corpus="$build/fuzz-corpus/scenario"
mkdir -p "$corpus"
# Seed inputs get a leading selector byte: 0 = YAML, 1 = JSON.
for f in "$here"/../tests/bad/*.yaml "$here"/../scenarios/*.yaml; do
  [ -f "$f" ] && { printf '\000'; cat "$f"; } > "$corpus/$(basename "$f")"
done
for f in "$here"/../tests/bad/*.json; do
  [ -f "$f" ] && { printf '\001'; cat "$f"; } > "$corpus/$(basename "$f")"
done
echo "fuzz: scenario_fuzz for ${secs}s, corpus $corpus"
"$build/fuzz/scenario_fuzz" -max_total_time="$secs" -max_len=65536 -timeout=10 \
  -artifact_prefix="$build/fuzz-" "$corpus"

# The importers: seeds from the import corpus (selector byte: deu 0, decide 1, ktab 2).
icorpus="$build/fuzz-corpus/import"
mkdir -p "$icorpus"
for f in "$here"/../tests/bad/import/*.deu.txt "$here"/seeds/*.deu.txt; do
  [ -f "$f" ] && { printf '\000'; cat "$f"; } > "$icorpus/$(basename "$f")"
done
for f in "$here"/../tests/bad/import/*.decide.txt "$here"/seeds/*.decide.txt; do
  [ -f "$f" ] && { printf '\001'; cat "$f"; } > "$icorpus/$(basename "$f")"
done
for f in "$here"/../tests/bad/import/*.ktab.txt "$here"/seeds/*.ktab.txt; do
  [ -f "$f" ] && { printf '\002'; cat "$f"; } > "$icorpus/$(basename "$f")"
done
echo "fuzz: import_fuzz for ${secs}s, corpus $icorpus"
"$build/fuzz/import_fuzz" -max_total_time="$secs" -max_len=65536 -timeout=10 \
  -artifact_prefix="$build/fuzz-import-" "$icorpus"
