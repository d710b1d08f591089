#!/bin/sh
# SPDX-License-Identifier: MIT
# Run every fuzz target for SECONDS each, seeded from the test corpora.
#   sh fuzz/run.sh BUILD_DIR SECONDS
set -eu
build=$1
secs=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)

# run TARGET CORPUS: one libFuzzer target for $secs seconds; crashes go to $build/fuzz-TARGET-*
run() {
  echo "fuzz: $1 for ${secs}s, corpus $2"
  "$build/fuzz/$1" -max_total_time="$secs" -max_len=65536 -timeout=10 \
    -artifact_prefix="$build/fuzz-$1-" "$2"
}
# seed SEL FILE OUT: FILE, when it exists, as OUT behind the selector byte SEL (octal digits)
seed() {
  [ -f "$2" ] || return 0
  { printf "\\$1"; cat "$2"; } > "$3"
}

corpus="$build/fuzz-corpus/scenario"
mkdir -p "$corpus"
# Seed inputs get a leading selector byte: 0 = YAML, 1 = JSON.
for f in "$here"/../tests/bad/*.yaml "$here"/../scenarios/*.yaml "$here"/../tests/scenarios/*.yaml "$here"/seeds/scenario/*.yaml; do
  seed 000 "$f" "$corpus/$(basename "$f")"
done
for f in "$here"/../tests/bad/*.json; do
  seed 001 "$f" "$corpus/$(basename "$f")"
done
# 0x80: the first line is a change (PATH=VALUE) or a variant (@NAME).
for f in "$here"/seeds/changes/*.whatif; do
  seed 200 "$f" "$corpus/$(basename "$f")"
done
run scenario_fuzz "$corpus"

# The importers: seeds from the import corpus (selector byte: deu 0, decide 1, ktab 2,
# ktab with a short SMP run 3).
icorpus="$build/fuzz-corpus/import"
mkdir -p "$icorpus"
for f in "$here"/../tests/bad/import/*.deu.txt "$here"/seeds/*.deu.txt; do
  seed 000 "$f" "$icorpus/$(basename "$f")"
done
for f in "$here"/../tests/bad/import/*.decide.txt "$here"/seeds/*.decide.txt; do
  seed 001 "$f" "$icorpus/$(basename "$f")"
done
for f in "$here"/../tests/bad/import/*.ktab.txt "$here"/seeds/*.ktab.txt; do
  seed 002 "$f" "$icorpus/$(basename "$f")"
done
# KTAB's SMP scenario XML takes the ktab route too (the KTAB XML corpus and seeds).
for f in "$here"/../tests/bad/ktabxml/*.xml "$here"/seeds/*.xml; do
  seed 002 "$f" "$icorpus/$(basename "$f")"
  seed 003 "$f" "$icorpus/smp-$(basename "$f")"
done
run import_fuzz "$icorpus"

# GENIUS: a selector byte, then the files joined by "\n----\n" (the seeds, and
# each case of the GENIUS bad-input corpus).
gcorpus="$build/fuzz-corpus/genius"
mkdir -p "$gcorpus"
for f in "$here"/seeds/genius/*.txt; do
  seed 000 "$f" "$gcorpus/$(basename "$f")"
done
for d in "$here"/../tests/bad/genius/*/; do
  [ -d "$d" ] || continue
  { printf '\000'; sep=""; for f in "$d"*; do printf '%b' "$sep"; cat "$f"; sep='\n----\n'; done; } \
    > "$gcorpus/bad-$(basename "$d").txt"
done
run genius_fuzz "$gcorpus"

# Proposals: seeds from tests/bad/proposal, against the built-in scenario
# (selector 0 YAML, 1 JSON) and the scenario with options (2 YAML, 3 JSON).
pcorpus="$build/fuzz-corpus/proposal"
mkdir -p "$pcorpus"
for f in "$here"/../tests/bad/proposal/*.yaml "$here"/../tests/bad/proposal/*.json; do
  case $f in *.json) s=1 ;; *) s=0 ;; esac
  seed "00$s" "$f" "$pcorpus/builtin-$(basename "$f")"
  seed "00$((s + 2))" "$f" "$pcorpus/options-$(basename "$f")"
done
# the built-in scenario's proposals: terms written {value, source, note}
for f in "$here"/../scenarios/proposals/*.yaml; do
  seed "000" "$f" "$pcorpus/builtin-proposal-$(basename "$f")"
done
run proposal_fuzz "$pcorpus"

# Claims files: the seeds and tests/bad/claims, against the built-in scenario
# (selector 0 YAML, 1 JSON; 2 and 3 the same with two Monte Carlo draws).
ccorpus="$build/fuzz-corpus/claims"
mkdir -p "$ccorpus"
for f in "$here"/seeds/claims/*.yaml "$here"/seeds/claims/*.json \
         "$here"/../tests/bad/claims/*.yaml "$here"/../tests/bad/claims/*.json; do
  case $f in *.json) s=1 ;; *) s=0 ;; esac
  case $f in */seeds/*) p=seed ;; *) p=bad ;; esac
  seed "00$s" "$f" "$ccorpus/$p-$(basename "$f")"
  seed "00$((s + 2))" "$f" "$ccorpus/$p-draws-$(basename "$f")"
done
run claims_fuzz "$ccorpus"

# parley serve's request bodies: each seed behind each route byte (0 validate, 1 yaml,
# 2 run the forecast, 3 the parser alone).
scorpus="$build/fuzz-corpus/serve"
mkdir -p "$scorpus"
for f in "$here"/seeds/serve/*.json; do
  for r in 0 1 2 3; do seed "00$r" "$f" "$scorpus/$r-$(basename "$f")"; done
done
run fuzz_serve "$scorpus"
