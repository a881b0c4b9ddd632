// Command-line flags of the benchmarks: `--name value` pairs and bare `--name` switches.
const args = process.argv.slice(2);

/** The value after `--name`, or `fallback` when the flag is absent. */
export function option(name, fallback) {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
}

/** The comma-separated values after `--name` (or in `fallback`), empty entries dropped. */
export function list(name, fallback) {
  return option(name, fallback).split(',').filter(Boolean);
}

/** Whether the bare switch `--name` was given. */
export function flag(name) {
  return args.includes(`--${name}`);
}
