/* fleet_sqlite: a C extension that links libsqlite3 (not on any manylinux whitelist). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <sqlite3.h>

static PyObject *sqlite_version(PyObject *self, PyObject *unused)
{
	(void)self;
	(void)unused;
	return PyUnicode_FromString(sqlite3_libversion());
}

static PyObject *answer(PyObject *self, PyObject *unused)
{
	(void)self;
	(void)unused;
	return PyLong_FromLong(42);
}

static PyMethodDef methods[] = {
	{"sqlite_version", sqlite_version, METH_NOARGS, "The version of the libsqlite3 this module loaded."},
	{"answer", answer, METH_NOARGS, "42."},
	{NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
	PyModuleDef_HEAD_INIT,
	.m_name = "fleet_sqlite",
	.m_doc = "Links libsqlite3, so a repaired wheel carries it.",
	.m_size = -1,
	.m_methods = methods,
};

PyMODINIT_FUNC PyInit_fleet_sqlite(void)
{
	return PyModule_Create(&module);
}
