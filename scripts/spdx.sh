#!/bin/sh
# SPDX-License-Identifier: MIT
# Every source file carries one SPDX line. With --fix, add it where missing;
# without, list the files that lack it and exit 1 (the test suite runs this).
set -eu
cd "$(dirname "$0")/.."
tag='SPDX-License-Identifier: MIT'
files=$(git ls-files 2>/dev/null | grep -E '\.(c|h|h\.in|sh|cmake|py)$|(^|/)CMakeLists\.txt$|^Makefile$|^\.ci/run$' || true)
[ -n "$files" ] || files=$(find src include cli tests fuzz bench examples scripts cmake -type f \
  \( -name '*.[ch]' -o -name '*.h.in' -o -name '*.sh' -o -name '*.cmake' -o -name CMakeLists.txt \))
missing=0
for f in $files; do
  case $f in fuzz/seeds/*) continue ;; esac
  head -3 "$f" | grep -q "$tag" && continue
  if [ "${1:-}" = --fix ]; then
    case $f in
      *.c|*.h|*.h.in) { printf '/* %s */\n' "$tag"; cat "$f"; } >"$f.spdx" ;;
      *) if head -1 "$f" | grep -q '^#!'; then
           { head -1 "$f"; printf '# %s\n' "$tag"; tail -n +2 "$f"; } >"$f.spdx"
         else
           { printf '# %s\n' "$tag"; cat "$f"; } >"$f.spdx"
         fi ;;
    esac
    chmod --reference="$f" "$f.spdx"; mv "$f.spdx" "$f"
  else
    echo "no SPDX line: $f"; missing=1
  fi
done
exit $missing
