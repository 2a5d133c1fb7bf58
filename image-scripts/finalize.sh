#!/bin/bash
# Last step of the final stage: pip, build and packaging in every CPython (hash-locked),
# /opt/python links and wrappers, the tools venv with pipx and the pipx tools on TOOLS_PYTHON
# (hash-locked), certificates, manylinux-interpreters, interpreters installed by default from
# binaries, shared-CPython wrappers, the x86-64 gcc wrapper where the data asks for it, and the
# image's SBOM (write-sbom.py).
# Every path comes from image.env (the layout) or the interpreter table.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

mkdir -p "${PYTHON_DIR}" "${BIN_DIR}"
run_ldconfig

# Two lanes: the tools (on TOOLS_PYTHON; pipx one install at a time, pypa/pipx#1056) in this
# shell, and background jobs that each write only their own prefix or folder: the static-libs
# archive, pip and build in every other CPython, each tool's wheels (measured under QEMU:
# docs/cross-compiling.md, "The final stage"). start_job NAME COMMAND… runs COMMAND (a function
# or a program) in the background, its output kept aside; wait_job NAME waits for it, prints that
# output, and stops the build naming NAME when it failed (plain `wait PID`: CentOS 7's bash 4.2
# has no `wait -n`). Here, not in lib.sh: every build stage's cache key covers lib.sh.
declare -gA FLEET_JOB_PIDS=() FLEET_JOB_STARTED=()
FLEET_JOB_LOGS=""
start_job() {
	local name=$1
	shift
	[ -n "${FLEET_JOB_LOGS}" ] || FLEET_JOB_LOGS=$(mktemp -d)
	( "$@" ) > "${FLEET_JOB_LOGS}/${name}.log" 2>&1 &
	FLEET_JOB_PIDS[${name}]=$!
	FLEET_JOB_STARTED[${name}]=${SECONDS}
}

wait_job() {
	local name=$1 status=0
	[ -n "${FLEET_JOB_PIDS[${name}]:-}" ] || die "no background job ${name} to wait for"
	wait "${FLEET_JOB_PIDS[${name}]}" || status=$?
	cat "${FLEET_JOB_LOGS}/${name}.log" >&2
	unset "FLEET_JOB_PIDS[${name}]"
	[ "${status}" -eq 0 ] || die "background job ${name} failed (exit ${status}): its output is above"
	log "background job ${name}: done, waited for $((SECONDS - FLEET_JOB_STARTED[${name}])) s after it started"
}

# libpython*.a stays, for embedding only, packed into one archive (each is many megabytes);
# every other static library under the internal folder goes. xz -2 on every core: measured in
# the e2e manylinux_2_36 image (libpython3.11.a 43 MB + libpython3.13.a 65 MB, 2 cores), 4.9 s
# for 20.6 MB against 98.4 s for 17.1 MB with -9e, the slowest step of the final stage.
pack_static_libs() {
	local static_libs
	mapfile -t static_libs < <(cd "${INTERNAL_DIR}" && find . -path './cpython-*/lib/libpython*.a' | sort)
	if [ "${#static_libs[@]}" -gt 0 ]; then
		(cd "${INTERNAL_DIR}" && XZ_OPT='-2 -T0' tar -cJf "$(fleet_value STATIC_LIBS_ARCHIVE)" "${static_libs[@]}")
	fi
	find "${INTERNAL_DIR}" -name '*.a' -delete
}
start_job static-libs pack_static_libs

# write_wrapper NAME TARGET: BIN_DIR/NAME runs TARGET.
write_wrapper() {
	printf '#!/bin/sh\nexec %s "$@"\n' "$2" > "${BIN_DIR}/$1"
	chmod 0755 "${BIN_DIR}/$1"
}

export PIP_CERT SSL_CERT_FILE PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
PIP_CERT=$(build_ca_bundle)
SSL_CERT_FILE=${PIP_CERT}

tools_version=$(fleet_value TOOLS_PYTHON)
tools_prefix=""
tools_tag=""
other_prefixes=()
while IFS=$'\x1f' read -r tag implementation python_version free_threaded installed prefix; do
	if [ "${implementation}" != "cpython" ] || [ "${installed}" != "true" ]; then
		continue
	fi
	suffix=""
	[ "${free_threaded}" = "false" ] || suffix="t"
	[ -x "${prefix}/bin/python${python_version}${suffix}" ] || die "${tag}: ${prefix}/bin/python${python_version}${suffix} is missing"
	[ -e "${prefix}/bin/python" ] || ln -s "python${python_version}${suffix}" "${prefix}/bin/python"
	# The gate of a build that linked a module wrong (a lost -lm or -lffi): it stops here.
	"${prefix}/bin/python" -Wignore "${BUILD_DIR}/tests/modules-check.py" --extensions || die "${tag}: an extension module does not import"
	ln -sfn "${prefix}" "${PYTHON_DIR}/${tag}"
	write_wrapper "cpython${python_version}${suffix}" "${PYTHON_DIR}/${tag}/bin/python"
	ln -sf "cpython${python_version}${suffix}" "${BIN_DIR}/python${python_version}${suffix}"
	if [ -z "${tools_prefix}" ] && [ "${free_threaded}" = "false" ] && [ "${python_version}" = "${tools_version}" ]; then
		tools_prefix=${prefix}
		tools_tag=${tag}
	else
		other_prefixes+=("${prefix}")
	fi
done < <(tsv_rows interpreters.tsv tag implementation python_version free_threaded installed prefix)
[ -n "${tools_prefix}" ] || die "TOOLS_PYTHON ${tools_version}: no GIL CPython ${tools_version} in the image to run the tools"
# Through /opt/python/<tag>, as before the lanes: the tools venv and pipx's venvs record it.
tools_python="${PYTHON_DIR}/${tools_tag}/bin/python"

