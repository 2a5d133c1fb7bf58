#!/bin/bash
# The in-image tests, run after every build: one line per check, PASS, FAIL (output indented
# below) or SKIP (with the reason), then the counts. Interpreter counts; for every installed
# interpreter: libc and platform against the policy, TLS certificate checks, the standard
# library (CPython), wrappers, a C-extension wheel built, repaired, installed with pip and uv;
# tools, pipx run, shared libpython, compilers, default shell, autotools.
# FLEET_TEST_ENSURE_ALL=1 also installs the on-demand interpreters (downloads) and tests them.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

TESTS="${BUILD_DIR}/tests"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
work=$(mktemp -d)
trap 'rm -rf "${work}"' EXIT
passed=0 failed=0 skipped=0 last_passed=true

# on_error STATUS COMMAND ARG…: inside a check, reports the first failing command (explicit
# `fail` messages say enough); ARG… is the check's command, for when that one failed itself.
on_error() {
	local status=$1 command=$2
	shift 2
	[ -z "${error_reported:-}" ] || return 0
	error_reported=1
	# shellcheck disable=SC2016 # the literal text bash reports for the check's own command
	[ "${command}" != '"$@"' ] || command="$*"
	case "${command}" in
		return* | fail\ *) ;;
		*) echo "failed (exit status ${status}): ${command}" ;;
	esac
}

fail() {
	echo "$*"
	return 1
}

# check WHAT COMMAND…: runs COMMAND in a subshell that stops at its first failing command;
# prints PASS or FAIL with the output indented (after a PASS too when FLEET_TEST_VERBOSE=1).
check() {
	local what=$1 status
	shift
	set +e
	(
		set -eE
		trap 'on_error $? "${BASH_COMMAND}" "$@"' ERR
		"$@"
	) < /dev/null > "${work}/check.log" 2>&1
	status=$?
	set -e
	if [ "${status}" -eq 0 ]; then
		echo "PASS: ${what}"
		if [ "${FLEET_TEST_VERBOSE:-}" = "1" ]; then
			sed 's/^/    /' "${work}/check.log"
		fi
		passed=$((passed + 1))
		last_passed=true
	else
		echo "FAIL: ${what}"
		sed 's/^/    /' "${work}/check.log"
		failed=$((failed + 1))
		last_passed=false
	fi
}

# check_after WHAT COMMAND…: check, when the check before passed; a SKIP otherwise.
check_after() {
	if ${last_passed}; then
		check "$@"
	else
		skip "$1 (the step before failed)"
	fi
}

skip() {
	echo "SKIP: $*"
	skipped=$((skipped + 1))
}

# expect_output EXPECTED COMMAND…: COMMAND prints exactly EXPECTED on stdout.
expect_output() {
	local expected=$1 got
	shift
	got=$("$@")
	[ "${got}" = "${expected}" ] || fail "$* printed '${got}', expected '${expected}'"
}

has_tool() {
	[ -n "$(tsv_get tools.tsv name "$1" name)" ]
}

# interpreter_count EXPECTED [--installed]: manylinux-interpreters lists EXPECTED interpreters.
interpreter_count() {
	local expected=$1 got
	shift
	got=$(manylinux-interpreters list "$@" --format json | grep -c '"identifier"' || true)
	if [ "${got}" -ne "${expected}" ]; then
		manylinux-interpreters list "$@"
		fail "manylinux-interpreters list $*: ${got} interpreters, expected ${expected}"
	fi
}

# same_version PYTHON WRAPPER…: every wrapper prints exactly what PYTHON -VV prints.
same_version() {
	local python=$1 expected wrapper got
	shift
	expected=$("${python}" -VV)
	for wrapper in "$@"; do
		got=$("${wrapper}" -VV)
		[ "${got}" = "${expected}" ] || fail "${wrapper} -VV: '${got}'; ${python} -VV: '${expected}'"
	done
	echo "${expected}"
}

# build_demo PYTHON OUT WHEEL: `python -m build` turns the demo project into OUT/raw/WHEEL.
build_demo() {
	cp -r "${BUILD_DIR}/demo" "$2/src"
	"$1" -m build --wheel --no-isolation --outdir "$2/raw" "$2/src"
	[ -f "$2/raw/$3" ] || fail "built $(ls "$2/raw"), expected $3"
}

