import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'records-redact-'));
const chat = join(dir, 'ward.txt');
writeFileSync(
  chat,
  [
    '04/03/2024, 08:02 - Dr Sarah Jones: Bed 4 is Margaret Okafor, NHS no 401 023 2137',
    "04/03/2024, 08:05 - +44 7700 900123: Okafor's daughter Ngozi rang on 07700 900456",
    '04/03/2024, 08:07 - Dr Sarah Jones: Bleep 4412 please, Rainbow Ward is full',
    '04/03/2024, 08:09 - Margaret Okafor: Can I see my notes?',
    '',
  ].join('\n'),
);
const terms = join(dir, 'terms.txt');
writeFileSync(terms, '# officer terms\nRainbow Ward\nre:Bleep \\d+\n');

interface Output {
  mode: string;
  title: string;
  messages: {
    id: string;
    author: string | null;
    text: string;
    redactions: {
      start: number;
      end: number;
      category: string;
      exemption: string;
      confidence: number;
      source: string;
    }[];
    selectedBecause?: string[];
    checkWhoIsMeant?: true;
  }[];
  summary: Record<string, unknown>;
}

async function run(args: string[]): Promise<{ code: number; json: Output; err: string }> {
  const { io, out, err } = capture();
  const code = await main(['redact', chat, '--date-order', 'dmy', ...args], io);
  return { code, json: code === 0 ? (JSON.parse(out.join('')) as Output) : ({} as Output), err: err.join('') };
}

