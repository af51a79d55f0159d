#!/usr/bin/env bash
# Figures of the issue-5 demonstration without the negatives and the MAX_VM = 3 variant: `autov
# build` time and peak memory, `make -j2` time of the generated project, lines generated vs written
# (see scripts/pagetable-e2e.sh). COQ_JOBS sets make -j (default 2).
set -euo pipefail
NEGATIVES=0 VARIANT=0 exec bash "$(dirname "$0")/pagetable-e2e.sh"
