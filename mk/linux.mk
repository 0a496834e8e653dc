# The real guest: Debian's arm64 kernel plus a one-file initramfs.

KERNEL_IMAGE := $(BUILD)/kernel/Image
LINUX_INITRD := $(BUILD)/linux/initrd.gz

$(KERNEL_IMAGE):
	$(Q)scripts/install-deps.sh guest-kernel

$(BUILD)/linux/root/init: tests/linux/init.c $(DEPS_STAMP)/target
	$(Q)mkdir -p $(@D)/dev
	$(Q)$(TARGET_CC) -static -nostdlib -ffreestanding -O2 -Wall -Werror $< -o $@

$(LINUX_INITRD): $(BUILD)/linux/root/init $(KERNEL_IMAGE)
	$(Q)cd $(BUILD)/linux/root && find . | cpio -o -H newc --quiet | gzip >../initrd.gz

.PHONY: linux-guest
linux-guest: $(KERNEL_IMAGE) $(LINUX_INITRD)
