# Register facts oracle: the catalog against Linux's machine-readable
# AArch64 register description (arch/arm64/tools/sysreg in Debian's
# linux-source-6.12, fetched once into build/sysreg/, never committed).
# tests/oracle/check.c compares encodings, RES0/RES1 masks and the field
# positions src/core/format.c uses; differences must be explained in
# tests/oracle/explained.txt.

ORACLE_DIR := $(BUILD)/sysreg
ORACLE_SYSREG := $(ORACLE_DIR)/sysreg.txt

$(ORACLE_SYSREG):
	$(Q)mkdir -p $(@D)
	$(Q)tests/oracle/fetch-sysreg.sh $@

$(ORACLE_DIR)/check: tests/oracle/check.c include/vel2/sysregs.def \
		include/vel2/sysreg.h $(DEPS_STAMP)/host
	$(Q)mkdir -p $(@D)
	$(Q)$(HOST_CC) $(WARN) -Iinclude -std=gnu11 -O2 $< -o $@

.PHONY: oracle-test
oracle-test: $(ORACLE_DIR)/check $(ORACLE_SYSREG)
	$(Q)$(ORACLE_DIR)/check $(ORACLE_SYSREG) tests/oracle/explained.txt \
		tests/oracle/format-fields.txt

check: oracle-test
