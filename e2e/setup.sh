#!/usr/bin/env bash
# Sets up what the end-to-end suite needs, idempotently (work already done is skipped):
# Debian packages, a Docker engine and a registry on loopback (PIDs recorded), Debian base
# images made with debootstrap and pushed to that registry, Terraform (or OpenTofu built from its Go module), and the
# kreuzwerker/docker and integrations/github providers built from their Go modules into a
# filesystem mirror that a generated CLI config points Terraform at, and cibuildwheel in a venv.
set -euo pipefail
cd "$(dirname "$0")/.."
STATE="${PWD}/.e2e"
mkdir -p "${STATE}/pids" "${STATE}/logs"
DOCKER=/usr/bin/docker # Debian's client; another docker CLI may come first on PATH

# Providers: integrations/github v6.9.0 and kreuzwerker/docker v3.6.2 (what the prebuilt cdktf
# bindings target) are refused by the Go module proxy this machine reaches; these are the
# versions it serves. The suite overrides required_providers to them, and says so.
DOCKER_PROVIDER_MODULE=github.com/kreuzwerker/terraform-provider-docker
DOCKER_PROVIDER_VERSION=0.0.0-20260916201441-96d331c98ff4 # master after v4.6.0; its go.mod names terraform-providers/…
GITHUB_PROVIDER_MODULE=github.com/integrations/terraform-provider-github/v6
GITHUB_PROVIDER_VERSION=6.6.0
# cibuildwheel runs on the host against an image the suite built (__tests__/e2e/cibuildwheel.ts).
# The PyPI JSON API (https://pypi.org/pypi/cibuildwheel/json) gave 4.3.5 as the current release on
# 2026-11-21, but 4.3.5 and 4.3.4 require certifi>=2026.10.19, which PyPI does not serve (newest:
# 2026.10.18), so pip cannot install them; 4.3.3 (2026-10-21) is the newest release that installs.
# It needs Python >= 3.11 (its Requires-Python).
CIBUILDWHEEL_VERSION=4.3.3
# The SBOMs synth writes are validated with spdx-tools' pyspdxtools: 0.8.5 is the current release the
# PyPI JSON API (https://pypi.org/pypi/spdx-tools/json) gave on 2026-11-22 (Requires-Python >= 3.10).
SPDX_TOOLS_VERSION=0.8.5

step() { echo "== e2e setup: $*"; }

# qemu-user-static: the armv7l image's own steps (and its base's debootstrap second stage) run
# through QEMU's user-mode emulators, registered with binfmt_misc with the F flag (a container
# needs no emulator inside); the package registers them on install, with binfmt_misc mounted.
packages=(docker.io docker-registry debootstrap shellcheck curl qemu-user-static binfmt-support)
if [ ! -e /proc/sys/fs/binfmt_misc/status ]; then
	step "mounting binfmt_misc"
	mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
fi
missing=()
for package in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "${package}" 2>/dev/null | grep -q "ok installed" || missing+=("${package}")
done
if [ "${#missing[@]}" -gt 0 ]; then
	step "installing ${missing[*]}"
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# start_daemon NAME COMMAND…: starts COMMAND in the background unless its recorded PID runs.
start_daemon() {
	local name=$1 pidfile="${STATE}/pids/$1.pid"
	shift
	if [ -f "${pidfile}" ] && kill -0 "$(cat "${pidfile}")" 2>/dev/null; then
		return 0
	fi
	rm -f "${pidfile}"
	step "starting ${name}"
	nohup "$@" > "${STATE}/logs/${name}.log" 2>&1 &
	echo $! > "${pidfile}"
}

if ! "${DOCKER}" info > /dev/null 2>&1; then
	start_daemon dockerd dockerd
	for _ in $(seq 60); do "${DOCKER}" info > /dev/null 2>&1 && break; sleep 1; done
	"${DOCKER}" info > /dev/null 2>&1 || { tail -n 30 "${STATE}/logs/dockerd.log"; echo "dockerd did not start"; exit 1; }
fi

mkdir -p "${STATE}/registry/data"
cat > "${STATE}/registry/config.yml" <<YAML
version: 0.1
storage:
  filesystem:
    rootdirectory: ${STATE}/registry/data
  delete:
    enabled: false
http:
  addr: 127.0.0.1:5000
YAML
if ! curl -sf http://127.0.0.1:5000/v2/ > /dev/null; then
	rm -rf "${STATE}/registry/data" # each run starts with an empty registry
	mkdir -p "${STATE}/registry/data"
	start_daemon registry docker-registry serve "${STATE}/registry/config.yml"
	for _ in $(seq 30); do curl -sf http://127.0.0.1:5000/v2/ > /dev/null && break; sleep 1; done
	curl -sf http://127.0.0.1:5000/v2/ > /dev/null || { tail -n 30 "${STATE}/logs/registry.log"; echo "registry did not start"; exit 1; }