repair_demo() {
	auditwheel repair --only-plat -w "$1/fixed" "$1/raw/$2"
	ls "$1/fixed/"*"${AUDITWHEEL_POLICY}_${AUDITWHEEL_ARCH}"*.whl
}

pip_install_demo() {
	# The interpreter's own (locked) pip installs into the venv: a venv's bundled pip may be
	# older than the policy (CPython 3.9.2 bundles pip 20.2, which predates PEP 600 tags).
	"$1" -m venv --without-pip "$2/venv"
	"$1" -m pip --python "$2/venv/bin/python" install --no-index --quiet "$2/fixed/"*.whl
	expect_output 42 "$2/venv/bin/python" -c 'import fleet_demo; print(fleet_demo.answer())'
}

uv_install_demo() {
	uv venv --offline --python "$1" "$2/uv"
	uv pip install --offline --python "$2/uv/bin/python" --no-index "$2/fixed/"*.whl
	expect_output 42 "$2/uv/bin/python" -c 'import fleet_demo; print(fleet_demo.answer())'
}

# interpreter_checks TAG PYTHON: the checks of one installed interpreter.
interpreter_checks() {
	local tag=$1 python=$2 implementation="" python_version free_threaded suffix="" out="${work}/$1"
	IFS=$'\x1f' read -r implementation python_version free_threaded \
		< <(tsv_row interpreters.tsv tag "${tag}" implementation python_version free_threaded) || true
	if [ -z "${implementation}" ]; then
		check "${tag}: is an interpreter of this image" fail "${PYTHON_DIR}/${tag} has no row in interpreters.tsv"
		return 0
	fi
	[ "${free_threaded}" = "false" ] || suffix="t"
	mkdir -p "${out}"
	check "${tag}: suits ${AUDITWHEEL_POLICY}_${AUDITWHEEL_ARCH} (libc version, platform)" \
		"${python}" "${TESTS}/manylinux-check.py" "${AUDITWHEEL_POLICY}" "${AUDITWHEEL_ARCH}"
	if ${have_openssl}; then
		check "${tag}: checks TLS certificates (local servers, the image's CA bundle)" \
			env SSL_CERT_FILE="${CERTS_PEM}" "${python}" "${TESTS}/ssl-check.py"
	else
		skip "${tag}: TLS certificate checks (no openssl command to make the test certificates)"
	fi
	if [ "${implementation}" = "cpython" ]; then
		# HOME: idlelib writes its settings folder there when imported.
		check "${tag}: the whole standard library imports; SQLite FTS5; the libraries built from source, loaded from their prefix" \
			env HOME="${out}" "${python}" -Wignore "${TESTS}/modules-check.py" ${built[@]+"${built[@]}"}
		check "${tag}: python${python_version}${suffix} and cpython${python_version}${suffix} run it (same -VV)" \
			same_version "${python}" "${BIN_DIR}/python${python_version}${suffix}" "${BIN_DIR}/cpython${python_version}${suffix}"
	else
		check "${tag}: ${implementation}${python_version} runs it (same -VV)" \
			same_version "${python}" "${BIN_DIR}/${implementation}${python_version}"
	fi

	local raw="fleet_demo-1.0-${tag}-linux_${AUDITWHEEL_ARCH}.whl"
	check "${tag}: python -m build makes the demo wheel ${raw}" build_demo "${python}" "${out}" "${raw}"
	check_after "${tag}: auditwheel repairs it to ${AUDITWHEEL_POLICY}_${AUDITWHEEL_ARCH}" repair_demo "${out}" "${raw}"
	if ! ${last_passed}; then
		skip "${tag}: installs of the demo wheel (no repaired wheel)"
		return 0
	fi
	check "${tag}: pip installs the repaired wheel in a fresh venv, it imports" pip_install_demo "${python}" "${out}"
	if ! has_tool uv; then
		skip "${tag}: uv install (uv is not among this image's tools)"
	elif [ "${implementation}" = "graalpy" ]; then
		skip "${tag}: uv install (not run with GraalPy, as in pypa/manylinux)"
	else
		check "${tag}: uv venv + uv pip install --no-index, it imports" uv_install_demo "${python}" "${out}"
	fi
}

