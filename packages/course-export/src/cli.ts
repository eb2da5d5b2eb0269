/**
 * `export-course --format scorm12|cmi5 --out FILE.zip`: writes the package and prints its size. The `records`
 * command will offer the same as `records attestation export-course`, calling {@link exportCourse}.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, type ExportFormat, exportCourse } from './export/export-course.ts';
import type { Scorm12Reporting } from './player/course-data.ts';

const USAGE = `Usage: export-course --format scorm12|cmi5 --out FILE.zip [options]

  --format scorm12|cmi5   SCORM 1.2 (ESR OLM, Moodle and most LMSs) or cmi5 (an LMS with an LRS)
  --out FILE.zip          where to write the package
  --content DIR           the course folder (default: the repository's content/training)
  --trust FILE            the trust's settings (default: TRUST_SETTINGS_FILE, else content/trust/settings.yaml)
  --identifier ID         SCORM: the manifest identifier (keep it the same to update the course in the LMS)
  --reporting MODE        SCORM: passed-failed (default), passed-incomplete, completed-failed, completed-incomplete
  --iri-base IRI          cmi5: the IRI the course and AU ids are built from
  --json                  print the summary as JSON`;

const REPORTING: readonly Scorm12Reporting[] = [
  'passed-failed',
  'passed-incomplete',
  'completed-failed',
  'completed-incomplete',
];

/** Formats a byte count for people: 412,345 bytes (403 KB). */
export function formatSize(bytes: number): string {
  return `${bytes.toLocaleString('en-GB')} bytes (${Math.round(bytes / 1024).toLocaleString('en-GB')} KB)`;
}

/** Where the command writes and reads: relative paths are taken from `cwd`. */
export interface CommandIo {
  cwd?: string;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/** Runs the command; returns the exit code (0 done, 1 failed, 2 bad arguments). */
export async function main(argv: string[], io: CommandIo = {}): Promise<number> {
  const out = io.out ?? console.log;
  const err = io.err ?? console.error;
  const cwd = io.cwd ?? process.cwd();
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        format: { type: 'string' },
        out: { type: 'string' },
        content: { type: 'string' },
        trust: { type: 'string' },
        identifier: { type: 'string' },
        reporting: { type: 'string' },
        'iri-base': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    err(`export-course: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const format = values.format as ExportFormat | undefined;
  if (!format || !EXPORT_FORMATS.includes(format)) {
    err(`export-course: --format must be scorm12 or cmi5\n\n${USAGE}`);
    return 2;
  }
  if (typeof values.out !== 'string' || values.out === '') {
    err(`export-course: --out FILE.zip is required\n\n${USAGE}`);
    return 2;
  }
  const reporting = values.reporting as Scorm12Reporting | undefined;
  if (reporting !== undefined && !REPORTING.includes(reporting)) {
    err(`export-course: --reporting must be one of ${REPORTING.join(', ')}`);
    return 2;
  }
  try {
    const { summary } = await exportCourse({
      format,
      out: resolve(cwd, values.out),
      ...(typeof values.content === 'string' ? { contentDir: resolve(cwd, values.content) } : {}),
      ...(typeof values.trust === 'string' ? { trustFile: resolve(cwd, values.trust) } : {}),
      ...(typeof values.identifier === 'string' ? { identifier: values.identifier } : {}),
      ...(reporting ? { reporting } : {}),
      ...(typeof values['iri-base'] === 'string' ? { iriBase: values['iri-base'] } : {}),
    });
    if (values.json) out(JSON.stringify(summary, null, 2));
    else {
      out(
        `Wrote ${summary.file}: ${format === 'scorm12' ? 'SCORM 1.2' : 'cmi5'} package of "${summary.courseTitle}" version ${summary.courseVersion}`,
      );
      out(`Size: ${formatSize(summary.size)}, ${summary.files} files; SHA-256 ${summary.sha256}`);
      out(`Trust settings: ${summary.trustSettings ?? "none found, so the course's defaults"}`);
      out(
        `${summary.pages} guidance pages; ${summary.questionCount} questions drawn from ${summary.questions}; pass mark ${Math.round(summary.passMark * 100)}%`,
      );
    }
    return 0;
  } catch (error) {
    err(`export-course: ${(error as Error).message}`);
    return 1;
  }
}
