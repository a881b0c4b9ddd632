import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GLOBAL_OPTIONS, optionsAsObject, parseArguments } from '../src/cli/arguments.js';
import { CliError } from '../src/cli/cli-error.js';
import type { Command } from '../src/cli/command.js';
import { demoCommand } from '../src/cli/commands/demo.js';
import { commands } from '../src/cli/commands/index.js';
import { runCli } from '../src/cli/main.js';
import { captureOutput } from './capture-output.js';

const failing: Command = {
  name: 'fail',
  summary: 'always fails',
  help: 'halp fail',
  options: { user: 'boolean' },
  async run(args) {
    if (args.options.has('user')) throw new CliError('the input is wrong', 3);
    throw new Error('internal detail');
  },
};

describe('parseArguments', () => {
  it('reads --key value, --key=value, bare flags and positionals', () => {
    const parsed = parseArguments(
      ['extra', '--epochs', '3', '--method=halp', '--verbose', '--', '--not-an-option'],
      { epochs: 'string', method: 'string' },
    );
    expect(parsed.positionals).toEqual(['extra', '--not-an-option']);
    expect(Object.fromEntries(parsed.options)).toEqual({ epochs: '3', method: 'halp', verbose: true });
  });

  it('turns dotted options into nested JSON values', () => {
    const options = new Map<string, string | true>([
      ['optimizer.learningRate', '0.05'],
      ['optimizer.milestones', '[10,20]'],
      ['method', 'halp'],
      ['encoder.batchNorm', 'false'],
    ]);
    expect(optionsAsObject(options, options.keys())).toEqual({
      optimizer: { learningRate: 0.05, milestones: [10, 20] },
      method: 'halp',
      encoder: { batchNorm: false },
    });
  });

  it('keeps the last value of a repeated option', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 5 }), (values) => {
        const parsed = parseArguments(
          values.flatMap((value) => ['--seed', String(value)]),
          { seed: 'string' },
        );
        expect(parsed.options.get('seed')).toBe(String(values.at(-1)));
      }),
    );
  });
});

describe('runCli', () => {
  it('lists the commands and exits 2 without one', async () => {
    const output = captureOutput();
    expect(await runCli([], [demoCommand, failing], output)).toBe(2);
    expect(output.stdout).toMatch(/demo\s+cluster keys/);
  });

  it('rejects an unknown command with one line', async () => {
    const output = captureOutput();
    expect(await runCli(['train'], [demoCommand], output)).toBe(2);
    expect(output.stderr).toBe('halp: unknown command "train"; commands: demo\n');
  });

  it('prints errors as one line, with the stack only under --verbose', async () => {
    const quiet = captureOutput();
    expect(await runCli(['fail', '--user'], [failing], quiet)).toBe(3);
    expect(quiet.stderr).toBe('halp fail: the input is wrong\n');
    const verbose = captureOutput();
    expect(await runCli(['fail', '--verbose'], [failing], verbose)).toBe(1);
    expect(verbose.stderr.split('\n')[0]).toBe('halp fail: internal detail');
    expect(verbose.stderr).toMatch(/at .*cli\.test\.ts/);
  });

  it('shows a command’s help', async () => {
    const output = captureOutput();
    expect(await runCli(['demo', '--help'], [demoCommand], output)).toBe(0);
    expect(output.stdout).toContain('halp demo [--seed N]');
  });

  it('runs the demo: prototypes, positives, and the share of reference t* < 0', async () => {
    const output = captureOutput();
    expect(
      await runCli(
        ['demo', '--keys', '64', '--prototypes', '5', '--anchors', '8', '--positives', '10'],
        [demoCommand],
        output,
      ),
    ).toBe(0);
    expect(output.stdout).toMatch(/5 prototypes, \d+ iterations/);
    expect(output.stdout).toMatch(/80 positives, kept \d+/);
    expect(output.stdout).not.toMatch(/NaN/);
  });

  it('reports a bad option value as a one-line error', async () => {
    const output = captureOutput();
    expect(await runCli(['demo', '--keys', 'many'], [demoCommand], output)).toBe(1);
    expect(output.stderr).toBe('halp demo: --keys: expected an integer ≥ 2, got "many"\n');
  });
});

describe('one strict parser for every command', () => {
  it('refuses a misspelt flag, naming the nearest valid one and all of them', async () => {
    for (const [argv, typo, meant] of [
      [['linear', '--epoch', '1'], '--epoch', '--epochs'],
      [['knn', '--save-feature', 'f'], '--save-feature', '--save-features'],
      [['pretrain', '--optimizer.lr', '1'], '--optimizer.lr', '--optimizer.learningRate'],
    ] as const) {
      const output = captureOutput();
      expect(await runCli(argv, commands, output)).toBe(2);
      expect(output.stderr.split('\n')).toHaveLength(2);
      expect(output.stderr).toContain(`unknown option ${typo} (did you mean ${meant}?)`);
      expect(output.stderr).toContain(`halp ${argv[0]} takes `);
      expect(output.stdout).toBe('');
    }
  });

  it('refuses a stray word instead of ignoring it', async () => {
    const output = captureOutput();
    expect(await runCli(['demo', '--seed', '1', '2'], [demoCommand], output)).toBe(2);
    expect(output.stderr).toBe('halp demo: unexpected argument "2" (options are written --name value)\n');
  });

  it('accepts every flag that a command’s help lists, and (but for configuration keys) lists every flag it accepts', () => {
    for (const command of commands) {
      // Flags quoted with another command's name ('halp pretrain --data') are that command's, and the
      // descriptions of method options name the reference implementations' flags ([--mu]).
      const ownHelp = command.help
        .replaceAll(/'halp [^']*'/g, '')
        .replaceAll(/^(\s+--methodOptions\.\S+).*$/gm, '$1');
      const listed = new Set([...ownHelp.matchAll(/--([a-z](?:[\w.-]*[a-zA-Z0-9])?)/g)].map((m) => m[1]!));
      const accepted = { ...GLOBAL_OPTIONS, ...command.options };
      for (const flag of listed)
        expect(Object.hasOwn(accepted, flag), `${command.name} --${flag}`).toBe(true);
      const own = Object.keys(command.options).filter(
        (flag) => !(command.name === 'pretrain' && flag !== flag.toLowerCase()) && !flag.includes('.'),
      );
      if (command.name !== 'pretrain')
        for (const flag of own) expect(listed.has(flag), `${command.name} help lists --${flag}`).toBe(true);
    }
  });

  it('takes a negative number as an option value', () => {
    const parsed = parseArguments(['--seed', '-4', '--lr', '-.5'], { seed: 'string', lr: 'string' });
    expect(Object.fromEntries(parsed.options)).toEqual({ seed: '-4', lr: '-.5' });
  });
});
