# QEMU targets:
#   make qemu-test   every guest natively (reference) and under vel2; the
#                    consoles must match (tests/qemu/diff-guest.sh). Then
#                    again with vel2's NV2 on (VEL2_NV2=1), every guest
#                    but QEMU_NO_NV2_GUESTS (a guest that changes
#                    HCR_EL2.E2H lists the reads its next exit would have
#                    changed in tests/qemu/known/NAME.nv2.diff: under NV2
#                    the HCR_EL2 write reaches memory untrapped,
#                    docs/design.md "Known limits")
#   make run         boot Debian's arm64 kernel (a KVM host) at vEL2 under
#                    vel2 through scripts/vel2-qemu, to its initramfs, which
#                    powers off; vel2 prints its exit summary at the end.
#                    RUN_GUEST=<name>: a test guest from guests/ instead
#   make run-native  the same natively at EL2
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
# A guest that needs more than QEMU_TIMEOUT seconds under load says so:
#   /* timeout: 90 */

QEMU_TIMEOUT ?= 30
QEMU_OUT := $(BUILD)/qemu-test
RUN_GUEST ?=
RUN_APPEND := console=ttyAMA0 rdinit=/init panic=-1
# make run is watched by a person: a generous bound (a loaded machine runs
# the non-NV2 boot 10x slower than native).
RUN_TIMEOUT ?= 600
QEMU_MACHINE := -M virt,virtualization=on,gic-version=3 -cpu max -m 128M \
	-nographic -semihosting -no-reboot

LINUX_TIMEOUT ?= 120
# mte: an nVHE hypervisor names TFSR_EL2, whose EL1 access FEAT_NV2
# redirects to TFSR_EL1 (Arm ARM "TFSR_EL2", <NV2,NV> = '11'), and QEMU
# 10.0's TCG segfaults (a NULL helper call) on that redirection, with or
# without vel2 involved; mtevhe and mtenv2 (mte without TFSR_EL2) cover
# MTE under NV2 (docs/design.md, "MTE").
QEMU_NO_NV2_GUESTS := mte
QEMU_NV2_GUESTS = $(filter-out $(QEMU_NO_NV2_GUESTS),$(GUEST_NAMES))

# The "qemu:" line of guests/$(1).c, for a shell command.
guest_qemu_opts = $$(sed -n 's|^/\* qemu: \(.*\) \*/$$|\1|p' guests/$(1).c)
# Its time limit: the "timeout:" line, else QEMU_TIMEOUT.
guest_timeout = $$(t=$$(sed -n 's|^/\* timeout: \([0-9]*\) \*/$$|\1|p' \
	guests/$(1).c); echo $${t:-$(QEMU_TIMEOUT)})

.PHONY: qemu-test run run-native linux-test launcher-test bootview-test
qemu-test: $(HV_ELF) $(GUEST_ELFS) $(DEPS_STAMP)/qemu
	$(Q)fail=0; for g in $(GUEST_NAMES); do \
		QEMU_OPTS="$(call guest_qemu_opts,$$g)" \
		QEMU=$(QEMU) QEMU_TIMEOUT="$(call guest_timeout,$$g)" \
		tests/qemu/diff-guest.sh $$g $(GUEST_DIR)/$$g.elf $(HV_ELF) \
			$(QEMU_OUT) tests/qemu/xfail || fail=1; \
	done; \
	for g in $(QEMU_NV2_GUESTS); do \
		QEMU_OPTS="$(call guest_qemu_opts,$$g)" \
		VEL2_NV2=1 QEMU=$(QEMU) QEMU_TIMEOUT="$(call guest_timeout,$$g)" \
		tests/qemu/diff-guest.sh $$g $(GUEST_DIR)/$$g.elf $(HV_ELF) \
			$(QEMU_OUT) tests/qemu/xfail || fail=1; \
	done; \
	if grep -qv '^#' tests/qemu/xfail; then \
		echo "qemu-test: expected failures listed in tests/qemu/xfail:"; \
		grep -v '^#' tests/qemu/xfail | sed 's/^/  XFAIL /'; \
	fi; \
	exit $$fail

