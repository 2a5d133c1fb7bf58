"""crypt-check.py LIBCRYPT: the libxcrypt library built from source hashes and verifies a password.

Loads LIBCRYPT (a path) with ctypes, makes a yescrypt setting with crypt_gensalt, hashes a
passphrase with crypt and checks the hash verifies that passphrase and rejects another.
"""
import ctypes
import sys


def main(path):
    lib = ctypes.CDLL(path)
    lib.crypt_gensalt.restype = ctypes.c_char_p
    lib.crypt_gensalt.argtypes = [ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p, ctypes.c_int]
    lib.crypt.restype = ctypes.c_char_p
    lib.crypt.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    setting = lib.crypt_gensalt(b"$y$", 0, None, 0)
    if not setting:
        print(f"{path}: crypt_gensalt made no yescrypt setting")
        return 1
    hashed = lib.crypt(b"correct horse", setting)
    if not hashed or not hashed.startswith(b"$y$"):
        print(f"{path}: crypt gave {hashed!r} for setting {setting!r}")
        return 1
    if lib.crypt(b"correct horse", hashed) != hashed or lib.crypt(b"battery staple", hashed) == hashed:
        print(f"{path}: the hash {hashed.decode()} does not verify its passphrase alone")
        return 1
    print(f"{path}: yescrypt hash {hashed.decode()[:12]}... verifies")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
