"""A minimal PEP 517 backend: compiles fleet_demo.c with the interpreter's compiler and
writes a wheel tagged for this interpreter and platform (auditwheel then retags it)."""
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


def _tags():
    free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    python = f"cp{sys.version_info[0]}{sys.version_info[1]}"
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return python, python + ("t" if free_threaded else ""), platform


def _record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    python, abi, platform = _tags()
    with tempfile.TemporaryDirectory() as work:
        module = os.path.join(work, NAME + sysconfig.get_config_var("EXT_SUFFIX"))
        compiler = shlex.split(sysconfig.get_config_var("CC"))
        flags = shlex.split(sysconfig.get_config_var("CFLAGS") or "")
        subprocess.run(
            [*compiler, *flags, "-shared", "-fPIC", "-I", sysconfig.get_paths()["include"],
             os.path.join(HERE, "fleet_demo.c"), "-lz", "-o", module],
            check=True,
        )
        dist_info = f"{NAME}-{VERSION}.dist-info"
        files = {
            os.path.basename(module): open(module, "rb").read(),
            f"{dist_info}/METADATA": f"Metadata-Version: 2.1\nName: fleet-demo\nVersion: {VERSION}\n".encode(),
            f"{dist_info}/WHEEL": f"Wheel-Version: 1.0\nGenerator: fleet_demo_backend\nRoot-Is-Purelib: false\nTag: {python}-{abi}-{platform}\n".encode(),
        }
        wheel_name = f"{NAME}-{VERSION}-{python}-{abi}-{platform}.whl"
        record = [_record_line(path, data) for path, data in files.items()] + [f"{dist_info}/RECORD,,"]
        with zipfile.ZipFile(os.path.join(wheel_directory, wheel_name), "w", zipfile.ZIP_DEFLATED) as wheel:
            for path, data in files.items():
                wheel.writestr(path, data)
            wheel.writestr(f"{dist_info}/RECORD", "\n".join(record) + "\n")
    return wheel_name
