/**
 * The certificate as a PDF, made with pdf-lib. Loaded only when a certificate is made or checked (it is the largest
 * library on the site). The PDF is a pure function of the verification code and the pinned font files — every metadata
 * field is set on purpose, dates come from the certificate, fonts are subset the same way every time — so the
 * verification page can rebuild it and compare bytes: an edited file fails. The name is drawn with an embedded Unicode
 * font (`certificate-fonts.ts`), so any name DejaVu Sans or Noto Sans SC can draw prints.
 */
import { formatLongDate } from '@im-records/records-policy';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, rgb, StandardFonts } from 'pdf-lib';
import {
  type CodeVerification,
  decodeCertificateCode,
  formatShortCode,
  type TrustedKey,
  verifyCertificateCode,
} from './code.ts';
import { CertificateCodeError, CertificateIssueError } from './errors.ts';
import { certificateFontkit, type Fontkit, type FontLoader, NameFonts } from './fonts.ts';

/**
 * Names the layout, so a future change of design can still rebuild (and so verify) older certificates. Version 3 prints
 * the short code and the verification address in legible type (the signed code travels in the file's metadata) and
 * labels a practice certificate as one; versions 1 and 2 (a 740-character code in 6.5 pt type) were never issued
 * outside development.
 */
export const CERTIFICATE_LAYOUT = 'imt-certificate-pdf/3';

const kit = certificateFontkit(fontkit as unknown as Fontkit);

const nhsBlue = rgb(0, 94 / 255, 184 / 255);
const black = rgb(33 / 255, 43 / 255, 50 / 255);
const grey = rgb(76 / 255, 98 / 255, 114 / 255);

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (font.widthOfTextAtSize(line + ch, size) > width) {
      lines.push(line);
      line = ch;
    } else line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

