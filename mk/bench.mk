# Accessor benchmarks (`make bench`, not part of check): the library sources
# and the sim backend are compiled into the benchmark with -O2 -flto so the
# backend call inlines like an MRS/MSR would on the target.

BENCH_BIN := $(BUILD)/bench/bench_accessors
BENCH_LIB_SRCS := $(VEL2_SRCS) $(SIM_SRCS)
BENCH_LIB_OBJS := $(patsubst %.c,$(BUILD)/bench/%.o,$(BENCH_LIB_SRCS))
BENCH_FLAGS := -O2 -flto

$(BUILD)/bench/src/%.o: src/%.c $(DEPS_STAMP)/host
	$(Q)mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HOST_LIB_CFLAGS) $(BENCH_FLAGS) -MMD -MP -c $< -o $@

$(BENCH_BIN): bench/bench_accessors.c $(BENCH_LIB_OBJS)
	$(Q)mkdir -p $(@D)
	$(Q)$(HOST_CC) $(WARN) -Iinclude -std=gnu11 -g $(BENCH_FLAGS) $^ -o $@

bench: $(BENCH_BIN)
	$(Q)$(BENCH_BIN)

-include $(BENCH_LIB_OBJS:.o=.d)
