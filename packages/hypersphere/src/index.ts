// @halp/hypersphere: Geometry on the unit hypersphere: slerp, geodesic angle, log/exp maps, Fréchet mean (arrays and batched tfjs tensors).
export {};
