# Guest hypervisors running their own VMs (issue 7, docs/l2.md): two L1
# initramfs images for Debian's arm64 kernel as the guest hypervisor.
#   vmm   /init (tests/l2/l1init.c) runs the minimal VMM tests/l2/vmm.c
#   qemu  /init runs Debian's arm64 qemu-system-aarch64 with KVM, booting
#         the same kernel as L2 with the test initramfs of mk/linux.mk
# Both are cached under build/l2/; the arm64 QEMU and its libraries come
# from scripts/install-deps.sh l2-qemu (build/l2/qemu/root).
# mk/*.mk are read in name order: KERNEL_IMAGE and LINUX_INITRD (linux.mk)
# are expanded a second time (.SECONDEXPANSION, bench_qemu.mk).

L2_DIR := $(BUILD)/l2
L2_CFLAGS := -static -O2 -Wall -Wextra -Werror
L2_VMM_INITRD := $(L2_DIR)/vmm-initrd.cpio
L2_QEMU_INITRD := $(L2_DIR)/qemu-initrd.cpio
L2_QEMU_ROOT := $(L2_DIR)/qemu/root
# The L2 VM QEMU runs inside L1 (the acceptance of issue 7).
L2_QEMU_CMD := /usr/bin/qemu-system-aarch64 -M virt,gic-version=3 \
	-enable-kvm -cpu host -m 256M -nodefaults -display none \
	-serial stdio -no-reboot -kernel /l2/Image.gz -initrd /l2/initrd.gz \
	-append

$(L2_DIR)/.target: $(DEPS_STAMP)/target
	$(Q)test -f /usr/aarch64-linux-gnu/include/linux/kvm.h || \
		scripts/install-deps.sh target
	$(Q)mkdir -p $(@D) && touch $@

$(L2_DIR)/bin/l1init: tests/l2/l1init.c $(L2_DIR)/.target
	$(Q)mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(L2_CFLAGS) $< -o $@

$(L2_DIR)/bin/vmm: tests/l2/vmm.c tests/l2/l2code.S tests/l2/vmm.h \
		$(L2_DIR)/.target
	$(Q)mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(L2_CFLAGS) tests/l2/vmm.c tests/l2/l2code.S -o $@

$(L2_DIR)/qemu/.complete:
	$(Q)scripts/install-deps.sh l2-qemu

# L2's kernel boots with nokaslr: QEMU hands it a new kaslr-seed every
# boot, and arm64 KASLR also randomises the linear map's base, so the
# number of early page-table pages -- L2's "Memory: ... reserved" and
# "NUMA: NODE_DATA" lines -- changed by a page between two native runs
# (seen: 39100K vs 39104K), which l2-test compares against vel2's run.
#
# Uncompressed: the L1 kernel unpacks it faster, under TCG, than gunzip.
# What costs is the unpacked size (every page of it is allocated in L1), so
# L2's kernel goes in gzip-compressed: QEMU's -kernel takes a gzipped arm64
# Image (and Debian ships it so).
$(L2_VMM_INITRD): $(L2_DIR)/bin/l1init $(L2_DIR)/bin/vmm
	$(Q)rm -rf $(L2_DIR)/vmm-root && mkdir -p $(L2_DIR)/vmm-root
	$(Q)cp $(L2_DIR)/bin/l1init $(L2_DIR)/vmm-root/init
	$(Q)cp $(L2_DIR)/bin/vmm $(L2_DIR)/vmm-root/vmm
	$(Q)echo /vmm >$(L2_DIR)/vmm-root/workload
	$(Q)cd $(L2_DIR)/vmm-root && find . | cpio -o -H newc --quiet >$(abspath $@)

