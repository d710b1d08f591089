#!/bin/sh
# SPDX-License-Identifier: MIT
# Install the build tree into a temporary prefix, then build examples/forecast.c
# against it as a user would, four ways, and run each:
#   1. pkg-config, shared library         cc forecast.c $(pkg-config --cflags --libs parley)
#   2. pkg-config --static, static library
#   3. CMake, find_package(parley) + parley::parley (shared), with every
#      dependency's pkg-config file hidden: the shared library needs none of them
#   4. CMake, find_package(parley COMPONENTS static) + parley::parley_static
BLD=$1
SRC=$2
CC=$3
SANFLAGS=$4
command -v pkg-config >/dev/null 2>&1 || { echo "SKIP: pkg-config not installed"; exit 77; }
TMP=$(mktemp -d "$BLD/consumers.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES

cmake --install "$BLD" --prefix "$TMP/prefix" >"$TMP/install.log" 2>&1 || { cat "$TMP/install.log"; echo "FAIL: install"; exit 1; }
libdir=$(dirname "$(ls -d "$TMP"/prefix/lib*/pkgconfig | head -1)")
[ -f "$TMP/prefix/share/man/man1/parley.1" ] && ok || bad "man page not installed"
# SOVERSION is major.minor while below 1.0
v=$(sed -n 's/^Version: //p' "$libdir/pkgconfig/parley.pc")
mm=$(echo "$v" | cut -d. -f1-2)
[ -e "$libdir/libparley.so.$mm" ] && ok || bad "no libparley.so.$mm (SONAME major.minor)"

# check_run NAME BINARY: the example runs and prints the built-in scenario's forecasts
check_run() {
  LD_LIBRARY_PATH="$libdir" "$2" >"$TMP/$1.out" 2>&1 || { bad "$1: run"; head -5 "$TMP/$1.out"; return; }
  if grep -q "^ukraine-2025 (libparley" "$TMP/$1.out" && grep -q "^TERR " "$TMP/$1.out"; then ok; else
    bad "$1: output"; head -5 "$TMP/$1.out"; fi
}

export PKG_CONFIG_PATH="$libdir/pkgconfig"
# 1. pkg-config, shared
flags=$(pkg-config --cflags --libs parley) || bad "pkg-config parley"
# shellcheck disable=SC2086
if "$CC" -std=c11 -Wall -Werror $SANFLAGS "$SRC/examples/forecast.c" $flags -o "$TMP/pc-shared"; then
  check_run pc-shared "$TMP/pc-shared"
  readelf -d "$TMP/pc-shared" | grep -q "NEEDED.*libparley.so.$mm" && ok || bad "pc-shared: not linked to libparley.so.$mm"
else bad "pc-shared: compile"; fi
# 2. pkg-config --static: the static archive and its dependencies
sflags=$(pkg-config --static --cflags --libs parley) || bad "pkg-config --static parley"
# shellcheck disable=SC2086
if "$CC" -std=c11 -Wall -Werror $SANFLAGS "$SRC/examples/forecast.c" -Wl,-Bstatic -lparley -Wl,-Bdynamic \
     $(echo "$sflags" | sed 's/-lparley//') -o "$TMP/pc-static"; then
  check_run pc-static "$TMP/pc-static"
  readelf -d "$TMP/pc-static" | grep -q "NEEDED.*libparley" && bad "pc-static: linked to the shared library" || ok
else bad "pc-static: compile"; fi
unset PKG_CONFIG_PATH

# 3 and 4: CMake consumers
mkdir -p "$TMP/proj"
cp "$SRC/examples/forecast.c" "$TMP/proj/"
cat >"$TMP/proj/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.20)
project(consumer C)
option(USE_STATIC "link parley::parley_static" OFF)
if(USE_STATIC)
  find_package(parley 0.1 REQUIRED COMPONENTS static)
  set(lib parley::parley_static)
else()
  find_package(parley 0.1 REQUIRED)
  set(lib parley::parley)
endif()
add_executable(forecast forecast.c)
target_link_libraries(forecast PRIVATE ${lib})
CM
cmake_consumer() { # NAME USE_STATIC [env...]
  name=$1 st=$2; shift 2
  if env "$@" cmake -S "$TMP/proj" -B "$TMP/$name" -DCMAKE_PREFIX_PATH="$TMP/prefix" -DUSE_STATIC=$st \
       -DCMAKE_C_FLAGS="$SANFLAGS" -DCMAKE_EXE_LINKER_FLAGS="$SANFLAGS" >"$TMP/$name.log" 2>&1 &&
     cmake --build "$TMP/$name" >>"$TMP/$name.log" 2>&1; then
    check_run "$name" "$TMP/$name/forecast"
  else bad "$name: configure or build"; tail -15 "$TMP/$name.log"; fi
}
mkdir -p "$TMP/nopc"
cmake_consumer cmake-shared OFF PKG_CONFIG_LIBDIR="$TMP/nopc" PKG_CONFIG_PATH=
readelf -d "$TMP/cmake-shared/forecast" 2>/dev/null | grep -q "NEEDED.*libparley.so.$mm" && ok || bad "cmake-shared: not linked to libparley.so.$mm"
cmake_consumer cmake-static ON
readelf -d "$TMP/cmake-static/forecast" 2>/dev/null | grep -q "NEEDED.*libparley" && bad "cmake-static: linked to the shared library" || ok
# asking for the static component without its dependencies says what is missing
if env PKG_CONFIG_LIBDIR="$TMP/nopc" PKG_CONFIG_PATH= cmake -S "$TMP/proj" -B "$TMP/nodeps" \
     -DCMAKE_PREFIX_PATH="$TMP/prefix" -DUSE_STATIC=ON >"$TMP/nodeps.log" 2>&1; then
  bad "static component found without its dependencies"
# (CMake wraps the reason at about 76 columns: the first line ends at SLEEF)
elif grep -q "parley.s static library needs libfyaml, GMP, libxml2, SQLite, xxHash, SLEEF$" "$TMP/nodeps.log"; then ok; else
  bad "no message naming the static library's dependencies"; tail -5 "$TMP/nodeps.log"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
