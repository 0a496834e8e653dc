# Devicetree inputs for tests/unit/test_fdt.c, made at build time:
#   $(FDT_DATA)/virt.dtb     QEMU's own virt DTB (-machine dumpdtb), the one
#                            vel2 edits for its guest
#   $(FDT_DATA)/<n>.dtb      tests/unit/data/<n>.dts compiled by dtc
#   $(FDT_DATA)/<n>.v16.dtb  the same as a version 16 blob
# test_fdt gets the directory as FDT_TESTDATA; it also runs dtc itself to
# decompile what it edits.

FDT_DATA := $(BUILD)/fdt
FDT_DTS := $(wildcard tests/unit/data/*.dts)
FDT_DTBS := $(FDT_DATA)/virt.dtb \
	$(patsubst tests/unit/data/%.dts,$(FDT_DATA)/%.dtb,$(FDT_DTS)) \
	$(patsubst tests/unit/data/%.dts,$(FDT_DATA)/%.v16.dtb,$(FDT_DTS))
FDT_QEMU_MACHINE := -M virt,virtualization=on,gic-version=3 -cpu max -m 128M

$(DEPS_STAMP)/dtc:
	$(Q)command -v dtc >/dev/null || scripts/install-deps.sh host
	$(Q)mkdir -p $(@D) && touch $@

# QEMU exits right after writing the DTB; the time limit bounds a hang.
$(FDT_DATA)/virt.dtb: $(DEPS_STAMP)/qemu
	$(Q)mkdir -p $(@D)
	$(Q)timeout 30 $(QEMU) $(FDT_QEMU_MACHINE) -display none \
		-machine dumpdtb=$@.tmp >$@.log 2>&1 || { cat $@.log; exit 1; }
	$(Q)mv $@.tmp $@ && rm -f $@.log

$(FDT_DATA)/%.dtb: tests/unit/data/%.dts $(DEPS_STAMP)/dtc
	$(Q)mkdir -p $(@D)
	$(Q)dtc -q -I dts -O dtb -o $@ $<

$(FDT_DATA)/%.v16.dtb: tests/unit/data/%.dts $(DEPS_STAMP)/dtc
	$(Q)mkdir -p $(@D)
	$(Q)dtc -q -V 16 -I dts -O dtb -o $@ $<

FDT_TESTS := $(BUILD)/host/tests/test_fdt $(BUILD)/asan/tests/test_fdt
$(FDT_TESTS): $(FDT_DTBS) $(DEPS_STAMP)/dtc $(DEPS_STAMP)/libfdt
$(FDT_TESTS): private UNIT_CFLAGS += $(LIBFDT_INC) -DFDT_TESTDATA='"$(abspath $(FDT_DATA))"'

.PHONY: fdt-data
fdt-data: $(FDT_DTBS)
