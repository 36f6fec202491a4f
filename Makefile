# Dateline. The README's two commands are `make run` and `make test`.
BUILD_DIR ?= build
JOBS ?= 2
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo
DATA_DIR ?= data

# The builds besides the release one: clang with ASan + UBSan and libFuzzer's coverage (the
# sanitizer tests, the fuzzers and clang-tidy use it), and clang with ThreadSanitizer.
SANITIZE_FLAGS ?= -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 \
  -DBUILD_TESTING=ON -DDATELINE_SANITIZE=ON -DDATELINE_FUZZ=ON
TSAN_FLAGS ?= -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 \
  -DBUILD_TESTING=ON -DDATELINE_TSAN=ON

.PHONY: all run build test bench bench-quick format deps test-deps clean screenshots

all: build

deps:
	@scripts/install-deps

test-deps:
	@scripts/install-deps --test

build: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target dateline

run: build
	./$(BUILD_DIR)/dateline serve --data-dir $(DATA_DIR)

test: test-deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS) -DBUILD_TESTING=ON >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)
	@cmake -S . -B $(BUILD_DIR)-asan -G Ninja $(SANITIZE_FLAGS) >/dev/null
	@cmake --build $(BUILD_DIR)-asan -j $(JOBS)
	@cmake -S . -B $(BUILD_DIR)-tsan -G Ninja $(TSAN_FLAGS) >/dev/null
	@cmake --build $(BUILD_DIR)-tsan -j $(JOBS) --target dateline integration_tests
	@scripts/run-tests $(BUILD_DIR)

# The README's screenshots: the browser tests, writing into docs/.
screenshots: test-deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS) -DBUILD_TESTING=ON >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target dateline
	@DATELINE_SCREENSHOTS=docs scripts/run-tests $(BUILD_DIR) e2e

bench: test-deps build
	@scripts/bench $(BUILD_DIR) $(BENCH_ARGS)

# The same figures for day-to-day checks, in under two minutes: one short round of the
# reader's side (article plain and compressed, a sign-in storm, comment posts).
bench-quick: test-deps build
	@scripts/bench $(BUILD_DIR) --quick $(BENCH_ARGS)

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(BUILD_DIR)-asan $(BUILD_DIR)-tsan
