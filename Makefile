# vel2 top-level Makefile. Each component has its own fragment in mk/.
#
#   make run      boot a guest hypervisor at vEL2 under vel2 on QEMU
#   make check    every test: unit (plain and ASan+UBSan), encodings, QEMU
#   make bench    benchmarks (BENCH lines)

BUILD ?= build
HOST_CC ?= gcc
CROSS ?= aarch64-linux-gnu-
TARGET_CC := $(CROSS)gcc
TARGET_AS := $(CROSS)as
TARGET_OBJDUMP := $(CROSS)objdump
TARGET_OBJCOPY := $(CROSS)objcopy
QEMU ?= qemu-system-aarch64
# V=1 shows every command.
ifeq ($(V),1)
Q :=
else
Q ?= @
endif

.DEFAULT_GOAL := all
.PHONY: all check run bench clean deps

# The library's fragments first (the rest name their variables); the
# others depend on nothing read after them.
LIB_MK := mk/deps.mk mk/core.mk mk/libfdt.mk
include $(LIB_MK)
include $(filter-out $(LIB_MK),$(wildcard mk/*.mk))

clean:
	rm -rf $(BUILD)
