# How many of the replay guest's reads vel2's vector answered alone
# (tests/qemu/replay-count.sh): the replay's checks that the differential
# test cannot see.

.PHONY: replay-test
replay-test: $(HV_ELF) $(GUEST_ELFS) $(DEPS_STAMP)/qemu
	$(Q)QEMU=$(QEMU) QEMU_TIMEOUT=$(QEMU_TIMEOUT) tests/qemu/replay-count.sh \
		$(HV_ELF) $(GUEST_DIR)/replay.elf $(BUILD)/qemu-test/replay

check: replay-test
