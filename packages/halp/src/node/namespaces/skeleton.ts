// @halp/skeleton with its Node-only subpath, as one namespace of `halp/node`.
export * from '@halp/skeleton';
export * from '@halp/skeleton/node';