# pip, build and packaging: the tools' CPython first (everything below runs on it), every other
# CPython and each shared-libpython CPython (with its pyX.Y wrapper) in the background.
bash "${BUILD_DIR}/install-python-packaging.sh" "${tools_prefix}"
install_other_packaging() {
	local prefix python_version
	for prefix in ${other_prefixes[@]+"${other_prefixes[@]}"}; do # bash 4.2: an empty array is unset
		bash "${BUILD_DIR}/install-python-packaging.sh" "${prefix}"
	done
	while IFS=$'\x1f' read -r python_version prefix; do
		bash "${BUILD_DIR}/install-python-packaging.sh" "${prefix}"
		write_wrapper "py${python_version}" "${prefix}/bin/python${python_version}"
	done < <(tsv_rows shared-cpython.tsv python_version prefix)
}
start_job packaging install_other_packaging

# The tools venv (pipx, certifi) and every pipx tool install from their lock files: pinned
# versions, the sha256 of every wheel, wheels only.
tool_locks="${BUILD_DIR}/$(fleet_value TOOL_LOCKS)" # one <tool>.txt per tools.tsv row
hashed=(--require-hashes --only-binary :all:)
mapfile -t tools < <(tsv_rows tools.tsv name | grep -vx pipx)
# pip download checks every wheel against the lock's sha256s; pipx installs only those.
download_tool_wheels() {
	local name
	for name in ${tools[@]+"${tools[@]}"}; do
		"${tools_python}" -m pip download -q --dest "/tmp/wheels-${name}" "${hashed[@]}" -r "${tool_locks}/${name}.txt"
	done
}
start_job tool-wheels download_tool_wheels

"${tools_python}" -m venv --without-pip "${TOOLS_VENV}"
"${tools_python}" -m pip --python "${TOOLS_VENV}/bin/python" install -q "${hashed[@]}" -r "${BUILD_DIR}/$(fleet_value TOOLS_BASE_LOCK)"
ln -sf "${TOOLS_VENV}/bin/pipx" "${BIN_DIR}/pipx"
ln -sf "$("${TOOLS_VENV}/bin/python" -c 'import certifi; print(certifi.where())')" "${CERTS_PEM}"

export PIPX_HOME PIPX_BIN_DIR=${BIN_DIR}
PIPX_HOME=$(fleet_value PIPX_HOME)
# pipx's shared venv gets its pip from the tools Python's lock, not from the index.
"${tools_python}" -m pip download -q --dest /tmp/pinned-wheels "${hashed[@]}" -r "${BUILD_DIR}/$(fleet_value PYTHON_LOCKS)/${tools_version}.txt"
pipx upgrade-shared --pip-args="--no-index --find-links=/tmp/pinned-wheels"
rm -rf /tmp/pinned-wheels
# The archive job deletes static libraries under the internal folder, the pipx venvs' too.
wait_job static-libs
wait_job tool-wheels
for name in ${tools[@]+"${tools[@]}"}; do
	pipx install --python "${tools_python}" --pip-args="--no-index --find-links=/tmp/wheels-${name}" "${name}==$(tsv_get tools.tsv name "${name}" version)" \
		|| { cat "${PIPX_HOME}"/logs/*pip_errors.log 2>/dev/null; die "pipx install ${name} failed"; }
	rm -rf "/tmp/wheels-${name}"
done
wait_job packaging

write_wrapper manylinux-interpreters "${TOOLS_VENV}/bin/python ${BUILD_DIR}/manylinux-interpreters"
on_binaries=()
while IFS=$'\x1f' read -r tag implementation installed; do
	if [ "${implementation}" != "cpython" ] && [ "${installed}" = "true" ]; then
		on_binaries+=("${tag}")
	fi
done < <(tsv_rows interpreters.tsv tag implementation installed)
if [ "${#on_binaries[@]}" -gt 0 ]; then
	manylinux-interpreters ensure "${on_binaries[@]}"
fi

# Upgrade what the steps above may have pulled in, trim locales and manuals again, and replace
# glibc's libcrypt where libxcrypt's libcrypt.so.1 is now in /usr/local/lib. Before the compiler
# fixes below: an upgraded toolset would undo them.
LC_ALL=C bash "${BUILD_DIR}/update-system-packages.sh"

if [ "$(fleet_value GCC_WRAPPER)" = "true" ]; then
	bash "${BUILD_DIR}/install-gcc-wrapper.sh"
fi

if [ "$(fleet_value LIBSTDCXX_SCRIPT_FIX)" = "true" ]; then
	# The toolset's libstdc++.so is a linker script naming the system libstdc++.so.6 once, before
	# libstdc++_nonshared.a: what the archive needs from the shared library stays unresolved
	# (pypa/manylinux#1760). Name the shared library again after the archive.
	find "$(fleet_value DEVTOOLSET_ROOTPATH)" -name 'libstdc++.so' -type f \
		-exec sed -i 's/INPUT\s*(\s*\([^ ]\+\)\s*\([^ ]\+\)\s*)/INPUT ( \1 \2 \1 )/' {} +
fi

rm -f /tmp/fleet-build-ca.pem "${BUILD_DIR}/build-ca.pem"

# Last: the SBOM, with every distro package installed by now (FLEET_SBOM_* are build arguments).
"${TOOLS_VENV}/bin/python" "${BUILD_DIR}/write-sbom.py"
log "finalized $(fleet_value POLICY)_$(fleet_value ARCH)"
