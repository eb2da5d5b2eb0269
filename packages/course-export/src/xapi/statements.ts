/**
 * Builders for the xAPI statements this toolkit sends: the cmi5 statements of the exported course (initialized,
 * completed, passed, failed, terminated) and the attestation service's own ("attested", "passed", "failed"). Each
 * builder derives what the rules tie together (the verb from the score and the mastery score, the categories from the
 * result), so a statement that breaks them cannot be built. Runs in browsers and in Node.
 */
import { StatementError } from './errors.ts';
import { ACTIVITY_TYPES, CMI5, trustVocabulary, VERBS, type Verb, XAPI_VERSION } from './vocabulary.ts';

/** A language map: language tag → text. */
export type LanguageMap = Record<string, string>;

/** A person, identified by exactly one of mbox, mbox_sha1sum, openid or account (cmi5 requires an account). */
export interface Agent {
  objectType?: 'Agent';
  name?: string;
  mbox?: string;
  mbox_sha1sum?: string;
  openid?: string;
  account?: { homePage: string; name: string };
}

/** What a statement is about. */
export interface Activity {
  objectType: 'Activity';
  id: string;
  definition?: {
    name?: LanguageMap;
    description?: LanguageMap;
    type?: string;
    moreInfo?: string;
    extensions?: Record<string, unknown>;
  };
}

/** A score: scaled from -1 to 1, raw between min and max. */
export interface Score {
  scaled?: number;
  raw?: number;
  min?: number;
  max?: number;
}

/** The outcome a statement reports. */
export interface Result {
  score?: Score;
  success?: boolean;
  completion?: boolean;
  response?: string;
  duration?: string;
  extensions?: Record<string, unknown>;
}

/** Activities giving a statement's context, each list as xAPI writes it. */
export interface ContextActivities {
  parent?: Activity[];
  grouping?: Activity[];
  category?: Activity[];
  other?: Activity[];
}

/** Where and why a statement happened: the registration (one enrolment, one attempt at the course) above all. */
export interface Context {
  registration?: string;
  contextActivities?: ContextActivities;
  revision?: string;
  platform?: string;
  language?: string;
  extensions?: Record<string, unknown>;
}

/** One xAPI statement, as this package builds it. */
export interface Statement {
  id: string;
  actor: Agent;
  verb: Verb;
  object: Activity;
  result?: Result;
  context?: Context;
  timestamp: string;
  version?: string;
}

/** A random version-4 UUID (statement ids, registrations); uses getRandomValues, which plain-http LMS pages have. */
export function newUuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An ISO 8601 duration (`PT1H2M3.45S`) from milliseconds, to hundredths of a second as cmi5 and SCORM keep them. */
export function isoDuration(ms: number): string {
  const hundredths = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(hundredths / 360_000);
  const minutes = Math.floor((hundredths % 360_000) / 6000);
  const seconds = (hundredths % 6000) / 100;
  return `PT${hours > 0 ? `${hours}H` : ''}${minutes > 0 ? `${minutes}M` : ''}${seconds}S`;
}

/**
 * `correct / total` to four decimal places, cut rather than rounded so a score never reads higher than it is: with a
 * mastery score of at most four decimals (cmi5's precision), `scaled >= mastery` exactly when the learner reached it.
 */
export function scaledScore(correct: number, total: number): number {
  if (!(total > 0) || correct < 0 || correct > total)
    throw new StatementError([`score ${correct}/${total} is impossible`]);
  return Math.floor((correct * 10000) / total) / 10000;
}

/** Whether `correct` out of `total` reaches a mastery score between 0 and 1, compared in whole ten-thousandths. */
export function meetsMastery(correct: number, total: number, masteryScore: number): boolean {
  return Math.floor((correct * 10000) / total) >= Math.round(masteryScore * 10000);
}

function checkMastery(masteryScore: number): void {
  if (!(masteryScore >= 0 && masteryScore <= 1)) {
    throw new StatementError([`masteryScore ${masteryScore} must be between 0 and 1`]);
  }
}

/** The score part of a result: scaled, and raw as whole marks between 0 and the number of questions. */
function scoreOf(correct: number, total: number): Score {
  return { scaled: scaledScore(correct, total), raw: correct, min: 0, max: total };
}

const activity = (id: string): Activity => ({ objectType: 'Activity', id });

// ---------------------------------------------------------------------------------------------------------------
// cmi5: the statements the exported course (the AU) sends in a launch session.

/** What an AU knows about its launch: from the launch URL and the LMS.LaunchData state document (cmi5 §8, §10). */
export interface Cmi5Launch {
  actor: Agent;
  activityId: string;
  registration: string;
  /** The context template from LMS.LaunchData; it carries the session id and the publisher id grouping. */
  contextTemplate: Context;
  /** The mastery score from LMS.LaunchData, when the LMS gave one (it may differ from cmi5.xml's). */
  masteryScore?: number;
}

/** The verbs an AU may use as "cmi5 defined" statements. */
export type Cmi5Verb = 'initialized' | 'completed' | 'passed' | 'failed' | 'terminated';

/** What goes into one cmi5 statement besides the launch. */
export interface Cmi5StatementInput {
  timestamp: Date;
  /** Required for completed, passed, failed and terminated (cmi5 §9.5.4). */
  durationMs?: number;
  /** Marks for passed and failed; the verb must agree with the mastery score. */
  score?: { correct: number; total: number };
}