describe('records redact', () => {
  it('prints the FOI disclosure with pseudonyms, placeholders and offsets into the parsed text', async () => {
    const { code, json } = await run(['--mode', 'foi']);
    expect(code).toBe(0);
    expect(json.mode).toBe('foi');
    // Margaret writes in the group too: people who write are staff unless an officer says otherwise (a batch run has
    // no officer), and her author pseudonym matches her mentions.
    expect(json.messages.map((m) => m.author)).toEqual([
      'Staff member A',
      'Staff member B',
      'Staff member A',
      'Staff member C',
    ]);
    expect(json.messages[0]?.text).toBe('Bed 4 is [Staff member C — s40(2)], NHS no [NHS number — s40(2)]');
    expect(json.messages[1]?.text).toBe(
      "[Staff member C — s40(2)]'s daughter [Relative 1 — s40(2)] rang on [Phone number — s40(2)]",
    );
    const parsed = capture();
    await main(['parse', chat], parsed.io);
    const original = JSON.parse(parsed.out.join('')).messages as { id: string; text: string }[];
    const first = json.messages[0];
    expect(first?.id).toBe(original[0]?.id);
    expect(first?.redactions.map((r) => original[0]?.text.slice(r.start, r.end))).toEqual([
      'Margaret',
      'Okafor',
      '401 023 2137',
    ]);
    expect(first?.redactions[2]).toEqual({
      start: 33,
      end: 45,
      category: 'nhs-number',
      exemption: 's40(2)',
      confidence: 0.98,
      source: 'nhs-number:checksum+context',
    });
    // "Margaret Okafor" is two proposals and one redaction, as the bundle (and records package) count it; the title
    // (a .txt export is titled with its writers' names) has three redactions of its own, counted as the bundle does.
    expect(json.title).toBe('Dr [Staff member A], [Phone number], [Staff member C]');
    expect(json.summary).toMatchObject({ messages: 4, messagesInScope: 4, redactions: 8, proposals: 6 });
  });

  it('redacts the chat’s title as records package does, and counts its redactions as the bundle does', async () => {
    const oneToOne = join(dir, 'WhatsApp Chat with Zorbek Quillane.txt');
    writeFileSync(
      oneToOne,
      '14/03/2024, 08:01 - Zorbek Quillane: Can you cover my shift\n14/03/2024, 08:03 - Ann Officer: Yes Zorbek\n',
    );
    const redacted = capture();
    expect(await main(['redact', oneToOne, '--mode', 'foi', '--date-order', 'dmy'], redacted.io)).toBe(0);
    const json = JSON.parse(redacted.out.join('')) as Output;
    expect(json.title).toBe('[Staff member A]');
    expect(json.messages.map((m) => m.text)).toEqual(['Can you cover my shift', 'Yes [Staff member A — s40(2)]']);
    expect(json.summary).toMatchObject({ messages: 2, redactions: 2, proposals: 1 });
    const out = join(dir, 'one-to-one.zip');
    const packaged = capture();
    await main(
      [
        'package',
        oneToOne,
        '--mode',
        'foi',
        '--date-order',
        'dmy',
        '--reference',
        'FOI-1',
        '--received',
        '2025-12-01',
        '--out',
        out,
      ],
      packaged.io,
    );
    expect(packaged.out.join('')).toMatch(/: 2 messages, 2 redactions,/);
  });

  it('adds the officer’s terms and patterns', async () => {
    const { json } = await run(['--mode', 'foi', '--terms', terms]);
    expect(json.messages[2]?.text).toBe('[Redacted — s40(2)] please, [Redacted — s40(2)] is full');
  });

  it('keeps the SAR subject’s own data, selects their messages and says why', async () => {
    const { code, json } = await run(['--mode', 'sar', '--subject', 'Margaret Okafor', '--subject', 'Maggie']);
    expect(code).toBe(0);
    expect(json.messages.map((m) => m.id).length).toBe(3);
    expect(json.messages[0]?.text).toBe('Bed 4 is Margaret Okafor, NHS no 401 023 2137');
    expect(json.messages[0]?.selectedBecause).toEqual([
      'mentions "Margaret" (subject\'s name)',
      'mentions "Okafor" (subject\'s name)',
    ]);
    expect(json.messages[1]?.text).toBe(
      "Okafor's daughter [Relative 1 — DPA Sch2 para16] rang on [Phone number — DPA Sch2 para16]",
    );
    expect(json.messages[2]?.author).toBe('Margaret Okafor');
    expect(json.messages[2]?.selectedBecause).toEqual(['author Margaret Okafor is the data subject']);
  });

  it('adds a trust hospital-number shape to the default format', async () => {
    const numbers = join(dir, 'numbers.txt');
    writeFileSync(numbers, '04/03/2024, 08:02 - Dr Sarah Jones: Numbers RJ1-204518 and AB1234567 to check\n');
    const redact = async (...extra: string[]): Promise<string> => {
      const { io, out } = capture();
      expect(await main(['redact', numbers, '--mode', 'foi', ...extra], io)).toBe(0);
      return (JSON.parse(out.join('')) as Output).messages[0]?.text ?? '';
    };
    expect(await redact()).toBe('Numbers RJ1-204518 and [Hospital number — s40(2)] to check');
    expect(await redact('--hospital-shape', 'RJ1-######')).toBe(
      'Numbers [Hospital number — s40(2)] and [Hospital number — s40(2)] to check',
    );
  });

  it('leaves out messages outside --from/--to and counts them by reason', async () => {
    const inRange = await run(['--mode', 'foi', '--from', '2024-03-04', '--to', '2024-03-04']);
    expect(inRange.json.messages).toHaveLength(4);
    const after = await run(['--mode', 'foi', '--from', '2024-03-05']);
    expect(after.code).toBe(0);
    expect(after.json.messages).toEqual([]);
    expect(after.json.summary).toMatchObject({
      messages: 4,
      messagesInScope: 0,
      outOfScope: [{ reason: 'Before 5 March 2024', count: 4 }],
    });
    const notADate = await run(['--mode', 'foi', '--from', '2024-02-30']);
    expect(notADate.code).toBe(2);
    expect(notADate.err).toBe(
      "records redact: --from: The 'from' date '2024-02-30' is not a real date written YYYY-MM-DD.\n",
    );
  });

  it('takes each option in its own mode only', async () => {
    const sar = ['--mode', 'sar', '--subject', 'Margaret Okafor'];
    // A SAR keeps health professionals by default, so --keep (more of them) needs nothing else, but not their withholding.
    expect((await run([...sar, '--keep', 'Dr Sarah Jones'])).code).toBe(0);
    const withheld = await run([...sar, '--withhold-health-professionals', '--keep', 'Dr Sarah Jones']);
    expect(withheld.code).toBe(2);
    expect(withheld.err).toBe(
      'records redact: --keep in --mode sar names health professionals to keep: it cannot be given with --withhold-health-professionals.\n',
    );
    const both = await run([...sar, '--keep-health-professionals', '--withhold-health-professionals']);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/--keep-health-professionals and --withhold-health-professionals cannot both be given/);
    expect((await run(['--mode', 'foi', '--keep-health-professionals'])).err).toMatch(
      /--keep-health-professionals applies to --mode sar only/,
    );
    expect((await run(['--mode', 'foi', '--withhold-health-professionals'])).err).toMatch(
      /--withhold-health-professionals applies to --mode sar only/,
    );
  });

  it('keeps, in a SAR, the health professionals named with --keep where nothing in the text says they are staff', async () => {
    const staffChat = join(dir, 'staff.txt');
    writeFileSync(
      staffChat,
      [
        '04/03/2024, 08:02 - Sam Patel: Margaret Okafor is settled, Priya Raman reviewed her at 9',
        '04/03/2024, 08:05 - Priya Raman: Margaret Okafor can go home tomorrow',
        '',
      ].join('\n'),
    );
    const disclosed = async (extra: string[]) => {
      const { io, out, err } = capture();
      const code = await main(
        ['redact', staffChat, '--date-order', 'dmy', '--mode', 'sar', '--subject', 'Margaret Okafor', ...extra],
        io,
      );
      expect(err.join('')).toBe('');
      expect(code).toBe(0);
      return (JSON.parse(out.join('')) as Output).messages.map((m) => m.text).join('\n');
    };
    // Without the list the staff member's name in the text is withheld: no title or role beside it says she is staff.
    expect(await disclosed([])).not.toContain('Priya');
    const kept = await disclosed(['--keep', 'Priya Raman']);
    expect(kept).toContain('Priya Raman reviewed her at 9');
    expect(kept).toContain('Margaret Okafor can go home');
    // --keep-health-professionals, the default said explicitly, changes nothing (older scripts pass it).
    expect(await disclosed(['--keep-health-professionals', '--keep', 'Priya Raman'])).toBe(kept);
  });

  it('keeps, in a SAR by default (para 17), colleagues a ward names by job title, and withholds the other patients', async () => {
    const wardChat = join(dir, 'ward.txt');
    writeFileSync(
      wardChat,
      [
        '04/03/2024, 08:02 - Sam Patel: Margaret Okafor settled, handed over to HCA Becky. SpR Olu happy with plan',
        '04/03/2024, 08:05 - Sam Patel: Margaret Okafor moved. Bill in bed 2 refusing meds, Pt Winston Adeyemi 72M',
        '04/03/2024, 08:07 - Sam Patel: Margaret Okafor: Consultant Mr Venkat aware. Next to bay 5: Ng, 78F. cc Sister Ng',
        '',
      ].join('\n'),
    );
    const { io, out, err } = capture();
    const args = ['redact', wardChat, '--date-order', 'dmy', '--mode', 'sar', '--subject', 'Margaret Okafor'];
    expect(await main(args, io)).toBe(0);
    expect(err.join('')).toBe('');
    const text = (JSON.parse(out.join('')) as Output).messages.map((m) => m.text).join('\n');
    for (const staff of ['HCA Becky', 'SpR Olu', 'Consultant Mr Venkat', 'Sister Ng']) expect(text).toContain(staff);
    // Patients other than the requester: "Bill" and "Adeyemi" were left visible, "bay 5: Ng" kept as the sister's name.
    for (const patient of ['Bill', 'Winston', 'Adeyemi', 'bay 5: Ng']) expect(text).not.toContain(patient);
    expect(text).toContain('Margaret Okafor settled');
    // --withhold-health-professionals turns para 17 off: the staff names are withheld with the others.
    const withheld = capture();
    expect(await main([...args, '--withhold-health-professionals'], withheld.io)).toBe(0);
    const plain = (JSON.parse(withheld.out.join('')) as Output).messages.map((m) => m.text).join('\n');
    for (const name of ['Becky', 'Olu', 'Venkat', 'Sister Ng']) expect(plain).not.toContain(name);
    expect(plain).toContain('Margaret Okafor settled');
  });

  it("in a SAR, leaves another patient with the subject's given name out, and flags a bare use to check", async () => {
    const namesakes = join(dir, 'namesakes.txt');
    writeFileSync(
      namesakes,
      [
        '12/03/2024, 08:01 - Jane Okafor: Margaret Thompson bed 4 for CT today',
        '12/03/2024, 08:05 - Sam Patel: Margaret Evans in bed 6 is agitated',
        '12/03/2024, 08:09 - Jane Okafor: Margaret in bed 6 pulled her cannula out',
        '',
      ].join('\n'),
    );
    const { io, out, err } = capture();
    expect(
      await main(['redact', namesakes, '--date-order', 'dmy', '--mode', 'sar', '--subject', 'Margaret Thompson'], io),
    ).toBe(0);
    const json = JSON.parse(out.join('')) as Output;
    // "Margaret Evans" was taken for the subject: her message disclosed, her given name kept.
    expect(json.messages.map((m) => [m.text, m.checkWhoIsMeant ?? false])).toEqual([
      ['Margaret Thompson bed 4 for CT today', false],
      ['[Person 1 — DPA Sch2 para16] in bed 6 pulled her cannula out', true],
    ]);
    expect(json.summary.toCheck).toBe(1);
    expect(err.join('')).toMatch(/^warning: 1 message is in scope only because of a name that may be someone else's/);

    // The officer checks it: the other Margaret is meant, so it is left out by its id; or the subject is, and it stays.
    const checked = json.messages.find((m) => m.checkWhoIsMeant)?.id ?? '';
    const settled = async (option: string) => {
      const c = capture();
      const args = ['redact', namesakes, '--date-order', 'dmy', '--mode', 'sar', '--subject', 'Margaret Thompson'];
      args.push(option, checked);
      expect(await main(args, c.io)).toBe(0);
      expect(c.err.join('')).toBe('');
      return JSON.parse(c.out.join('')) as Output;
    };
    const left = await settled('--leave-out');
    expect(left.messages.map((m) => m.text)).toEqual(['Margaret Thompson bed 4 for CT today']);
    expect(left.summary.toCheck).toBe(0);
    expect(left.summary.outOfScope).toContainEqual({ reason: 'Left out by the officer', count: 1 });
    const kept = await settled('--include');
    expect(kept.messages.map((m) => [m.id, m.checkWhoIsMeant ?? false])).toContainEqual([checked, false]);
    expect(kept.summary.toCheck).toBe(0);

    // A mistyped id, or one message both left out and included, is refused: nothing is disclosed by a typo.
    const typo = capture();
    const typoArgs = ['redact', namesakes, '--mode', 'sar', '--subject', 'Margaret Thompson', '--leave-out', 'nope'];
    expect(await main(typoArgs, typo.io)).toBe(2);
    expect(typo.err.join('')).toMatch(/--leave-out: no message with id 'nope' in the export/);
    const both = capture();
    const bothArgs = [...typoArgs.slice(0, -1), checked, '--include', checked];
    expect(await main(bothArgs, both.io)).toBe(2);
    expect(both.err.join('')).toMatch(/--leave-out and --include both name message/);
  });

  it('lists and warns of a value withheld in one message and still shown in another (a link)', async () => {
    const linked = join(dir, 'linked.txt');
    writeFileSync(
      linked,
      [
        '12/03/2024, 08:01 - Jane Okafor: Mr Zorbek in bed 4 is asking for his son',
        '12/03/2024, 08:05 - Sam Patel: photos at https://example.org/zorbek/ward-4 for the family',
        '',
      ].join('\n'),
    );
    const { io, out, err } = capture();
    expect(await main(['redact', linked, '--date-order', 'dmy', '--mode', 'foi'], io)).toBe(0);
    const json = JSON.parse(out.join('')) as Output;
    expect(json.summary.stillVisible).toEqual([
      { text: 'Zorbek', category: 'person-name', places: 1, messageIds: [json.messages[1]?.id] },
    ]);
    expect(err.join('')).toMatch(
      /^warning: 1 value withheld in one place is still shown elsewhere.*"Zorbek" \(1 place\)/,
    );
  });

  it('rejects bad input with one line and exit code 2', async () => {
    expect((await run(['--mode', 'eir'])).code).toBe(2);
    const noSubject = await run(['--mode', 'sar']);
    expect(noSubject.code).toBe(2);
    expect(noSubject.err).toMatch(/needs --subject/);
    expect((await run(['--mode', 'foi', '--timezone', 'Mars/Olympus'])).code).toBe(2);
    const badPattern = await run(['--mode', 'foi', '--hospital-pattern', '([']);
    expect(badPattern.code).toBe(2);
    expect(badPattern.err).toMatch(/Hospital-number pattern '\(\[' is not a valid regular expression/);
    const badShape = await run(['--mode', 'foi', '--hospital-shape', 'RJ1-###']);
    expect(badShape.code).toBe(2);
    expect(badShape.err).toMatch(/"RJ1-###" has 4 digits; it needs at least 5/);
    const { io } = capture();
    expect(await main(['redact', join(dir, 'missing.txt'), '--mode', 'foi'], io)).toBe(2);
  });
});