fi

terraform_bin=$(command -v terraform || true)
binary_name=terraform
if [ -z "${terraform_bin}" ]; then
	terraform_bin="${STATE}/go/bin/tofu"
	binary_name=tofu
	if [ ! -x "${terraform_bin}" ]; then
		step "building OpenTofu"
		GOBIN="${STATE}/go/bin" go install github.com/opentofu/opentofu/cmd/tofu@v1.10.6
	fi
fi
registry_host=registry.terraform.io
[ "${binary_name}" = "tofu" ] && registry_host=registry.opentofu.org

# build_provider TYPE MODULE VERSION [DECLARED MODULE PATH]
build_provider() {
	local type=$1 module=$2 version=$3 declared=${4:-}
	local namespace
	namespace=$([ "${type}" = docker ] && echo kreuzwerker || echo integrations)
	local dir="${STATE}/providers/${registry_host}/${namespace}/${type}/${version}/linux_amd64"
	local binary="${dir}/terraform-provider-${type}_v${version}"
	[ -x "${binary}" ] && return 0
	step "building the ${type} provider ${version} from ${module}"
	local work="${STATE}/go/${type}"
	rm -rf "${work}"
	mkdir -p "${work}" "${dir}"
	local path=${declared:-${module}}
	{
		echo "module fleet.e2e/${type}"
		echo
		echo "go 1.24"
		echo
		echo "require ${path} v${version}"
		if [ -n "${declared}" ]; then
			# The module declares another path than the repository it is served from.
			echo "replace ${declared} => ${module} v${version}"
		fi
	} > "${work}/go.mod"
	printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "${path}" > "${work}/tools.go"
	# The checksum database this machine reaches has no entry for the github provider's module.
	(cd "${work}" && export GOFLAGS=-mod=mod GONOSUMDB=github.com/integrations/terraform-provider-github \
		&& go mod tidy > "${STATE}/logs/go-${type}.log" 2>&1 && go build -o "${binary}" "${path}" >> "${STATE}/logs/go-${type}.log" 2>&1) \
		|| { tail -n 20 "${STATE}/logs/go-${type}.log"; echo "building the ${type} provider failed"; exit 1; }
}
# The provider builds (CPU) run in the background while debootstrap makes the bases (network, disk).
build_provider docker "${DOCKER_PROVIDER_MODULE}" "${DOCKER_PROVIDER_VERSION}" github.com/terraform-providers/terraform-provider-docker &
docker_provider_build=$!
build_provider github "${GITHUB_PROVIDER_MODULE}" "${GITHUB_PROVIDER_VERSION}" &
github_provider_build=$!

