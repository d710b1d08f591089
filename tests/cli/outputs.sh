#!/bin/sh
# SPDX-License-Identifier: MIT
# What -o FILE (and --frontier-out, the --svg-dir charts) does with what is there: a regular
# file or a new path is replaced atomically; a symlink is followed, the link kept; a FIFO is
# written in place; a directory, a missing directory or one we may not write is refused
# (exit 2) and nothing is left behind.
. "$(dirname "$0")/lib.sh"
P=$PARLEY
D=$TMP/d
mkdir "$D"
"$P" >"$TMP/want" 2>/dev/null || bad "parley without -o failed"
"$P" scenario >"$TMP/want.yaml" 2>/dev/null || bad "parley scenario failed"

# only_files DESCRIPTION NAME...: the directory $D holds exactly these names
only_files() {
  what=$1; shift
  got=$(ls -A "$D" | tr '\n' ' ')
  [ "${got% }" = "$*" ] && ok || bad "$what: $D holds '${got% }', expected '$*'"
}

# reap PID: wait for a background reader, killing it (our own child) if it hangs
reap() {
  i=0
  while kill -0 "$1" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  if kill -0 "$1" 2>/dev/null; then kill "$1"; bad "the reader of the FIFO hung"; fi
  wait "$1" 2>/dev/null
}

# --- a FIFO is written in place, not replaced -------------------------------------------------
mkfifo "$D/fifo"
cat "$D/fifo" >"$TMP/fifo.got" &
reader=$!
expect_status 0 "-o FIFO" -- "$P" -o "$D/fifo"
reap $reader
cmp -s "$TMP/want" "$TMP/fifo.got" && ok || bad "what came through the FIFO differs from stdout"
[ -p "$D/fifo" ] && ok || bad "the FIFO is no longer a FIFO"
cat "$D/fifo" >"$TMP/fifo.got" &
reader=$!
expect_status 0 "raw YAML into a FIFO" -- "$P" scenario -o "$D/fifo"
reap $reader
cmp -s "$TMP/want.yaml" "$TMP/fifo.got" && ok || bad "scenario through the FIFO differs"
cat "$D/fifo" >"$TMP/fifo.got" &
reader=$!
expect_status 0 "--frontier-out FIFO" -- "$P" settle --frontier-out "$D/fifo"
reap $reader
expect_grep "$TMP/fifo.got" "^TERR,NATO,GUAR,ARMY,SEQ,PAY,u_RUS" "frontier through the FIFO"
[ -p "$D/fifo" ] && ok || bad "--frontier-out replaced the FIFO"
only_files "after the FIFO runs" fifo
rm -f "$D/fifo"

# --- a symlink is followed: the target replaced, the link kept --------------------------------
echo old >"$D/real"
chmod 640 "$D/real"
ln -s real "$D/link"
expect_status 0 "-o symlink" -- "$P" -o "$D/link"
[ -L "$D/link" ] && [ "$(readlink "$D/link")" = real ] && ok || bad "the symlink was replaced"
cmp -s "$TMP/want" "$D/real" && ok || bad "the link's target does not hold the output"
[ "$(stat -c %a "$D/real")" = 640 ] && ok || bad "the target's mode changed: $(stat -c %a "$D/real")"
mkdir "$D/sub"
ln -s ../real "$D/sub/up"
expect_status 0 "-o relative symlink in a subdirectory" -- "$P" scenario -o "$D/sub/up"
cmp -s "$TMP/want.yaml" "$D/real" && ok || bad "../real does not hold the output"
[ -L "$D/sub/up" ] && ok || bad "sub/up was replaced"
only_files "after the symlinks" link real sub
rm -rf "$D/link" "$D/real" "$D/sub"

# --- a dangling symlink: its target is created, the link kept ---------------------------------
ln -s new.txt "$D/dangling"
expect_status 0 "-o dangling symlink" -- "$P" -o "$D/dangling"
[ -L "$D/dangling" ] && cmp -s "$TMP/want" "$D/new.txt" && ok || bad "dangling link: not kept, or new.txt wrong"
ln -s nowhere/x "$D/lost"
expect_error "parley: -o $D/lost: directory $D/nowhere does not exist; expected an existing directory" -- "$P" -o "$D/lost"
only_files "after the dangling symlinks" dangling lost new.txt
rm -f "$D/dangling" "$D/new.txt" "$D/lost"

# --- a directory is refused and left as it was -------------------------------------------------
mkdir "$D/dir"
echo keep >"$D/dir/keep"
expect_error "parley: -o $D/dir: is a directory; expected a file" -- "$P" -o "$D/dir"
expect_error "parley: --frontier-out $D/dir: is a directory; expected a file" -- "$P" settle --frontier-out "$D/dir" -o "$D/settle.txt"
ln -s dir "$D/dirlink"
expect_error "parley: -o $D/dirlink: is a directory; expected a file" -- "$P" scenario -o "$D/dirlink"
[ "$(ls -A "$D/dir")" = keep ] && [ "$(cat "$D/dir/keep")" = keep ] && ok || bad "the directory changed"
only_files "after the directory" dir dirlink
rm -rf "$D/dir" "$D/dirlink"

# --- a missing directory: exit 2, nothing created ---------------------------------------------
expect_error "parley: -o $D/no/such/x.json: directory $D/no/such does not exist; expected an existing directory" -- "$P" --format json -o "$D/no/such/x.json"
expect_error "parley: --frontier-out $D/no/f.csv: directory $D/no does not exist; expected an existing directory" -- "$P" settle --frontier-out "$D/no/f.csv"
expect_error "parley: -o: expected a file name, got an empty one" -- "$P" -o ""
only_files "after the missing directories"

