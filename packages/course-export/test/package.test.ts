import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { passMark } from '@im-records/course';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.ts';
import { exportCourse } from '../src/export/export-course.ts';
import { child, childrenNamed, parseXml } from './xml.ts';

const dir = mkdtempSync(join(tmpdir(), 'course-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// The exports below read the trust's settings as an IG lead's would; a settings file that sets nothing keeps them to the
// course's defaults whatever content/trust/settings.yaml the checkout has.
process.env.TRUST_SETTINGS_FILE = join(dir, 'defaults.yaml');
writeFileSync(process.env.TRUST_SETTINGS_FILE, '# every setting left at its default\n');
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

/** Runs `fn` with the process in another time zone (Node re-reads TZ when it changes). */
async function inTimeZone<T>(zone: string, fn: () => Promise<T>): Promise<T> {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

describe('the SCORM 1.2 package', async () => {
  const { bytes, summary } = await inTimeZone('UTC', () => exportCourse({ format: 'scorm12' }));
  const files = unzipSync(bytes);
  const names = Object.keys(files);

  it('is the same bytes every time, in any time zone, from the function or the command', async () => {
    const out = join(dir, 'scorm.zip');
    const lines: string[] = [];
    const code = await inTimeZone('Pacific/Auckland', () =>
      main(['--format', 'scorm12', '--out', 'scorm.zip'], { cwd: dir, out: (line) => lines.push(line) }),
    );
    expect(code).toBe(0);
    expect(Buffer.from(readFileSync(out)).equals(Buffer.from(bytes))).toBe(true);
    expect(lines.join('\n')).toContain(`Size: ${summary.size.toLocaleString('en-GB')} bytes`);
    expect(summary.size).toBe(bytes.byteLength);
    expect(summary.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('holds its entries sorted, with the manifest listing every other file', () => {
    expect(names).toEqual([...names].sort());
    const manifest = parseXml(text(files['imsmanifest.xml']));
    const listed = childrenNamed(child(child(manifest, 'resources'), 'resource'), 'file').map((f) => f.attributes.href);
    expect(listed).toEqual(names.filter((name) => name !== 'imsmanifest.xml'));
    expect(summary).toMatchObject({
      format: 'scorm12',
      files: names.length,
      passMark,
      identifier: 'im-records-instant-messaging-course',
    });
  });

  it('needs nothing from outside the zip: every page resource and stylesheet URL is inside it', () => {
    const html = text(files['index.html']);
    const resources = [...html.matchAll(/<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map(
      (m) => m[1] as string,
    );
    expect(resources.length).toBeGreaterThanOrEqual(2);
    for (const resource of resources) expect(names, resource).toContain(resource);
    const css = text(files['assets/course.css']);
    expect(css).not.toMatch(/@font-face|https?:\/\//);
    for (const match of css.matchAll(/url\(["']?([^"')]+)/g)) {
      if (!match[1]?.startsWith('data:')) expect(names).toContain(`assets/${match[1]}`);
    }
    expect(html).toContain("connect-src 'none'");
    expect(text(files['assets/player.js'])).not.toMatch(/\bfetch\(|XMLHttpRequest|sendBeacon/);
  });

  it("carries the whole bank and the course's pass mark for the player", () => {
    const html = text(files['index.html']);
    const data = JSON.parse(
      /<script type="application\/json" id="course-data">([^<]*)<\/script>/.exec(html)?.[1] ?? '{}',
    );
    expect(data.passMark).toBe(passMark);
    expect(data.questions).toHaveLength(summary.questions);
    expect(data.pages).toHaveLength(summary.pages);
    expect(html.match(/class="app-view"/g)).toHaveLength(summary.pages + 2);
    // Links between guidance pages become views; none points at the training site's own paths.
    expect(html).not.toMatch(/href="\/(?!\/)/);
  });
});

describe('the cmi5 package', async () => {
  const first = await exportCourse({ format: 'cmi5', iriBase: 'https://learning.example-trust.nhs.uk/im' });
  const files = unzipSync(first.bytes);

  it('has cmi5.xml (and no SCORM manifest), an AU at index.html, and is deterministic', async () => {
    expect(Object.keys(files)).toContain('cmi5.xml');
    expect(Object.keys(files)).not.toContain('imsmanifest.xml');
    const au = child(parseXml(text(files['cmi5.xml'])), 'au');
    expect(au.attributes.masteryScore).toBe(String(passMark));
    expect(child(au, 'url').text).toBe('index.html');
    expect(first.summary.identifier).toBe('https://learning.example-trust.nhs.uk/im');
    const again = await exportCourse({ format: 'cmi5', iriBase: 'https://learning.example-trust.nhs.uk/im' });
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  });
});

describe("a trust's own settings", async () => {
  // What an IG lead adopting the course sets: its name, the approved apps and a higher pass mark.
  const trustFile = join(dir, 'settings.yaml');
  writeFileSync(
    trustFile,
    [
      'organisation:',
      '  name: Northby Hospitals NHS Trust',
      'approvedApps:',
      '  - Northby Chat',
      'training:',
      '  passMarkPercent: 90',
      '',
    ].join('\n'),
  );
  const scorm = await exportCourse({ format: 'scorm12', trustFile });
  const cmi5 = await exportCourse({ format: 'cmi5', trustFile });

  it('mark the package at the trust’s pass mark: the manifest, the cmi5 AU, the player and the summary', () => {
    const files = unzipSync(scorm.bytes);
    const item = child(child(child(parseXml(text(files['imsmanifest.xml'])), 'organizations'), 'organization'), 'item');
    expect(child(item, 'adlcp:masteryscore').text).toBe('90');
    const data = JSON.parse(
      /<script type="application\/json" id="course-data">([^<]*)<\/script>/.exec(text(files['index.html']))?.[1] ??
        '{}',
    );
    expect(data.passMark).toBe(0.9);
    expect(scorm.summary).toMatchObject({ passMark: 0.9, trustSettings: trustFile });
    const au = child(parseXml(text(unzipSync(cmi5.bytes)['cmi5.xml'])), 'au');
    expect(au.attributes.masteryScore).toBe('0.9');
  });

  it('teach the trust’s name and approved apps, as the training site built with the same file does', () => {
    const html = text(unzipSync(scorm.bytes)['index.html']);
    expect(html).toContain('Northby Hospitals NHS Trust');
    expect(html).toContain('Northby Chat');
  });

  it('are read by the command from --trust, and the command says which file it used', async () => {
    const lines: string[] = [];
    const code = await main(['--format', 'scorm12', '--out', 'trust.zip', '--trust', 'settings.yaml'], {
      cwd: dir,
      out: (line) => lines.push(line),
    });
    expect(code).toBe(0);
    expect(Buffer.from(readFileSync(join(dir, 'trust.zip'))).equals(Buffer.from(scorm.bytes))).toBe(true);
    expect(lines.join('\n')).toContain(`Trust settings: ${trustFile}`);
    expect(lines.join('\n')).toContain('pass mark 90%');
  });

  it('stop the export with the file, line and setting named when one is wrong', async () => {
    const bad = join(dir, 'bad-settings.yaml');
    writeFileSync(bad, 'training:\n  passMarkPercent: 85.5\n');
    await expect(exportCourse({ format: 'scorm12', trustFile: bad })).rejects.toThrow(
      /bad-settings\.yaml:2 .*passMarkPercent/,
    );
  });
});

describe('the export-course command', () => {
  it('refuses bad arguments with a message and exit code 2', async () => {
    const errors: string[] = [];
    const io = { out: () => {}, err: (line: string) => errors.push(line) };
    expect(await main(['--format', 'scorm2004', '--out', 'x.zip'], io)).toBe(2);
    expect(await main(['--format', 'scorm12'], io)).toBe(2);
    expect(await main(['--format', 'scorm12', '--out', 'x.zip', '--reporting', 'sometimes'], io)).toBe(2);
    expect(errors.join('\n')).toMatch(
      /--format must be scorm12 or cmi5[\s\S]*--out FILE.zip is required[\s\S]*--reporting must be one of/,
    );
  });
});