$(L2_QEMU_INITRD): $(L2_DIR)/bin/l1init $(L2_DIR)/qemu/.complete \
		$$(KERNEL_IMAGE) $$(LINUX_INITRD) mk/l2.mk
	$(Q)rm -rf $(L2_DIR)/qemu-initrd-root && \
		cp -a $(L2_QEMU_ROOT) $(L2_DIR)/qemu-initrd-root
	$(Q)cd $(L2_DIR)/qemu-initrd-root && cp $(abspath $(L2_DIR)/bin/l1init) init && \
		mkdir -p l2 && gzip -9c $(abspath $(KERNEL_IMAGE)) >l2/Image.gz && \
		cp $(abspath $(LINUX_INITRD)) l2/initrd.gz
	$(Q)for a in $(L2_QEMU_CMD) "console=ttyAMA0 rdinit=/init panic=-1 nokaslr"; do \
		echo "$$a"; done >$(L2_DIR)/qemu-initrd-root/workload
	$(Q)cd $(L2_DIR)/qemu-initrd-root && find . | cpio -o -H newc --quiet >$(abspath $@)

.PHONY: l2-initrds
l2-initrds: $(L2_VMM_INITRD) $(L2_QEMU_INITRD)

# make l2-test: both workloads natively (the reference) and under vel2, NV
# and NV2, VHE L1, and the minimal VMM with an nVHE L1 too
# (tests/l2/l2-test.sh); expected failures in tests/l2/xfail. Part of
# check. L2_NV_OPT / L2_NV2_OPT: the vel2-qemu option that selects plain
# NV / NV2 (NV2 is vel2-qemu's default, so plain NV is --no-nv2).
# L2_ONLY="vmm qemu-nv2" runs only those configurations; L2_FULL=0 skips
# the slow one (qemu under plain NV: about 4 minutes with its native run).
L2_OUT := $(BUILD)/l2/out
L2_NV_OPT ?= --no-nv2
L2_NV2_OPT ?= --nv2
L2_VMM_TIMEOUT ?= 480
L2_QEMU_TIMEOUT ?= 600
L2_NVHE_TIMEOUT ?= 120
L2_FULL ?= 1
L2_ENV = L2_FULL=$(L2_FULL) QEMU=$(QEMU) L2_NV_OPT="$(L2_NV_OPT)" L2_NV2_OPT="$(L2_NV2_OPT)" \
	L2_VMM_TIMEOUT=$(L2_VMM_TIMEOUT) L2_QEMU_TIMEOUT=$(L2_QEMU_TIMEOUT) \
	L2_NVHE_TIMEOUT=$(L2_NVHE_TIMEOUT)

.PHONY: l2-test
l2-test: $$(HV_ELF) $$(KERNEL_IMAGE) $(L2_VMM_INITRD) $(L2_QEMU_INITRD) \
		$(DEPS_STAMP)/qemu
	$(Q)$(L2_ENV) tests/l2/l2-test.sh $(KERNEL_IMAGE) $(L2_VMM_INITRD) \
		$(L2_QEMU_INITRD) $(L2_OUT) tests/l2/xfail

check: l2-test

# The harness's own verdicts (PASS, FAIL on a corrupted L2 line or a broken
# native run, XFAIL, XPASS, failing differently) against a fake QEMU.
.PHONY: l2-harness-test
l2-harness-test:
	$(Q)tests/l2/harness-test.sh $(BUILD)/l2/harness

check: l2-harness-test

# make bench-l2 (part of bench): exits per L2 hypercall round trip with
# Linux KVM as the guest hypervisor, NV and NV2, and L2 Linux's boot under
# vel2 against the same boot natively nested (tests/l2/l2-bench.sh).
L2_BENCH_HVCS ?= 2000

.PHONY: bench-l2
bench-l2: $$(HV_ELF) $$(KERNEL_IMAGE) $(L2_VMM_INITRD) $(L2_QEMU_INITRD) \
		$(DEPS_STAMP)/qemu
	$(Q)$(L2_ENV) L2_BENCH_HVCS=$(L2_BENCH_HVCS) tests/l2/l2-bench.sh \
		$(KERNEL_IMAGE) $(L2_VMM_INITRD) $(L2_QEMU_INITRD) \
		$(BUILD)/bench/l2

bench: bench-l2
