import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBundleForLeaks } from '@im-records/disclosure-bundle/leak-check';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
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
  const code = await main(['package', ...argv], io);
  return { code, stdout, stderr };
}

// The project's own small WhatsApp (Android) export; every name and number is invented (NHS 943… test range, Ofcom drama phone).
const chat = `04/03/2024, 09:15 - Priya Raman: Morning all. Bed 4 is Mr Harold Pennington, NHS number 943 476 5919, bloods sent
04/03/2024, 09:17 - Tom Whitfield: Thanks Priya. His daughter is on 07700 900123 if needed
04/03/2024, 09:20 - Priya Raman: Discharge planned for tomorrow
05/03/2024, 10:02 - Tom Whitfield: Ελληνικά και 中文 👍
`;
const secrets = ['Harold Pennington', '943 476 5919', '07700 900123', 'Priya Raman', 'Tom Whitfield', 'Priya'];

describe('records package', () => {
  let dir = '';
  let file = '';
  const base = (): string[] => [
    file,
    '--reference',
    'FOI-2024-0412',
    '--received',
    '2024-04-02',
    '--response-date',
    '2024-04-25',
    // The project's chats have no day above 12: the order is said, so the import has nothing to warn about.
    '--date-order',
    'dmy',
  ];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'records-package-'));
    file = join(dir, 'chat.txt');
    await writeFile(file, chat);
  });

  it('imports, redacts and writes a bundle and a separate case file that leak nothing', async () => {
    const out = join(dir, 'bundle.zip');
    const caseFile = join(dir, 'case.json');
    const result = await run(
      ...base(),
      '--mode',
      'foi',
      '--organisation',
      'Northshire Hospitals',
      '--out',
      out,
      '--case-file',
      caseFile,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Wrote .*bundle\.zip: 4 messages, \d+ redactions, .*due 2024-04-30\./);
    const zipBytes = new Uint8Array(await readFile(out));
    const zip = await JSZip.loadAsync(zipBytes);
    expect(Object.keys(zip.files)).toEqual([
      'manifest.json',
      'redaction-schedule.csv',
      'transcript.csv',
      'transcript.html',
      'transcript.pdf',
    ]);
    const manifest = JSON.parse(await (zip.file('manifest.json') as JSZip.JSZipObject).async('string'));
    expect(manifest.request).toMatchObject({
      reference: 'FOI-2024-0412',
      type: 'foi',
      received: '2024-04-02',
      due: '2024-04-30',
      // Printed on the cover in the browser tool's words: the app's name as the app writes it, the title as disclosed.
      searched: 'WhatsApp chat "[Staff member A], [Staff member B]"',
    });
    const report = await checkBundleForLeaks(zipBytes, secrets);
    expect(report.findings).toEqual([]);
    const kept = JSON.parse(await readFile(caseFile, 'utf8'));
    expect(kept.format).toBe('im-records-case-file/1');
    expect(kept.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(kept.decisions.length).toBeGreaterThanOrEqual(4);
    expect(kept.bundle.zipSha256).toBe(result.stdout.match(/SHA-256 ([0-9a-f]{64})/)?.[1]);
  });

  it('gives the same bytes when run twice with the same inputs', async () => {
    const a = join(dir, 'a.zip');
    const b = join(dir, 'b.zip');
    expect((await run(...base(), '--mode', 'foi', '--out', a)).code).toBe(0);
    expect((await run(...base(), '--mode', 'foi', '--out', b)).code).toBe(0);
    expect(Buffer.compare(await readFile(a), await readFile(b))).toBe(0);
  });

  it("prints the chat's title on the cover with the same decisions: a one-to-one chat's name is redacted there too", async () => {
    const titled = join(dir, 'WhatsApp Chat with Harold Pennington.txt');
    await writeFile(titled, chat);
    const out = join(dir, 'titled.zip');
    const result = await run(titled, ...base().slice(1), '--mode', 'foi', '--out', out);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/: 4 messages, /);
    const zipBytes = new Uint8Array(await readFile(out));
    const zip = await JSZip.loadAsync(zipBytes);
    const html = await (zip.file('transcript.html') as JSZip.JSZipObject).async('string');
    expect(html).toMatch(/<dt>Conversation<\/dt><dd dir="auto">\[[^\]]+\]<\/dd>/);
    const schedule = await (zip.file('redaction-schedule.csv') as JSZip.JSZipObject).async('string');
    expect(schedule).toContain('chat title');
    const manifest = JSON.parse(await (zip.file('manifest.json') as JSZip.JSZipObject).async('string'));
    expect(manifest.counts.messagesInScope).toBe(4);
    expect((await checkBundleForLeaks(zipBytes, [...secrets, 'Pennington'])).findings).toEqual([]);
  });

  it('keeps the subject in SAR mode and withholds the others', async () => {
    const out = join(dir, 'sar.zip');
    const result = await run(...base(), '--mode', 'sar', '--subject', 'Harold Pennington', '--out', out);
    expect(result.code).toBe(0);
    const zip = await JSZip.loadAsync(await readFile(out));
    const csv = await (zip.file('transcript.csv') as JSZip.JSZipObject).async('string');
    expect(csv).toContain('Harold Pennington');
    expect(csv).not.toContain('07700 900123');
    expect(result.stderr).toBe('');
  });

  it('keeps health professionals in a SAR by default, as the browser tool does, and withholds them when told to', async () => {
    const sar = async (extra: string[]) => {
      const out = join(dir, 'sar-staff.zip');
      const caseFile = join(dir, 'sar-staff.json');
      const sarArgs = ['--mode', 'sar', '--subject', 'Harold Pennington', '--out', out, '--case-file', caseFile];
      const result = await run(...base(), ...sarArgs, ...extra);
      expect(result.code).toBe(0);
      const zip = await JSZip.loadAsync(await readFile(out));
      const csv = await (zip.file('transcript.csv') as JSZip.JSZipObject).async('string');
      const settings = JSON.parse(await readFile(caseFile, 'utf8')).settings;
      return { csv, kept: settings.keepHealthProfessionals };
    };
    const byDefault = await sar([]);
    expect(byDefault.kept).toBe(true);
    expect(byDefault.csv).toContain('Priya Raman');
    expect(await sar(['--keep-health-professionals'])).toEqual(byDefault);
    const withheld = await sar(['--withhold-health-professionals']);
    expect(withheld.kept).toBe(false);
    expect(withheld.csv).not.toContain('Priya');
    expect(withheld.csv).toContain('Staff member A');
    const both = await run(
      ...base(),
      '--mode',
      'sar',
      '--subject',
      'Harold Pennington',
      '--out',
      join(dir, 'x.zip'),
      '--keep-health-professionals',
      '--withhold-health-professionals',
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toBe(
      'records package: --keep-health-professionals and --withhold-health-professionals cannot both be given.\n',
    );
  });

  it('warns when a SAR has messages to check: a given name someone else in the chat has', async () => {
    const namesakes = join(dir, 'namesakes.txt');
    await writeFile(
      namesakes,
      `${chat}05/03/2024, 10:07 - Priya Raman: Harold Baines in bed 6 is agitated
05/03/2024, 10:09 - Tom Whitfield: Harold pulled his cannula out
`,
    );
    const out = join(dir, 'namesakes.zip');
    const args = [namesakes, ...base().slice(1), '--mode', 'sar', '--subject', 'Harold Pennington', '--out', out];
    const result = await run(...args);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: 1 message is in scope only because of a name that may be someone else's/);
    const zip = await JSZip.loadAsync(await readFile(out));
    const csv = await (zip.file('transcript.csv') as JSZip.JSZipObject).async('string');
    expect(csv).not.toContain('Baines');
    expect(csv).not.toContain('Harold pulled');
  });

  it('takes the detection options records redact takes: kept staff, trust hospital numbers, extra terms', async () => {
    const tuned = join(dir, 'tuned.txt');
    await writeFile(
      tuned,
      `${chat}05/03/2024, 10:05 - Priya Raman: Hospital number RJ1-204518 for Mr Pennington; he likes the Kestrel Ward view
`,
    );
    const terms = join(dir, 'terms.txt');
    await writeFile(terms, '# extra terms\nKestrel Ward\n');
    const out = join(dir, 'tuned.zip');
    const caseFile = join(dir, 'tuned-case.json');
    const result = await run(
      tuned,
      '--reference',
      'FOI-2024-0413',
      '--received',
      '2024-04-02',
      '--response-date',
      '2024-04-25',
      '--date-order',
      'dmy',
      '--mode',
      'foi',
      '--keep',
      'Priya Raman',
      '--hospital-shape',
      'RJ1-######',
      '--terms',
      terms,
      '--out',
      out,
      '--case-file',
      caseFile,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const zipBytes = new Uint8Array(await readFile(out));
    const csv = await ((await JSZip.loadAsync(zipBytes)).file('transcript.csv') as JSZip.JSZipObject).async('string');
    // The kept consultant is named; the other member of staff, the patient, the trust's number and the term are not.
    expect(csv).toContain('Priya Raman');
    const report = await checkBundleForLeaks(zipBytes, [
      'Tom Whitfield',
      'Harold Pennington',
      'RJ1-204518',
      'Kestrel Ward',
    ]);
    expect(report.findings).toEqual([]);
    const settings = JSON.parse(await readFile(caseFile, 'utf8')).settings;
    expect(settings).toMatchObject({ keepNames: ['Priya Raman'], hospitalShapes: ['RJ1-######'], termsFile: terms });
    // Without the shape the trust's number is not found, so the option is what withholds it.
    const plain = join(dir, 'plain.zip');
    expect((await run(tuned, ...base().slice(1), '--mode', 'foi', '--out', plain)).code).toBe(0);
    const plainCsv = await (
      (await JSZip.loadAsync(await readFile(plain))).file('transcript.csv') as JSZip.JSZipObject
    ).async('string');
    expect(plainCsv).toContain('RJ1-204518');
    // A bad shape is a usage error naming the shape.
    const bad = await run(...base(), '--mode', 'foi', '--hospital-shape', 'RJ1-##', '--out', join(dir, 'x.zip'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^records package: .*RJ1-##/);
  });

  it('leaves out the messages outside --from/--to, and records the range in the case file', async () => {
    const out = join(dir, 'march-4.zip');
    const caseFile = join(dir, 'march-4.json');
    const result = await run(...base(), '--mode', 'foi', '--to', '2024-03-04', '--out', out, '--case-file', caseFile);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Wrote .*march-4\.zip: 3 messages,/);
    const zip = await JSZip.loadAsync(await readFile(out));
    const csv = await (zip.file('transcript.csv') as JSZip.JSZipObject).async('string');
    expect(csv).toContain('Discharge planned for tomorrow');
    // The 5 March message is left out (its Greek and Chinese text is redacted whole, so its date is what shows it).
    expect(csv).toContain('2024-03-04,');
    expect(csv).not.toContain('2024-03-05,');
    const manifest = JSON.parse(await (zip.file('manifest.json') as JSZip.JSZipObject).async('string'));
    expect(manifest.request.searched).toMatch(/", up to 4 March 2024$/);
    expect(JSON.parse(await readFile(caseFile, 'utf8')).settings).toMatchObject({ to: '2024-03-04' });
    const one = await run(...base(), '--mode', 'foi', '--from', '2024-03-05', '--out', out);
    expect(one.stdout).toMatch(
      /^Wrote .*march-4\.zip: 1 message, 3 redactions, 0 attachments included, 0 withheld, 3 pages;/,
    );
    const backwards = await run(...base(), '--mode', 'foi', '--from', '2024-03-05', '--to', '2024-03-04', '--out', out);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toBe(
      'records package: --from/--to: The date range ends (2024-03-04) before it starts (2024-03-05).\n',
    );
  });

  it('leaves out a message the officer names by its id, and logs the decision in the case file', async () => {
    let parsed = '';
    const io: CommandIO = {
      stdout: (text) => {
        parsed += text;
      },
      stderr: () => {},
    };
    expect(await main(['parse', file], io)).toBe(0);
    const messages = (JSON.parse(parsed) as { messages: { id: string; text: string }[] }).messages;
    const discharge = messages.find((m) => m.text.startsWith('Discharge planned'))?.id ?? '';
    const out = join(dir, 'left-out.zip');
    const caseFile = join(dir, 'left-out.json');
    const result = await run(
      ...base(),
      '--mode',
      'foi',
      '--leave-out',
      discharge,
      '--out',
      out,
      '--case-file',
      caseFile,
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Wrote .*left-out\.zip: 3 messages,/);
    const zip = await JSZip.loadAsync(await readFile(out));
    const csv = await (zip.file('transcript.csv') as JSZip.JSZipObject).async('string');
    expect(csv).not.toContain('Discharge planned');
    expect(csv).toContain('bloods sent');
    const kept = JSON.parse(await readFile(caseFile, 'utf8'));
    expect(kept.decisions).toContainEqual({
      action: 'leave-out-message',
      messageId: discharge,
      by: 'records package (batch: every proposal accepted)',
      at: '2024-04-25T12:00:00Z',
      reason: 'left out on the command line (--leave-out)',
    });
    expect(kept.settings).toMatchObject({ leaveOut: [discharge] });
  });

  it('says on stderr what the import found to check, and the line it could not read is in the bundle', async () => {
    const damaged = join(dir, 'damaged.txt');
    await writeFile(
      damaged,
      `${chat}05/03/2024, 10:05 - Tom Whitfield: Handover at 5\n31/02/2024, 99:99 - Priya Raman: Bed 9 needs a review\n`,
    );
    const out = join(dir, 'damaged.zip');
    const { code, stderr } = await run(damaged, ...base().slice(1), '--mode', 'foi', '--out', out);
    expect(code).toBe(0);
    expect(stderr).toMatch(/the import found 1 thing to check/);
    expect(stderr).toMatch(/Line 6 looks like the start of a message, but its date and time .* cannot be read/);
    const zip = await JSZip.loadAsync(await readFile(out));
    expect(await zip.file('transcript.csv')?.async('string')).toContain('Bed 9 needs a review');
    // A clean export prints no such warning.
    expect((await run(...base(), '--mode', 'foi', '--out', join(dir, 'clean.zip'))).stderr).not.toMatch(/import found/);
  });

  it('reads the chat --chat names from a Telegram full export, and records it in the case file', async () => {
    const message = (from: string, text: string, date: string) => ({
      id: 1,
      type: 'message',
      date,
      from,
      from_id: `user-${from}`,
      text,
    });
    const full = join(dir, 'result.json');
    await writeFile(
      full,
      JSON.stringify({
        chats: {
          list: [
            { name: 'Ana', type: 'personal_chat', id: 1, messages: [message('Ana', 'hi', '2024-03-04T09:00:00')] },
            {
              name: 'Ward 9',
              type: 'private_group',
              id: 2,
              messages: [message('Ben', 'Bed 9 needs a review', '2024-03-04T10:00:00')],
            },
          ],
        },
      }),
    );
    const out = join(dir, 'ward-9.zip');
    const unchosen = await run(full, ...base().slice(1), '--mode', 'foi', '--out', out);
    expect(unchosen.code).toBe(1);
    expect(unchosen.stderr).toMatch(/choose one with the chat option \(--chat\)\. Available: Ana, Ward 9/);
    const caseFile = join(dir, 'ward-9.json');
    const chosen = await run(
      full,
      ...base().slice(1),
      '--chat',
      'Ward 9',
      '--mode',
      'foi',
      '--out',
      out,
      '--case-file',
      caseFile,
    );
    expect(chosen.code).toBe(0);
    const csv = await ((await JSZip.loadAsync(await readFile(out))).file('transcript.csv') as JSZip.JSZipObject).async(
      'string',
    );
    expect(csv).toContain('Bed 9 needs a review');
    expect(csv).not.toContain('hi');
    expect(JSON.parse(await readFile(caseFile, 'utf8')).settings).toMatchObject({ chat: 'Ward 9', dateOrder: 'dmy' });
  });

  it('reads the dates month first with --date-order mdy, and warns when no order was said and none can be told', async () => {
    const out = join(dir, 'us.zip');
    const us = await run(file, ...base().slice(1, -1), 'mdy', '--mode', 'foi', '--out', out);
    expect(us.code).toBe(0);
    const csv = await ((await JSZip.loadAsync(await readFile(out))).file('transcript.csv') as JSZip.JSZipObject).async(
      'string',
    );
    // 04/03/2024 read month first is 3 April, not 4 March.
    expect(csv).toContain('2024-04-03');
    expect(csv).not.toContain('2024-03-04');
    const unsaid = base().slice(0, -2);
    const guessed = await run(...unsaid, '--mode', 'foi', '--out', join(dir, 'guessed.zip'));
    expect(guessed.code).toBe(0);
    expect(guessed.stderr).toMatch(/No date in this export has a day above 12.*\(--date-order dmy or --date-order mdy/);
  });

  it('withholds the attachments unless --include-media asks for them: their content is never redacted', async () => {
    const letter = 'Discharge letter.pdf';
    const pdf = '%PDF-1.4\n% Harold Pennington, NHS number 943 476 5919\n%%EOF\n';
    const archive = new JSZip();
    archive.file(
      'WhatsApp Chat with Ward 7.txt',
      `${chat}05/03/2024, 10:05 - Tom Whitfield: ${letter} (file attached)\n`,
    );
    archive.file(letter, pdf);
    const exported = join(dir, 'WhatsApp Chat with Ward 7.zip');
    await writeFile(exported, await archive.generateAsync({ type: 'uint8array' }));
    const media = async (out: string) => {
      const zip = await JSZip.loadAsync(await readFile(out));
      return Object.keys(zip.files).filter((name) => name.startsWith('media/'));
    };

    const withheld = join(dir, 'media-withheld.zip');
    const plain = await run(exported, ...base().slice(1), '--mode', 'foi', '--out', withheld);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/0 attachments included, 1 withheld/);
    expect(await media(withheld)).toEqual([]);
    expect(
      (await checkBundleForLeaks(await readFile(withheld), ['Harold Pennington', '943 476 5919'])).findings,
    ).toEqual([]);

    const included = join(dir, 'media-included.zip');
    const asked = await run(exported, ...base().slice(1), '--mode', 'foi', '--include-media', '--out', included);
    expect(asked.stdout).toMatch(/1 attachment included, 0 withheld/);
    expect(await media(included)).toHaveLength(1);

    const both = await run(...base(), '--mode', 'foi', '--include-media', '--withhold-media', '--out', included);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--include-media and --withhold-media cannot both be given/);
  });

  it('takes an EIR or FOISA request with --type: its own Act on the cover and its own deadline', async () => {
    const out = join(dir, 'foisa.zip');
    const args = ['--reference', 'FOI-1', '--received', '2025-03-10', '--response-date', '2025-04-01'];
    const foisa = await run(file, '--mode', 'foi', '--type', 'foisa', ...args, '--date-order', 'dmy', '--out', out);
    expect(foisa.code).toBe(0);
    // Scottish bank holidays only: Northern Ireland's 17 March does not stop a FOISA clock (an FOI is due 8 April).
    expect(foisa.stdout).toMatch(/due 2025-04-07\./);
    const zip = await JSZip.loadAsync(await readFile(out));
    const manifest = JSON.parse(await (zip.file('manifest.json') as JSZip.JSZipObject).async('string'));
    expect(manifest.request).toMatchObject({ type: 'foisa', due: '2025-04-07' });
    const html = await (zip.file('transcript.html') as JSZip.JSZipObject).async('string');
    expect(html).toContain('Freedom of Information (Scotland) Act 2002');
    const mismatch = await run(
      file,
      '--mode',
      'sar',
      '--type',
      'eir',
      '--subject',
      'Harold Pennington',
      ...args,
      '--out',
      out,
    );
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toBe('records package: --type eir is redacted with --mode foi, not --mode sar.\n');
    const unknown = await run(file, '--mode', 'foi', '--type', 'foia', ...args, '--out', out);
    expect(unknown.stderr).toBe("records package: --type must be one of foi, eir, foisa, sar, not 'foia'.\n");
  });

  it('refuses a response dated before the request arrived, naming both dates', async () => {
    const out = join(dir, 'dates.zip');
    const early = await run(
      file,
      '--mode',
      'foi',
      '--reference',
      'FOI-1',
      '--received',
      '2024-04-02',
      '--response-date',
      '2024-04-01',
      '--out',
      out,
    );
    expect(early.code).toBe(2);
    expect(early.stderr).toBe(
      'records package: --response-date (2024-04-01) is before --received (2024-04-02): a request is answered after it arrives.\n',
    );
    const future = await run(file, '--mode', 'foi', '--reference', 'FOI-1', '--received', '2999-01-01', '--out', out);
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/^records package: --received \(2999-01-01\) is after today \(\d{4}-\d\d-\d\d\)/);
    const sameDay = await run(
      file,
      '--mode',
      'foi',
      '--reference',
      'FOI-1',
      '--received',
      '2024-04-02',
      '--response-date',
      '2024-04-02',
      '--date-order',
      'dmy',
      '--out',
      out,
    );
    expect(sameDay.code).toBe(0);
  });

  it('rejects bad input with exit code 2 and one line', async () => {
    const missing = await run(file, '--mode', 'foi', '--received', '2024-04-02', '--out', join(dir, 'x.zip'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('records package: --reference is required.\n');
    expect((await run(...base(), '--mode', 'eir', '--out', join(dir, 'x.zip'))).stderr).toMatch(
      /--mode must be foi or sar/,
    );
    expect((await run(...base(), '--mode', 'sar', '--out', join(dir, 'x.zip'))).stderr).toMatch(
      /--mode sar needs --subject NAME/,
    );
    const badDate = await run(
      file,
      '--mode',
      'foi',
      '--reference',
      'R',
      '--received',
      '2024-13-01',
      '--out',
      join(dir, 'x.zip'),
    );
    expect(badDate.code).toBe(2);
    expect(
      (await run(join(dir, 'nope.txt'), '--mode', 'foi', '--reference', 'R', '--received', '2024-04-02', '--out', 'x'))
        .stderr,
    ).toMatch(/cannot read/);
  });
});
