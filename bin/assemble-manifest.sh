#!/usr/bin/env bash
# assemble-manifest.sh TARGET TAGS PLATFORM=SOURCE [PLATFORM=SOURCE…]
#
# Pushes the multi-arch manifest list TARGET:TAG for each TAG of the comma-separated TAGS: one
# entry per SOURCE (an image already pushed for one platform, in TARGET's registry), recorded
# under PLATFORM (`linux/arm/v7`: os/architecture[/variant], from the fleet's arch table, so an
# entry never depends on what a base's config happens to say). Prints `TARGET:TAG DIGEST` per tag.
#
# The build workflow's manifest job and the e2e suite run this same script with the same
# arguments (constructs/github/manifest-command.ts makes them). It uses `docker manifest`, the
# registry client of the docker CLI, which GitHub's runners and the e2e machine both have; it
# never touches the engine's image store (whichever store the runner's engine uses). A registry
# on loopback is spoken to over plain HTTP, as the engine does by default (`--insecure`).
set -euo pipefail
DOCKER=${DOCKER:-docker}

if [ "$#" -lt 3 ]; then
	echo "usage: $0 TARGET TAG[,TAG…] PLATFORM=SOURCE [PLATFORM=SOURCE…]" >&2
	exit 2
fi
target=$1
IFS=, read -r -a tags <<< "$2"
if [ "${#tags[@]}" -eq 0 ]; then
	echo "assemble-manifest: no tag given (TAGS is e.g. 2026.11.22-1,latest)" >&2
	exit 2
fi
shift 2

registry=${target%%/*}
insecure=()
case "${registry}" in
	127.* | localhost | localhost:* | \[::1\]*) insecure=(--insecure) ;;
esac

platforms=()
sources=()
for entry in "$@"; do
	platform=${entry%%=*}
	source=${entry#*=}
	if [ "${platform}" = "${entry}" ] || [ -z "${source}" ]; then
		echo "assemble-manifest: '${entry}' is not PLATFORM=SOURCE (e.g. linux/386=${registry}/manylinux_2_36_i686:<tag>)" >&2
		exit 2
	fi
	if [ "${source%%/*}" != "${registry}" ]; then
		echo "assemble-manifest: ${source} is not in ${registry}, the registry of ${target}: a manifest list can only name images of its own registry" >&2
		exit 2
	fi
	platforms+=("${platform}")
	sources+=("${source}")
done

for tag in "${tags[@]}"; do
	list="${target}:${tag}"
	# A list left in the CLI's local store by an earlier run would make `create` refuse.
	"${DOCKER}" manifest rm "${list}" > /dev/null 2>&1 || true
	"${DOCKER}" manifest create "${insecure[@]}" "${list}" "${sources[@]}" > /dev/null
	for i in "${!sources[@]}"; do
		IFS=/ read -r os arch variant <<< "${platforms[$i]}"
		"${DOCKER}" manifest annotate --os "${os}" --arch "${arch}" ${variant:+--variant "${variant}"} "${list}" "${sources[$i]}"
	done
	digest=$("${DOCKER}" manifest push --purge "${insecure[@]}" "${list}" | tail -n 1)
	echo "${list} ${digest}"
done
