# ERETAA/ERETAB emulation cost for `make bench` (BENCH lines): vel2's
# instructions per exit on the PACGA path and with the software QARMA
# (bench/eretpac_cost.sh: QEMU's execution trace of the eretpac5 guest,
# deterministic). docs/traps.md, "ERETAA/ERETAB".

# HV_ELF and GUEST_DIR are defined in later mk files: expand again.
.SECONDEXPANSION:

.PHONY: bench-eretpac
bench-eretpac: $$(HV_ELF) $$(GUEST_DIR)/eretpac5.elf $(DEPS_STAMP)/qemu
	$(Q)QEMU=$(QEMU) bench/eretpac_cost.sh $(HV_ELF) \
		$(GUEST_DIR)/eretpac5.elf $(BUILD)/bench/qemu

bench: bench-eretpac
