"""A minimal PEP 517 backend: compiles fleet_demo.c with the interpreter's own compiler
settings and writes a wheel tagged for this interpreter and platform (auditwheel then retags
it), with a pure-Python module and a console script beside the extension."""
import base64
import hashlib
import os
import shlex
import subprocess
import sys
import sysconfig
import tempfile
import zipfile

NAME, VERSION = "fleet_demo", "1.0"
HERE = os.path.dirname(os.path.abspath(__file__))
ENTRY_POINTS = "[console_scripts]\nfleet-demo = fleet_demo_cli:main\n"

# Wheel tags shorten some implementation names (PEP 425); others are used as they are.
SHORT_NAMES = {"cpython": "cp", "pypy": "pp"}
# How many leading fields of the SOABI (EXT_SUFFIX without the platform) form the ABI tag.
ABI_FIELDS = {"pypy": 2, "graalpy": 3}


def _config(name, default=""):
    return sysconfig.get_config_var(name) or default


def _tags():
    """(python tag, abi tag, platform tag) of the running interpreter."""
    implementation = sys.implementation.name
    python = SHORT_NAMES.get(implementation, implementation) + "%d%d" % sys.version_info[:2]
    if implementation == "cpython":
        abi = python + ("t" if _config("Py_GIL_DISABLED") else "")
    else:
        # e.g. ".pypy311-pp73-x86_64-linux-gnu.so" -> "pypy311_pp73"
        soabi = _config("EXT_SUFFIX").split(".")[1]
        abi = "_".join(soabi.split("-")[:ABI_FIELDS.get(implementation, 1)])
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return python, abi, platform


def _record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def _compile(work):
    """Builds the extension as setuptools would: compile with CC, link with LDSHARED."""
    module = os.path.join(work, NAME + _config("EXT_SUFFIX", ".so"))
    objects = os.path.join(work, "fleet_demo.o")
    subprocess.run(
        [*shlex.split(_config("CC", "cc")), *shlex.split(_config("CFLAGS")), *shlex.split(_config("CCSHARED", "-fPIC")),
         "-I", sysconfig.get_paths()["include"], "-c", os.path.join(HERE, "fleet_demo.c"), "-o", objects],
        check=True,
    )
    subprocess.run([*shlex.split(_config("LDSHARED", "cc -shared")), objects, "-lz", "-o", module], check=True)
    return module


def _read(path):
    with open(path, "rb") as handle:
        return handle.read()


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    python, abi, platform = _tags()
    with tempfile.TemporaryDirectory() as work:
        module = _compile(work)
        dist_info = f"{NAME}-{VERSION}.dist-info"
        files = {
            os.path.basename(module): _read(module),
            "fleet_demo_cli.py": _read(os.path.join(HERE, "fleet_demo_cli.py")),
            f"{dist_info}/METADATA": f"Metadata-Version: 2.1\nName: fleet-demo\nVersion: {VERSION}\n".encode(),
            f"{dist_info}/WHEEL": f"Wheel-Version: 1.0\nGenerator: fleet_demo_backend\nRoot-Is-Purelib: false\nTag: {python}-{abi}-{platform}\n".encode(),
            f"{dist_info}/entry_points.txt": ENTRY_POINTS.encode(),
        }
        wheel_name = f"{NAME}-{VERSION}-{python}-{abi}-{platform}.whl"
        record = [_record_line(path, data) for path, data in files.items()] + [f"{dist_info}/RECORD,,"]
        with zipfile.ZipFile(os.path.join(wheel_directory, wheel_name), "w", zipfile.ZIP_DEFLATED) as wheel:
            for path, data in files.items():
                wheel.writestr(path, data)
            wheel.writestr(f"{dist_info}/RECORD", "\n".join(record) + "\n")
    return wheel_name
