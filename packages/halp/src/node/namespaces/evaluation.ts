// @halp/evaluation with its Node-only subpath, as one namespace of `halp/node`.
export * from '@halp/evaluation';
export * from '@halp/evaluation/node';
