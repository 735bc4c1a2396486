// `stonehand completion`: the shell script yargs writes, and the completions that script asks
// the command for (what a user sees on TAB).
import { execFileSync } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeAll, ROOT, runCli, tempDir } from './runCli.js';

const dirs: string[] = [];
afterAll(() => removeAll(dirs));

const COMMANDS = ['build', 'import', 'preflight', 'archive', 'proof', 'completion'];

/** What `stonehand <words…><TAB>` offers, as the completion script asks for it. */
async function complete(...words: string[]): Promise<string[]> {
  const result = await runCli(['--get-yargs-completions', 'stonehand', ...words], { env: { SHELL: '/bin/bash' } });
  expect(result.status).toBe(0);
  return result.stdout.split('\n').filter(Boolean);
}

describe('completion', () => {
  it('prints a bash script that completes stonehand by asking it', async () => {
    const result = await runCli(['completion'], { env: { SHELL: '/bin/bash' } });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('###-begin-stonehand-completions-###');
    expect(result.stdout).toContain('stonehand --get-yargs-completions');
    expect(result.stdout).toMatch(/^complete .*-F _stonehand_yargs_completions stonehand$/m);
  });

  it('prints a zsh script under zsh', async () => {
    const result = await runCli(['completion'], { env: { SHELL: '/usr/bin/zsh' } });
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('#compdef stonehand');
    expect(result.stdout).toContain('stonehand --get-yargs-completions');
    expect(result.stdout).toMatch(/^\s*compdef _stonehand_yargs_completions stonehand$/m);
  });

  it('completes the commands, each command\'s options and an option\'s choices', async () => {
    expect(await complete('')).toEqual(COMMANDS);
    const build = await complete('build', '--');
    for (const option of ['--out', '--profile', '--format', '--condition', '--colour', '--strict', '--json', '--watch']) expect(build).toContain(option);
    expect(await complete('archive', '--')).toContain('--verify');
    expect(await complete('build', '--profile', '')).toEqual(['press', 'office', 'archive']);
  });

  it('works in bash: the script, sourced, completes a command, an option and its values', async () => {
    // `stonehand` on the PATH, as an installed command is
    const bin = await tempDir('stonehand-completion-');
    dirs.push(bin);
    await symlink(join(ROOT, 'bin', 'stonehand.js'), join(bin, 'stonehand'));
    const script = [
      'source <(stonehand completion)',
      'offer() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _stonehand_yargs_completions; echo "${COMPREPLY[*]}"; }',
      'offer stonehand pre',
      'offer stonehand build --wat',
      'offer stonehand build --format ""',
    ].join('\n');
    const out = execFileSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SHELL: '/bin/bash' } });
    expect(out.split('\n')).toEqual(['preflight', '--watch', 'tabloid berliner broadsheet letter a4', '']);
  });
});
