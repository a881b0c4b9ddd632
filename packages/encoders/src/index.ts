// @halp/encoders: Skeleton sequence encoders for tfjs: a fast bidirectional GRU with explicit backward pass, heads, save/load in the tfjs model format.
export {};
