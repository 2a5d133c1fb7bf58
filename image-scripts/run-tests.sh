#!/bin/bash
# The in-image tests, run after every build: interpreter counts from the fleet data, stdlib
# extension modules and wrappers of every CPython, a C-extension wheel built, repaired by
# auditwheel for the image's policy, installed and imported with each CPython, every tool.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

failures=0
check() {
	local what=$1
	shift
	if "$@" > /tmp/fleet-check.log 2>&1; then
		echo "ok: ${what}"
	else
		echo "FAILED: ${what}"
		sed 's/^/    /' /tmp/fleet-check.log
		failures=$((failures + 1))
	fi
}

expect_count() {
	local actual=$1 expected=$2
	[ "${actual}" -eq "${expected}" ] || { echo "got ${actual}, expected ${expected}"; return 1; }
}

expected_listed=$(tsv_rows interpreters.tsv tag | grep -c .)
expected_installed=$(tsv_rows interpreters.tsv installed | grep -c '^true$' || true)
listed=$(manylinux-interpreters list --format json | grep -c '"identifier"')
installed=$(manylinux-interpreters list --installed --format json | grep -c '"identifier"' || true)
check "manylinux-interpreters lists ${expected_listed} interpreters" expect_count "${listed}" "${expected_listed}"
check "${expected_installed} interpreters are installed" expect_count "${installed}" "${expected_installed}"

wheelhouse=$(mktemp -d)
while IFS=$'\x1f' read -r tag implementation python_version free_threaded installed; do
	if [ "${implementation}" != "cpython" ] || [ "${installed}" != "true" ]; then
		continue
	fi
	python="${PYTHON_DIR}/${tag}/bin/python"
	suffix=""
	[ "${free_threaded}" = "false" ] || suffix="t"
	check "${tag}: stdlib extension modules" "${python}" "${BUILD_DIR}/modules-check.py"
	check "${tag}: python${python_version}${suffix} and cpython${python_version}${suffix} wrappers" \
		sh -c "python${python_version}${suffix} -c 'import sys; assert sys.executable' && cpython${python_version}${suffix} -V"
	out="${wheelhouse}/${tag}"
	check "${tag}: builds the demo C extension into a wheel" \
		"${python}" -m pip wheel --no-deps --no-build-isolation --no-index -w "${out}/raw" "${BUILD_DIR}/demo"
	check "${tag}: auditwheel repairs it to ${AUDITWHEEL_PLAT}" \
		sh -c "auditwheel repair --plat '${AUDITWHEEL_PLAT}' -w '${out}/fixed' '${out}'/raw/*.whl && ls '${out}'/fixed/*'${AUDITWHEEL_PLAT}'*.whl"
	check "${tag}: the repaired wheel installs and imports in a fresh venv" \
		sh -c "'${python}' -m venv '${out}/venv' && '${out}/venv/bin/python' -m pip install --no-index -q '${out}'/fixed/*.whl && '${out}/venv/bin/python' -c 'import fleet_demo; assert fleet_demo.answer() == 42'"
done < <(tsv_rows interpreters.tsv tag implementation python_version free_threaded installed)

while IFS=$'\x1f' read -r name; do
	check "${name} --version" "${name}" --version
done < <(tsv_rows tools.tsv name)
check "git --version" git --version
check "manylinux-interpreters --help" manylinux-interpreters --help

while IFS=$'\x1f' read -r python_version; do
	check "py${python_version}: shared libpython" sh -c "py${python_version} -c 'import sysconfig; assert sysconfig.get_config_var(\"Py_ENABLE_SHARED\") == 1'"
done < <(tsv_rows shared-cpython.tsv python_version)

if [ "$(fleet_value GCC_WRAPPER)" = "true" ]; then
	check "gcc emits plain x86-64 code by default" sh -c "! gcc -Q --help=target | grep -Eq -- '-march=[[:space:]]*x86-64-v'"
fi

rm -rf "${wheelhouse}"
if [ "${failures}" -gt 0 ]; then
	echo "${failures} in-image checks failed"
	exit 1
fi
echo "all in-image checks passed"
