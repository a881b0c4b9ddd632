import type { Command } from '../command.js';
import { demoCommand } from './demo.js';
import { infoCommand } from './info.js';
import { pretrainCommand } from './pretrain.js';

/** Every command of the `halp` CLI, in the order `halp --help` lists them. */
export const commands: readonly Command[] = [pretrainCommand, infoCommand, demoCommand];
