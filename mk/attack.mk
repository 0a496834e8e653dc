# make attack-test: every attack guest (guests/attack_*.c) under vel2
# (tests/qemu/attack.sh): each attempt must be blocked, the guest must exit
# 0, and vel2 must report its code, read-only data and stage 2 unchanged.
# Part of make check. docs/isolation.md lists the doors.

# $$(...): HV_ELF and ATTACK_ELFS are set by hv.mk and guests.mk, which are
# read after this file, so the prerequisites are expanded a second time.
.SECONDEXPANSION:
.PHONY: attack-test
attack-test: $$(HV_ELF) $$(ATTACK_ELFS) $(DEPS_STAMP)/qemu
	$(Q)fail=0; for g in $(ATTACK_NAMES); do \
		QEMU_OPTS="$(call guest_qemu_opts,$$g)" \
		QEMU=$(QEMU) QEMU_TIMEOUT=$(QEMU_TIMEOUT) \
		TARGET_NM=$(CROSS)nm \
		tests/qemu/attack.sh $$g $(GUEST_DIR)/$$g.elf $(HV_ELF) \
			$(QEMU_OUT) || fail=1; \
	done; \
	exit $$fail

check: attack-test