# static_libs_archived ARCHIVE: ARCHIVE holds the libpython*.a of every installed CPython and no
# static library is left beside them.
static_libs_archived() {
	local listing prefix left
	listing=$(tar -tJf "$1")
	while IFS=$'\x1f' read -r prefix; do
		echo "${listing}" | grep -q "^\./${prefix##*/}/lib/libpython[0-9.t]*\.a$" || fail "$1 has no libpython*.a of ${prefix}"
		left=$(find "${prefix}" -name '*.a')
		[ -z "${left}" ] || fail "static libraries left in ${prefix}: ${left}"
	done < <(tsv_rows interpreters.tsv implementation installed prefix | awk -F $'\x1f' '$1 == "cpython" && $2 == "true" { print $3 }')
	echo "${listing}"
}

# 1. Interpreter counts, from interpreters.tsv.
listed=$(tsv_rows interpreters.tsv tag | grep -c .)
installed=$(tsv_rows interpreters.tsv installed | grep -c '^true$' || true)
check "manylinux-interpreters lists the ${listed} interpreters of interpreters.tsv" interpreter_count "${listed}"
check "manylinux-interpreters lists ${installed} of them as installed" interpreter_count "${installed}" --installed
if [ "${FLEET_TEST_ENSURE_ALL:-}" = "1" ]; then
	check "manylinux-interpreters ensure-all" manylinux-interpreters ensure-all
	check_after "all ${listed} interpreters are installed after ensure-all" interpreter_count "${listed}" --installed
else
	skip "ensure-all (set FLEET_TEST_ENSURE_ALL=1; on-demand interpreters download from the internet)"
fi

# 2. Every installed interpreter. The libraries the image builds from source (sources.tsv) must
# be the ones the interpreters load: that version, from that prefix.
built=()
for pair in sqlite3:sqlite openssl:openssl tcl:tcl tk:tk zstd:zstd mpdecimal:mpdecimal; do
	IFS=$'\x1f' read -r version prefix < <(tsv_row sources.tsv name "${pair%%:*}" version prefix) || true
	if [ -n "${version:-}" ]; then
		built+=(--built "${pair#*:}=${version}@${prefix}")
	else
		skip "${pair#*:} from source (the distro's library: the image does not build ${pair%%:*})"
	fi
	version="" prefix=""
