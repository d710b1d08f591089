# SPDX-License-Identifier: MIT
# parley stress across MPI ranks: mpirun -n 2 and -n 3 give byte-identical output to one
# process (draw i is always stream i of the seed; rank 0 folds the draws in order).
# Args: PARLEY SRC BLD MPIEXEC (empty when parley was built without -DPARLEY_MPI=ON).
. "$(dirname "$0")/lib.sh"
MPIEXEC=${4:-}
if [ -z "$MPIEXEC" ]; then
  echo "SKIP: parley was built without MPI (cmake -DPARLEY_MPI=ON; make check does it when Open MPI is installed)"
  exit 77
fi
# Open MPI refuses root unless told; leak checks would report Open MPI's own allocations.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

"$PARLEY" stress -n 600 --format json >"$TMP/one.json" 2>"$TMP/one.err" || bad "one process failed"
for ranks in 2 3; do
  "$MPIEXEC" --oversubscribe -n $ranks "$PARLEY" stress -n 600 --threads 2 --format json \
    >"$TMP/mpi.json" 2>"$TMP/mpi.err"
  st=$?
  if [ $st -ne 0 ]; then bad "mpirun -n $ranks: exit $st"; sed 's/^/  | /' "$TMP/mpi.err" | head -5
  elif cmp -s "$TMP/one.json" "$TMP/mpi.json"; then ok
  else bad "mpirun -n $ranks: output differs from one process"; fi
done
# a store written under MPI: only rank 0 writes, one run
rm -f "$TMP/r.db"
"$MPIEXEC" --oversubscribe -n 2 "$PARLEY" stress -n 300 --store "$TMP/r.db" -q >/dev/null 2>&1 \
  || bad "mpirun with --store failed"
n=$("$PARLEY" runs list --store "$TMP/r.db" --format json 2>/dev/null | grep -o '"id"' | wc -l)
[ "$n" -eq 1 ] && ok || bad "mpirun with --store: $n runs stored, expected 1"
# An input error is printed once (by rank 0) and every rank exits 2, without MPI_Abort.
# once WHAT EXPECTED_STDERR -- ARGS...: mpirun -n 3 parley ARGS; stderr must be exactly that
# (-q: without mpirun's own note that a process exited non-zero)
once() {
  what=$1; want=$2; shift 3
  "$MPIEXEC" --oversubscribe -q -n 3 "$PARLEY" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
  st=$?
  if [ $st -eq 2 ] && [ "$(cat "$TMP/err")" = "$want" ]; then ok; else
    bad "$what under mpirun -n 3: exit $st, stderr:"; sed 's/^/  | /' "$TMP/err" | head -8; fi
}
once "--threads 0" "parley: --threads 0: expected a whole number from 1 to 256" -- stress --threads 0
printf 'parley: 1\nname: x\nactors: [}\n' >"$TMP/bad.yaml"
once "a bad scenario" "$("$PARLEY" validate "$TMP/bad.yaml" 2>&1)" -- stress "$TMP/bad.yaml" -n 10
mkdir -p "$TMP/ro.db"  # a directory: the store cannot be opened (rank 0 alone opens it)
"$PARLEY" stress -n 10 --store "$TMP/ro.db" >/dev/null 2>"$TMP/ro.err"
once "an unusable store" "$(cat "$TMP/ro.err")" -- stress -n 10 --store "$TMP/ro.db"
finish
