# The freestanding core library (src/core, src/trap) plus a CPU backend:
#   host:   build/host/libvel2.a      (sim backend)       for tests and bench
#   asan:   build/asan/libvel2.a      (sim, ASan+UBSan)   for the sanitizer run
#   target: build/aarch64/libvel2.a  (aarch64 backend)   linked into hv/

# The one list of library sources: the vEL2 layers (VEL2_SRCS, what the
# benchmarks and the fuzzer compile in) plus the device-tree support the
# hypervisor uses. Every other fragment uses these names.
VEL2_DIRS := src/core src/trap src/mmu
VEL2_SRCS := $(wildcard $(addsuffix /*.c,$(VEL2_DIRS)))
CORE_SRCS := $(VEL2_SRCS) $(wildcard src/fdt/*.c)
SIM_SRCS := src/backend/sim.c
AARCH64_SRCS := src/backend/aarch64.c

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wno-unused-parameter
# Deferred (=), not immediate: on a fresh machine the compiler is installed
# by the deps stamp during this very make run, after the Makefile is read.
FREESTANDING = -std=gnu11 -ffreestanding -fno-builtin -nostdinc \
	-isystem $(shell $(HOST_CC) -print-file-name=include)
CORE_CFLAGS := $(WARN) -Iinclude -O2 -g

HOST_LIB_CFLAGS = $(CORE_CFLAGS) $(FREESTANDING)
ASAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
TARGET_FREESTANDING := -std=gnu11 -ffreestanding -fno-builtin -nostdlib \
	-mgeneral-regs-only -march=armv8.4-a -mstrict-align \
	-fno-stack-protector -fno-pic -fno-pie
TARGET_LIB_CFLAGS := $(CORE_CFLAGS) $(TARGET_FREESTANDING)

HOST_LIB := $(BUILD)/host/libvel2.a
ASAN_LIB := $(BUILD)/asan/libvel2.a
TARGET_LIB := $(BUILD)/aarch64/libvel2.a

HOST_LIB_OBJS := $(patsubst %.c,$(BUILD)/host/%.o,$(CORE_SRCS) $(SIM_SRCS))
ASAN_LIB_OBJS := $(patsubst %.c,$(BUILD)/asan/%.o,$(CORE_SRCS) $(SIM_SRCS))
TARGET_LIB_OBJS := $(patsubst %.c,$(BUILD)/aarch64/%.o,$(CORE_SRCS) $(AARCH64_SRCS))

$(BUILD)/host/%.o: %.c $(DEPS_STAMP)/host
	$(Q)mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HOST_LIB_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/asan/%.o: %.c $(DEPS_STAMP)/host
	$(Q)mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HOST_LIB_CFLAGS) $(ASAN_FLAGS) -O1 -MMD -MP -c $< -o $@

$(BUILD)/aarch64/%.o: %.c $(DEPS_STAMP)/target
	$(Q)mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(TARGET_LIB_CFLAGS) -MMD -MP -c $< -o $@

$(HOST_LIB): $(HOST_LIB_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

$(ASAN_LIB): $(ASAN_LIB_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

$(TARGET_LIB): $(TARGET_LIB_OBJS)
	$(Q)rm -f $@ && $(CROSS)ar rcs $@ $^

.PHONY: lib
lib: $(HOST_LIB) $(TARGET_LIB)
all: lib

-include $(HOST_LIB_OBJS:.o=.d) $(ASAN_LIB_OBJS:.o=.d) $(TARGET_LIB_OBJS:.o=.d)