/** Breaks a name into lines at spaces (a word longer than a line is broken between characters). */
function wrapName(name: string, fonts: NameFonts, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of name.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (fonts.width(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    for (const ch of word) {
      if (line && fonts.width(line + ch, size) > width) {
        lines.push(line);
        line = ch;
      } else line += ch;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Builds the certificate PDF from its verification code (the code carries every field); `loadFont` supplies the font
 * files. Same code and fonts, same bytes. Throws {@link CertificateIssueError} when the name has characters no embedded
 * font can print, naming them.
 */
export async function buildCertificatePdf(code: string, loadFont: FontLoader): Promise<Uint8Array> {
  const { fields, header } = decodeCertificateCode(code);
  const practice = header.kid === undefined;
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(kit as unknown as Parameters<typeof doc.registerFontkit>[0]);
  const issued = new Date(`${fields.completedOn}T00:00:00Z`);
  doc.setTitle(`Training certificate: ${fields.name}`);
  doc.setAuthor(fields.course);
  doc.setSubject(`Certificate ${fields.certificateId}`);
  doc.setKeywords([code]);
  doc.setCreator(CERTIFICATE_LAYOUT);
  doc.setProducer(CERTIFICATE_LAYOUT);
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  doc.setLanguage('en-GB');

  const nameFonts = await NameFonts.embed(doc, fields.name, loadFont, kit);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const mono = await doc.embedFont(StandardFonts.Courier);
  const page = doc.addPage([842, 595]);
  const left = 56;
  const width = 842 - left * 2;
  page.drawRectangle({ x: 0, y: 595 - 64, width: 842, height: 64, color: nhsBlue });
  page.drawText(fields.course, { x: left, y: 595 - 40, size: 18, font: bold, color: rgb(1, 1, 1) });

  // `y` is the top of the next line; each line drops by its own size before it is drawn, so sizes can mix.
  let y = 595 - 100;
  const line = (text: string, size: number, font: PDFFont, color = black, gap = 10) => {
    for (const part of wrap(text, font, size, width)) {
      y -= size;
      page.drawText(part, { x: left, y, size, font, color });
      y -= 5;
    }
    y -= gap;
  };
  line(practice ? 'Practice certificate of completion' : 'Certificate of completion', 28, bold, nhsBlue, 18);
  line('This is to certify that', 14, regular, grey, 4);
  for (const part of wrapName(fields.name, nameFonts, 26, width)) {
    y -= 26;
    let x = left;
    for (const run of nameFonts.runs(part)) {
      page.drawText(run.text, { x, y, size: 26, font: run.font, color: black });
      x += run.font.widthOfTextAtSize(run.text, 26);
    }
    y -= 5;
  }
  y -= 12;
  line(`passed the annual training on using instant messaging safely in patient care.`, 14, regular, black, 16);
  const percent = Math.round((fields.scoreCorrect / fields.scoreTotal) * 100);
  const rows: [string, string][] = [
    [
      'Score',
      `${fields.scoreCorrect} out of ${fields.scoreTotal} (${percent}%); the pass mark is ${Math.round(fields.passMark * 100)}%`,
    ],
    ['Completed', formatLongDate(fields.completedOn)],
    ['Expires on', formatLongDate(fields.expiresOn)],
    ['Policy version', `${fields.policyVersion} (${fields.policyVersionId})`],
    ['Versions', `records rules ${fields.policyPackageVersion}, course ${fields.courseVersion}`],
    ['Certificate ID', fields.certificateId],
  ];
  for (const [label, value] of rows) {
    y -= 12;
    page.drawText(label, { x: left, y, size: 12, font: bold, color: black });
    page.drawText(value, { x: left + 120, y, size: 12, font: regular, color: black });
    y -= 9;
  }
  y -= 12;
  if (fields.shortCode) {
    line('Check this certificate', 12, bold, black, 2);
    y -= 18;
    page.drawText(formatShortCode(fields.shortCode), { x: left, y, size: 18, font: mono, color: black });
    y -= 10;
    line(
      `Enter this code at ${fields.verifyUrl ?? 'the verification page of the organisation that issued it'}`,
      12,
      regular,
      black,
      0,
    );
  } else {
    line('Practice certificate: nobody vouches for it', 12, bold, black, 2);
    line(
      "It was made on the learner's own device. A check shows its details have not changed since, but anyone can make one, so it does not prove an organisation issued it.",
      10.5,
      regular,
      black,
      2,
    );
    if (fields.verifyUrl) line(`Check the file at ${fields.verifyUrl}`, 10.5, regular, black, 0);
  }
  return doc.save({ useObjectStreams: false });
}

/** Reads the verification code out of a PDF's metadata; undefined when the file is not a certificate. */
export async function readCertificateCode(bytes: Uint8Array): Promise<string | undefined> {
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const keywords = doc.getKeywords();
    return keywords && keywords.split('.').length === 3 ? keywords : undefined;
  } catch {
    return undefined;
  }
}

/** The verdict on an uploaded certificate file. `unchanged` is false when the file differs from the one issued for its code. */
export type PdfCheck =
  | { status: 'not-a-certificate' }
  | { status: 'malformed'; problem: string }
  | { status: 'checked'; verification: CodeVerification; unchanged: boolean };

/**
 * Checks an uploaded PDF: its code's signature, and that the file is byte for byte the one that code produces (rebuilt
 * with the fonts `loadFont` supplies).
 */
export async function checkCertificatePdf(
  bytes: Uint8Array,
  loadFont: FontLoader,
  trusted: readonly TrustedKey[] = [],
): Promise<PdfCheck> {
  const code = await readCertificateCode(bytes);
  if (!code) return { status: 'not-a-certificate' };
  let verification: CodeVerification;
  try {
    verification = await verifyCertificateCode(code, trusted);
  } catch (error) {
    if (error instanceof CertificateCodeError) return { status: 'malformed', problem: error.message };
    throw error;
  }
  let rebuilt: Uint8Array;
  try {
    rebuilt = await buildCertificatePdf(code, loadFont);
  } catch (error) {
    // A signed name no font can print was never issued as a PDF by this site, so this file cannot be the original.
    if (error instanceof CertificateIssueError) return { status: 'checked', verification, unchanged: false };
    throw error;
  }
  const unchanged = rebuilt.length === bytes.length && rebuilt.every((byte, i) => byte === bytes[i]);
  return { status: 'checked', verification, unchanged };
}
