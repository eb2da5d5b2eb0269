/**
 * Reads `content/training/` and the trust's settings file at build time (Node only), parses each YAML file, checks it
 * against its schema, fills in the trust's settings and then checks the course as a whole, so a broken file stops the
 * build with a message naming the file, line and field.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  applyTrustDefaults,
  defaultTrustSettings,
  fillTrustPlaceholders,
  guidanceSources,
  MESSAGING_GUIDANCE,
  type ResolvedTrustSettings,
  trainingPolicyOf,
  trustPlaceholders,
  trustSettingsFileSchema,
  UnknownPlaceholderError,
} from '@im-records/records-policy';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { checkCourse } from './course-checks.ts';
import { ContentError } from './errors.ts';
import type { Course, CoursePoint, CourseTrust, GuidancePage, GuidancePoint, Question, Scenario } from './model.ts';
import { courseSchema, glossarySchema, guidancePageSchema, questionFileSchema, scenarioSchema } from './schemas.ts';

/** Formats a schema path as it reads in the file: `questions[3].options[1].feedback`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

interface ParsedFile {
  data: unknown;
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

function parseYamlFile(path: string, name: string): ParsedFile {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch {
    throw new ContentError(name, '', 'the file is missing or cannot be read');
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [error] = doc.errors;
  if (error) {
    throw new ContentError(
      name,
      '',
      `not valid YAML: ${error.message.split('\n')[0]}`,
      lineCounter.linePos(error.pos[0]).line,
    );
  }
  return {
    data: doc.toJS(),
    lineOf(path) {
      // The deepest node that exists on the path: a missing field is reported at its parent's line.
      for (let depth = path.length; depth >= 0; depth--) {
        const node = doc.getIn(path.slice(0, depth) as unknown[], true) as
          | { range?: [number, number, number] }
          | undefined;
        const start = node && (isMap(node) || isSeq(node) || 'range' in node) ? node.range?.[0] : undefined;
        if (start !== undefined) return lineCounter.linePos(start).line;
      }
      return undefined;
    },
  };
}

/**
 * Fills the trust's `{{placeholders}}` into every string of a parsed file; an unknown one is reported at its field and
 * line, like any other content error.
 */
function fillPlaceholders(parsed: ParsedFile, name: string, values: Readonly<Record<string, string>>): ParsedFile {
  const fill = (value: unknown, path: PropertyKey[]): unknown => {
    if (typeof value === 'string') {
      try {
        return fillTrustPlaceholders(value, values);
      } catch (error) {
        if (!(error instanceof UnknownPlaceholderError)) throw error;
        throw new ContentError(name, formatFieldPath(path), error.message, parsed.lineOf(path));
      }
    }
    if (Array.isArray(value)) return value.map((item, i) => fill(item, [...path, i]));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, [...path, key])]));
    }
    return value;
  };
  return { data: fill(parsed.data, []), lineOf: parsed.lineOf };
}

