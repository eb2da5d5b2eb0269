/**
 * The evidence pack for the Data Security and Protection Toolkit: completion by department and staff group as of a
 * date, the method, the policy versions in force, the roster it rests on and the signed audit checkpoint, as a PDF that
 * is the same bytes for the same data and date (every metadata field set on purpose, fonts subset the same way, no
 * clock time), so a copy kept with the submission can be checked against a fresh export.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { certificateFontkit, type Fontkit } from '@im-records/certificate/pdf';
import { DEFAULT_TRAINING_POLICY, formatLongDate, POLICY_PACKAGE_VERSION } from '@im-records/records-policy';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import type { Checkpoint } from '../audit/log.ts';
import type { Ed25519PublicJwk } from '../keys.ts';
import type { VersionFacts } from '../rules/status.ts';
import type { SpotCheckResults } from '../spot-checks/results.ts';
import { type CompletionReport, targetVerdict } from './report.ts';

/** Names the layout, so an old pack can be rebuilt by the code that made it. */
export const EVIDENCE_LAYOUT = 'im-records-evidence-pdf/1';

/** "1 phone", "2 phones": a count and its noun. */
function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Everything the pack states. */
export interface EvidenceInput {
  issuer: string;
  report: CompletionReport;
  versions: readonly VersionFacts[];
  roster: { at: string; rows: number; fileSha256: string } | null;
  checkpoint: (Checkpoint & { publicJwk: Ed25519PublicJwk | null }) | null;
  settings: { dueSoonDays: number; newStarterDays: number };
  /** Device spot checks as of the date (counts only: no one is named in the pack). */
  spotChecks?: Pick<SpotCheckResults, 'draws' | 'items' | 'totals'>;
}

const require = createRequire(import.meta.url);
const kit = certificateFontkit(fontkit as unknown as Fontkit);
const blue = rgb(0, 94 / 255, 184 / 255);
const black = rgb(33 / 255, 43 / 255, 50 / 255);
const grey = rgb(76 / 255, 98 / 255, 114 / 255);
const A4: [number, number] = [595, 842];
const MARGIN = 50;

class Writer {
  page!: PDFPage;
  y = 0;
  readonly doc: PDFDocument;
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  constructor(doc: PDFDocument, regular: PDFFont, bold: PDFFont) {
    this.doc = doc;
    this.regular = regular;
    this.bold = bold;
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }
  ensure(height: number) {
    if (this.y - height < MARGIN) this.newPage();
  }
  wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= width || !line) line = next;
      else {
        lines.push(line);
        line = word;
      }
    }
    if (line) lines.push(line);
    return lines;
  }
  text(text: string, { size = 10, font = this.regular, color = black, gap = 4 } = {}) {
    for (const line of this.wrap(text, font, size, A4[0] - MARGIN * 2)) {
      this.ensure(size + 2);
      this.y -= size;
      this.page.drawText(line, { x: MARGIN, y: this.y, size, font, color });
      this.y -= 3;
    }
    this.y -= gap;
  }
  heading(text: string) {
    this.ensure(40);
    this.y -= 8;
    this.text(text, { size: 13, font: this.bold, color: blue, gap: 4 });
  }
  table(header: string[], widths: number[], rows: string[][]) {
    const size = 8.5;
    const drawRow = (cells: string[], font: PDFFont) => {
      this.ensure(size + 4);
      this.y -= size + 1;
      let x = MARGIN;
      cells.forEach((cell, i) => {
        const width = widths[i] ?? 60;
        let shown = cell;
        while (shown.length > 1 && font.widthOfTextAtSize(shown, size) > width - 4) shown = `${shown.slice(0, -2)}…`;
        const right = i > 0 && /^[\d.,%]+$/.test(cell);
        const dx = right ? width - 4 - font.widthOfTextAtSize(shown, size) : 0;
        this.page.drawText(shown, { x: x + dx, y: this.y, size, font, color: black });
        x += width;
      });
      this.y -= 3;
    };
    drawRow(header, this.bold);
    for (const row of rows) {
      if (this.y - size - 4 < MARGIN) {
        this.newPage();
        drawRow(header, this.bold);
      }
      drawRow(row, this.regular);
    }
    this.y -= 6;
  }
}

const pct = (n: number) => `${n.toFixed(1)}%`;

