// halp: halp: the meta-package (re-exports every package) and the `halp` command line.
export {};
