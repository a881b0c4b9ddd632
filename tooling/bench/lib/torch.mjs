// Whether a Python interpreter can run the PyTorch reference versions of the benchmarks.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { flag } from './arguments.mjs';

// Debian's torch calls whichever libblas.so.3 the alternatives system selects: the reference BLAS
// (libblas3) makes it ~20× slower than with OpenBLAS, so the probe says which one it loaded.
const PROBE = `
import json, torch
blas = sorted({line.split()[-1] for line in open('/proc/self/maps') if 'blas' in line.lower() and '/' in line})
print(json.dumps({'version': torch.__version__, 'blas': blas}))
`;

/**
 * `{ ok: true, version, blas }` when `python` imports torch, else `{ ok: false, reason }` (also
 * when `--no-torch` was given). Prints which of the two it is.
 */
export function probeTorch(python) {
  const torch = flag('no-torch') ? { ok: false, reason: '--no-torch given' } : probe(python);
  if (torch.ok) console.log(`PyTorch ${torch.version}, BLAS: ${torch.blas.join(', ') || 'none found'}`);
  else console.log(`PyTorch column skipped: ${torch.reason}`);
  return torch;
}

function probe(python) {
  if (!existsSync(python))
    return { ok: false, reason: `${python} not found (apt-get install python3-torch)` };
  const run = spawnSync(python, ['-c', PROBE], { encoding: 'utf8' });
  if (run.status !== 0) {
    const lastLine = run.stderr.trim().split('\n').at(-1);
    return {
      ok: false,
      reason: `${python} cannot import torch: ${lastLine} (apt-get install python3-torch)`,
    };
  }
  return { ok: true, ...JSON.parse(run.stdout) };
}
