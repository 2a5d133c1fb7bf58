"""modules-check.py [--built NAME=VERSION@PREFIX ...] [--extensions]: the standard library of a manylinux CPython.

Imports every standard-library module (and the submodules of its public packages), the
build-time optional extension modules a manylinux CPython must have, checks SQLite has FTS5,
and, for each component given with --built (those the image builds from source: sqlite,
openssl, tcl, tk, zstd, mpdecimal), that the interpreter runs exactly that version, loaded
from that prefix (the library file mapped into this process lives under PREFIX/lib).
Run with -Wignore: deprecated modules warn when imported. With --extensions, only the required
extensions and every module of lib-dynload are imported: finalize.sh's build-time gate, so a
module built but linked wrong (a cross build that lost -lm or -lffi) stops the build.
"""
import argparse
import importlib
import importlib.util
import os
import pkgutil
import sys
import sysconfig

# Extension modules CPython builds only when their library is there at build time. The walk
# below imports a private module only when this build has it: these are required by name.
REQUIRED = [
    "_bz2", "_ctypes", "_curses", "_decimal", "_hashlib", "_lzma", "_sqlite3", "_ssl", "_uuid",
    "readline", "zlib", "_dbm", "_gdbm", "_tkinter", "pyexpat", "_json", "_socket", "select",
]
if sys.version_info >= (3, 14):
    REQUIRED.append("_zstd")

# Made for Windows, macOS or mobile platforms: most do not import on Linux.
OTHER_PLATFORMS = {
    "msvcrt", "winreg", "winsound", "nt", "msilib", "_winapi", "_overlapped", "_msi", "_wmi",
    "_scproxy", "_android_support", "_ios_support", "_apple_support",
    "encodings.mbcs", "encodings.oem", "asyncio.windows_events", "asyncio.windows_utils",
    "multiprocessing.popen_spawn_win32", "distutils.msvc9compiler", "distutils._msvccompiler",
    "distutils.command.bdist_msi",
}
# Importing these does something: opens a web browser, prints the Zen, starts IDLE.
SIDE_EFFECTS = {"antigravity", "this", "idlelib.idle"}
# A leftover script of lib2to3 that imports `pgen2` as a top-level package: never importable.
BROKEN = {"lib2to3.pgen2.conv"}
# Test suites and example modules (the image drops Lib/test; the rest is test data).
TEST_PARTS = {"test", "tests", "idle_test"}
EXAMPLES = {"xxlimited", "xxlimited_35", "xxsubtype", "_xxtestfuzz", "_ctypes_test"}
# Public modules CPython builds only when optional headers are there and that no manylinux
# image promises: NIS needs libnsl and libtirpc (and is gone in 3.13, PEP 594).
OPTIONAL = {"nis"}
# Submodules no folder holds (math is built in): the walk cannot find them.
HIDDEN_SUBMODULES = ["math.integer"] if sys.version_info >= (3, 15) else []


def skipped(name):
    parts = name.split(".")
    return (
        name in OTHER_PLATFORMS or name in SIDE_EFFECTS or name in EXAMPLES or name in BROKEN
        or parts[-1] == "__main__"  # runs the package as a program
        or any(part in TEST_PARTS for part in parts)
        or parts[0].startswith("_test")
        or (parts[0].startswith("__") and parts[0] != "__future__")  # frozen test modules (__hello__)
    )


def stdlib_names():
    """Top-level standard-library module names."""
    if hasattr(sys, "stdlib_module_names"):  # 3.10+
        return set(sys.stdlib_module_names)
    # 3.9: what the stdlib folder, lib-dynload and the built-in modules hold.
    names = set(sys.builtin_module_names)
    stdlib = sysconfig.get_paths()["stdlib"]
    for folder in (stdlib, os.path.join(stdlib, "lib-dynload")):
        for entry in os.listdir(folder):
            path = os.path.join(folder, entry)
            if entry.endswith(".py") or entry.endswith(".so"):
                names.add(entry.split(".", 1)[0])
            elif os.path.isfile(os.path.join(path, "__init__.py")):
                names.add(entry)
    return {name for name in names if name.isidentifier() and not name.startswith("_sysconfigdata")}



def try_import(name, failures):
    try:
        return importlib.import_module(name)
    except (Exception, SystemExit) as error:  # noqa: BLE001 - every failure is reported
        failures.append(f"{name}: {type(error).__name__}: {error}")
        return None


def import_all(failures):
    """Imports the standard library; returns how many modules imported."""
    count = 0

    def visit(name):
        nonlocal count
        module = try_import(name, failures)
        if module is None:
            return
        count += 1
        # Private packages (_pyrepl) are implementation details: the package itself is enough.
        if hasattr(module, "__path__") and not name.startswith("_"):
            for info in pkgutil.iter_modules(module.__path__, name + "."):
                if not skipped(info.name):
                    visit(info.name)

    for name in sorted(stdlib_names()):
        if skipped(name):
            continue
        # Private modules and the optional ones are imported when this build has them; the
        # required optional extensions are checked by REQUIRED.
        if (name.startswith("_") or name in OPTIONAL) and importlib.util.find_spec(name) is None:
            continue
        visit(name)
    for name in HIDDEN_SUBMODULES:
        visit(name)
    return count


