#!/bin/bash
# Last step of the final stage: /opt/python links and wrappers for every CPython, the tools
# venv with pipx, the pipx tools, certificates, manylinux-interpreters, interpreters installed
# by default from binaries, shared-CPython wrappers, and the x86-64 gcc wrapper where needed.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

mkdir -p /opt/python /usr/local/bin
run_ldconfig

# write_wrapper NAME TARGET: /usr/local/bin/NAME runs TARGET.
write_wrapper() {
	printf '#!/bin/sh\nexec %s "$@"\n' "$2" > "/usr/local/bin/$1"
	chmod 0755 "/usr/local/bin/$1"
}

tools_python=""
while IFS=$'\t' read -r tag implementation version python_version free_threaded installed _; do
	if [ "${implementation}" != "cpython" ] || [ "${installed}" != "true" ]; then
		continue
	fi
	suffix=""
	dir="/opt/_internal/cpython-${version}"
	if [ "${free_threaded}" = "true" ]; then
		suffix="t"
		dir="${dir}-nogil"
	fi
	[ -x "${dir}/bin/python${python_version}${suffix}" ] || die "${tag}: ${dir}/bin/python${python_version}${suffix} is missing"
	[ -e "${dir}/bin/python" ] || ln -s "python${python_version}${suffix}" "${dir}/bin/python"
	ln -sfn "${dir}" "/opt/python/${tag}"
	write_wrapper "cpython${python_version}${suffix}" "/opt/python/${tag}/bin/python"
	ln -sf "cpython${python_version}${suffix}" "/usr/local/bin/python${python_version}${suffix}"
	if [ "${free_threaded}" = "false" ]; then
		tools_python="/opt/python/${tag}/bin/python" # the newest GIL CPython (rows are oldest first)
	fi
done < "${BUILD_DIR}/interpreters.tsv"
[ -n "${tools_python}" ] || die "the image has no (GIL) CPython to run the tools"

export PIP_CERT SSL_CERT_FILE PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
PIP_CERT=$(build_ca_bundle)
SSL_CERT_FILE=${PIP_CERT}
"${tools_python}" -m venv /opt/_internal/tools
pipx_version=$(awk -F '\t' '$1 == "pipx" { print $2 }' "${BUILD_DIR}/tools.tsv")
/opt/_internal/tools/bin/python -m pip install --quiet "pipx==${pipx_version}" "certifi==$(fleet_value CERTIFI_VERSION)"
ln -sf /opt/_internal/tools/bin/pipx /usr/local/bin/pipx
ln -sf "$(/opt/_internal/tools/bin/python -c 'import certifi; print(certifi.where())')" /opt/_internal/certs.pem

export PIPX_HOME=/opt/_internal/pipx PIPX_BIN_DIR=/usr/local/bin
while IFS=$'\t' read -r name version; do
	[ "${name}" = "pipx" ] && continue
	pipx install --python "${tools_python}" "${name}==${version}"
done < "${BUILD_DIR}/tools.tsv"

sed "1s|.*|#!/opt/_internal/tools/bin/python|" "${BUILD_DIR}/manylinux-interpreters" > /usr/local/bin/manylinux-interpreters
chmod 0755 /usr/local/bin/manylinux-interpreters
mapfile -t on_binaries < <(awk -F '\t' '$2 != "cpython" && $6 == "true" { print $1 }' "${BUILD_DIR}/interpreters.tsv")
if [ "${#on_binaries[@]}" -gt 0 ]; then
	manylinux-interpreters ensure "${on_binaries[@]}"
fi

while read -r python_version; do
	[ -n "${python_version}" ] || continue
	write_wrapper "py${python_version}" "/opt/shared-cpython-${python_version}/bin/python${python_version}"
done < "${BUILD_DIR}/shared-cpython.txt"

baseline=$(fleet_value X86_64_BASELINE)
if [ -n "${baseline}" ] && gcc -Q --help=target 2>/dev/null | grep -Eq -- "-march=[[:space:]]*${baseline}"; then
	bash "${BUILD_DIR}/install-gcc-wrapper.sh"
fi

rm -f /tmp/fleet-build-ca.pem "${BUILD_DIR}/build-ca.pem"
log "finalized $(fleet_value POLICY)_$(fleet_value ARCH)"
