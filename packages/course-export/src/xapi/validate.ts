/**
 * Checks a statement against the xAPI 1.0.3 data rules an LRS enforces (required and unknown properties, one
 * identifier per agent, IRIs, UUIDs, language maps, scores in range, ISO 8601 times and durations), so a statement is
 * refused here with every problem named by its path, not by the LRS with a bare 400. Runs in browsers and in Node.
 */

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i;
const LANGUAGE_TAG = /^[a-z]{2,8}(?:-[a-z0-9]{1,8})*$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const DURATION =
  /^P(?!$)(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?W)?(?:\d+(?:\.\d+)?D)?(?:T(?=\d)(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?$/;

class Checker {
  readonly problems: string[] = [];

  fail(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  keys(value: Json, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(value))
      if (!allowed.includes(key)) this.fail(`${path}.${key}`, 'is not an xAPI property');
  }

  object(value: unknown, path: string): value is Json {
    if (isObject(value)) return true;
    this.fail(path, 'must be an object');
    return false;
  }

  iri(value: unknown, path: string): void {
    if (typeof value !== 'string' || !IRI.test(value)) this.fail(path, 'must be an absolute IRI');
  }

  uuid(value: unknown, path: string): void {
    if (typeof value !== 'string' || !UUID.test(value)) this.fail(path, 'must be a UUID');
  }

  string(value: unknown, path: string): void {
    if (typeof value !== 'string') this.fail(path, 'must be a string');
  }

  boolean(value: unknown, path: string): void {
    if (typeof value !== 'boolean') this.fail(path, 'must be true or false');
  }

  languageMap(value: unknown, path: string): void {
    if (!this.object(value, path)) return;
    for (const [tag, text] of Object.entries(value)) {
      if (!LANGUAGE_TAG.test(tag)) this.fail(`${path}.${tag}`, 'is not a language tag (RFC 5646)');
      if (typeof text !== 'string') this.fail(`${path}.${tag}`, 'must be a string');
    }
  }

  extensions(value: unknown, path: string): void {
    if (!this.object(value, path)) return;
    for (const key of Object.keys(value))
      if (!IRI.test(key)) this.fail(`${path}.${key}`, 'an extension key must be an IRI');
  }

  agent(value: unknown, path: string, group = false): void {
    if (!this.object(value, path)) return;
    const isGroup = value.objectType === 'Group';
    if (value.objectType !== undefined && value.objectType !== 'Agent' && !(group && isGroup)) {
      this.fail(`${path}.objectType`, group ? 'must be "Agent" or "Group"' : 'must be "Agent"');
      return;
    }
    this.keys(value, path, [
      'objectType',
      'name',
      'mbox',
      'mbox_sha1sum',
      'openid',
      'account',
      ...(isGroup ? ['member'] : []),
    ]);
    if (value.name !== undefined) this.string(value.name, `${path}.name`);
    const identifiers = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((key) => value[key] !== undefined);
    if (identifiers.length > 1)
      this.fail(path, `has ${identifiers.join(' and ')}: an agent has exactly one identifier`);
    if (identifiers.length === 0 && !isGroup)
      this.fail(path, 'needs one identifier (mbox, mbox_sha1sum, openid or account)');
    if (value.mbox !== undefined && (typeof value.mbox !== 'string' || !/^mailto:[^@\s]+@[^@\s]+$/.test(value.mbox)))
      this.fail(`${path}.mbox`, 'must be a mailto: address');
    if (
      value.mbox_sha1sum !== undefined &&
      (typeof value.mbox_sha1sum !== 'string' || !/^[0-9a-f]{40}$/i.test(value.mbox_sha1sum))
    )
      this.fail(`${path}.mbox_sha1sum`, 'must be 40 hexadecimal digits');
    if (value.openid !== undefined) this.iri(value.openid, `${path}.openid`);
    if (value.account !== undefined && this.object(value.account, `${path}.account`)) {
      this.keys(value.account, `${path}.account`, ['homePage', 'name']);
      this.iri(value.account.homePage, `${path}.account.homePage`);
      if (typeof value.account.name !== 'string' || value.account.name === '')
        this.fail(`${path}.account.name`, 'must be a non-empty string');
    }
    if (isGroup) {
      if (value.member !== undefined) {
        if (!Array.isArray(value.member)) this.fail(`${path}.member`, 'must be a list of agents');
        else for (const [i, member] of value.member.entries()) this.agent(member, `${path}.member[${i}]`);
      } else if (identifiers.length === 0) this.fail(path, 'an anonymous group needs members');
    }
  }

  activity(value: unknown, path: string): void {
    if (!this.object(value, path)) return;
    if (value.objectType !== undefined && value.objectType !== 'Activity')
      this.fail(`${path}.objectType`, 'must be "Activity"');
    this.keys(value, path, ['objectType', 'id', 'definition']);
    this.iri(value.id, `${path}.id`);
    if (value.definition === undefined || !this.object(value.definition, `${path}.definition`)) return;
    const definition = value.definition;
    const at = `${path}.definition`;
    this.keys(definition, at, [
      'name',
      'description',
      'type',
      'moreInfo',
      'extensions',
      'interactionType',
      'correctResponsesPattern',
      'choices',
      'scale',
      'source',
      'target',
      'steps',
    ]);
    if (definition.name !== undefined) this.languageMap(definition.name, `${at}.name`);
    if (definition.description !== undefined) this.languageMap(definition.description, `${at}.description`);
    if (definition.type !== undefined) this.iri(definition.type, `${at}.type`);
    if (definition.moreInfo !== undefined) this.iri(definition.moreInfo, `${at}.moreInfo`);
    if (definition.extensions !== undefined) this.extensions(definition.extensions, `${at}.extensions`);
  }

  statementObject(value: unknown, path: string): string {
    if (!this.object(value, path)) return 'none';
    const type = value.objectType ?? 'Activity';
    if (type === 'Activity') this.activity(value, path);
    else if (type === 'Agent' || type === 'Group') this.agent(value, path, true);
    else if (type === 'StatementRef') {
      this.keys(value, path, ['objectType', 'id']);
      this.uuid(value.id, `${path}.id`);
    } else this.fail(`${path}.objectType`, 'must be Activity, Agent, Group or StatementRef');
    return String(type);
  }

  result(value: unknown, path: string): void {
    if (!this.object(value, path)) return;
    this.keys(value, path, ['score', 'success', 'completion', 'response', 'duration', 'extensions']);
    if (value.success !== undefined) this.boolean(value.success, `${path}.success`);
    if (value.completion !== undefined) this.boolean(value.completion, `${path}.completion`);
    if (value.response !== undefined) this.string(value.response, `${path}.response`);
    if (value.duration !== undefined && (typeof value.duration !== 'string' || !DURATION.test(value.duration)))
      this.fail(`${path}.duration`, 'must be an ISO 8601 duration');
    if (value.extensions !== undefined) this.extensions(value.extensions, `${path}.extensions`);
    if (value.score === undefined || !this.object(value.score, `${path}.score`)) return;
    const score = value.score;
    this.keys(score, `${path}.score`, ['scaled', 'raw', 'min', 'max']);
    for (const key of ['scaled', 'raw', 'min', 'max'] as const) {
      if (score[key] !== undefined && (typeof score[key] !== 'number' || !Number.isFinite(score[key])))
        this.fail(`${path}.score.${key}`, 'must be a number');
    }
    const { scaled, raw, min, max } = score as Record<string, number | undefined>;
    if (scaled !== undefined && (scaled < -1 || scaled > 1))
      this.fail(`${path}.score.scaled`, 'must be between -1 and 1');
    if (min !== undefined && max !== undefined && !(min < max)) this.fail(`${path}.score`, 'min must be less than max');
    if (raw !== undefined && min !== undefined && raw < min) this.fail(`${path}.score.raw`, 'must not be below min');
    if (raw !== undefined && max !== undefined && raw > max) this.fail(`${path}.score.raw`, 'must not be above max');
  }

  context(value: unknown, path: string, objectType: string): void {
    if (!this.object(value, path)) return;
    this.keys(value, path, [
      'registration',
      'instructor',
      'team',
      'contextActivities',
      'revision',
      'platform',
      'language',
      'statement',
      'extensions',
    ]);
    if (value.registration !== undefined) this.uuid(value.registration, `${path}.registration`);
    if (value.instructor !== undefined) this.agent(value.instructor, `${path}.instructor`, true);
    if (value.team !== undefined) this.agent(value.team, `${path}.team`, true);
    for (const key of ['revision', 'platform'] as const) {
      if (value[key] === undefined) continue;
      this.string(value[key], `${path}.${key}`);
      if (objectType !== 'Activity') this.fail(`${path}.${key}`, 'is only allowed when the object is an activity');
    }
    if (value.language !== undefined && (typeof value.language !== 'string' || !LANGUAGE_TAG.test(value.language)))
      this.fail(`${path}.language`, 'must be a language tag (RFC 5646)');
    if (value.statement !== undefined && this.object(value.statement, `${path}.statement`)) {
      if (value.statement.objectType !== 'StatementRef')
        this.fail(`${path}.statement.objectType`, 'must be "StatementRef"');
      this.uuid(value.statement.id, `${path}.statement.id`);
    }
    if (value.extensions !== undefined) this.extensions(value.extensions, `${path}.extensions`);
    if (value.contextActivities === undefined || !this.object(value.contextActivities, `${path}.contextActivities`))
      return;
    const lists = value.contextActivities;
    this.keys(lists, `${path}.contextActivities`, ['parent', 'grouping', 'category', 'other']);
    for (const [key, list] of Object.entries(lists)) {
      const at = `${path}.contextActivities.${key}`;
      if (Array.isArray(list)) for (const [i, item] of list.entries()) this.activity(item, `${at}[${i}]`);
      else this.activity(list, at);
    }
  }
}

/** Every way `statement` breaks the xAPI 1.0.3 statement rules, as `path: problem` lines; empty when it is valid. */
export function statementProblems(statement: unknown): string[] {
  const check = new Checker();
  if (!check.object(statement, 'statement')) return check.problems;
  const s = statement;
  check.keys(s, 'statement', [
    'id',
    'actor',
    'verb',
    'object',
    'result',
    'context',
    'timestamp',
    'stored',
    'authority',
    'version',
    'attachments',
  ]);
  if (s.id !== undefined) check.uuid(s.id, 'statement.id');
  if (s.actor === undefined) check.fail('statement.actor', 'is required');
  else check.agent(s.actor, 'statement.actor', true);
  if (s.verb === undefined) check.fail('statement.verb', 'is required');
  else if (check.object(s.verb, 'statement.verb')) {
    check.keys(s.verb, 'statement.verb', ['id', 'display']);
    check.iri(s.verb.id, 'statement.verb.id');
    if (s.verb.display !== undefined) check.languageMap(s.verb.display, 'statement.verb.display');
  }
  let objectType = 'none';
  if (s.object === undefined) check.fail('statement.object', 'is required');
  else objectType = check.statementObject(s.object, 'statement.object');
  if (s.result !== undefined) check.result(s.result, 'statement.result');
  if (s.context !== undefined) check.context(s.context, 'statement.context', objectType);
  if (
    s.timestamp !== undefined &&
    (typeof s.timestamp !== 'string' || !TIMESTAMP.test(s.timestamp) || Number.isNaN(Date.parse(s.timestamp)))
  )
    check.fail('statement.timestamp', 'must be an ISO 8601 date and time with a time zone');
  if (s.version !== undefined && (typeof s.version !== 'string' || !/^1\.0(\.\d+)?$/.test(s.version)))
    check.fail('statement.version', 'must be an xAPI 1.0.x version');
  return check.problems;
}
