#!/usr/bin/env python3
"""write-sbom.py: completes the image's SPDX 2.3 document and writes it where image.env's SBOM says.

    write-sbom.py            write the document (the last step of a build)
    write-sbom.py --list     print the distro packages of the written document, `name version arch`

The fleet renders the document from its data (constructs/image/sbom.ts) into the build folder
as the template image.env's SBOM_TEMPLATE names. This script fills in what only the build
knows: the image's name, the document's namespace and the image's version (build arguments
FLEET_SBOM_NAME, FLEET_SBOM_NAMESPACE and FLEET_SBOM_VERSION, which depend on the spec hash) and
the time, and adds every distro package installed, each with a purl and the source package it
was built from: read from dpkg's status file, apk's installed database, or `rpm -qa` (the rpm
database has no other reader). A derived image runs it again: the distro packages are read anew.
"""
import json
import os
import re
import subprocess
import sys
import urllib.parse
from datetime import datetime, timezone

# The build folder: beside this script (FLEET_BUILD_DIR moves it, for tests).
BUILD_DIR = os.environ.get("FLEET_BUILD_DIR", os.path.dirname(os.path.abspath(__file__)))


def die(message):
    sys.stderr.write(f"write-sbom.py: {message}\n")
    sys.exit(1)


def image_env():
    """image.env's KEY=value lines."""
    with open(os.path.join(BUILD_DIR, "image.env"), encoding="utf-8") as handle:
        return dict(line.rstrip("\n").split("=", 1) for line in handle if "=" in line)


def os_release():
    """/etc/os-release's ID and VERSION_ID (the purl namespace and distro qualifier)."""
    values = {}
    with open("/etc/os-release", encoding="utf-8") as handle:
        for line in handle:
            key, _, value = line.strip().partition("=")
            values[key] = value.strip('"')
    return values.get("ID", "unknown"), values.get("VERSION_ID", "")


def stanzas(path):
    """The blank-line separated records of a dpkg status or apk installed database, as lists of lines."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        return [block.split("\n") for block in handle.read().split("\n\n") if block.strip()]


# dpkg states in which a package's files are on disk and configured (or being triggered).
DPKG_INSTALLED = ("installed", "triggers-pending", "triggers-awaited")


def dpkg_packages():
    """(name, version, arch, source) of every package dpkg lists as installed."""
    packages = []
    for lines in stanzas("/var/lib/dpkg/status"):
        fields = dict(line.split(": ", 1) for line in lines if ": " in line and not line.startswith(" "))
        if fields.get("Status", "").split(" ")[-1] not in DPKG_INSTALLED:
            continue
        name, version = fields["Package"], fields["Version"]
        # Source: NAME or NAME (VERSION); without it the source is the package itself.
        source = fields.get("Source", name)
        match = re.fullmatch(r"(\S+) \((\S+)\)", source)
        source = f"{match.group(1)} {match.group(2)}" if match else f"{source} {version}"
        packages.append((name, version, fields["Architecture"], source))
    return packages


def rpm_packages():
    """(name, [epoch:]version-release, arch, source rpm) of every package rpm lists."""
    query = "%{NAME}\\t%{EPOCH}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{SOURCERPM}\\n"
    output = subprocess.run(["rpm", "-qa", "--queryformat", query], check=True, capture_output=True, text=True).stdout
    packages = []
    for line in output.splitlines():
        name, epoch, version, release, arch, source = line.split("\t")
        full = f"{version}-{release}" if epoch == "(none)" else f"{epoch}:{version}-{release}"
        packages.append((name, full, "" if arch == "(none)" else arch, "" if source == "(none)" else source))
    return packages


def apk_packages():
    """(name, version, arch, origin) of every package apk's installed database lists."""
    packages = []
    for lines in stanzas("/lib/apk/db/installed"):
        fields = {line[0]: line[2:] for line in lines if len(line) > 2 and line[1] == ":"}
        if "P" in fields:
            packages.append((fields["P"], fields["V"], fields.get("A", ""), fields.get("o", fields["P"])))
    return packages


INVENTORY = {"apt": ("deb", dpkg_packages), "dnf": ("rpm", rpm_packages), "yum": ("rpm", rpm_packages), "apk": ("apk", apk_packages)}


