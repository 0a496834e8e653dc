# Encoding oracle: every catalog encoding is checked against GNU as.
# tests/encoding/gen.c turns sysregs.def into mrs/msr lines, GNU as
# assembles them, tests/encoding/check.c compares bits [20:5] and the L bit
# of each instruction word with the catalog. Names the assembler rejects
# are printed as UNKNOWN-TO-AS and must match tests/encoding/unknown-to-as.allow.

ENC_DIR := $(BUILD)/encoding
ENC_MARCH ?= armv9.3-a+memtag+sme
ENC_CFLAGS := $(WARN) -Iinclude -std=gnu11 -O2

$(ENC_DIR)/gen: tests/encoding/gen.c include/vel2/sysregs.def \
		include/vel2/sysreg.h $(DEPS_STAMP)/host
	$(Q)mkdir -p $(@D)
	$(Q)$(HOST_CC) $(ENC_CFLAGS) $< -o $@

$(ENC_DIR)/check: tests/encoding/check.c $(DEPS_STAMP)/host
	$(Q)mkdir -p $(@D)
	$(Q)$(HOST_CC) $(ENC_CFLAGS) $< -o $@

.PHONY: encoding-test
encoding-test: $(ENC_DIR)/gen $(ENC_DIR)/check $(DEPS_STAMP)/target
	$(Q)sh tests/encoding/run.sh $(ENC_DIR)/gen $(ENC_DIR)/check \
		$(TARGET_AS) $(TARGET_OBJCOPY) $(ENC_MARCH) $(ENC_DIR) \
		tests/encoding/unknown-to-as.allow

check: encoding-test

# Prints a multiplier for src/core/lookup.c's perfect hash (see there).
.PHONY: hashtune
hashtune: tests/encoding/hashtune.c include/vel2/sysregs.def $(DEPS_STAMP)/host
	$(Q)mkdir -p $(ENC_DIR)
	$(Q)$(HOST_CC) $(ENC_CFLAGS) $< -o $(ENC_DIR)/hashtune
	$(Q)$(ENC_DIR)/hashtune
