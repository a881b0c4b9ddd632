/**
 * Bytes written by Python 3.11 (pickle) and NumPy 2.4 (`np.lib.format.write_array`), embedded so
 * that tests need no Python. Each entry is named after what it holds. Regenerate with the script
 * below (run once, output pasted here):
 *
 * import pickle, base64, io, os, numpy as np
 * def b64(b): return base64.b64encode(b).decode()
 * out = {}
 * names = ['A01N01-L.txt_0', 'A01N01-L.txt_1', 'A02N03-M.txt_5']
 * f64 = [np.float64(0.0), np.float64(59.0), np.float64(12.0)]
 * out['np2_float64_p2'] = pickle.dumps((names, f64), protocol=2)
 * out['np2_float64_p4'] = pickle.dumps((names, f64), protocol=4)
 * out['np2_float64_p5'] = pickle.dumps((names, f64), protocol=5)
 * out['np2_int32_p3'] = pickle.dumps((names, [np.int32(3), np.int32(-0), np.int32(70000)]), protocol=3)
 * out['np2_big_endian_int64_p4'] = pickle.dumps((names, [np.array(5, dtype='>i8')[()], np.array(300, dtype='>i8')[()], np.array(1, dtype='>i8')[()]]), protocol=4)
 * out['np2_uint8_p4'] = pickle.dumps((names, [np.uint8(1), np.uint8(255), np.uint8(0)]), protocol=4)
 * out['np2_non_integral_float_p4'] = pickle.dumps((names, [np.float64(1.0), np.float64(2.5), np.float64(3.0)]), protocol=4)
 * out['py_big_int_p4'] = pickle.dumps((names, [1, 2**70, 3]), protocol=4)
 * out['py_negative_int_p4'] = pickle.dumps((names, [1, -1, 3]), protocol=4)
 * out['py_float_p4'] = pickle.dumps((names, [1.0, 2.0, 3.0]), protocol=4)
 * out['py_length_mismatch_p4'] = pickle.dumps((names, [1, 2]), protocol=4)
 * out['py_list_not_tuple_p4'] = pickle.dumps([names, [1, 2, 3]], protocol=4)
 * class Evil:
 *     def __reduce__(self): return (os.system, ('echo pwned',))
 * out['evil_os_system_p4'] = pickle.dumps((names, [Evil(), 1, 2]), protocol=4)
 * out['evil_os_system_p2'] = pickle.dumps((names, [Evil(), 1, 2]), protocol=2)
 * def npy(arr, version=None, fortran=False):
 *     f = io.BytesIO()
 *     a = np.asfortranarray(arr) if fortran else arr
 *     np.lib.format.write_array(f, a, version=version)
 *     return f.getvalue()
 * out['npy_u1'] = npy(np.array([[0, 1, 255], [7, 128, 3]], dtype='u1'))
 * out['npy_b1'] = npy(np.array([True, False, True, True], dtype='?'))
 * out['npy_i8_be_fortran'] = npy(np.arange(-6, 6, dtype='>i8').reshape(3, 4), fortran=True)
 * out['npy_f8_v3'] = npy(np.array([[1.5, -0.0], [1e-310, 3.0]], dtype='<f8'), version=(3, 0))
 * out['npy_f4_v2_be'] = npy(np.array([1.0, -2.0, 0.5], dtype='>f4'), version=(2, 0))
 * out['npy_i4_empty'] = npy(np.zeros((0, 3), dtype='<i4'))
 * out['npy_f4_shape_1x1x1'] = npy(np.array([[[42.0]]], dtype='<f4'))
 * for k, v in out.items():
 *     print(f"  {k}: '{b64(v)}',")
 */
