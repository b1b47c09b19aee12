import { ConfigError, InvalidInputError } from '@mm/core';
import { describe, expect, it } from 'vitest';
import type { CommandSpec } from './command-line.js';
import { executeCommand, executeProgram, type CliCommand, type CliOutput } from './run-cli.js';

function capture(): CliOutput & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (text) => stdout.push(text), err: (text) => stderr.push(text) };
}

const spec: CommandSpec = {
  name: 'tool run',
  summary: 'Runs.',
  usage: ['tool run --size <n>'],
  flags: { size: { type: 'string', value: '<n>', description: 'how big', required: true } },
  examples: [],
};

const command = (run: CliCommand['run']): CliCommand => ({ spec, run });

describe('executeCommand', () => {
  it('0 on success, with the handler given the parsed flags', async () => {
    const output = capture();
    let seen: unknown;
    expect(
      await executeCommand(
        command(({ values }) => void (seen = values.size)),
        ['--size', '3'],
        '1.2.3',
        output,
      ),
    ).toBe(0);
    expect(seen).toBe('3');
  });

  it('help and version on stdout, exit 0, the handler never runs', async () => {
    const output = capture();
    const never = command(() => {
      throw new Error('ran');
    });
    expect(await executeCommand(never, ['--help'], '1.2.3', output)).toBe(0);
    expect(await executeCommand(never, ['--version'], '1.2.3', output)).toBe(0);
    expect(output.stdout[0]).toMatch(/^Usage: tool run/);
    expect(output.stdout[1]).toBe('tool run 1.2.3');
    expect(output.stderr).toEqual([]);
  });

  it('2 on a usage error or a ConfigError naming flags, with the message and the usage on stderr', async () => {
    const output = capture();
    expect(
      await executeCommand(
        command(() => 0),
        ['--sise', '3'],
        '1',
        output,
      ),
    ).toBe(2);
    expect(output.stderr[0]).toContain("tool run: Unknown option '--sise': did you mean --size?");
    expect(output.stderr[0]).toContain('Usage: tool run --size <n>');
    const bad = command(() => {
      throw new ConfigError('tool arguments', [{ field: '--size', problem: 'must be a number' }]);
    });
    expect(await executeCommand(bad, ['--size', 'x'], '1', output)).toBe(2);
    expect(output.stderr[1]).toContain('--size: must be a number');
  });

  it('1 on a ConfigError about settings (an environment key): the command line was fine', async () => {
    const output = capture();
    const badSetting = command(() => {
      throw new ConfigError('bot settings', [{ field: 'BTC_BASE_SPREAD_BPS', problem: 'must be >= 0' }]);
    });
    expect(await executeCommand(badSetting, ['--size', '1'], '1', output)).toBe(1);
    expect(output.stderr[0]).toBe('tool run: Invalid bot settings:\n  - BTC_BASE_SPREAD_BPS: must be >= 0');
  });

  it('1 on a typed failure, printed without a stack; a bug keeps its stack', async () => {
    const output = capture();
    const failing = command(() => {
      throw new InvalidInputError('the capture has no BTC book');
    });
    expect(await executeCommand(failing, ['--size', '1'], '1', output)).toBe(1);
    expect(output.stderr[0]).toBe('tool run: the capture has no BTC book');
    const buggy = command(() => {
      throw new TypeError('x is undefined');
    });
    expect(await executeCommand(buggy, ['--size', '1'], '1', output)).toBe(1);
    expect(output.stderr[1]).toMatch(/a bug[\s\S]*TypeError: x is undefined\n\s+at /);
  });

  it("a handler's own exit code is kept", async () => {
    expect(
      await executeCommand(
        command(() => 1),
        ['--size', '1'],
        '1',
        capture(),
      ),
    ).toBe(1);
  });
});

describe('executeProgram', () => {
  const program = { name: 'tool', version: '0.1.0', summary: 'Tools.', usage: ['tool <command>'], commands: { run: command(() => 0) } };

  it('dispatches to the command, or lists the commands', async () => {
    const output = capture();
    expect(await executeProgram(program, ['run', '--', '--size', '1'], output)).toBe(0);
    expect(await executeProgram(program, ['--help'], output)).toBe(0);
    expect(output.stdout[0]).toMatch(/Commands:\n {2}run {2}Runs\./);
    expect(await executeProgram(program, ['run', '--help'], output)).toBe(0);
    expect(output.stdout[1]).toMatch(/^Usage: tool run/);
  });

  it('no command or an unknown one is a usage error naming the closest command', async () => {
    const output = capture();
    expect(await executeProgram(program, [], output)).toBe(2);
    expect(await executeProgram(program, ['rnu'], output)).toBe(2);
    expect(output.stderr[0]).toMatch(/^tool: no command given/);
    expect(output.stderr[1]).toMatch(/^tool: unknown command 'rnu': did you mean run\?/);
  });
});
