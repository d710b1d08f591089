# SPDX-License-Identifier: MIT
# parley: the two commands a user needs.
#   make run    install missing Debian packages, build, analyse the built-in scenario
#   make check  build with ASan+UBSan and run the whole test suite
# Everything else is CMake underneath (build/ and build-check/).

BUILD       ?= build
CHECK_BUILD ?= build-check
FUZZ_BUILD  ?= build-fuzz
JOBS        ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_TIME   ?= 60
CMAKE_FLAGS ?=

.PHONY: all run check build deps install fuzz bench clean

all: build

deps:
	@sh scripts/deps.sh run

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@./$(BUILD)/cli/parley

check:
	@sh scripts/deps.sh check
	@cmake -S . -B $(CHECK_BUILD) -DCMAKE_BUILD_TYPE=Debug -DPARLEY_SANITIZE=ON \
	  -DPARLEY_MPI=$$(command -v mpicc >/dev/null 2>&1 && echo ON || echo OFF) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(CHECK_BUILD) -j $(JOBS)
	@cd $(CHECK_BUILD) && ctest --output-on-failure -j $(JOBS)

install: build
	@cmake --install $(BUILD)

# make fuzz FUZZ_TIME=300 : run every libFuzzer target for FUZZ_TIME seconds each
fuzz:
	@sh scripts/deps.sh fuzz
	@CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug -DPARLEY_FUZZ=ON >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@sh fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_TIME)

bench: build
	@sh bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(CHECK_BUILD) $(FUZZ_BUILD)