export const PYTHON_MADE = {
  np2_float64_p2:
    'gAJdcQAoWA4AAABBMDFOMDEtTC50eHRfMHEBWA4AAABBMDFOMDEtTC50eHRfMXECWA4AAABBMDJOMDMtTS50eHRfNXEDZV1xBChjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpzY2FsYXIKcQVjbnVtcHkKZHR5cGUKcQZYAgAAAGY4cQeJiIdxCFJxCShLA1gBAAAAPHEKTk5OSv////9K/////0sAdHELYmNfY29kZWNzCmVuY29kZQpxDFgIAAAAAAAAAAAAAABxDVgGAAAAbGF0aW4xcQ6GcQ9ScRCGcRFScRJoBWgJaAxYCQAAAAAAAAAAwoBNQHETaA6GcRRScRWGcRZScRdoBWgJaAxYCAAAAAAAAAAAAChAcRhoDoZxGVJxGoZxG1JxHGWGcR0u',
  np2_float64_p4:
    'gASVzQAAAAAAAABdlCiMDkEwMU4wMS1MLnR4dF8wlIwOQTAxTjAxLUwudHh0XzGUjA5BMDJOMDMtTS50eHRfNZRlXZQojBZudW1weS5fY29yZS5tdWx0aWFycmF5lIwGc2NhbGFylJOUjAVudW1weZSMBWR0eXBllJOUjAJmOJSJiIeUUpQoSwOMATyUTk5OSv////9K/////0sAdJRiQwgAAAAAAAAAAJSGlFKUaAdoDUMIAAAAAACATUCUhpRSlGgHaA1DCAAAAAAAAChAlIaUUpRlhpQu',
  np2_float64_p5:
    'gAWVzQAAAAAAAABdlCiMDkEwMU4wMS1MLnR4dF8wlIwOQTAxTjAxLUwudHh0XzGUjA5BMDJOMDMtTS50eHRfNZRlXZQojBZudW1weS5fY29yZS5tdWx0aWFycmF5lIwGc2NhbGFylJOUjAVudW1weZSMBWR0eXBllJOUjAJmOJSJiIeUUpQoSwOMATyUTk5OSv////9K/////0sAdJRiQwgAAAAAAAAAAJSGlFKUaAdoDUMIAAAAAACATUCUhpRSlGgHaA1DCAAAAAAAAChAlIaUUpRlhpQu',
  np2_int32_p3:
    'gANdcQAoWA4AAABBMDFOMDEtTC50eHRfMHEBWA4AAABBMDFOMDEtTC50eHRfMXECWA4AAABBMDJOMDMtTS50eHRfNXEDZV1xBChjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpzY2FsYXIKcQVjbnVtcHkKZHR5cGUKcQZYAgAAAGk0cQeJiIdxCFJxCShLA1gBAAAAPHEKTk5OSv////9K/////0sAdHELYkMEAwAAAHEMhnENUnEOaAVoCUMEAAAAAHEPhnEQUnERaAVoCUMEcBEBAHEShnETUnEUZYZxFS4=',
  np2_big_endian_int64_p4:
    'gASVzQAAAAAAAABdlCiMDkEwMU4wMS1MLnR4dF8wlIwOQTAxTjAxLUwudHh0XzGUjA5BMDJOMDMtTS50eHRfNZRlXZQojBZudW1weS5fY29yZS5tdWx0aWFycmF5lIwGc2NhbGFylJOUjAVudW1weZSMBWR0eXBllJOUjAJpOJSJiIeUUpQoSwOMATyUTk5OSv////9K/////0sAdJRiQwgFAAAAAAAAAJSGlFKUaAdoDUMILAEAAAAAAACUhpRSlGgHaA1DCAEAAAAAAAAAlIaUUpRlhpQu',
  np2_uint8_p4:
    'gASVuAAAAAAAAABdlCiMDkEwMU4wMS1MLnR4dF8wlIwOQTAxTjAxLUwudHh0XzGUjA5BMDJOMDMtTS50eHRfNZRlXZQojBZudW1weS5fY29yZS5tdWx0aWFycmF5lIwGc2NhbGFylJOUjAVudW1weZSMBWR0eXBllJOUjAJ1MZSJiIeUUpQoSwOMAXyUTk5OSv////9K/////0sAdJRiQwEBlIaUUpRoB2gNQwH/lIaUUpRoB2gNQwEAlIaUUpRlhpQu',
  np2_non_integral_float_p4:
    'gASVzQAAAAAAAABdlCiMDkEwMU4wMS1MLnR4dF8wlIwOQTAxTjAxLUwudHh0XzGUjA5BMDJOMDMtTS50eHRfNZRlXZQojBZudW1weS5fY29yZS5tdWx0aWFycmF5lIwGc2NhbGFylJOUjAVudW1weZSMBWR0eXBllJOUjAJmOJSJiIeUUpQoSwOMATyUTk5OSv////9K/////0sAdJRiQwgAAAAAAADwP5SGlFKUaAdoDUMIAAAAAAAABECUhpRSlGgHaA1DCAAAAAAAAAhAlIaUUpRlhpQu',
  py_big_int_p4:
    'gASVTQAAAAAAAABdlCiMDkEwMU4wMS1MLnR4dF8wlIwOQTAxTjAxLUwudHh0XzGUjA5BMDJOMDMtTS50eHRfNZRlXZQoSwGKCQAAAAAAAAAAQEsDZYaULg==',
  py_negative_int_p4:
    'gASVRwAAAAAAAABdlCiMDkEwMU4wMS1MLnR4dF8wlIwOQTAxTjAxLUwudHh0XzGUjA5BMDJOMDMtTS50eHRfNZRlXZQoSwFK/////0sDZYaULg==',
  py_float_p4:
    'gASVWQAAAAAAAABdlCiMDkEwMU4wMS1MLnR4dF8wlIwOQTAxTjAxLUwudHh0XzGUjA5BMDJOMDMtTS50eHRfNZRlXZQoRz/wAAAAAAAAR0AAAAAAAAAAR0AIAAAAAAAAZYaULg==',
  py_length_mismatch_p4:
    'gASVQgAAAAAAAABdlCiMDkEwMU4wMS1MLnR4dF8wlIwOQTAxTjAxLUwudHh0XzGUjA5BMDJOMDMtTS50eHRfNZRlXZQoSwFLAmWGlC4=',
  py_list_not_tuple_p4:
    'gASVRgAAAAAAAABdlChdlCiMDkEwMU4wMS1MLnR4dF8wlIwOQTAxTjAxLUwudHh0XzGUjA5BMDJOMDMtTS50eHRfNZRlXZQoSwFLAksDZWUu',
  evil_os_system_p4:
    'gASVZgAAAAAAAABdlCiMDkEwMU4wMS1MLnR4dF8wlIwOQTAxTjAxLUwudHh0XzGUjA5BMDJOMDMtTS50eHRfNZRlXZQojAVwb3NpeJSMBnN5c3RlbZSTlIwKZWNobyBwd25lZJSFlFKUSwFLAmWGlC4=',
  evil_os_system_p2:
    'gAJdcQAoWA4AAABBMDFOMDEtTC50eHRfMHEBWA4AAABBMDFOMDEtTC50eHRfMXECWA4AAABBMDJOMDMtTS50eHRfNXEDZV1xBChjcG9zaXgKc3lzdGVtCnEFWAoAAABlY2hvIHB3bmVkcQaFcQdScQhLAUsCZYZxCS4=',
  npy_u1:
    'k05VTVBZAQB2AHsnZGVzY3InOiAnfHUxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAf8HgAM=',
  npy_b1:
    'k05VTVBZAQB2AHsnZGVzY3InOiAnfGIxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDQsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoBAAEB',
  npy_i8_be_fortran:
    'k05VTVBZAQB2AHsnZGVzY3InOiAnPmk4JywgJ2ZvcnRyYW5fb3JkZXInOiBUcnVlLCAnc2hhcGUnOiAoMywgNCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAr/////////+v/////////+AAAAAAAAAAL/////////+///////////AAAAAAAAAAP//////////AAAAAAAAAAAAAAAAAAAAAT//////////QAAAAAAAAABAAAAAAAAAAU=',
  npy_f8_v3:
    'k05VTVBZAwB0AAAAeydkZXNjcic6ICc8ZjgnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwgMiksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAD4PwAAAAAAAACAK+Zwi2gSAAAAAAAAAAAIQA==',
  npy_f4_v2_be:
    'k05VTVBZAgB0AAAAeydkZXNjcic6ICc+ZjQnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMywpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAo/gAAAwAAAAD8AAAA=',
  npy_i4_empty:
    'k05VTVBZAQB2AHsnZGVzY3InOiAnPGk0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDAsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAo=',
  npy_f4_shape_1x1x1:
    'k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDEsIDEsIDEpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAChC',
} as const;

export function pythonMade(name: keyof typeof PYTHON_MADE): Uint8Array {
  return new Uint8Array(Buffer.from(PYTHON_MADE[name], 'base64'));
}
