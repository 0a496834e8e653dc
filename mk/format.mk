# Formatting: the repository's .clang-format over every C file and header of
# the project (not build/, which holds libfdt's sources and generated files).
#
#   make format        rewrite the files in place (clang-format -i)
#   make format-check  fail on any file clang-format would change; part of
#                      make check
#
# Tables laid out by hand (route.c's rules, sysregs.def) sit between
# clang-format off/on comments.

CLANG_FORMAT ?= clang-format
FORMAT_DIRS := bench guests hv include src tests
FORMAT_FILES = $(sort $(shell find $(FORMAT_DIRS) -name '*.[ch]' -type f))

.PHONY: format format-check

$(DEPS_STAMP)/format:
	$(Q)command -v $(CLANG_FORMAT) >/dev/null || scripts/install-deps.sh format
	$(Q)mkdir -p $(@D) && touch $@

format: $(DEPS_STAMP)/format
	$(Q)$(CLANG_FORMAT) -i $(FORMAT_FILES)

format-check: $(DEPS_STAMP)/format
	$(Q)$(CLANG_FORMAT) --dry-run --Werror $(FORMAT_FILES) && \
		echo "format-check: $(words $(FORMAT_FILES)) files as clang-format has them"

check: format-check
