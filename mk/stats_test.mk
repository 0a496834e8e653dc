# vel2's per-register statistics against its trace (tests/qemu/stats-test.sh):
# guests that trap on many registers.
STATS_TEST_GUESTS := sysregs e2h vhe

.PHONY: stats-test
stats-test: $(HV_ELF) $(GUEST_ELFS) $(DEPS_STAMP)/qemu
	$(Q)QEMU=$(QEMU) QEMU_TIMEOUT=$(QEMU_TIMEOUT) tests/qemu/stats-test.sh \
		$(BUILD)/qemu-test/stats \
		$(patsubst %,$(GUEST_DIR)/%.elf,$(STATS_TEST_GUESTS))

check: stats-test