def check_extensions(failures):
    """Imports every extension module of lib-dynload (the examples and tests aside)."""
    folder = os.path.join(sysconfig.get_paths()["platstdlib"], "lib-dynload")
    names = sorted({entry.split(".", 1)[0] for entry in os.listdir(folder) if entry.endswith(".so")})
    checked = [name for name in names if not skipped(name)]
    for name in checked:
        try_import(name, failures)
    for failure in failures:
        print(f"wrong: {failure}")
    print(f"{sys.executable}: {len(checked)} lib-dynload modules and {len(REQUIRED)} required extensions imported"
          f"{'' if not failures else f', {len(failures)} failed'}")
    return 1 if failures else 0


def version_text(version):
    return ".".join(str(part) for part in version)


def sqlite_version():
    import sqlite3
    return sqlite3.sqlite_version_info, "sqlite3.sqlite_version_info"


def openssl_version():
    import ssl
    info = ssl.OPENSSL_VERSION_INFO
    # From OpenSSL 3 on, the third number sits where 1.x kept its patch letter.
    return (info[:2] + (info[3],) if info[0] >= 3 else info[:3]), ssl.OPENSSL_VERSION


def tcl_version():
    import tkinter
    return tuple(int(part) for part in tkinter.Tcl().eval("info patchlevel").split(".")), "Tcl's info patchlevel"


def tk_version():
    import tkinter
    # Tk's patch level needs a display; the X.Y tkinter was built against does not.
    return tuple(int(part) for part in str(tkinter.TkVersion).split(".")), "tkinter.TkVersion, X.Y only"


def zstd_version():
    return importlib.import_module("compression.zstd").zstd_version_info, "compression.zstd.zstd_version_info"


def mpdecimal_version():
    import decimal
    return tuple(int(part) for part in decimal.__libmpdec_version__.split(".")), "decimal.__libmpdec_version__"


# Per component: how its runtime version is read (version tuple, where it comes from), the
# library file that must be mapped, and the oldest Python that uses the built library (older
# ones read no version or use a bundled copy).
COMPONENTS = {
    "sqlite": (sqlite_version, "libsqlite3.so", (3, 9)),
    "openssl": (openssl_version, "libssl.so", (3, 9)),
    "tcl": (tcl_version, "libtcl8.6.so", (3, 9)),
    "tk": (tk_version, "libtk8.6.so", (3, 9)),
    "zstd": (zstd_version, "libzstd.so", (3, 14)),
    "mpdecimal": (mpdecimal_version, "libmpdec.so", (3, 13)),
}


def mapped_files():
    with open("/proc/self/maps") as maps:
        return {line.split(None, 5)[5].strip() for line in maps if len(line.split(None, 5)) == 6}


def check_built(built, failures):
    for name, spec in sorted(built.items()):
        pinned, _, prefix = spec.partition("@")
        read, library, since = COMPONENTS[name]
        if sys.version_info[:2] < since:
            print(f"{name} {pinned}: not checked (Python {version_text(since)}+ uses it)")
            continue
        try:
            version, source = read()
        except Exception as error:  # noqa: BLE001
            failures.append(f"{name} version: {type(error).__name__}: {error}")
            continue
        wanted = tuple(int(part) for part in pinned.split("+")[0].split("."))[:len(version)]
        if tuple(version[:len(wanted)]) != wanted:
            failures.append(f"{name} {version_text(version)} ({source}), not {pinned}, the version the image builds")
            continue
        loaded = sorted(path for path in mapped_files() if os.path.basename(path).startswith(library))
        if not any(path.startswith(prefix.rstrip("/") + "/lib") for path in loaded):
            failures.append(f"{name}: {library} loaded from {loaded or 'nowhere'}, not from {prefix}/lib")
            continue
        print(f"{name} {version_text(version)} ({source}) from {', '.join(loaded)}")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--built", action="append", default=[], metavar="NAME=VERSION@PREFIX",
                        help=f"a component the image builds from source ({', '.join(COMPONENTS)})")
    parser.add_argument("--extensions", action="store_true",
                        help="import only the required extensions and lib-dynload's modules (the build's gate)")
    args = parser.parse_args(argv)
    if any("=" not in item or "@" not in item for item in args.built):
        parser.error(f"--built takes NAME=VERSION@PREFIX, got {args.built}")
    built = dict(item.split("=", 1) for item in args.built)
    unknown = set(built) - set(COMPONENTS)
    if unknown:
        parser.error(f"unknown --built component(s) {', '.join(sorted(unknown))} (allowed: {', '.join(COMPONENTS)})")

    failures = []
    for name in REQUIRED:
        try_import(name, failures)
    if args.extensions:
        return check_extensions(failures)
    count = import_all(failures)

    import sqlite3
    import ssl

    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE VIRTUAL TABLE fts5_check USING fts5(body)")
        print(f"SQLite {sqlite3.sqlite_version} has FTS5")
    except sqlite3.OperationalError as error:
        failures.append(f"SQLite {sqlite3.sqlite_version} has no FTS5: {error}")
    finally:
        connection.close()
    if ssl.OPENSSL_VERSION_INFO < (1, 1, 1):
        failures.append(f"{ssl.OPENSSL_VERSION} is older than 1.1.1")
    check_built(built, failures)

    for failure in failures:
        print(f"wrong: {failure}")
    print(f"{sys.executable}: {count} standard-library modules imported, {len(REQUIRED)} required extensions checked")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
