# vel2, the bare-metal hypervisor: build/hv/vel2.elf, linked at 0x40100000 (hv/hv.ld).
# It links $(TARGET_LIB): the vel2 library with the aarch64 backend (the
# FDT editor for the Linux boot path, and the trap path).

HV_DIR := $(BUILD)/hv
HV_ELF := $(HV_DIR)/vel2.elf
HV_SRCS := $(wildcard hv/*.c hv/*.S hv/dev/*.c)
HV_OBJS := $(patsubst %,$(HV_DIR)/%.o,$(basename $(HV_SRCS)))
HV_CFLAGS := $(WARN) $(TARGET_FREESTANDING) -O2 -g -Ihv -Iinclude
# make -B hv HV_TRACE=N: vel2 prints its first N exits for any guest
# (hv/trace.c; -B because make does not track flag changes). Linux runs
# take scripts/vel2-qemu --trace instead.
ifneq ($(HV_TRACE),)
HV_CFLAGS += -DHV_TRACE=$(HV_TRACE)
endif
HV_LDFLAGS := -nostdlib -static -Wl,--build-id=none -Wl,-n \
	-Wl,--no-warn-rwx-segments -T hv/hv.ld

$(HV_DIR)/%.o: %.c $(DEPS_STAMP)/target
	$(Q)mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(HV_CFLAGS) -MMD -MP -c $< -o $@

# Assembly offsets into C structures (hv/vectors.S: the exit frame),
# generated from the structures themselves: hv/offsets/asm-offsets.c is
# compiled to assembly and its "->NAME value" markers become #defines.
HV_ASM_OFFSETS := $(HV_DIR)/gen/asm-offsets.h

$(HV_ASM_OFFSETS): hv/offsets/asm-offsets.c $(DEPS_STAMP)/target
	$(Q)mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(HV_CFLAGS) -MMD -MP -MT $@ -MF $@.d -S $< -o $@.s
	$(Q){ echo '/* Generated from $< by mk/hv.mk: do not edit. */'; \
		sed -n 's/^[[:space:]]*\.ascii[[:space:]]*"->\([A-Z0-9_]*\) \([0-9]*\)"/#define \1 \2/p' \
			$@.s; } >$@.tmp
	$(Q)test $$(grep -c '^#define' $@.tmp) -gt 0
	$(Q)mv $@.tmp $@

$(HV_DIR)/%.o: %.S $(HV_ASM_OFFSETS) $(DEPS_STAMP)/target
	$(Q)mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(HV_CFLAGS) -I$(HV_DIR)/gen -MMD -MP -c $< -o $@

$(HV_ELF): $(HV_OBJS) $(TARGET_LIB) hv/hv.ld
	$(Q)$(TARGET_CC) $(HV_CFLAGS) $(HV_LDFLAGS) $(HV_OBJS) $(TARGET_LIB) \
		-lgcc -o $@

.PHONY: hv
hv: $(HV_ELF)
all: hv

-include $(HV_OBJS:.o=.d) $(HV_ASM_OFFSETS).d
