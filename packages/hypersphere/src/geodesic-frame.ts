import { geodesicDirectionInto } from './geodesic-direction.js';
import { normalize } from './normalize.js';
import { assertSameDimension, type Vector } from './vector.js';

/** The great circle from â towards b̂: start x = â, unit tangent direction w and total angle Ω. */
export interface GeodesicFrame {
  readonly start: Float64Array;
  readonly direction: Float64Array;
  readonly angle: number;
}

/** Projects a and b onto the sphere and returns the frame with b̂ = cos Ω·x + sin Ω·w. */
export function geodesicFrame(a: Vector, b: Vector, operation: string): GeodesicFrame {
  assertSameDimension(a, b, operation);
  const start = normalize(a);
  const direction = new Float64Array(a.length);
  const angle = geodesicDirectionInto(start, normalize(b), direction);
  return { start, direction, angle };
}

/** Throws a `RangeError` for a non-finite interpolation parameter (it would turn every output into NaN). */
export function assertFiniteParameter(t: number, operation: string): void {
  if (!Number.isFinite(t)) throw new RangeError(`${operation}: t must be finite, got ${t}`);
}
