import type { Command } from '../command.js';
import { benchCommand } from './bench.js';
import { demoCommand } from './demo.js';
import { evaluationCommands } from './evaluate.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { infoCommand } from './info.js';
import { prepareCommand } from './prepare.js';
import { pretrainCommand } from './pretrain.js';
import { synthCommand } from './synth.js';

/** Every command of the `halp` CLI, in the order `halp --help` lists them. */
export const commands: readonly Command[] = [
  benchCommand,
  synthCommand,
  prepareCommand,
  pretrainCommand,
  importCommand,
  exportCommand,
  ...evaluationCommands,
  infoCommand,
  demoCommand,
];
