/** `data` as a Float32Array (itself when it already is one): what tfjs float32 tensors take. */
export function asFloat32(data: Float32Array | Float64Array): Float32Array {
  return data instanceof Float32Array ? data : Float32Array.from(data);
}
