# QEMU figures for `make bench` (BENCH lines): per test guest, the exits
# vel2 took (deterministic: from vel2's statistics) and the wall time of
# the whole QEMU run under vel2 and natively, in the same make run.
# The Linux boot (VHE, VHE with vel2's NV2, and nVHE) comes from
# tests/qemu/linux-bench.sh: exits in total and by exception class, wall
# times and their ratio to the native boot (traps_linux_nv2,
# wall_linux_nv2, wall_linux_nv2/native for NV2): medians of
# LINUX_BENCH_ROUNDS rounds (default 3; ratios with _min/_max lines).

BENCH_QEMU_RUNS := $(BUILD)/bench/qemu

# mk/*.mk are read in name order: HV_ELF, GUEST_ELFS and KERNEL_IMAGE are
# not defined yet here, so the prerequisites are expanded a second time.
.SECONDEXPANSION:

.PHONY: bench-qemu
bench-qemu: $$(HV_ELF) $$(GUEST_ELFS) $(DEPS_STAMP)/qemu
	$(Q)mkdir -p $(BENCH_QEMU_RUNS); \
	for g in $(GUEST_NAMES); do \
		export QEMU_OPTS="$(call guest_qemu_opts,$$g)"; \
		t0=$$(date +%s.%N); \
		tests/qemu/qemu-run.sh $(BENCH_QEMU_RUNS)/$$g.native \
			$(QEMU_TIMEOUT) $(GUEST_DIR)/$$g.elf >/dev/null; \
		t1=$$(date +%s.%N); \
		tests/qemu/qemu-run.sh $(BENCH_QEMU_RUNS)/$$g.vel2 \
			$(QEMU_TIMEOUT) $(HV_ELF) $(GUEST_DIR)/$$g.elf >/dev/null; \
		t2=$$(date +%s.%N); \
		n=$$(tr -d '\r' <$(BENCH_QEMU_RUNS)/$$g.vel2 | \
			sed -n 's/^vel2: stats: exits //p' | tail -1); \
		echo "BENCH traps_$$g $${n:-0} count"; \
		echo "$$t0 $$t1 $$t2" | awk -v g=$$g '{ n = $$2 - $$1; v = $$3 - $$2; \
			printf "BENCH wall_%s_native %.3f s\nBENCH wall_%s_vel2 %.3f s\nBENCH wall_%s/native %.2f x\n", \
				g, n, g, v, g, v / n }'; \
	done

bench: bench-qemu

.PHONY: bench-linux
bench-linux: $$(HV_ELF) $$(KERNEL_IMAGE) $$(LINUX_INITRD) $(DEPS_STAMP)/qemu
	$(Q)QEMU=$(QEMU) LINUX_TIMEOUT=$(LINUX_TIMEOUT) tests/qemu/linux-bench.sh \
		$(KERNEL_IMAGE) $(LINUX_INITRD) $(BENCH_QEMU_RUNS)

bench: bench-linux

# Exits per nested hypercall round trip (guests/hypercall.c: 1000 HVCs
# from L2 to a VHE guest hypervisor), with NV and with vel2's NV2; the
# few set-up exits are included. Published anchors (NEVE, SOSP'17): 82
# (VHE) / 126 (nVHE) per round trip under ARMv8.3 NV for a KVM world
# switch, 15 with NEVE (NV2); 2 is the floor (the HVC and the ERET).
# The round trips are the count the guest prints; a run that fails (the
# guest exits 1 unless all of them arrived) gives no figure.

.PHONY: bench-hypercall
bench-hypercall: $$(HV_ELF) $$(GUEST_ELFS) $(DEPS_STAMP)/qemu
	$(Q)mkdir -p $(BENCH_QEMU_RUNS); \
	for mode in nv nv2; do \
		log=$(BENCH_QEMU_RUNS)/hypercall.$$mode; \
		VEL2_NV2=$$([ $$mode = nv2 ] && echo 1 || echo 0) \
		tests/qemu/qemu-run.sh $$log $(QEMU_TIMEOUT) $(HV_ELF) \
			$(GUEST_DIR)/hypercall.elf >/dev/null; \
		rc=$$?; \
		n=$$(tr -d '\r' <$$log | sed -n 's/^vel2: stats: exits //p' | \
			tail -1); \
		r=$$(tr -d '\r' <$$log | \
			sed -n 's/^hypercall: round trips=\(0x[0-9a-f]*\).*/\1/p'); \
		if [ $$rc != 0 ] || [ -z "$$n" ] || [ -z "$$r" ]; then \
			echo "bench-hypercall: the $$mode run failed (status $$rc): $$log" >&2; \
			continue; \
		fi; \
		echo "$$n $$(printf %d $$r)" | awk -v m=$$mode \
			'{ printf "BENCH hypercall_exits_per_round_trip_%s %.2f count\n", m, $$1 / $$2 }'; \
	done

bench: bench-hypercall

# Cost of one exit (guests/traploop.c, bench/traploop.sh): host CPU us per
# trapping MRS under vel2 (NV, NV2) against QEMU's floor, one exception
# entry + ERET with a bare handler; medians of 3, ratios from one run.
# Then the same at -smp 2 (guests/traploop2.c: both CPUs loop at once,
# 100000 times each; BENCH names end in _smp2, against the -smp 2 floor).
# Then with CPU 1 idle instead (_smp2idle: WFI, woken by its EL2 timer
# every 250 us, about an idle Linux CPU's wakeup rate in the boot), and
# the host CPU each of its wakeups costs (traploop_us_per_wakeup_*):
# natively (floor, spin: no exception on CPU 0) and under vel2 (nv_tpidr,
# nv_spin), beyond the -smp 1 figures (spin/nv_spin: an exception-free
# loop, docs/hv.md "At -smp 2").
TRAPLOOP_ALL := floor nv nv_tpidr nv2 nv_htimer nv2_htimer nv_eret nv2_eret

.PHONY: bench-exit
bench-exit: $$(HV_ELF) $$(GUEST_ELFS) $(DEPS_STAMP)/qemu
	$(Q)mkdir -p $(BENCH_QEMU_RUNS)
	$(Q)QEMU=$(QEMU) TRAPLOOP_MODES="$(TRAPLOOP_ALL) spin nv_spin" \
		bench/traploop.sh $(HV_ELF) $(GUEST_DIR)/traploop.elf \
		$(BENCH_QEMU_RUNS) 200000 3 | tee $(BENCH_QEMU_RUNS)/traploop.bench
	$(Q)QEMU=$(QEMU) TRAPLOOP_SMP=2 bench/traploop.sh $(HV_ELF) \
		$(GUEST_DIR)/traploop2.elf $(BENCH_QEMU_RUNS)/smp2 100000 3
	$(Q)QEMU=$(QEMU) TRAPLOOP_SMP=2 TRAPLOOP_IDLE_US=250 \
		TRAPLOOP_MODES="floor nv_tpidr spin nv_spin" \
		TRAPLOOP_BASELINE=$(BENCH_QEMU_RUNS)/traploop.bench \
		bench/traploop.sh $(HV_ELF) $(GUEST_DIR)/traploop2.elf \
		$(BENCH_QEMU_RUNS)/smp2idle 200000 3

bench: bench-exit
