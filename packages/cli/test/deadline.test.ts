import { describe, expect, it } from 'vitest';
import { type CommandIO, main } from '../src/index.ts';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  };
  const code = await main(['deadline', ...argv], io);
  return { code, stdout, stderr };
}

describe('records deadline', () => {
  it('prints the SAR deadline from the issue as JSON', async () => {
    const { code, stdout, stderr } = await run('--type', 'sar', '--received', '2024-11-25', '--today', '2024-12-02');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(stdout.startsWith('{\n  "type": "sar",\n  "received": "2024-11-25",\n  "due": "2024-12-27"')).toBe(true);
    expect(result).toMatchObject({
      type: 'sar',
      received: '2024-11-25',
      due: '2024-12-27',
      dueWeekday: 'Friday',
      asOf: '2024-12-02',
      status: 'open',
      calendarDaysLeft: 25,
      holidaysSkipped: [
        { date: '2024-12-25', name: 'Christmas Day', divisions: ['england-and-wales'] },
        { date: '2024-12-26', name: 'Boxing Day', divisions: ['england-and-wales'] },
      ],
    });
    expect(result.rule).toMatch(/UK GDPR Art 12\(3\)/);
    expect(result.workingDaysLeft).toBe(result.workingDaysTotal - result.workingDaysElapsed);
  });

  it('applies the SAR extension, FOI public interest extension and EIR complex option', async () => {
    const sar = JSON.parse(
      (await run('--type', 'sar', '--received', '2023-01-31', '--extended', '--today', '2023-02-01')).stdout,
    );
    expect([sar.due, sar.noticeDue]).toEqual(['2023-05-02', '2023-02-28']);
    const foi = JSON.parse(
      (await run('--type', 'foi', '--received', '2024-12-20', '--extended', '--today', '2025-01-02')).stdout,
    );
    expect([foi.due, foi.noticeDue, foi.workingDaysLeft]).toEqual(['2025-02-20', '2025-01-23', 35]);
    const eir = JSON.parse(
      (await run('--type', 'eir', '--received', '2024-12-20', '--complex', '--today', '2025-01-02')).stdout,
    );
    expect(eir.due).toBe('2025-02-20');
  });

  it('handles FOISA, clarification, fee pauses and SAR options', async () => {
    const foisa = JSON.parse(
      (await run('--type', 'foisa', '--received', '2025-07-01', '--today', '2025-07-01')).stdout,
    );
    expect(foisa.due).toBe('2025-07-29');
    const clarified = JSON.parse(
      (await run('--type', 'foi', '--received', '2025-02-03', '--clarified', '2025-11-15', '--today', '2025-11-20'))
        .stdout,
    );
    expect(clarified.due).toBe('2025-12-15');
    const fees = JSON.parse(
      (await run('--type', 'foi', '--received', '2025-09-01', '--paused-days', '5', '--today', '2025-09-01')).stdout,
    );
    expect(fees.due).toBe('2025-10-06');
    expect(fees.pausesApplied).toEqual([{ reason: 'fees-notice', days: 5, unit: 'working-days' }]);
    const sar = JSON.parse(
      (
        await run(
          '--type',
          'sar',
          '--received',
          '2025-06-01',
          '--clock-start',
          '2025-06-14',
          '--division',
          'northern-ireland',
          '--today',
          '2025-06-14',
        )
      ).stdout,
    );
    expect(sar.due).toBe('2025-07-15');
  });

  it('defaults --today to the local date', async () => {
    const result = JSON.parse((await run('--type', 'foi', '--received', '2025-01-06')).stdout);
    const now = new Date();
    const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    expect(result.asOf).toBe(today);
  });

  it.each([
    [
      ['--type', 'sar', '--received', '2024-02-30'],
      "--received '2024-02-30' is not a real date: 2024-02 has no day 30 (it has 29 days)",
    ],
    [['--type', 'fio', '--received', '2024-02-01'], "unknown request type 'fio' (expected foi, eir, foisa, sar)"],
    [['--type', 'foisa', '--received', '2024-02-01', '--extended'], 'FOISA has no extension'],
    [['--received', '2024-02-01'], '--type is required'],
    [['--type', 'foi'], '--received is required'],
    [['--type', 'foi', '--received', '1/2/2024'], "--received '1/2/2024' is not a date in the form YYYY-MM-DD"],
    [['--type', 'foi', '--received', '2024-02-01', '--paused-days', '-3'], "'--paused-days' argument is ambiguous"],
    [['--type', 'foi', '--received', '2024-02-01', '--paused-days=-3'], '--paused-days must be a whole number'],
    [['--type', 'foi', '--received', '2024-02-01', '--paused-days', 'x'], '--paused-days must be a whole number'],
    [['--type', 'foi', '--received', '2024-02-01', '--today', '2024-13-01'], '--today'],
    [['--type', 'foi', '--received', '2024-02-01', '--complex'], "'complex' applies only to EIR"],
    [['--type', 'sar', '--received', '2024-02-01', '--division', 'wales'], "unknown division 'wales'"],
    [['--type', 'foi', '--received', '2024-02-01', '--bogus'], "Unknown option '--bogus'"],
  ])('rejects %j with one line and exit code 2', async (argv, message) => {
    const { code, stdout, stderr } = await run(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.startsWith('records deadline: ')).toBe(true);
    expect(stderr).toContain(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('prints its usage with --help', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('records deadline --type foi|eir|foisa|sar');
  });
});