function withCategories(template: Context, categories: string[]): ContextActivities {
  const activities = template.contextActivities ?? {};
  const category = [...(activities.category ?? [])];
  for (const id of categories) if (!category.some((a) => a.id === id)) category.push(activity(id));
  return { ...activities, category };
}

/**
 * A "cmi5 defined" statement for the AU: the LMS's context template kept whole, the registration, the cmi5 category
 * (and the moveOn category on completed, passed and failed), the mastery score on passed and failed, and a duration
 * where cmi5 requires one. Throws {@link StatementError} when the verb and the score disagree.
 */
export function cmi5Statement(launch: Cmi5Launch, verb: Cmi5Verb, input: Cmi5StatementInput): Statement {
  const problems: string[] = [];
  const judged = verb === 'passed' || verb === 'failed';
  const result: Result = {};
  if (judged) {
    if (!input.score) problems.push(`a ${verb} statement needs the score`);
    else {
      result.score = scoreOf(input.score.correct, input.score.total);
      if (launch.masteryScore !== undefined) {
        checkMastery(launch.masteryScore);
        const reached = meetsMastery(input.score.correct, input.score.total, launch.masteryScore);
        if (reached !== (verb === 'passed')) {
          problems.push(
            `${verb} does not agree with a score of ${result.score.scaled} against a mastery score of ${launch.masteryScore}`,
          );
        }
      }
    }
    result.success = verb === 'passed';
  } else if (input.score) problems.push(`a ${verb} statement must not carry a score`);
  if (verb === 'completed') result.completion = true;
  if (verb !== 'initialized') {
    if (input.durationMs === undefined) problems.push(`a ${verb} statement needs a duration`);
    else result.duration = isoDuration(input.durationMs);
  }
  if (problems.length > 0) throw new StatementError(problems);

  const template = launch.contextTemplate;
  const categories = judged || verb === 'completed' ? [CMI5.category, CMI5.moveOnCategory] : [CMI5.category];
  const extensions = { ...(template.extensions ?? {}) };
  if (judged && launch.masteryScore !== undefined) extensions[CMI5.masteryScoreExtension] = launch.masteryScore;
  const context: Context = {
    ...template,
    registration: launch.registration,
    contextActivities: withCategories(template, categories),
    extensions,
  };
  return {
    id: newUuid(),
    actor: launch.actor,
    verb: VERBS[verb],
    object: activity(launch.activityId),
    ...(Object.keys(result).length > 0 ? { result } : {}),
    context,
    timestamp: input.timestamp.toISOString(),
    version: XAPI_VERSION,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The attestation service's statements, sent to the trust's LRS.

/** The policy a person attests to: its activity IRI (one per version), title and version label. */
export interface PolicyActivity {
  id: string;
  title: string;
  version: string;
}

/** The course whose assessment a person passed or failed. */
export interface CourseActivity {
  id: string;
  title: string;
  version?: string;
}

/** Common fields of the service's statements. */
export interface ServiceStatementBase {
  actor: Agent;
  /** One registration per person per renewal cycle, so an LRS report groups a year's statements together. */
  registration: string;
  timestamp: Date;
  /** The trust's IRI base (its attestation service's address); the "attested" verb is minted under it. */
  iriBase: string;
  /** The service's name and version, recorded as the statement's platform. */
  platform?: string;
}

/** "<person> attested <policy version>": sent when someone attests to the current policy. */
export function attestedStatement(input: ServiceStatementBase & { policy: PolicyActivity }): Statement {
  const vocabulary = trustVocabulary(input.iriBase);
  return {
    id: newUuid(),
    actor: input.actor,
    verb: vocabulary.attested,
    object: {
      objectType: 'Activity',
      id: input.policy.id,
      definition: {
        name: { 'en-GB': `${input.policy.title} (version ${input.policy.version})` },
        type: vocabulary.policyType,
      },
    },
    result: { completion: true, success: true },
    context: {
      registration: input.registration,
      revision: input.policy.version,
      ...(input.platform ? { platform: input.platform } : {}),
    },
    timestamp: input.timestamp.toISOString(),
    version: XAPI_VERSION,
  };
}

/**
 * "<person> passed|failed <course assessment>": the verb follows from the marks and the mastery score (the pass mark),
 * so the service cannot send a pass for a failing score.
 */
export function assessmentStatement(
  input: ServiceStatementBase & {
    course: CourseActivity;
    correct: number;
    total: number;
    /** The pass mark, 0 to 1 (records-policy's 0.8 by default). */
    masteryScore: number;
    durationMs?: number;
  },
): Statement {
  checkMastery(input.masteryScore);
  const passed = meetsMastery(input.correct, input.total, input.masteryScore);
  return {
    id: newUuid(),
    actor: input.actor,
    verb: passed ? VERBS.passed : VERBS.failed,
    object: {
      objectType: 'Activity',
      id: input.course.id,
      definition: { name: { 'en-GB': input.course.title }, type: ACTIVITY_TYPES.assessment },
    },
    result: {
      score: scoreOf(input.correct, input.total),
      success: passed,
      completion: true,
      ...(input.durationMs !== undefined ? { duration: isoDuration(input.durationMs) } : {}),
    },
    context: {
      registration: input.registration,
      ...(input.course.version ? { revision: input.course.version } : {}),
      ...(input.platform ? { platform: input.platform } : {}),
      extensions: { [CMI5.masteryScoreExtension]: input.masteryScore },
    },
    timestamp: input.timestamp.toISOString(),
    version: XAPI_VERSION,
  };
}
