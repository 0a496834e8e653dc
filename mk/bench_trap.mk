# Trap path benchmark: a separate program, run by `make bench` alongside the
# accessor one (mk/bench.mk). Same build as that one (-O2 -flto, library
# and sim backend compiled in), plus src/trap.

BENCH_TRAP_BIN := $(BUILD)/bench/bench_trap
BENCH_TRAP_SRCS := $(VEL2_SRCS) $(SIM_SRCS)
BENCH_TRAP_OBJS := $(patsubst %.c,$(BUILD)/bench/%.o,$(BENCH_TRAP_SRCS))

$(BENCH_TRAP_BIN): bench/bench_trap.c $(BENCH_TRAP_OBJS)
	$(Q)mkdir -p $(@D)
	$(Q)$(HOST_CC) $(WARN) -Iinclude -std=gnu11 -g -O2 -flto $^ -o $@

.PHONY: bench-trap
bench-trap: $(BENCH_TRAP_BIN)
	$(Q)$(BENCH_TRAP_BIN)

bench: bench-trap

-include $(BENCH_TRAP_OBJS:.o=.d)
