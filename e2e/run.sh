#!/usr/bin/env bash
# npm run test:e2e: set up (idempotent), run the end-to-end suite, stop what setup started.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
status=0
bash e2e/setup.sh || status=$?
if [ "${status}" -eq 0 ]; then
	npx jest -c jest.e2e.config.js --runInBand "$@" || status=$?
fi
bash e2e/teardown.sh
exit "${status}"
