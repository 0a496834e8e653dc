# vel2, the bare-metal hypervisor: build/hv/vel2.elf, linked at 0x40100000
# (hv/hv.ld).
# It links the vel2 library with the aarch64 backend (the FDT editor for
# the Linux boot path, and the trap path), built here with hv's own
# objects as one link-time-optimised program: an exit crosses hv -> library
# -> backend many times, and on QEMU's TCG every call's return is an
# indirect branch resolved by a helper; inlining across the boundary took
# an exit from 6.15 to 5.65 us (docs/design.md, "Cost of an exit").
# hv/string.c stays out of LTO: the compiler emits memcpy/memset calls
# after LTO has resolved symbols, so they must be ordinary definitions.

HV_DIR := $(BUILD)/hv
HV_ELF := $(HV_DIR)/vel2.elf
HV_SRCS := $(wildcard hv/*.c hv/*.S hv/dev/*.c)
HV_OBJS := $(patsubst %,$(HV_DIR)/%.o,$(basename $(HV_SRCS)))
# The EL2 image calls libfdt too (hv/boot.c, stage2.c).
HV_CFLAGS := $(WARN) $(TARGET_FREESTANDING) -O2 -g -Ihv -Iinclude \
	$(LIBFDT_FREESTANDING_INC)
HV_LTO := -flto
HV_LIB_OBJS := $(patsubst %.c,$(HV_DIR)/lib/%.o,$(CORE_SRCS) $(AARCH64_SRCS))
# libfdt (mk/libfdt.mk) links in as built for the library, without LTO.
HV_LINK_OBJS := $(HV_OBJS) $(HV_LIB_OBJS) $(LIBFDT_TARGET_OBJS)
HV_NO_LTO := hv/string.c
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
	$(Q)$(TARGET_CC) $(HV_CFLAGS) $(if $(filter $<,$(HV_NO_LTO)),,$(HV_LTO)) \
		-MMD -MP -c $< -o $@

$(HV_DIR)/lib/%.o: %.c $(DEPS_STAMP)/target
	$(Q)mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(TARGET_LIB_CFLAGS) $(HV_LTO) -MMD -MP -c $< -o $@

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

$(HV_ELF): $(HV_LINK_OBJS) hv/hv.ld
	$(Q)$(TARGET_CC) $(HV_CFLAGS) $(HV_LTO) $(HV_LDFLAGS) $(HV_LINK_OBJS) \
		-lgcc -o $@

# vel2 with its 2 MiB region at another address (hv/hv.ld), for
# scripts/vel2-qemu: build/hv/vel2-at-0x48000000.elf lives just above a
# guest with 128 MiB of RAM.
$(HV_DIR)/vel2-at-%.elf: $(HV_LINK_OBJS) hv/hv.ld
	$(Q)$(TARGET_CC) $(HV_CFLAGS) $(HV_LTO) $(HV_LDFLAGS) \
		-Wl,--defsym=HV_REGION=$* $(HV_LINK_OBJS) -lgcc -o $@

$(HV_OBJS) $(HV_LIB_OBJS): | $(DEPS_STAMP)/libfdt

.PHONY: hv
hv: $(HV_ELF)
all: hv

-include $(HV_OBJS:.o=.d) $(HV_LIB_OBJS:.o=.d) $(HV_ASM_OFFSETS).d
