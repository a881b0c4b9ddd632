// @halp/encoders with its Node-only subpath, as one namespace of `halp/node`.
export * from '@halp/encoders';
export * from '@halp/encoders/node';