describe('records redact on a damaged export', () => {
  it('lists what the import found to check on stderr, and keeps the line it could not read', async () => {
    const damaged = join(dir, 'damaged.txt');
    writeFileSync(
      damaged,
      '14/03/2024, 08:02 - Dr Sarah Jones: Bed 4 is ready\n31/02/2024, 99:99 - Dr Sarah Jones: Bed 9 needs a review\n',
    );
    const { io, out, err } = capture();
    expect(await main(['redact', damaged, '--mode', 'foi'], io)).toBe(0);
    expect(err.join('')).toMatch(/^warning: .*damaged\.txt: the import found 1 thing to check/);
    expect(err.join('')).toMatch(/Line 2 looks like the start of a message/);
    const json = JSON.parse(out.join('')) as Output;
    expect(json.messages[0]?.text).toContain('Bed 9 needs a review');
  });
  it('prints no warning for an export with nothing to check (a CSV: its header row is the layout, not a problem)', async () => {
    const csv = join(dir, 'ward.csv');
    writeFileSync(csv, 'timestamp,author,text\n2024-03-04T08:02,Dr Sarah Jones,Bed 4 is ready\n');
    const { io, err } = capture();
    expect(await main(['redact', csv, '--mode', 'foi'], io)).toBe(0);
    expect(err.join('')).toBe('');
  });
});

