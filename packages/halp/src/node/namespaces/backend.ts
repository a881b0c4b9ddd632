// @halp/backend with its Node-only subpath, as one namespace of `halp/node`.
export * from '@halp/backend';
export * from '@halp/backend/node';
