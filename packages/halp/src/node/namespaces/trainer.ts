// @halp/trainer with its Node-only subpath, as one namespace of `halp/node`.
export * from '@halp/trainer';
export * from '@halp/trainer/node';
