#!/bin/bash
# Points the package manager of an end-of-life release at the vault its repositories moved to.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

from=$(fleet_value VAULT_FROM)
to=$(fleet_value VAULT_TO)
[ -n "${from}" ] || exit 0

shopt -s nullglob
for repo in /etc/yum.repos.d/*.repo; do
	# mirrorlist= hosts are gone: use the (commented) baseurl= lines, moved to the vault host.
	sed -i \
		-e 's/^mirrorlist=/#mirrorlist=/' \
		-e 's/^#[[:space:]]*baseurl=/baseurl=/' \
		-e "s#://${from}/#://${to}/#g" \
		"${repo}"
done
log "repositories moved from ${from} to ${to}"
