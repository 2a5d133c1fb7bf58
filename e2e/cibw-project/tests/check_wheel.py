"""cibuildwheel's test command: the installed wheel works and loads the libsqlite3 it carries.

Run from a fresh virtualenv with only the repaired wheel installed. The image has the
distro's libsqlite3 too, so importing alone proves nothing about the repair: the loaded
copy must be the one auditwheel grafted into fleet_sqlite.libs/.
"""
import fleet_sqlite

assert fleet_sqlite.answer() == 42, fleet_sqlite.answer()
with open("/proc/self/maps", encoding="utf-8") as maps:
    loaded = sorted({line.split()[-1] for line in maps if "libsqlite3" in line})
assert loaded and all("/fleet_sqlite.libs/" in path for path in loaded), f"libsqlite3 not loaded from the wheel: {loaded}"
print(f"fleet_sqlite: sqlite {fleet_sqlite.sqlite_version()} from {loaded[0]}")
