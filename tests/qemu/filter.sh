#!/usr/bin/env bash
# Normalise a console log for comparison: drop CRs, vel2's own lines
# ("vel2: ...") and host-dependent lines ("~..."), which are documented
# as not deterministic.
tr -d '\r' <"$1" | grep -v -e '^vel2: ' -e '^~' || true
