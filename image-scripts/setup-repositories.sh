#!/bin/bash
# Prepares the package manager before anything is installed (the install plan's first part):
# installs the fixup-mirrors command, applies the configuration settings of plan/config.tsv,
# then runs each command of plan/repositories.txt, each followed by the mirror fix (a step may
# add or update .repo files).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

command=$(fleet_value FIXUP_MIRRORS)
mkdir -p "$(dirname "${command}")"
printf '#!/bin/bash\nexec bash %q "$@"\n' "${BUILD_DIR}/fixup-mirrors.sh" > "${command}"
chmod 0755 "${command}"

while IFS=$'\x1f' read -r file key value; do
	config_set "${file}" "${key}" "${value}"
done < <(tsv_rows plan/config.tsv file key value)

fixup_mirrors
run_commands plan/repositories.txt fixup_mirrors
