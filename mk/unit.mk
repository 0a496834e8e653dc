# Host unit tests: every tests/unit/test_*.c is its own cmocka program, built
# twice (plain, and ASan+UBSan) and run by `make check`.

UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_NAMES := $(basename $(notdir $(UNIT_SRCS)))
UNIT_BINS := $(addprefix $(BUILD)/host/tests/,$(UNIT_NAMES))
UNIT_ASAN_BINS := $(addprefix $(BUILD)/asan/tests/,$(UNIT_NAMES))
UNIT_CFLAGS := $(WARN) -Wno-missing-prototypes -Iinclude -Itests/unit -std=gnu11 -O2 -g
UNIT_HELPERS := $(wildcard tests/unit/helpers/*.c)

$(BUILD)/host/tests/%: tests/unit/%.c $(UNIT_HELPERS) $(HOST_LIB)
	$(Q)mkdir -p $(@D)
	$(Q)$(HOST_CC) $(UNIT_CFLAGS) $< $(UNIT_HELPERS) $(HOST_LIB) -lcmocka -o $@

$(BUILD)/asan/tests/%: tests/unit/%.c $(UNIT_HELPERS) $(ASAN_LIB)
	$(Q)mkdir -p $(@D)
	$(Q)$(HOST_CC) $(UNIT_CFLAGS) $(ASAN_FLAGS) -O1 $< $(UNIT_HELPERS) \
		$(ASAN_LIB) -lcmocka -o $@

.PHONY: unit unit-asan
unit: $(UNIT_BINS)
	$(Q)set -e; for t in $^; do echo "== $$t"; $$t; done

unit-asan: $(UNIT_ASAN_BINS)
	$(Q)set -e; for t in $^; do echo "== $$t (asan+ubsan)"; \
		ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $$t; done

check: unit unit-asan
