#!/bin/bash
# install-python-packaging.sh PREFIX: pip, build and packaging for the interpreter in PREFIX,
# from its Python minor's lock file (sha256 of every wheel, wheels only), and a `pip` command.
# Run by finalize.sh for every CPython and by manylinux-interpreters for on-demand interpreters.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

prefix=$1
python="${prefix}/bin/python"
if [ ! -e "${python}" ] && [ -e "${prefix}/bin/python3" ]; then
	ln -s python3 "${python}"
fi
[ -x "${python}" ] || die "${prefix}: no bin/python"
read -r minor implementation < <("${python}" -c 'import sys; print("%d.%d" % sys.version_info[:2], sys.implementation.name)')
lock="${BUILD_DIR}/$(fleet_value PYTHON_LOCKS)/${minor}.txt"
[ -f "${lock}" ] || die "${prefix}: no lock file for Python ${minor} (${lock})"

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore PIP_NO_CACHE_DIR=1 PIP_NO_WARN_SCRIPT_LOCATION=0
# Build time trusts the build CA bundle; at run time the image's SSL_CERT_FILE applies.
export PIP_CERT=${PIP_CERT:-${SSL_CERT_FILE:-$(build_ca_bundle)}}

# The interpreter's bundled pip bootstraps (its tarball was sha256-checked); CPython < 3.12's
# ensurepip also brings setuptools, which is not ours to pin: it goes again.
"${python}" -m ensurepip --default-pip > /dev/null
if [ "${implementation}" = "cpython" ] && "${python}" -m pip show -q setuptools > /dev/null 2>&1; then
	"${python}" -m pip uninstall -y -q setuptools
fi
"${python}" -m pip install -q --upgrade --require-hashes --only-binary :all: -r "${lock}"
if [ ! -e "${prefix}/bin/pip" ] && [ -e "${prefix}/bin/pip3" ]; then
	ln -s pip3 "${prefix}/bin/pip"
fi
log "${prefix}: $("${python}" -m pip --version | cut -d' ' -f1-2) and the rest of ${lock#"${BUILD_DIR}/"}"
