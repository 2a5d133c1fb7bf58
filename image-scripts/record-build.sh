#!/bin/bash
# record-build.sh STAGE SCRIPT [ARG…]: runs the compile script SCRIPT of build stage STAGE, then
# writes its build record, BUILD_RECORDS/STAGE.txt (also into ROOTFS, where a native build
# stages its runtime files): a random build id, when it finished and how many seconds it took. A stage served from a build cache keeps the record of the run
# that made it, so comparing build ids tells which compiles ran (the e2e suite counts them).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

stage=$1
script=$2
shift 2
started=$(date +%s)
bash "${BUILD_DIR}/${script}" "$@"
finished=$(date +%s)

records=$(fleet_value BUILD_RECORDS)
mkdir -p "${records}"
{
	echo "stage=${stage}"
	echo "command=${script}${*:+ $*}"
	echo "build=$(cat /proc/sys/kernel/random/uuid)"
	echo "finished=$(date -u -d "@${finished}" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "seconds=$((finished - started))"
} > "${records}/${stage}.txt"
if [ -d "${ROOTFS}" ]; then
	# A native build hands its record to the image with its runtime files.
	mkdir -p "${ROOTFS}${records}"
	cp "${records}/${stage}.txt" "${ROOTFS}${records}/"
fi
log "${stage}: ${script}${*:+ $*} took $((finished - started)) s"
