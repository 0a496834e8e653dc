# libfdt (the dtc project's devicetree library), built by vel2 from the
# sources in Debian's linux-source package (scripts/install-deps.sh libfdt;
# why: docs/libfdt.md), into each flavour of libvel2.a with that flavour's
# flags: host, ASan+UBSan, and the EL2 image's (-mstrict-align, no stack
# protector). src/fdt/ holds vel2's own devicetree logic on top of it.

LIBFDT_DIR := $(BUILD)/libfdt/src
# What vel2 calls, and what that calls: reading, editing (fdt_rw, fdt_wip),
# #address-cells/#size-cells (fdt_addresses), fdt_strerror.
LIBFDT_NAMES := fdt fdt_ro fdt_rw fdt_wip fdt_addresses fdt_strerror
LIBFDT_SRCS := $(addprefix $(LIBFDT_DIR)/,$(addsuffix .c,$(LIBFDT_NAMES)))
LIBFDT_INC := -I$(LIBFDT_DIR)
# libfdt_env.h includes <string.h> and <stdlib.h>: declarations for the
# freestanding builds (-nostdinc) in src/fdt/libc/.
LIBFDT_FREESTANDING_INC := -Isrc/fdt/libc $(LIBFDT_INC)
# libfdt's own code is not held to vel2's warning set.
LIBFDT_CFLAGS = -O2 -g $(LIBFDT_FREESTANDING_INC)

LIBFDT_HOST_OBJS := $(patsubst %,$(BUILD)/host/libfdt/%.o,$(LIBFDT_NAMES))
LIBFDT_ASAN_OBJS := $(patsubst %,$(BUILD)/asan/libfdt/%.o,$(LIBFDT_NAMES))
LIBFDT_TARGET_OBJS := $(patsubst %,$(BUILD)/aarch64/libfdt/%.o,$(LIBFDT_NAMES))

$(DEPS_STAMP)/libfdt:
	$(Q)test -f $(LIBFDT_DIR)/libfdt.h || scripts/install-deps.sh libfdt
	$(Q)mkdir -p $(@D) && touch $@

# The sources appear with the stamp; order-only, so that the stamp's
# time does not make them look new.
$(LIBFDT_SRCS) $(LIBFDT_DIR)/libfdt.h: | $(DEPS_STAMP)/libfdt ;

$(BUILD)/host/libfdt/%.o: $(LIBFDT_DIR)/%.c $(DEPS_STAMP)/host
	$(Q)mkdir -p $(@D)
	$(Q)$(HOST_CC) $(FREESTANDING) $(LIBFDT_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/asan/libfdt/%.o: $(LIBFDT_DIR)/%.c $(DEPS_STAMP)/host
	$(Q)mkdir -p $(@D)
	$(Q)$(HOST_CC) $(FREESTANDING) $(LIBFDT_CFLAGS) $(ASAN_FLAGS) -O1 \
		-MMD -MP -c $< -o $@

$(BUILD)/aarch64/libfdt/%.o: $(LIBFDT_DIR)/%.c $(DEPS_STAMP)/target
	$(Q)mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(TARGET_FREESTANDING) $(LIBFDT_CFLAGS) \
		-MMD -MP -c $< -o $@

$(HOST_LIB): $(LIBFDT_HOST_OBJS)
$(ASAN_LIB): $(LIBFDT_ASAN_OBJS)
$(TARGET_LIB): $(LIBFDT_TARGET_OBJS)

# vel2's devicetree code includes <libfdt.h>.
HOST_LIB_CFLAGS += $(LIBFDT_FREESTANDING_INC)
TARGET_LIB_CFLAGS += $(LIBFDT_FREESTANDING_INC)
$(filter %/src/fdt/%.o,$(HOST_LIB_OBJS) $(ASAN_LIB_OBJS) $(TARGET_LIB_OBJS)): \
	| $(DEPS_STAMP)/libfdt

-include $(LIBFDT_HOST_OBJS:.o=.d) $(LIBFDT_ASAN_OBJS:.o=.d) \
	$(LIBFDT_TARGET_OBJS:.o=.d)