describe('records redact on a CSV with a row that cannot be read', () => {
  const csv = join(dir, 'bad-row.csv');
  writeFileSync(
    csv,
    [
      'timestamp,author,text',
      '2024-03-04T08:02:00,Dr Sarah Jones,Morning',
      '04/03/2024 08:05,Dr Sarah Jones,Bed 4 is Margaret Okafor,NHS no 401 023 2137',
      '2024-03-05T09:00:00,Dr Sarah Jones,Next day',
      '',
    ].join('\n'),
  );

  it('discloses the row as written, redacted and marked, in the date range of the message before it', async () => {
    const { io, out, err } = capture();
    const code = await main(['redact', csv, '--mode', 'foi', '--from', '2024-03-04', '--to', '2024-03-04'], io);
    expect(code).toBe(0);
    const json = JSON.parse(out.join('')) as Output & {
      messages: { unreadable?: { reason: string; timeFrom: string } }[];
    };
    expect(json.messages.map((m) => m.text)).toEqual([
      'Morning',
      '04/03/2024 08:05,Dr [Staff member A — s40(2)],Bed 4 is [Patient 1 — s40(2)],NHS no [NHS number — s40(2)]',
    ]);
    expect(json.messages[1]?.author).toBeNull();
    expect(json.messages[1]?.unreadable).toEqual({ reason: 'it has 4 fields, the header has 3', timeFrom: 'previous' });
    expect(err.join('')).toMatch(
      /line 3 could not be read \(it has 4 fields, the header has 3\)\. It is kept as a message/,
    );
  });
});