def purl(kind, distro, distro_version, name, version, arch):
    """The package URL (github.com/package-url/purl-spec): pkg:deb|rpm|apk/<distro>/<name>@<version>?arch=…&distro=…."""
    quote = lambda value: urllib.parse.quote(value, safe=".-_~")  # noqa: E731
    qualifiers = {"distro": f"{distro}-{distro_version}"}
    if arch:
        qualifiers["arch"] = arch
    if kind == "rpm" and ":" in version:
        qualifiers["epoch"], version = version.split(":", 1)
    # Canonical form: qualifiers sorted by key.
    query = "&".join(f"{key}={quote(qualifiers[key])}" for key in sorted(qualifiers))
    return f"pkg:{kind}/{quote(distro)}/{quote(name)}@{quote(version)}?{query}"


def distro_packages(package_manager, prefix):
    """SPDX packages (ids starting with PREFIX) for every distro package installed, sorted by name, version and arch."""
    if package_manager not in INVENTORY:
        die(f"package manager {package_manager!r} has no inventory (allowed: {', '.join(sorted(INVENTORY))})")
    kind, read = INVENTORY[package_manager]
    distro, distro_version = os_release()
    packages, ids = [], set()
    for name, version, arch, source in sorted(set(read())):
        spdx_id = prefix + re.sub(r"[^A-Za-z0-9.-]", "-", f"{name}-{version}-{arch}")
        while spdx_id in ids:  # two names may sanitize alike
            spdx_id += "-x"
        ids.add(spdx_id)
        package = {
            "SPDXID": spdx_id, "name": name, "versionInfo": version, "downloadLocation": "NOASSERTION",
            "filesAnalyzed": False,
            "externalRefs": [{
                "referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                "referenceLocator": purl(kind, distro, distro_version, name, version, arch),
            }],
        }
        if source:
            package["sourceInfo"] = f"built from the {distro} source package {source}"
        packages.append(package)
    return packages


def list_packages(env):
    """`name version arch` of each distro package of the written document (`-`: no arch)."""
    with open(env["SBOM"], encoding="utf-8") as handle:
        document = json.load(handle)
    for package in document["packages"]:
        if package["SPDXID"].startswith(env["SBOM_DISTRO_PREFIX"]):
            query = urllib.parse.parse_qs(package["externalRefs"][0]["referenceLocator"].split("?", 1)[1])
            print(package["name"], package["versionInfo"], query.get("arch", ["-"])[0])


def main():
    env = image_env()
    if sys.argv[1:] == ["--list"]:
        list_packages(env)
        return
    if sys.argv[1:]:
        die(f"unknown arguments {' '.join(sys.argv[1:])!r} (usage: write-sbom.py [--list])")
    args = {key: os.environ.get(key, "") for key in ("FLEET_SBOM_NAME", "FLEET_SBOM_NAMESPACE", "FLEET_SBOM_VERSION")}
    if not all(args.values()):
        die("FLEET_SBOM_NAME, FLEET_SBOM_NAMESPACE and FLEET_SBOM_VERSION must be set (the image stack passes them as build arguments)")
    with open(os.path.join(BUILD_DIR, env["SBOM_TEMPLATE"]), encoding="utf-8") as handle:
        document = json.load(handle)
    document["name"] = args["FLEET_SBOM_NAME"]
    document["documentNamespace"] = args["FLEET_SBOM_NAMESPACE"]
    document["creationInfo"]["created"] = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    image = next(p for p in document["packages"] if p["SPDXID"] == "SPDXRef-Image")
    image["name"], image["versionInfo"] = args["FLEET_SBOM_NAME"], args["FLEET_SBOM_VERSION"]
    installed = distro_packages(env["PACKAGE_MANAGER"], env["SBOM_DISTRO_PREFIX"])
    document["packages"].extend(installed)
    document["relationships"].extend(
        {"spdxElementId": "SPDXRef-Image", "relationshipType": "CONTAINS", "relatedSpdxElement": p["SPDXID"]} for p in installed
    )
    with open(env["SBOM"], "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=2)
        handle.write("\n")
    print(f"write-sbom.py: {env['SBOM']}: {len(document['packages'])} packages, {len(installed)} of them from {env['PACKAGE_MANAGER']}")


if __name__ == "__main__":
    main()
