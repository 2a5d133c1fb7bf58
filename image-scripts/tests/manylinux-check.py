"""manylinux-check.py POLICY ARCH: checks that the running interpreter suits the image's policy.

A manylinux policy promises a glibc version, a musllinux policy a musl version: the
interpreter must run on that libc, at that version or newer, and report the image's arch as
its platform (what wheel tags and auditwheel derive from).
"""
import ctypes
import glob
import os
import re
import struct
import subprocess
import sys
import sysconfig

# Policies named before PEP 600, by the glibc version they stand for.
LEGACY_GLIBC = {"manylinux1": (2, 5), "manylinux2010": (2, 12), "manylinux2014": (2, 17)}
THIRTY_TWO_BIT = {"i686", "armv7l"}


def promised_libc(policy):
    """('glibc' or 'musl', (major, minor)) for a policy name."""
    if policy in LEGACY_GLIBC:
        return "glibc", LEGACY_GLIBC[policy]
    match = re.fullmatch(r"(manylinux|musllinux)_(\d+)_(\d+)", policy)
    if not match:
        raise SystemExit(f"manylinux-check: unknown policy {policy!r} (expected manylinux_X_Y, musllinux_X_Y or a legacy alias)")
    family = "glibc" if match.group(1) == "manylinux" else "musl"
    return family, (int(match.group(2)), int(match.group(3)))


def running_glibc():
    """The glibc version this process runs on, or None when it is not glibc."""
    text = None
    try:
        text = os.confstr("CS_GNU_LIBC_VERSION")  # "glibc 2.28"
    except (AttributeError, ValueError, OSError):
        pass
    if text and text.startswith("glibc "):
        text = text.split(" ", 1)[1]
    else:
        try:  # interpreters without that confstr name still reach glibc through ctypes
            getter = ctypes.CDLL(None).gnu_get_libc_version
            getter.restype = ctypes.c_char_p
            text = getter().decode("ascii")
        except (AttributeError, OSError):
            return None
    return tuple(int(part) for part in text.split(".")[:2])


def running_musl():
    """(loader path, version) of the musl dynamic loader, or None when there is none."""
    for loader in sorted(glob.glob("/lib/ld-musl-*.so.1")):
        # Run with no arguments, the loader prints its version on stderr and exits non-zero.
        output = subprocess.run([loader], stdout=subprocess.PIPE, stderr=subprocess.PIPE).stderr.decode()
        match = re.search(r"^Version (\d+)\.(\d+)", output, re.MULTILINE)
        if match:
            return loader, (int(match.group(1)), int(match.group(2)))
    return None


def main(policy, arch):
    problems = []
    family, promised = promised_libc(policy)
    wanted = ".".join(map(str, promised))
    glibc = running_glibc()
    if family == "glibc":
        if glibc is None:
            problems.append(f"{policy} needs glibc >= {wanted}, but this interpreter does not run on glibc")
        elif glibc < promised:
            problems.append(f"glibc {'.'.join(map(str, glibc))} is older than {wanted}, the version {policy} stands for")
        else:
            print(f"glibc {'.'.join(map(str, glibc))} (>= {wanted} for {policy})")
    else:
        musl = running_musl()
        if glibc is not None:
            problems.append(f"{policy} is a musl policy, but this interpreter runs on glibc {'.'.join(map(str, glibc))}")
        if musl is None:
            problems.append(f"{policy} needs musl >= {wanted}, but no musl loader (/lib/ld-musl-*.so.1) reports a version")
        elif musl[1] < promised:
            problems.append(f"musl {'.'.join(map(str, musl[1]))} ({musl[0]}) is older than {wanted}, the version {policy} stands for")
        else:
            print(f"musl {'.'.join(map(str, musl[1]))} from {musl[0]} (>= {wanted} for {policy})")

    platform = sysconfig.get_platform()
    if platform != f"linux-{arch}":
        problems.append(f"sysconfig.get_platform() is {platform!r}, expected 'linux-{arch}'")
    bits = struct.calcsize("P") * 8
    if bits != (32 if arch in THIRTY_TWO_BIT else 64):
        problems.append(f"the interpreter is {bits}-bit, which does not fit arch {arch}")

    for problem in problems:
        print(f"wrong: {problem}")
    if problems:
        return 1
    print(f"{sys.executable}: {platform}, {bits}-bit, suits {policy}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.splitlines()[0])
    sys.exit(main(sys.argv[1], sys.argv[2]))
