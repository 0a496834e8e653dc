# QEMU targets:
#   make qemu-test   every guest natively (reference) and under vel2; the
#                    consoles must match (tests/qemu/diff-guest.sh). Then
#                    again with vel2's NV2 on (VEL2_NV2=1), every guest
#                    but those that change HCR_EL2.E2H and then use a
#                    register whose meaning E2H changes before their next
#                    trap (QEMU_NO_NV2_GUESTS: under NV2 the HCR_EL2 write
#                    reaches memory untrapped, docs/design.md "Known
#                    limits"), and l2cntvoff, an nVHE guest hypervisor
#                    that reads its virtual counter right after its
#                    CNTVOFF_EL2 store, which NV2 puts in its VNCR page
#                    untrapped (applied at the next exit; same section)
#   make run         boot the demo guest hypervisor under vel2
#   make run-native  the demo guest natively at EL2
#   make linux-test  boot build/kernel/Image + initramfs natively and under
#                    vel2 (scripts/vel2-qemu): VHE, VHE with NV2, nVHE
#                    (id_aa64mmfr1.vh=0), and VHE with -smp 2 without and
#                    with NV2; both must reach userspace and print the same
#                    EL2 lines (tests/qemu/linux-test.sh). Part of check:
#                    about 45 s on two cores.
# Every QEMU run is bounded by QEMU_TIMEOUT seconds. A guest that needs
# more QEMU options says so in its source, on a line of its own:
#   /* qemu: -smp 2 */
# (guest_qemu_opts below); both runs, native and under vel2, get them.

QEMU_TIMEOUT ?= 30
QEMU_OUT := $(BUILD)/qemu-test
RUN_GUEST ?= worldswitch
QEMU_MACHINE := -M virt,virtualization=on,gic-version=3 -cpu max -m 128M \
	-nographic -semihosting -no-reboot

LINUX_TIMEOUT ?= 120
QEMU_NO_NV2_GUESTS := e2h cnthctl l2cntvoff
QEMU_NV2_GUESTS = $(filter-out $(QEMU_NO_NV2_GUESTS),$(GUEST_NAMES))

# The "qemu:" line of guests/$(1).c, for a shell command.
guest_qemu_opts = $$(sed -n 's|^/\* qemu: \(.*\) \*/$$|\1|p' guests/$(1).c)

.PHONY: qemu-test run run-native linux-test
qemu-test: $(HV_ELF) $(GUEST_ELFS) $(DEPS_STAMP)/qemu
	$(Q)fail=0; for g in $(GUEST_NAMES); do \
		QEMU_OPTS="$(call guest_qemu_opts,$$g)" \
		QEMU=$(QEMU) QEMU_TIMEOUT=$(QEMU_TIMEOUT) \
		tests/qemu/diff-guest.sh $$g $(GUEST_DIR)/$$g.elf $(HV_ELF) \
			$(QEMU_OUT) tests/qemu/xfail || fail=1; \
	done; \
	for g in $(QEMU_NV2_GUESTS); do \
		QEMU_OPTS="$(call guest_qemu_opts,$$g)" \
		VEL2_NV2=1 QEMU=$(QEMU) QEMU_TIMEOUT=$(QEMU_TIMEOUT) \
		tests/qemu/diff-guest.sh $$g $(GUEST_DIR)/$$g.elf $(HV_ELF) \
			$(QEMU_OUT) tests/qemu/xfail || fail=1; \
	done; \
	if grep -qv '^#' tests/qemu/xfail; then \
		echo "qemu-test: expected failures listed in tests/qemu/xfail:"; \
		grep -v '^#' tests/qemu/xfail | sed 's/^/  XFAIL /'; \
	fi; \
	exit $$fail

check: qemu-test

run: $(HV_ELF) $(GUEST_ELFS) $(DEPS_STAMP)/qemu
	@echo "== vel2 + $(RUN_GUEST) (exit: Ctrl-A x; time limit $(QEMU_TIMEOUT)s)"
	timeout $(QEMU_TIMEOUT) $(QEMU) $(QEMU_MACHINE) \
		$(call guest_qemu_opts,$(RUN_GUEST)) -kernel $(HV_ELF) \
		-device loader,file=$(GUEST_DIR)/$(RUN_GUEST).elf

run-native: $(GUEST_ELFS) $(DEPS_STAMP)/qemu
	timeout $(QEMU_TIMEOUT) $(QEMU) $(QEMU_MACHINE) \
		$(call guest_qemu_opts,$(RUN_GUEST)) \
		-kernel $(GUEST_DIR)/$(RUN_GUEST).elf

linux-test: $(HV_ELF) $(KERNEL_IMAGE) $(LINUX_INITRD) $(DEPS_STAMP)/qemu
	$(Q)QEMU=$(QEMU) LINUX_TIMEOUT=$(LINUX_TIMEOUT) tests/qemu/linux-test.sh \
		$(KERNEL_IMAGE) $(LINUX_INITRD) $(QEMU_OUT) tests/qemu/xfail

check: linux-test
