"""Imports the standard-library extension modules a manylinux CPython must have."""
import importlib
import sys

REQUIRED = [
    "_bz2", "_ctypes", "_curses", "_decimal", "_hashlib", "_lzma", "_sqlite3", "_ssl", "_uuid",
    "readline", "zlib", "_dbm", "_gdbm", "_tkinter", "pyexpat", "_json", "_socket", "select",
]
if sys.version_info >= (3, 14):
    REQUIRED.append("_zstd")

missing = []
for name in REQUIRED:
    try:
        importlib.import_module(name)
    except ImportError as error:
        missing.append(f"{name} ({error})")

import ssl  # noqa: E402

if ssl.OPENSSL_VERSION_INFO < (1, 1, 1):
    missing.append(f"ssl: OpenSSL {ssl.OPENSSL_VERSION} is older than 1.1.1")

if missing:
    print(f"{sys.executable}: missing modules: {', '.join(missing)}")
    sys.exit(1)
print(f"{sys.executable}: {len(REQUIRED)} extension modules import; {ssl.OPENSSL_VERSION}")