done
check "the openssl command is there (it makes the TLS test certificates)" command -v openssl
have_openssl=${last_passed}
tested=0
for python in "${PYTHON_DIR}"/*/bin/python; do
	[ -e "${python}" ] || continue
	interpreter_checks "$(basename "$(dirname "$(dirname "${python}")")")" "${python}"
	tested=$((tested + 1))
done
check "each installed interpreter was tested (${tested})" interpreter_count "${tested}" --installed

# 3. Tools.
version_of() {
	if [ "$1" = "swig" ]; then swig -version; else "$1" --version; fi
}
while IFS=$'\x1f' read -r name; do
	check "${name} reports its version" version_of "${name}"
done < <(tsv_rows tools.tsv name)
for name in autoconf automake libtoolize git cmake swig patchelf; do
	has_tool "${name}" || check "${name} reports its version" version_of "${name}"
done
check "git lfs version" git lfs version

# 4. The tools and libraries built from source (sources.tsv) are the ones the image runs.
# reports_version COMMAND VERSION: COMMAND --version prints VERSION (a Debian +dfsg suffix aside).
reports_version() {
	local said
	said=$($1 --version 2>&1 | head -n 1)
	echo "${said}"
	case " ${said} " in
		*" ${2%%+*} "* | *" ${2%%+*})"*) ;;
		*) fail "$1 reports '${said}', not ${2%%+*}" ;;
	esac
}
# runs_from FILE PREFIX LIBRARY: the dynamic loader resolves LIBRARY for FILE under PREFIX/lib.
runs_from() {
	local resolved
	resolved=$(ldd "$1" | awk -v lib="$3" '$1 ~ "^" lib { print $3 }')
	echo "$1: $3 => ${resolved:-not found}"
	case "${resolved}" in
		"$2"/lib/*) ;;
		*) fail "$1 loads $3 from '${resolved:-nowhere}', not from $2/lib" ;;
	esac
}
for tool in autoconf:autoconf automake:automake libtool:libtoolize git:git; do
	version=$(source_field "${tool%%:*}" version)
	if [ -z "${version}" ]; then
		skip "${tool#*:} from source (the image does not build ${tool%%:*})"
	elif [ "$(command -v "${tool#*:}")" != "$(source_field "${tool%%:*}" prefix)/bin/${tool#*:}" ]; then
		# autoconf and automake are built only where the distro's is older.
		check "${tool#*:}: the distro's is not older than ${version}" distro_not_older "${tool%%:*}" "${tool#*:}"
	else
		check "${tool#*:} --version is ${version}, the build's" reports_version "${tool#*:}" "${version}"
	fi
done
curl_prefix=$(source_field curl prefix)
if [ -n "${curl_prefix}" ]; then
	check "git's HTTPS transport links the libcurl built from source" runs_from "$(git --exec-path)/git-remote-https" "${curl_prefix}" libcurl.so.4
else
	skip "libcurl from source (the image does not build curl)"
fi
openssl_prefix=$(source_field openssl prefix)
if [ -n "${curl_prefix}" ] && [ -n "${openssl_prefix}" ]; then
	check "that libcurl links the OpenSSL built from source" runs_from "${curl_prefix}/lib/libcurl.so.4" "${openssl_prefix}" libssl.so.3
fi
libxcrypt_prefix=$(source_field libxcrypt prefix)
if [ -n "${libxcrypt_prefix}" ]; then
	check "libcrypt.so.2 from libxcrypt hashes a password (yescrypt)" \
		"${PYTHON_DIR}/$(tsv_rows interpreters.tsv tag implementation installed | awk -F $'\x1f' '$2 == "cpython" && $3 == "true" { print $1; exit }')/bin/python" \
		"${TESTS}/crypt-check.py" "${libxcrypt_prefix}/lib/libcrypt.so.2"
else
	skip "libxcrypt from source (the image does not build libxcrypt)"
fi
static_libs=$(fleet_value STATIC_LIBS_ARCHIVE)
check "libpython*.a of every CPython, for embedding, in ${static_libs}" static_libs_archived "${static_libs}"
check "tar is GNU tar" sh -c 'tar --version | grep "GNU tar"'
check "manylinux-interpreters --help" manylinux-interpreters --help

# pipx run, offline: the demo's console script from the wheel built for the tools' CPython.
tools_python=$(fleet_value TOOLS_PYTHON)
tools_tag=""
while IFS=$'\x1f' read -r tag implementation python_version free_threaded; do
	if [ "${implementation}" = "cpython" ] && [ "${python_version}" = "${tools_python}" ] && [ "${free_threaded}" = "false" ]; then
		tools_tag=${tag}
	fi
done < <(tsv_rows interpreters.tsv tag implementation python_version free_threaded)
if [ -z "${tools_tag}" ]; then
	check "pipx run of the demo" fail "image.env's TOOLS_PYTHON '${tools_python}' names no GIL CPython of interpreters.tsv"
elif ! compgen -G "${work}/${tools_tag}/fixed/*.whl" > /dev/null; then
	skip "pipx run of the demo (no repaired demo wheel for ${tools_tag}, the tools' Python: see its checks above)"
else
	# pipx hands `run` to `uv tool run` where uv is installed, which refuses --no-index in
	# --pip-args: the environment keeps either backend offline.
	check "pipx run --spec fleet-demo fleet-demo prints 42 (offline, ${tools_tag} wheel)" \
		expect_output 42 env PIP_NO_INDEX=1 UV_OFFLINE=1 \
		pipx run --pip-args="--find-links=${work}/${tools_tag}/fixed" --spec fleet-demo fleet-demo
fi

# 5. Shared libpython builds.
while IFS=$'\x1f' read -r python_version; do
	check "py${python_version}: shared libpython" \
		"${BIN_DIR}/py${python_version}" -c 'import sysconfig; assert sysconfig.get_config_var("Py_ENABLE_SHARED") == 1'
done < <(tsv_rows shared-cpython.tsv python_version)

# 6. Compilers, shell, autotools.
plain_x86_64() {
	local driver
	driver=$(echo | gcc -S -x c -v -o /dev/null - 2>&1)
	if echo "${driver}" | grep 'march=x86-64-v'; then
		fail "gcc targets a newer x86-64 level by default: wheels would not run on every x86-64 CPU"
	fi
}
if [ "$(fleet_value ARCH)" = "x86_64" ]; then
	check "gcc emits plain x86-64 code by default (no -march=x86-64-vN)" plain_x86_64
fi

glibcxx_assertions() {
	g++ -o "${work}/glibcxx-assertions" -x c++ -D_GLIBCXX_ASSERTIONS -fPIC -Wl,--as-needed "${TESTS}/glibcxx-assertions.cpp"
	expect_output 42 "${work}/glibcxx-assertions"
}
check "g++ -D_GLIBCXX_ASSERTIONS -Wl,--as-needed links and runs std::array code (pypa/manylinux#1760)" glibcxx_assertions

default_shell() {
	local expected=$1 root_shell
	root_shell=$(awk -F: '$1 == "root" { print $7 }' /etc/passwd)
	[ "${root_shell}" = "${expected}" ] || fail "root's shell in /etc/passwd is '${root_shell}'"
	grep -qx "SHELL=${expected}" /etc/default/useradd || fail "/etc/default/useradd does not set SHELL=${expected}"
	[ -z "${SHELL:-}" ] || [ "${SHELL}" = "${expected}" ] || fail "\$SHELL is '${SHELL}'"
}
shell=$(fleet_value DEFAULT_SHELL)
if [ -n "${shell}" ]; then
	check "the default shell is ${shell}" default_shell "${shell}"
else
	skip "default shell (image.env sets no DEFAULT_SHELL: the distro's default is kept)"
fi

autotools_project() {
	cp -r "${TESTS}/autotools" "${work}/autotools"
	cd "${work}/autotools"
	autoreconf -if
	./configure
	make
	expect_output 42 ./answer
}
check "autoreconf, configure and make build a libtool project" autotools_project
# A man link left dangling by a copied /usr/local tree breaks man page installs (pypa/manylinux#1060).
check "/usr/local/man is no dangling link" sh -c '[ ! -L /usr/local/man ] || [ -d /usr/local/man ]'

# 7. The SBOM's distro packages are those the package manager's command lists (write-sbom.py
# reads dpkg's and apk's databases itself; for rpm both sides ask rpm): `name version arch`.
installed_packages() {
	case "$(fleet_value PACKAGE_MANAGER)" in
		apt) dpkg-query -W -f '${db:Status-Status} ${Package} ${Version} ${Architecture}\n' | awk '$1 ~ /^(installed|triggers-pending|triggers-awaited)$/ { print $2, $3, $4 }' ;;
		dnf | yum) rpm -qa --queryformat '%{NAME} %{EPOCH}:%{VERSION}-%{RELEASE} %{ARCH}\n' | sed 's/ (none):/ /; s/ (none)$/ -/' ;;
		apk) apk list --installed | awk '{ n = split($1, p, "-"); name = p[1]; for (i = 2; i <= n - 2; i++) name = name "-" p[i]; print name, p[n - 1] "-" p[n], $2 }' ;;
	esac
}
sbom_lists_installed_packages() {
	"${TOOLS_VENV}/bin/python" "${BUILD_DIR}/write-sbom.py" --list | sort > "${work}/sbom-packages"
	installed_packages | sort > "${work}/installed-packages"
	[ -s "${work}/installed-packages" ] || fail "the package manager lists no package"
	diff "${work}/sbom-packages" "${work}/installed-packages" || fail "the SBOM and the package manager differ (< SBOM, > installed)"
	echo "$(wc -l < "${work}/installed-packages") distro packages"
}
check "the SBOM ($(fleet_value SBOM)) lists every distro package installed, and only those" sbom_lists_installed_packages

echo "${passed} checks passed, ${failed} failed, ${skipped} skipped"
if [ "${failed}" -gt 0 ]; then
	exit 1
fi
echo "all in-image checks passed"
