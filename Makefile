# The front door: `make run` and `make test` set up a fresh Debian 12 machine themselves.
.PHONY: deps build run cluster test test-asan bench lighthouse clean
BUILD ?= build
ASAN_BUILD ?= build-asan
DATA ?= data
LISTEN ?= 127.0.0.1:8080
CMAKE_FLAGS ?=

deps:
	scripts/install-deps

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) --target kpress

run: build
	$(BUILD)/kpress serve --data $(DATA) --listen $(LISTEN)

# Three nodes on one PostgreSQL behind HAProxy, on loopback (scripts/cluster-up); Ctrl-C stops it.
cluster: build
	KPRESS=$(BUILD)/kpress scripts/cluster-up

test: deps $(BUILD)/build.ninja
	cmake --build $(BUILD)
	cd $(BUILD) && ctest --output-on-failure --timeout 600 -j2

# The same suites on a build with AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKPRESS_SANITIZE=ON
	cmake --build $(ASAN_BUILD)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  ctest --output-on-failure --timeout 900 -j2

# Release build, a generated site of ARTICLES (100,000) articles, wrk against kpress, nginx and h2o
# serving the same bytes; WORDPRESS=1 adds the stock WordPress of ../shared/bench/anchors.
# CLUSTER=3: instead, three nodes on one PostgreSQL behind HAProxy (bench/cluster.sh).
bench: build
	$(if $(CLUSTER),CLUSTER=$(CLUSTER) bench/cluster.sh,ARTICLES=$(or $(ARTICLES),100000) WORDPRESS=$(or $(WORDPRESS),0) DATABASE=$(or $(DATABASE),sqlite) bench/run.sh)

# Lighthouse's scores and bytes for the home, an article and a show page of each language edition.
lighthouse: build
	bench/lighthouse.sh $(BUILD)/kpress

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
