#!/usr/bin/env bash
# Refreshes tests/dev-set/ from the shared development set beside the
# checkout (../shared/dev-set), so the tests never read outside the
# repository. Run it when the shared set changes, then commit the copy.
#   bash tests/sync-dev-set.sh            copy
#   bash tests/sync-dev-set.sh --check    exit 1 when the copy is stale
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
src=../../shared/dev-set
if [ ! -d "$src" ]; then
    echo "no shared development set at $(cd .. && pwd)/../shared/dev-set; nothing to do" >&2
    exit 0
fi
if [ "${1:-}" = "--check" ]; then
    if diff -r -q "$src" dev-set; then
        echo "tests/dev-set matches the shared development set"
    else
        echo "tests/dev-set differs from the shared development set: run bash tests/sync-dev-set.sh" >&2
        exit 1
    fi
    exit 0
fi
rm -rf dev-set
cp -r "$src" dev-set
chmod -R u+w dev-set
echo "copied $src to tests/dev-set"