# --- --svg-dir: a chart's name taken by a directory: nothing written, exit 2 ------------------
mkdir "$D/charts" "$D/charts/eum-TERR.svg"
expect_error "parley: --svg-dir $D/charts/eum-TERR.svg: is a directory; expected a file" -- "$P" report -n 0 --svg-dir "$D/charts"
[ "$(ls -A "$D/charts")" = eum-TERR.svg ] && ok || bad "a refused --svg-dir run left: $(ls -A "$D/charts")"
echo x >"$D/file"
expect_error "parley: --svg-dir $D/file: not a directory; expected a directory (it is created when missing)" -- "$P" report -n 0 --svg-dir "$D/file"
rm -rf "$D/charts" "$D/file"

# --- a read-only directory: root may write anyway, so run as nobody when root ------------------
mkdir "$D/ro"
chmod 555 "$D/ro"
as=""
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
  chmod 755 "$TMP"  # nobody must reach $D/ro for the refusal to be about the directory itself
  as="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
if [ "$(id -u)" -eq 0 ] && [ -z "$as" ]; then
  echo "note: root without setpriv; the read-only directory is not checked"
elif $as "$P" --version >/dev/null 2>&1; then
  expect_error "parley: -o $D/ro/x.txt: cannot create the file: Permission denied" -- $as "$P" -o "$D/ro/x.txt"
  [ -z "$(ls -A "$D/ro")" ] && ok || bad "the read-only directory holds: $(ls -A "$D/ro")"
else
  echo "note: nobody cannot run $P here; the read-only directory is not checked"
fi
chmod 755 "$D/ro"
rm -rf "$D/ro"

# --- runs export into a directory is refused like any output -----------------------------------
expect_status 0 "a run to export" -- "$P" stress -n 8 --analyses forecast --store "$TMP/runs.db" -o "$D/s.txt"
id=$(sed -n 's/^parley: run \([0-9a-f]*\) in .*/\1/p' "$TMP/err")
mkdir "$D/export"
expect_error "parley: -o $D/export: is a directory; expected a file" -- "$P" runs export "$id" --store "$TMP/runs.db" -o "$D/export"
only_files "after runs export" export s.txt
rm -rf "$D/export" "$D/s.txt"
# --- write errors are failures: exit 1 and a message, but none for a reader that left ---------
# closed_stdout DESCRIPTION -- command...: stdout closed: exit 1 and exactly that one line
closed_stdout() {
  what=$1; shift 2
  "$@" >&- 2>"$TMP/err" </dev/null
  got=$?
  if [ "$got" -eq 1 ] && [ "$(cat "$TMP/err")" = "parley: standard output: Bad file descriptor" ]
  then ok; else bad "$what, stdout closed: exit $got, stderr:"; sed 's/^/  | /' "$TMP/err" | head -3; fi
}
closed_stdout analyze -- "$P"
closed_stdout "forecast --format json" -- "$P" forecast --format json
closed_stdout report -- "$P" report -n 0
closed_stdout scenario -- "$P" scenario
closed_stdout "scenario --list" -- "$P" scenario --list
closed_stdout "import" -- "$P" import -q --from decide "$SRC/fuzz/seeds/synthetic.decide.txt"
closed_stdout --help -- "$P" --help
closed_stdout "forecast --help" -- "$P" forecast --help
closed_stdout --version -- "$P" --version
"$P" -o "$D/x.txt" >&- 2>"$TMP/err"
[ $? -eq 0 ] && cmp -s "$TMP/want" "$D/x.txt" && ok || bad "-o FILE with stdout closed failed"
rm -f "$D/x.txt"

# reader_gone DESCRIPTION WANT: the last run ($TMP/rc, $TMP/err) exited WANT ("nonzero": any
# but 0) and said nothing
reader_gone() {
  got=$(cat "$TMP/rc")
  case $2 in nonzero) [ "$got" -ne 0 ] ;; *) [ "$got" -eq "$2" ] ;; esac && [ ! -s "$TMP/err" ] &&
    ok || { bad "$1: exit $got, expected $2, stderr:"; sed 's/^/  | /' "$TMP/err" | head -3; }
}
# The report (over 200 kB) outgrows the pipe, so the reader is gone before it is written.
# Killed by SIGPIPE (or, when this shell was started with SIGPIPE ignored, EPIPE):
( "$P" report -n 0 2>"$TMP/err"; echo $? >"$TMP/rc" ) | head -c 10 >"$TMP/head"
reader_gone "report | head" nonzero
( trap '' PIPE; "$P" report -n 0 2>"$TMP/err"; echo $? >"$TMP/rc" ) | head -c 10 >"$TMP/head"
reader_gone "report | head, SIGPIPE ignored" 1
( "$P" forecast 2>"$TMP/err"; echo $? >"$TMP/rc" ) | head -1 >"$TMP/head"
[ ! -s "$TMP/err" ] && ok || bad "forecast | head -1 said: $(cat "$TMP/err")"
mkfifo "$D/fifo"
head -c 9 "$D/fifo" >"$TMP/head" &
reader=$!
( trap '' PIPE; "$P" report -n 0 -o "$D/fifo" 2>"$TMP/err"; echo $? >"$TMP/rc" )
reap $reader
reader_gone "-o FIFO whose reader closes early" 1
[ -p "$D/fifo" ] && [ "$(cat "$TMP/head")" = "<!DOCTYPE" ] && ok || bad "-o FIFO, early close: $(cat "$TMP/head")"
rm -f "$D/fifo"
only_files "after the write errors"
finish