function validate<T>(schema: z.ZodType<T>, parsed: ParsedFile, name: string): T {
  const result = schema.safeParse(parsed.data);
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues;
  if (!first) throw new ContentError(name, '', 'does not match its schema');
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})` : '';
  throw new ContentError(name, formatFieldPath(first.path), `${first.message}${more}`, parsed.lineOf(first.path));
}

function yamlFiles(dir: string, root: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new ContentError(relative(root, dir), '', 'the folder is missing');
  }
  return names.filter((name) => name.endsWith('.yaml')).sort();
}

/**
 * The trust settings file to read: `TRUST_SETTINGS_FILE` when set, else `content/trust/settings.yaml` in the nearest
 * folder at or above `start` that has one, else null (the course's defaults). The training site's build, the
 * attestation service and the `records` command find it the same way.
 */
export function findTrustSettingsFile(env: Readonly<Record<string, string | undefined>>, start: string): string | null {
  if (env.TRUST_SETTINGS_FILE) return resolve(env.TRUST_SETTINGS_FILE);
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'content', 'trust', 'settings.yaml');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * Reads a trust settings file (YAML; see `content/trust/settings.example.yaml`) and fills in the defaults for what it
 * leaves out; with no file, the course's defaults. Throws {@link ContentError} naming the file, line and field
 * (`content/trust/settings.yaml:12 training.passMarkPercent: …`). `root` makes the file name in messages relative.
 */
export function loadTrustSettings(file: string | null, root?: string): ResolvedTrustSettings {
  if (file === null) return defaultTrustSettings();
  const name = (root ? relative(root, file) : file).split('\\').join('/');
  const parsed = parseYamlFile(file, name);
  const data = validate(trustSettingsFileSchema, { ...parsed, data: parsed.data ?? {} }, name);
  return applyTrustDefaults(data, name);
}

/** Options for {@link loadCourse}. */
export interface LoadOptions {
  /** The records-policy guidance points every page must draw on; each must be covered by some page. */
  guidancePoints: readonly GuidancePoint[];
  /** Paths in messages are relative to this folder (the repository root); defaults to two levels above `dir`. */
  root?: string;
  /** The trust's settings (from {@link loadTrustSettings}); the course's defaults when left out. */
  trust?: ResolvedTrustSettings;
}

function coursePoints(ids: readonly GuidancePoint[], trust: ResolvedTrustSettings, values: Record<string, string>) {
  return ids.flatMap((wanted): CoursePoint[] => {
    const point = MESSAGING_GUIDANCE.find((p) => p.id === wanted.id);
    if (!point) return [];
    const { id, topic, basis } = point;
    const statement = fillTrustPlaceholders(point.statement, values);
    return [{ id, topic, basis, statement, sources: guidanceSources(point, trust.settings.division) }];
  });
}

/** Loads and checks the whole course in `dir` (normally `content/training`); throws {@link ContentError} on the first problem. */
export function loadCourse(dir: string, options: LoadOptions): Course {
  const root = options.root ?? join(dir, '..', '..');
  const name = (...parts: string[]) =>
    relative(root, join(dir, ...parts))
      .split('\\')
      .join('/');
  const resolvedTrust = options.trust ?? defaultTrustSettings();
  const values = { ...trustPlaceholders(resolvedTrust) };
  const read = <T>(schema: z.ZodType<T>, ...parts: string[]): T => {
    const file = name(...parts);
    return validate(schema, fillPlaceholders(parseYamlFile(join(dir, ...parts), file), file, values), file);
  };

  const settings = read(courseSchema, 'course.yaml');
  const glossary = read(glossarySchema, 'glossary.yaml').terms;
  const guidance: GuidancePage[] = yamlFiles(join(dir, 'guidance'), root).map((file) => ({
    slug: file.replace(/\.yaml$/, ''),
    file: name('guidance', file),
    ...read(guidancePageSchema, 'guidance', file),
  }));
  const questions: Question[] = yamlFiles(join(dir, 'questions'), root).flatMap((file) => {
    const bank = read(questionFileSchema, 'questions', file);
    return bank.questions.map((question) => ({ ...question, topic: bank.topic, file: name('questions', file) }));
  });
  const scenarios: Scenario[] = yamlFiles(join(dir, 'scenarios'), root).map((file) => ({
    slug: file.replace(/\.yaml$/, ''),
    file: name('scenarios', file),
    ...read(scenarioSchema, 'scenarios', file),
  }));
  guidance.sort((a, b) => a.order - b.order);
  scenarios.sort((a, b) => a.order - b.order);
  const trust: CourseTrust = {
    ...resolvedTrust,
    policy: trainingPolicyOf(resolvedTrust.settings),
    isDefault: resolvedTrust.file === null,
  };
  const points = coursePoints(options.guidancePoints, resolvedTrust, values);
  const course: Course = { settings, guidance, questions, scenarios, glossary, points, trust };
  checkCourse(course, options.guidancePoints, name('glossary.yaml'), name('course.yaml'));
  return course;
}
