/**
 * `exportCourse`: the course in `content/training` as a package a learning system imports — SCORM 1.2 (what ESR's
 * OLM takes) or cmi5 — deterministic (same content and options, same bytes) and self-contained (every file the page
 * needs is in the zip). The CLI and the attestation service call this; it has no HTTP of its own.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Course, guidancePoints } from '@im-records/course';
import { findTrustSettingsFile, loadCourse, loadTrustSettings } from '@im-records/course/node';
import type { Scorm12Reporting } from '../player/course-data.ts';
import { buildPlayerScript, buildStylesheet } from './assets.ts';
import { contentDate, courseDescription, playerCourse } from './course-model.ts';
import { indexHtml } from './html.ts';
import { cmi5CourseStructure, cmi5Identifiers, scorm12Manifest, scormIdentifiers } from './manifests.ts';
import { deterministicZip } from './zip.ts';

/** The package formats: SCORM 1.2 (`imsmanifest.xml`) or cmi5 (`cmi5.xml`). */
export type ExportFormat = 'scorm12' | 'cmi5';

/** The formats, for argument checking and help text. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ['scorm12', 'cmi5'];

/** The default SCORM manifest identifier; keep it when re-exporting so the LMS updates the course in place. */
export const DEFAULT_SCORM_IDENTIFIER = 'im-records-instant-messaging-course';

/** The default cmi5 id base (a URN needs no domain); a trust may prefer an https IRI of its own. */
export const DEFAULT_CMI5_IRI_BASE = 'urn:im-records:course:instant-messaging';

const repositoryContent = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../content/training');

/** Options for {@link exportCourse}. */
export interface ExportCourseOptions {
  format: ExportFormat;
  /** Where to write the zip; when absent, only the bytes are returned. */
  out?: string;
  /** The course folder; the repository's `content/training` by default. Ignored when `course` is given. */
  contentDir?: string;
  /** An already loaded course (the attestation service has one), filled in with its trust's settings. */
  course?: Course;
  /**
   * The trust's settings file (`content/trust/settings.yaml`): its name, approved apps, IG contacts and pass mark fill
   * the package as they fill the training site. By default `TRUST_SETTINGS_FILE`, else `content/trust/settings.yaml`
   * found from the course folder upwards, as the site's build finds it; `null` exports the course's defaults. Ignored
   * when `course` is given.
   */
  trustFile?: string | null;
  /** SCORM only: the manifest identifier ({@link DEFAULT_SCORM_IDENTIFIER}). */
  identifier?: string;
  /** SCORM only: what `lesson_status` says on a pass and a fail ("passed-failed"). */
  reporting?: Scorm12Reporting;
  /** cmi5 only: the IRI the course and AU ids are built from ({@link DEFAULT_CMI5_IRI_BASE}). */
  iriBase?: string;
}

/** What an export produced, for the command line and the service to report. */
export interface ExportSummary {
  format: ExportFormat;
  /** The file written, when `out` was given. */
  file: string | null;
  /** The zip's size in bytes. */
  size: number;
  sha256: string;
  /** Files in the zip, manifest included. */
  files: number;
  courseTitle: string;
  courseVersion: string;
  pages: number;
  questions: number;
  questionCount: number;
  /** The trust's pass mark (80% unless its settings say otherwise), as a fraction. */
  passMark: number;
  /** The trust settings file the package was filled in from, or null for the course's defaults. */
  trustSettings: string | null;
  /** The SCORM manifest identifier or the cmi5 course IRI. */
  identifier: string;
}

/** Builds the package; writes it to `out` when given. */
export async function exportCourse(
  options: ExportCourseOptions,
): Promise<{ bytes: Uint8Array; summary: ExportSummary }> {
  const { format } = options;
  if (!EXPORT_FORMATS.includes(format)) throw new TypeError(`unknown format "${format}": use scorm12 or cmi5`);
  let course = options.course;
  let trustSettings: string | null = null;
  if (!course) {
    const contentDir = resolve(options.contentDir ?? repositoryContent);
    trustSettings =
      options.trustFile === undefined
        ? findTrustSettingsFile(process.env, contentDir)
        : options.trustFile === null
          ? null
          : resolve(options.trustFile);
    course = loadCourse(contentDir, { guidancePoints, trust: loadTrustSettings(trustSettings, process.cwd()) });
  }
  const player = playerCourse(course, options.reporting ?? 'passed-failed');
  const [stylesheet, script] = await Promise.all([buildStylesheet('assets'), buildPlayerScript(format)]);
  const encode = (text: string) => new TextEncoder().encode(text);
  const files = new Map<string, Uint8Array>([
    ['assets/course.css', encode(stylesheet.css)],
    ['assets/player.js', encode(script)],
    ...stylesheet.images,
  ]);
  files.set(
    'index.html',
    encode(
      indexHtml(course, player, {
        script: 'assets/player.js',
        stylesheet: 'assets/course.css',
        connect: format === 'scorm12' ? "'none'" : '*',
      }),
    ),
  );
  const description = {
    title: course.settings.title,
    description: courseDescription(course),
    version: course.settings.version,
    passMark: player.passMark,
    files: [...files.keys()].sort(),
  };
  let identifier: string;
  if (format === 'scorm12') {
    identifier = scormIdentifiers(options.identifier ?? DEFAULT_SCORM_IDENTIFIER).manifest;
    files.set('imsmanifest.xml', encode(scorm12Manifest(description, identifier)));
  } else {
    identifier = cmi5Identifiers(options.iriBase ?? DEFAULT_CMI5_IRI_BASE).course;
    files.set('cmi5.xml', encode(cmi5CourseStructure(description, identifier)));
  }
  const bytes = deterministicZip(files, contentDate(course));
  const file = options.out ? resolve(options.out) : null;
  if (file) writeFileSync(file, bytes);
  return {
    bytes,
    summary: {
      format,
      file,
      size: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      files: files.size,
      courseTitle: course.settings.title,
      courseVersion: course.settings.version,
      pages: course.guidance.length,
      questions: course.questions.length,
      questionCount: player.questionCount,
      passMark: player.passMark,
      trustSettings,
      identifier,
    },
  };
}

/** The repository's course folder, for callers that want to name it. */
export const DEFAULT_CONTENT_DIR: string = repositoryContent;
