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
# the built command, as a user can type it (BUILD may be relative or absolute)
PARLEY      = $(if $(filter /%,$(BUILD)),$(BUILD),./$(BUILD))/cli/parley
# cmake --build runs make again: keep its "Entering directory" lines out of the output
MAKEFLAGS   += --no-print-directory

.PHONY: all run check build deps install fuzz bench clean

all: build

deps:
	@sh scripts/deps.sh run

# A user's build: no tests, no benchmarks, so it needs only the run packages.
build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARLEY_TESTS=OFF \
	  $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@$(PARLEY)
	@echo
	@echo "Next: $(PARLEY) report -o report.html (charts and findings in one page);" \
	  "$(PARLEY) --help (every command)."

check:
	@sh scripts/deps.sh check
	@cmake -S . -B $(CHECK_BUILD) -DCMAKE_BUILD_TYPE=Debug -DPARLEY_SANITIZE=ON \
	  -DPARLEY_TESTS=ON -DPARLEY_BENCH=ON \
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

bench: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARLEY_BENCH=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)
	@sh bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(CHECK_BUILD) $(FUZZ_BUILD)
