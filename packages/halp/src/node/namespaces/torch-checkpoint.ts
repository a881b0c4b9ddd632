// @halp/torch-checkpoint with its Node-only subpath, as one namespace of `halp/node`.
export * from '@halp/torch-checkpoint';
export * from '@halp/torch-checkpoint/node';