/** Builds the evidence pack. Same input, same bytes. */
export async function buildEvidencePdf(input: EvidenceInput): Promise<Uint8Array> {
  const { report } = input;
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(kit as unknown as Parameters<typeof doc.registerFontkit>[0]);
  const day = new Date(`${report.asOf}T00:00:00Z`);
  doc.setTitle(`Training and policy attestation evidence as of ${report.asOf}`);
  doc.setAuthor(input.issuer);
  doc.setSubject('Data Security and Protection Toolkit evidence: staff training and policy attestation');
  doc.setKeywords(['DSPT', 'training', 'attestation', report.asOf]);
  doc.setCreator(EVIDENCE_LAYOUT);
  doc.setProducer(EVIDENCE_LAYOUT);
  doc.setCreationDate(day);
  doc.setModificationDate(day);
  doc.setLanguage('en-GB');
  const load = async (file: string) => new Uint8Array(await readFile(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)));
  const regular = await doc.embedFont(await load('DejaVuSans.ttf'), { subset: true });
  const bold = await doc.embedFont(await load('DejaVuSans-Bold.ttf'), { subset: true });
  const w = new Writer(doc, regular, bold);

  w.text('Staff training and policy attestation', { size: 20, font: bold, color: blue, gap: 2 });
  w.text(`${input.issuer}: evidence as of ${formatLongDate(report.asOf)}`, { size: 12, color: grey, gap: 10 });
  const t = report.total;
  w.heading('Summary');
  w.text(
    t.inScope === 0
      ? `Nobody was in scope on this day, so there is nothing to measure against the target of ${pct(report.target * 100)}.`
      : `${t.compliant} of ${t.inScope} staff in scope (${pct(t.percent)}) had attested to the current policy and held an in-date pass of the assessment. The target is ${pct(report.target * 100)}: ${t.meetsTarget ? 'met' : 'not met'}. ${t.overdue} were overdue and ${t.dueSoon} due within ${input.settings.dueSoonDays} days.`,
  );
  w.heading('Method');
  w.text(
    `In scope: everyone on the roster on the as-of date who had started (hire date), had not left (termination date on or before it) and was not excluded by the IG lead. Each person counts once, in the department of their primary assignment. Compliant: attested to a version of each policy whose audience includes their staff group, at or after its last material change and within ${DEFAULT_TRAINING_POLICY.renewalMonths} months, and passed the assessment within ${DEFAULT_TRAINING_POLICY.renewalMonths} months. The assessment is drawn and marked by the service from the course's question bank; the pass mark is ${Math.round(DEFAULT_TRAINING_POLICY.passMark * 100)}%. A minor policy change does not ask anyone to attest again; new starters have ${input.settings.newStarterDays} days. Percentages are rounded down. Rules: records-policy ${POLICY_PACKAGE_VERSION}.`,
  );
  w.heading('Policy versions in force');
  w.table(
    ['Policy', 'Version', 'Effective', 'Change', 'Due by', 'Audience'],
    [90, 50, 70, 55, 70, 160],
    input.versions.map((v) => [
      v.policy,
      v.version,
      v.effectiveDate,
      v.material ? 'material' : 'minor',
      v.dueDate ?? '',
      v.audience.length === 0 ? 'everyone' : v.audience.join(', '),
    ]),
  );
  w.heading('By department');
  w.table(
    ['Department', 'In scope', 'Compliant', '%', 'Target', 'Met', 'Overdue'],
    [195, 55, 60, 45, 45, 35, 55],
    report.departments.map((d) => [
      d.department,
      String(d.inScope),
      String(d.compliant),
      pct(d.percent),
      pct(d.target * 100),
      targetVerdict(d),
      String(d.overdue),
    ]),
  );
  w.heading('By staff group');
  w.table(
    ['Staff group', 'In scope', 'Compliant', '%'],
    [250, 70, 70, 60],
    report.staffGroups.map((g) => [g.staffGroup, String(g.inScope), String(g.compliant), pct(g.percent)]),
  );
  if (input.spotChecks) {
    const sc = input.spotChecks;
    w.heading('Device spot checks');
    if (sc.draws.length === 0) w.text('No device spot check had been drawn by the as-of date.');
    else {
      w.text(
        `Each month a random sample of the staff in scope is drawn from a recorded seed and that day's roster (people checked in the months before are left out), so the draw can be re-run and checked. A checker goes through the phone's settings with its owner; nothing on the phone is photographed or copied. By the as-of date ${counted(sc.totals.checked, 'phone')} had been checked, ${sc.totals.withFailure} with at least one item failed; ${counted(sc.totals.openFollowUps, 'follow-up')} (retraining and a re-check) ${sc.totals.openFollowUps === 1 ? 'was' : 'were'} open, ${sc.totals.overdueFollowUps} of them overdue.`,
      );
      w.table(
        ['Month', 'Seed', 'Eligible', 'Drawn', 'Checked', 'Not possible', 'With a failure'],
        [55, 130, 55, 50, 55, 70, 80],
        sc.draws.map((d) => [
          d.month,
          d.seed,
          String(d.eligible),
          String(d.drawn),
          String(d.checked),
          String(d.notPossible),
          String(d.withFailure),
        ]),
      );
      w.table(
        ['Checklist item', 'Pass', 'Fail', 'Not applicable'],
        [305, 50, 50, 90],
        sc.items.map((i) => [i.label, String(i.pass), String(i.fail), String(i.notApplicable)]),
      );
      w.text(
        `Roster hashes (SHA-256 of the eligible roster each draw used): ${sc.draws.map((d) => `${d.month} ${d.rosterSha256}`).join('; ')}.`,
        { size: 8.5 },
      );
    }
  }
  w.heading('Roster');
  w.text(
    input.roster
      ? `Last roster import before the as-of date: ${input.roster.at}, ${input.roster.rows} rows, file SHA-256 ${input.roster.fileSha256}.`
      : 'No roster import is recorded before the as-of date.',
  );
  w.heading('Audit log checkpoint');
  if (input.checkpoint) {
    const c = input.checkpoint;
    w.text(
      "Every attestation, completion, import and administrative action is appended to a hash-chained audit log that the database will not let anyone change. The service signed this statement of the log's head with its Ed25519 key; `records attestation audit verify` recomputes the chain and checks it.",
    );
    for (const [label, value] of [
      ['Entry', String(c.seq)],
      ['Head hash (SHA-256)', c.hash],
      ['Signed at', c.at],
      ['Key id', c.keyId],
      ['Public key (x)', c.publicJwk?.x ?? 'unknown'],
      ['Signature', c.signature],
    ] as const) {
      w.text(`${label}: ${value}`, { size: 8.5, gap: 1 });
    }
  } else w.text('No checkpoint had been signed by the as-of date.');
  return doc.save({ useObjectStreams: false });
}
