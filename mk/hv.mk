# vel2, the bare-metal hypervisor: build/hv/vel2.elf, linked at 0x40100000 (hv/hv.ld).
# It links $(TARGET_LIB): the vel2 library with the aarch64 backend (the
# FDT editor for the Linux boot path, and the trap path).

HV_DIR := $(BUILD)/hv
HV_ELF := $(HV_DIR)/vel2.elf
HV_SRCS := $(wildcard hv/*.c hv/*.S)
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

$(HV_DIR)/%.o: %.S $(DEPS_STAMP)/target
	$(Q)mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(HV_CFLAGS) -MMD -MP -c $< -o $@

$(HV_ELF): $(HV_OBJS) $(TARGET_LIB) hv/hv.ld
	$(Q)$(TARGET_CC) $(HV_CFLAGS) $(HV_LDFLAGS) $(HV_OBJS) $(TARGET_LIB) \
		-lgcc -o $@

# vel2 with its 2 MiB region at another address (hv/hv.ld), for
# scripts/vel2-qemu: build/hv/vel2-at-0x48000000.elf lives just above a
# guest with 128 MiB of RAM.
$(HV_DIR)/vel2-at-%.elf: $(HV_OBJS) $(TARGET_LIB) hv/hv.ld
	$(Q)$(TARGET_CC) $(HV_CFLAGS) $(HV_LDFLAGS) -Wl,--defsym=HV_REGION=$* \
		$(HV_OBJS) $(TARGET_LIB) -lgcc -o $@

.PHONY: hv
hv: $(HV_ELF)
all: hv

-include $(HV_OBJS:.o=.d)
