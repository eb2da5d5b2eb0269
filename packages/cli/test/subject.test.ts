/**
 * `records redact` and `records package` check `--subject` by one rule (tuning's `readSubjects`): the same input is
 * refused by both, with the same one line and exit code 2, and nothing is written.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CommandIO, main } from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'records-subject-'));
const chat = join(dir, 'ward.txt');
writeFileSync(chat, '04/03/2024, 08:02 - Dr Sarah Jones: Bed 4 is Margaret Okafor\n');
const out = join(dir, 'bundle.zip');

async function run(command: 'redact' | 'package', args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const io: CommandIO = { stdout: () => {}, stderr: (text) => (stderr += text) };
  const extra =
    command === 'package' ? ['--reference', 'R-1', '--received', '2024-04-02', '--out', out] : ([] as string[]);
  const code = await main([command, chat, '--date-order', 'dmy', ...extra, ...args], io);
  return { code, stderr };
}

describe('--subject, the same rule for records redact and records package', () => {
  const refused: [string[], string][] = [
    [
      ['--mode', 'foi', '--subject', 'Margaret Okafor'],
      '--subject applies to --mode sar only (an FOI has no data subject).',
    ],
    [['--mode', 'sar'], '--mode sar needs --subject NAME (the data subject).'],
    [['--mode', 'sar', '--subject', '07700 900123'], '--subject needs at least one name, not only phone numbers.'],
    [
      ['--mode', 'sar', '--subject', '+44 7700 900123', '--subject', '07700900456'],
      '--subject needs at least one name, not only phone numbers.',
    ],
    [['--mode', 'sar', '--subject', 'Margaret Okafor', '--subject', ' '], '--subject must not be blank.'],
  ];
  for (const [args, message] of refused) {
    it(`refuses ${args.join(' ')}`, async () => {
      for (const command of ['redact', 'package'] as const) {
        const { code, stderr } = await run(command, args);
        expect({ command, code, stderr }).toEqual({ command, code: 2, stderr: `records ${command}: ${message}\n` });
      }
      expect(existsSync(out)).toBe(false);
    });
  }

  it('takes a name with a phone number in a SAR in both', async () => {
    const args = ['--mode', 'sar', '--subject', 'Margaret Okafor', '--subject', '07700 900123'];
    expect((await run('redact', args)).code).toBe(0);
    expect((await run('package', args)).code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});