check: qemu-test

ifeq ($(RUN_GUEST),)
# The guest hypervisor runs a VM: its initramfs is the minimal KVM VMM's
# (tests/l2, mk/l2.mk), whose L2 lines start "L2| ".
run: $(HV_ELF) $(KERNEL_IMAGE) $(L2_VMM_INITRD) $(DEPS_STAMP)/qemu
	@echo "== vel2 + Debian's kernel at vEL2, running a VM with KVM (exit: Ctrl-A x; time limit $(RUN_TIMEOUT)s)"
	timeout --kill-after=5 $(RUN_TIMEOUT) scripts/vel2-qemu -m 1G \
		-nographic -no-reboot -kernel $(KERNEL_IMAGE) \
		-initrd $(L2_VMM_INITRD) -append "$(RUN_APPEND)"

run-native: $(KERNEL_IMAGE) $(L2_VMM_INITRD) $(DEPS_STAMP)/qemu
	timeout --kill-after=5 $(RUN_TIMEOUT) $(QEMU) \
		-M virt,virtualization=on,gic-version=3 -cpu max -m 1G \
		-nographic -no-reboot -kernel $(KERNEL_IMAGE) \
		-initrd $(L2_VMM_INITRD) -append "$(RUN_APPEND)"
else
run: $(HV_ELF) $(GUEST_ELFS) $(DEPS_STAMP)/qemu
	@echo "== vel2 + $(RUN_GUEST) (exit: Ctrl-A x; time limit $(QEMU_TIMEOUT)s)"
	timeout $(QEMU_TIMEOUT) $(QEMU) $(QEMU_MACHINE) \
		$(call guest_qemu_opts,$(RUN_GUEST)) -kernel $(HV_ELF) \
		-device loader,file=$(GUEST_DIR)/$(RUN_GUEST).elf

run-native: $(GUEST_ELFS) $(DEPS_STAMP)/qemu
	timeout $(QEMU_TIMEOUT) $(QEMU) $(QEMU_MACHINE) \
		$(call guest_qemu_opts,$(RUN_GUEST)) \
		-kernel $(GUEST_DIR)/$(RUN_GUEST).elf
endif

linux-test: $(HV_ELF) $(KERNEL_IMAGE) $(LINUX_INITRD) $(DEPS_STAMP)/qemu
	$(Q)QEMU=$(QEMU) LINUX_TIMEOUT=$(LINUX_TIMEOUT) tests/qemu/linux-test.sh \
		$(KERNEL_IMAGE) $(LINUX_INITRD) $(QEMU_OUT) tests/qemu/xfail

check: linux-test

# scripts/vel2-qemu against qemu-system-aarch64 with the same arguments:
# queries, QEMU's errors, refusals, -machine merging, exit status
# (tests/qemu/launcher-test.sh).
launcher-test: $(HV_ELF) $(KERNEL_IMAGE) $(BOOTVIEW_DIR)/fakestatus.Image \
		$(DEPS_STAMP)/qemu
	$(Q)QEMU=$(QEMU) tests/qemu/launcher-test.sh $(KERNEL_IMAGE) \
		$(QEMU_OUT)/launcher $(BOOTVIEW_DIR)/fakestatus.Image

check: launcher-test

# The guest's view under vel2-qemu equals QEMU's: tests/bootview in every
# -kernel format and several RAM sizes (tests/qemu/bootview-test.sh).
bootview-test: $(BOOTVIEW_FILES) $(HV_OBJS) $(TARGET_LIB) $(DEPS_STAMP)/qemu
	$(Q)QEMU=$(QEMU) tests/qemu/bootview-test.sh $(BOOTVIEW_DIR) \
		$(QEMU_OUT)/bootview

check: bootview-test
