# Test guests: bare-metal programs written for EL2 (guest hypervisors).
# Each guests/<name>.c, plus any guests/<name>_*.S, is linked with the
# shared runtime in guests/rt/ at 0x40200000 into build/guests/<name>.elf.

GUEST_NAMES := hello sysregs sweep e2h cnthctl vhe mmu worldswitch l2align l2stage2 l2mmu l2mmuvhe l2ptw l2cntvoff exceptions badinput psci smp hypercall traploop traploop2 replay smeat l2pauth smp8 l2irq pcidma l2gic l2regs l2hyptimer l2ichtrap l2traps l2trapsvhe mte mtevhe mtenv2 eretpac eretpac5 eretpac3 pacprobe pacprobe3 eret32 eret32el1 eret32el1vhe dbgvel2 timerppi
GUEST_NAMES := $(foreach g,$(GUEST_NAMES),$(if $(wildcard guests/$(g).c),$(g)))
# Attack guests (guests/attack_*.c): run under vel2 only (mk/attack.mk).
ATTACK_NAMES := $(patsubst guests/%.c,%,$(wildcard guests/attack_*.c))
GUEST_DIR := $(BUILD)/guests
GUEST_CFLAGS := $(WARN) $(TARGET_FREESTANDING) -O2 -g -Iguests/rt
GUEST_LDFLAGS := -nostdlib -static -Wl,--build-id=none -Wl,-n -Wl,--no-warn-rwx-segments \
	-T guests/rt/guest.ld
GUEST_RT_OBJS := $(patsubst %,$(GUEST_DIR)/%.o, \
	$(basename $(wildcard guests/rt/*.c guests/rt/*.S)))
GUEST_ELFS := $(GUEST_NAMES:%=$(GUEST_DIR)/%.elf)
ATTACK_ELFS := $(ATTACK_NAMES:%=$(GUEST_DIR)/%.elf)

# AArch32 payloads: guests/<name>_*.a32 (A32/T32 in GNU as syntax, position
# independent) are assembled by the arm-linux-gnueabihf binutils into raw
# images $(GUEST_DIR)/guests/<name>_*.bin, which the guest's own .S files
# include with .incbin (found through -Wa,-I).
A32_AS := arm-linux-gnueabihf-as
A32_OBJCOPY := arm-linux-gnueabihf-objcopy
A32_BINS := $(patsubst %.a32,$(GUEST_DIR)/%.bin,$(wildcard guests/*.a32))
GUEST_CFLAGS += -Wa,-I$(GUEST_DIR)/guests

$(DEPS_STAMP)/a32:
	$(Q)command -v $(A32_AS) >/dev/null && command -v $(A32_OBJCOPY) >/dev/null \
		|| scripts/install-deps.sh target
	$(Q)mkdir -p $(@D) && touch $@

$(GUEST_DIR)/%.bin: %.a32 $(DEPS_STAMP)/a32
	$(Q)mkdir -p $(@D)
	$(Q)$(A32_AS) -o $@.o $<
	$(Q)$(A32_OBJCOPY) -O binary $@.o $@

# A guest's .S files may include any payload (a few hundred bytes each).
$(patsubst %.S,$(GUEST_DIR)/%.o,$(wildcard guests/*_*.S)): $(A32_BINS)

$(GUEST_DIR)/%.o: %.c $(DEPS_STAMP)/target
	$(Q)mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(GUEST_CFLAGS) -MMD -MP -c $< -o $@

$(GUEST_DIR)/%.o: %.S $(DEPS_STAMP)/target
	$(Q)mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(GUEST_CFLAGS) -MMD -MP -c $< -o $@

define guest_rule
$(GUEST_DIR)/$(1).elf: $(GUEST_DIR)/guests/$(1).o \
		$(patsubst %.S,$(GUEST_DIR)/%.o,$(wildcard guests/$(1)_*.S)) \
		$(GUEST_RT_OBJS) guests/rt/guest.ld
	$$(Q)$$(TARGET_CC) $$(GUEST_CFLAGS) $$(GUEST_LDFLAGS) \
		$$(filter %.o,$$^) -lgcc -o $$@
endef
$(foreach g,$(GUEST_NAMES) $(ATTACK_NAMES),$(eval $(call guest_rule,$(g))))

.PHONY: guests
guests: $(GUEST_ELFS) $(ATTACK_ELFS)
all: guests

-include $(shell find $(GUEST_DIR) -name '*.d' 2>/dev/null)
