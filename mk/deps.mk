# Tools are installed on demand: a stamp target per group runs the installer
# only when a tool is missing, so a fresh machine needs nothing by hand.

DEPS_STAMP := $(BUILD)/.deps

$(DEPS_STAMP)/host:
	$(Q)test -f /usr/include/cmocka.h && command -v $(HOST_CC) >/dev/null \
		|| scripts/install-deps.sh host
	$(Q)mkdir -p $(@D) && touch $@

$(DEPS_STAMP)/target:
	$(Q)command -v $(TARGET_CC) >/dev/null && command -v $(TARGET_AS) >/dev/null \
		|| scripts/install-deps.sh target
	$(Q)mkdir -p $(@D) && touch $@

$(DEPS_STAMP)/qemu:
	$(Q)scripts/install-deps.sh qemu
	$(Q)mkdir -p $(@D) && touch $@

deps: $(DEPS_STAMP)/host $(DEPS_STAMP)/target $(DEPS_STAMP)/qemu
