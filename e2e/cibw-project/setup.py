"""The extension module; the metadata is in pyproject.toml."""
from setuptools import Extension, setup

setup(ext_modules=[Extension("fleet_sqlite", sources=["fleet_sqlite.c"], libraries=["sqlite3"])])
