# bootview (tests/bootview/): one bare-metal kernel in every format QEMU's
# -kernel takes, for tests/qemu/bootview-test.sh:
#   bootview.elf     ELF, entered at its header's entry point
#   bootview.Image   arm64 Image (text_offset 0: QEMU loads it at RAM + 2 MiB)
#   bootview.raw     the same bytes without the Image magic: a raw binary
#                    (QEMU loads it at RAM + 0x80000)
#   bootview.uImage  U-Boot legacy image (Linux, arm64, load/entry
#                    0x40400000)
# The code is position-independent (no absolute addresses), so the three
# loaders' different addresses all run it.

BOOTVIEW_DIR := $(BUILD)/bootview
BOOTVIEW_FORMATS := elf Image raw uImage
BOOTVIEW_FILES := $(BOOTVIEW_FORMATS:%=$(BOOTVIEW_DIR)/bootview.%)
# Deferred (=): the cross compiler may be installed during this make run.
BOOTVIEW_CFLAGS = $(WARN) $(TARGET_FREESTANDING) -O2 -fno-pic -nostdinc \
	-isystem $(shell $(TARGET_CC) -print-file-name=include 2>/dev/null)
BOOTVIEW_UIMAGE_ADDR := 0x40400000

$(BOOTVIEW_DIR)/bootview.elf: tests/bootview/start.S tests/bootview/bootview.c \
		tests/bootview/bootview.ld $(DEPS_STAMP)/target
	$(Q)mkdir -p $(@D)
	$(Q)$(TARGET_CC) $(BOOTVIEW_CFLAGS) -nostdlib -static \
		-Wl,--build-id=none -Wl,-n -Wl,--no-warn-rwx-segments \
		-T tests/bootview/bootview.ld tests/bootview/start.S \
		tests/bootview/bootview.c -o $@

$(BOOTVIEW_DIR)/bootview.Image: $(BOOTVIEW_DIR)/bootview.elf
	$(Q)$(TARGET_OBJCOPY) -O binary $< $@

$(BOOTVIEW_DIR)/bootview.raw: $(BOOTVIEW_DIR)/bootview.Image
	$(Q)cp $< $@.tmp
	$(Q)printf '\0\0\0\0' | dd of=$@.tmp bs=1 seek=56 conv=notrunc status=none
	$(Q)mv $@.tmp $@

$(BOOTVIEW_DIR)/bootview.uImage: $(BOOTVIEW_DIR)/bootview.raw tests/bootview/mkuimage.sh
	$(Q)tests/bootview/mkuimage.sh $< $(BOOTVIEW_UIMAGE_ADDR) $@

# fakestatus: a kernel that tries to write vel2's private channel.
$(BOOTVIEW_DIR)/fakestatus.Image: tests/bootview/fakestatus.S $(DEPS_STAMP)/target
	$(Q)mkdir -p $(@D)
	$(Q)$(TARGET_CC) -nostdlib -static -Wl,--build-id=none -Wl,-n \
		-Wl,-Ttext=0x40200000 $< -o $@.elf
	$(Q)$(TARGET_OBJCOPY) -O binary $@.elf $@

.PHONY: bootview
bootview: $(BOOTVIEW_FILES) $(BOOTVIEW_DIR)/fakestatus.Image
