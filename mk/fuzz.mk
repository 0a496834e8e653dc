# libFuzzer target for the trap entry point (clang; `make fuzz`, not part of
# check: `make unit-asan` already runs 120k seeded random exits under
# ASan+UBSan). FUZZ_TIME seconds per run; the corpus is kept in
# build/fuzz/corpus so repeated runs build on each other.

FUZZ_CC ?= clang
FUZZ_TIME ?= 10
FUZZ_BIN := $(BUILD)/fuzz/fuzz_exit
FUZZ_SAN := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_LIB_SRCS := $(VEL2_SRCS) $(SIM_SRCS)
FUZZ_LIB_OBJS := $(patsubst %.c,$(BUILD)/fuzz/%.o,$(FUZZ_LIB_SRCS))
FUZZ_LIB_CFLAGS := $(WARN) -Wno-unknown-attributes -Iinclude -O1 -g -std=gnu11 -ffreestanding \
	-fno-builtin -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all

$(DEPS_STAMP)/fuzz:
	$(Q)printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)\n{ return 0; }\n' | \
		$(FUZZ_CC) -fsanitize=fuzzer -x c - -o /dev/null 2>/dev/null \
		|| scripts/install-deps.sh fuzz
	$(Q)mkdir -p $(@D) && touch $@

$(BUILD)/fuzz/%.o: %.c $(DEPS_STAMP)/fuzz
	$(Q)mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_LIB_CFLAGS) -MMD -MP -c $< -o $@

$(FUZZ_BIN): tests/fuzz/fuzz_exit.c $(FUZZ_LIB_OBJS)
	$(Q)mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(WARN) -Wno-missing-prototypes -Iinclude -O1 -g \
		$(FUZZ_SAN) $^ -o $@

.PHONY: fuzz
fuzz: $(FUZZ_BIN)
	$(Q)mkdir -p $(BUILD)/fuzz/corpus
	$(Q)$(FUZZ_BIN) -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
		$(BUILD)/fuzz/corpus 2>&1 | tail -n 12

-include $(FUZZ_LIB_OBJS:.o=.d)
