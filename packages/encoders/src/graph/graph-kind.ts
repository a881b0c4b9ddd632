import type { EncoderKind } from '../encoder-kind.js';
import { encodeGraph } from './encode-graph.js';
import { graphConfigProblems } from './graph-config.js';
import type { GraphEncoder, GraphEncoderConfig } from './graph-encoder.js';
import { assembleGraphEncoder, graphVariableSpecs } from './graph-variables.js';

/** The graph encoder of ISC / Skeleton-Contrast (docs/method.md §4): 2s-AGCN over [B, M, T, V, C] grids. */
export const graphEncoderKind: EncoderKind<GraphEncoderConfig, GraphEncoder> = {
  kind: 'graph',
  input: 'grid',
  configProblems: graphConfigProblems,
  variableSpecs: graphVariableSpecs,
  assemble: assembleGraphEncoder,
  encode: encodeGraph,
  featureSize: (config) => config.blocks.at(-1)!.channels,
};
