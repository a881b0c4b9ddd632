import { describeBackends } from '@halp/backend/node';
import type { Command } from '../command.js';
import { formatTable } from '../format-table.js';

/** Versions, backends and why a GPU is or is not used. */
export const infoCommand: Command = {
  name: 'info',
  options: { json: 'boolean' },
  summary: 'versions, available tfjs backends, and why a GPU is or is not used',
  help: `halp info [--json]

Prints the Node and tfjs versions and, for each backend that 'auto' tries in order (tfjs-node-gpu /
tfjs-node, WebGPU through Dawn, WASM, cpu), whether it works here and, if not, why; and the WebGPU
adapter and whether it is hardware (auto never picks a software one: SwiftShader, lavapipe).`,
  async run(args, output) {
    const description = await describeBackends();
    if (args.options.has('json')) {
      output.out(`${JSON.stringify({ node: process.version, ...description }, null, 2)}\n`);
      return;
    }
    const versions = Object.entries({ node: process.version, ...description.versions });
    output.out(`${formatTable(['component', 'version'], versions)}\n\n`);
    output.out(
      `${formatTable(
        ['backend', 'usable', 'detail'],
        description.candidates.map((c) => [c.candidate, c.usable ? 'yes' : 'no', c.detail]),
      )}\n\n`,
    );
    const adapter = description.webgpuAdapter;
    output.out(
      `WebGPU adapter: ${adapter === null ? 'none' : `${adapter.name}, hardware: ${adapter.hardware ? 'yes' : `no (${adapter.softwareDriver}: auto skips it, --backend webgpu uses it)`}`}\n`,
    );
    output.out(`GPU: ${description.gpu}\n\ntfjs-node-gpu needs: ${description.tfjsNodeGpuRequirements}\n`);
    output.out(`\n${description.webgpuRequirements}\n`);
  },
};
