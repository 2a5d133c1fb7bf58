#!/bin/bash
# Shared by the cross stages' scripts and cpython-lib.sh (constructs/image/cross-stages.ts). Sourced
# after lib.sh, never run.

# cross_value KEY: the value of KEY in cross.env, the cross stages' settings (cross-stages.ts);
# only images whose CPythons are cross-compiled have the file.
cross_value() {
	[ -f "${BUILD_DIR}/cross.env" ] || die "no cross.env: this stage is not a cross stage"
	sed -n "s/^$1=//p" "${BUILD_DIR}/cross.env"
}

# is_cross: true in a cross stage (on the build machine, compiling for the image's arch).
is_cross() {
	[ -f "${BUILD_DIR}/cross.env" ]
}

# host_python_prefix VERSION: where the build machine's CPython VERSION is (build-host-python.sh
# installs it there, a cross build runs it; constructs/image/layout.ts hostPythonPrefix).
host_python_prefix() {
	echo "$(cross_value HOST_PYTHON_DIR)-$1"
}
