#!/bin/bash
# The mirror fix of an end-of-life release, from the image's data: repositories moved to an
# archive host (image.env MIRROR_VAULT_*), a path rewritten (MIRROR_PATH_*), per-repository
# baseurls (mirrors.tsv). Does nothing where those are empty, and nothing twice: it runs after
# every step that can add or update .repo files, and stays in the image as fixup-mirrors.
# Usage: fixup-mirrors.sh [REPOS_DIR]   (default /etc/yum.repos.d)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

shopt -s nullglob
repos=("${1:-/etc/yum.repos.d}"/*.repo)
[ "${#repos[@]}" -gt 0 ] || exit 0

# literal TEXT: TEXT as a sed pattern matching itself (the data holds URL characters only).
literal() {
	printf '%s' "${1//./\\.}"
}

from=$(fleet_value MIRROR_VAULT_FROM)
if [ -n "${from}" ]; then
	# The mirror lists are gone: comment them out and use the baseurl= lines (commented or not), moved.
	sed -i -e 's|^mirrorlist=|#mirrorlist=|' \
		-e "s|^[#[:space:]]*baseurl=$(literal "${from}")|baseurl=$(fleet_value MIRROR_VAULT_TO)|" "${repos[@]}"
fi

from=$(fleet_value MIRROR_PATH_FROM)
if [ -n "${from}" ]; then
	sed -i "s|$(literal "${from}")|$(fleet_value MIRROR_PATH_TO)|g" "${repos[@]}"
fi

while IFS=$'\x1f' read -r repo baseurl; do
	# Only the repositories defined so far (later steps add some).
	if grep -qxF "[${repo}]" "${repos[@]}"; then
		command -v yum-config-manager > /dev/null || die "yum-config-manager (yum-utils) is needed to set the baseurl of ${repo}"
		yum-config-manager --setopt="${repo}.baseurl=${baseurl}" --save > /dev/null
	fi
done < <(tsv_rows mirrors.tsv repo baseurl)