mirror=$(sed -n 's/^URIs: //p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
mirror=${mirror:-http://deb.debian.org/debian}
mkdir -p "${STATE}/bases"
# The bases: suite, Debian architecture, Docker platform, image (e2e/fleet.ts names the same
# images; a foreign architecture's is named as Docker Hub names its per-architecture official
# images, `arm32v7/debian`, here `armhf/debian`).
BASES=(
	"bookworm amd64 linux/amd64 fleet-e2e/debian:bookworm"
	"bullseye amd64 linux/amd64 fleet-e2e/debian:bullseye"
	"bullseye armhf linux/arm/v7 fleet-e2e/armhf/debian:bullseye"
)
# Registered on install; after a reboot (binfmt_misc mounted again, empty), register again.
[ -e /proc/sys/fs/binfmt_misc/qemu-arm ] || update-binfmts --enable qemu-arm
# make_base SUITE ARCH: a minbase root made with debootstrap, kept as a tar: the suite empties
# the engine, a later run imports it again.
make_base() {
	local suite=$1 arch=$2 archive="${STATE}/bases/$1-$2.tar" root="${STATE}/bases/$1-$2"
	[ -f "${archive}" ] && return 0
	step "making the ${arch} root of ${suite} with debootstrap from ${mirror}"
	rm -rf "${root}"
	mkdir -p "${root}"
	debootstrap --arch="${arch}" --variant=minbase "${suite}" "${root}" "${mirror}" > "${STATE}/logs/debootstrap-${suite}-${arch}.log" 2>&1 \
		|| { tail -n 20 "${STATE}/logs/debootstrap-${suite}-${arch}.log"; echo "debootstrap ${suite} ${arch} failed"; exit 1; }
	tar -C "${root}" -cf "${archive}.part" . && mv "${archive}.part" "${archive}"
	rm -rf "${root}"
}
# The roots are made side by side (mostly downloads and unpacking).
base_builds=()
for entry in "${BASES[@]}"; do
	read -r suite arch _ image <<< "${entry}"
	if ! "${DOCKER}" image inspect "${image}" > /dev/null 2>&1; then
		make_base "${suite}" "${arch}" &
		base_builds+=($!)
	fi
done
failed=0
for pid in "${base_builds[@]}"; do
	wait "${pid}" || failed=1 # every root finishes (or fails) before setup goes on or stops
done
[ "${failed}" -eq 0 ] || exit 1
for entry in "${BASES[@]}"; do
	read -r suite arch platform image <<< "${entry}"
	if ! "${DOCKER}" image inspect "${image}" > /dev/null 2>&1; then
		# Through BuildKit, FROM scratch: unlike `docker import` (which records the engine's own
		# architecture), the image's config records the root's platform, as a pulled base's does.
		context="${STATE}/bases/context-${suite}-${arch}"
		rm -rf "${context}"
		mkdir -p "${context}"
		ln "${STATE}/bases/${suite}-${arch}.tar" "${context}/root.tar"
		printf 'FROM scratch\nADD root.tar /\nCMD ["bash"]\n' > "${context}/Dockerfile"
		DOCKER_BUILDKIT=1 "${DOCKER}" build -q --platform "${platform}" -t "${image}" "${context}" > /dev/null
		rm -rf "${context}"
	fi
	# The e2e fleet builds FROM the registry's copy, so an emptied engine pulls its base back as
	# a CI runner does.
	"${DOCKER}" tag "${image}" "127.0.0.1:5000/${image}"
	"${DOCKER}" push "127.0.0.1:5000/${image}" > /dev/null
done

failed=0
wait "${docker_provider_build}" || failed=1
wait "${github_provider_build}" || failed=1
[ "${failed}" -eq 0 ] || exit 1

# venv_tool NAME VERSION VENV: NAME==VERSION from PyPI in a venv of its own, made with the host's
# python3; pip runs again only when the pinned version is not the installed one, and a venv whose
# interpreter is gone is made again.
venv_tool() {
	local name=$1 version=$2 venv=$3 installed
	installed=$("${venv}/bin/python" -c "import importlib.metadata as m; print(m.version('${name}'))" 2>/dev/null || true)
	[ "${installed}" = "${version}" ] && return 0
	step "installing ${name} ${version} into ${venv}"
	if [ ! -x "${venv}/bin/python" ]; then
		rm -rf "${venv}"
		python3 -m venv "${venv}"
	fi
	"${venv}/bin/python" -m pip install --disable-pip-version-check "${name}==${version}" > "${STATE}/logs/${name}-venv.log" 2>&1 \
		|| { tail -n 20 "${STATE}/logs/${name}-venv.log"; echo "installing ${name} ${version} failed"; exit 1; }
}
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	|| { echo "cibuildwheel ${CIBUILDWHEEL_VERSION} needs Python >= 3.11; $(command -v python3) is $(python3 -V 2>&1)"; exit 1; }
CIBUILDWHEEL_VENV="${STATE}/cibuildwheel-venv"
venv_tool cibuildwheel "${CIBUILDWHEEL_VERSION}" "${CIBUILDWHEEL_VENV}"
SPDX_VENV="${STATE}/spdx-venv"
venv_tool spdx-tools "${SPDX_TOOLS_VERSION}" "${SPDX_VENV}"

cat > "${STATE}/terraformrc" <<HCL
provider_installation {
  filesystem_mirror {
    path    = "${STATE}/providers"
    include = ["*/*/*"]
  }
  direct {
    exclude = ["*/*/*"]
  }
}
plugin_cache_dir = "${STATE}/plugin-cache"
HCL
mkdir -p "${STATE}/plugin-cache"

cat > "${STATE}/environment.json" <<JSON
{
  "terraform": "${terraform_bin}",
  "terraformBinaryName": "${binary_name}",
  "cliConfigFile": "${STATE}/terraformrc",
  "docker": "${DOCKER}",
  "registry": "127.0.0.1:5000",
  "cibuildwheel": "${CIBUILDWHEEL_VENV}/bin/cibuildwheel",
  "pyspdxtools": "${SPDX_VENV}/bin/pyspdxtools",
  "providers": {
    "docker": { "source": "kreuzwerker/docker", "version": "${DOCKER_PROVIDER_VERSION}", "module": "${DOCKER_PROVIDER_MODULE}" },
    "github": { "source": "integrations/github", "version": "${GITHUB_PROVIDER_VERSION}", "module": "${GITHUB_PROVIDER_MODULE}" }
  }
}
JSON
step "ready ($(TF_CLI_CONFIG_FILE="${STATE}/terraformrc" "${terraform_bin}" version | head -n 1))"
