/* A one-function C extension the in-image tests build, repair and import. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <zlib.h>

static PyObject *answer(PyObject *self, PyObject *args) {
    (void)self;
    (void)args;
    /* zlib is on every policy's whitelist: auditwheel must accept the link without grafting. */
    return PyLong_FromLong(42 + (zlibVersion()[0] == '\0'));
}

static PyMethodDef methods[] = {
    {"answer", answer, METH_NOARGS, "Return 42."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "fleet_demo", NULL, -1, methods};

PyMODINIT_FUNC PyInit_fleet_demo(void) {
    return PyModule_Create(&module);
}
