import { findSource, isInReferenceNotes, MESSAGING_GUIDANCE, SOURCES, UK_DIVISIONS } from '@im-records/records-policy';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError } from '../src/errors.ts';
import { loadCourse, loadTrustSettings } from '../src/load-content.ts';
import { guidancePoints, sourcesFor } from '../src/policy.ts';
import { contentDir, course, repoRoot, scratchContent } from './helpers.ts';

const caught = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('the course content', () => {
  it('has the pages, scenarios and questions the issue asks for', () => {
    expect(course.guidance.length).toBeGreaterThanOrEqual(20);
    expect(course.scenarios.length).toBeGreaterThanOrEqual(10);
    expect(course.questions.length).toBeGreaterThanOrEqual(60);
    expect(new Set(course.questions.map((q) => q.type))).toEqual(
      new Set(['single', 'multiple', 'true-false', 'scenario']),
    );
    const slugs = course.scenarios.map((s) => s.slug);
    expect(slugs).toContain('a-request-in-the-ward-group');
    expect(slugs).toContain('a-group-drifts-into-patient-care');
  });

  it('covers every records-policy guidance point, and cites only real ones', () => {
    const covered = new Set(course.guidance.flatMap((page) => page.covers));
    expect([...covered].sort()).toEqual(MESSAGING_GUIDANCE.map((point) => point.id).sort());
  });

  it('backs every page, question, scenario and glossary term with a source in every UK division', () => {
    const trustOnly = (covers: readonly string[]) =>
      covers.every((id) => MESSAGING_GUIDANCE.find((p) => p.id === id)?.basis === 'trust-policy');
    for (const division of UK_DIVISIONS) {
      const trust = loadTrustSettings(null);
      const inDivision = { ...course, trust: { ...course.trust, settings: { ...trust.settings, division } } };
      const items = [
        ...course.guidance.map((p) => [p.file, p.covers, p.sources] as const),
        ...course.questions.map((q) => [`${q.file} ${q.id}`, q.covers, q.sources] as const),
        ...course.scenarios.map((s) => [s.file, s.covers, s.sources] as const),
      ];
      for (const [name, covers, extra] of items) {
        if (trustOnly(covers)) continue;
        expect(sourcesFor(inDivision, covers, extra).length, `${name} in ${division}`).toBeGreaterThan(0);
      }
    }
    for (const term of course.glossary) expect(term.guidance ?? term.sources, term.term).toBeDefined();
    const cited = new Set([
      ...MESSAGING_GUIDANCE.flatMap((p) => p.sourceIds),
      ...course.guidance.flatMap((p) => p.sources ?? []),
      ...course.questions.flatMap((q) => q.sources ?? []),
      ...course.scenarios.flatMap((s) => s.sources ?? []),
      ...course.glossary.flatMap((t) => t.sources ?? []),
    ]);
    expect(SOURCES.filter((s) => !cited.has(s.id)).map((s) => s.id)).toEqual(['dspt-training', 'dspt-help-training']);
  });

  it('traces every fact to the reference notes, or labels it the trust’s own policy', () => {
    const basis = (id: string) => MESSAGING_GUIDANCE.find((p) => p.id === id)?.basis;
    for (const point of course.points) {
      if (point.basis === 'trust-policy') continue;
      expect(point.sources.some(isInReferenceNotes), point.id).toBe(true);
    }
    const items = [
      ...course.guidance.map((p) => [p.file, p.covers, p.sources] as const),
      ...course.questions.map((q) => [`${q.file} ${q.id}`, q.covers, q.sources] as const),
      ...course.scenarios.map((s) => [s.file, s.covers, s.sources] as const),
      ...course.glossary.map((t) => [`glossary ${t.term}`, [], t.sources] as const),
    ];
    for (const [name, covers, extra] of items) {
      if (covers.length > 0 && covers.every((id) => basis(id) === 'trust-policy')) continue;
      for (const id of extra ?? [])
        expect(findSource(id)?.reference, `${name} cites ${id}`).toEqual(expect.any(String));
    }
    // The points the review found resting only on sources outside the notes are now the trust's policy or traced.
    expect(
      ['phone-hygiene', 'caldicott-principles', 'duty-to-share', 'clinical-photos-consent'].map((id) => basis(id)),
    ).toEqual(['trust-policy', 'trust-policy', 'trust-policy', 'trust-policy']);
    const leaveGroups = course.points.find((p) => p.id === 'leave-groups-on-job-change');
    expect(leaveGroups?.sources.filter(isInReferenceNotes).map((s) => s.reference)).toEqual([
      'attestation.md (device spot checks)',
    ]);
  });

  it('scores no choice flagged breaksGuidance above zero, and marks no such option as a right answer', () => {
    let flagged = 0;
    for (const scenario of course.scenarios) {
      for (const node of Object.values(scenario.nodes)) {
        if (node.type !== 'decision') continue;
        for (const choice of node.choices) {
          if (!choice.breaksGuidance) continue;
          flagged += 1;
          expect(choice.points, `${scenario.slug} ${choice.id}`).toBe(0);
        }
      }
    }
    for (const question of course.questions) {
      for (const option of question.options) if (option.breaksGuidance) expect(option.correct).toBe(false);
    }
    expect(flagged).toBeGreaterThanOrEqual(30);
  });

  it('gives no points for the evasive choices the issue names', () => {
    const points = (slug: string, node: string, choice: string) => {
      const n = course.scenarios.find((s) => s.slug === slug)?.nodes[node];
      return n?.type === 'decision' ? n.choices.find((c) => c.id === choice) : undefined;
    };
    for (const [slug, node, choice] of [
      ['foi-request', 'lessons', 'disappearing'],
      ['unknown-number-joins', 'joined', 'ask-and-post'],
      ['major-incident-3am', 'call-in', 'forward-link'],
    ] as const) {
      expect(points(slug, node, choice)?.points, `${slug} ${choice}`).toBe(0);
      expect(points(slug, node, choice)?.breaksGuidance?.length, `${slug} ${choice}`).toBeGreaterThan(0);
    }
  });

  it('has enough questions in every topic for a balanced draw with fresh questions on a retry', () => {
    const perTopic = Math.ceil(course.settings.assessment.questionCount / course.settings.topics.length);
    for (const topic of course.settings.topics) {
      expect(course.questions.filter((q) => q.topic === topic.id).length, topic.id).toBeGreaterThanOrEqual(
        perTopic * 2,
      );
    }
  });

  it('keeps guidance sentences short (NHS content style)', () => {
    // A proxy for reading age: average sentence length in the guidance prose stays under 15 words.
    const prose = course.guidance.flatMap((page) =>
      page.sections.flatMap((s) => s.body.filter((b): b is string => typeof b === 'string')),
    );
    const sentences = prose
      .join(' ')
      .split(/(?<=[.!?])\s+/)
      .filter(Boolean);
    const words = sentences.reduce((n, s) => n + s.split(/\s+/).length, 0);
    expect(words / sentences.length).toBeLessThan(15);
  });

  it('leaves no placeholder unfilled', () => {
    const all = JSON.stringify([course.guidance, course.questions, course.scenarios, course.glossary, course.points]);
    expect(all).not.toContain('{{');
  });
});

describe('trust settings', () => {
  let scratch: ReturnType<typeof scratchContent>;
  afterEach(() => scratch?.remove());

  it('a build with no settings file uses the defaults and says so', () => {
    expect(course.trust.isDefault).toBe(true);
    expect(course.trust.file).toBeNull();
    expect(course.trust.policy.passMark).toBe(0.8);
    const page = course.guidance.find((p) => p.slug === 'choosing-an-app');
    expect(JSON.stringify(page)).toContain('the apps on your organisation’s approved list');
  });

  it('a build with a trust settings file shows the trust’s values everywhere', () => {
    scratch = scratchContent();
    scratch.trust(
      [
        'organisation: { name: Anytown NHS Trust }',
        'division: scotland',
        'approvedApps: [Microsoft Teams, Accurx]',
        'consumerAppsAllowed: false',
        'informationGovernance: { team: the Anytown IG team, incidentSystem: Datix }',
        'device: { passcodeMinDigits: 8, autoLockMinutes: 2 }',
        'training: { passMarkPercent: 85, renewalMonths: 24 }',
      ].join('\n'),
    );
    const trusted = scratch.load();
    expect(trusted.trust.isDefault).toBe(false);
    expect(trusted.trust.policy).toMatchObject({ passMark: 0.85, renewalMonths: 24 });
    const text = (slug: string) => JSON.stringify(trusted.guidance.find((p) => p.slug === slug));
    expect(text('choosing-an-app')).toContain('For work messages, use Microsoft Teams or Accurx.');
    expect(text('choosing-an-app')).toContain('Anytown NHS Trust does not allow consumer apps');
    expect(text('securing-your-phone')).toContain('at least 8 digits');
    expect(text('securing-your-phone')).toContain('after 2 minutes at most');
    expect(text('why-it-matters')).toContain('You need 85% to pass.');
    expect(text('why-it-matters')).toContain('It lasts 24 months.');
    expect(text('reporting-a-breach')).toContain('Log it on Datix.');
    expect(text('sharing-the-minimum')).toContain('CHI number');
    expect(text('foi-and-subject-access')).toContain('Freedom of Information (Scotland) Act 2002');
    expect(text('foi-and-subject-access')).toContain('Scottish Information Commissioner');
    const keep = trusted.points.find((p) => p.id === 'keep-when-requested');
    expect(keep?.sources.map((s) => s.id)).toEqual(['foisa-s65', 'dpa-s173']);
    expect(trusted.points.find((p) => p.id === 'passcode-and-auto-lock')?.statement).toContain('8 digits');
  });

  it('names the file, line and field of a bad setting', () => {
    scratch = scratchContent();
    scratch.trust('organisation:\n  name: Anytown NHS Trust\ntraining:\n  passMarkPercent: 0.8\n');
    const error = caught(() => scratch.load());
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).message).toMatch(
      /^content\/trust-settings\.yaml:4 training\.passMarkPercent: must be a whole percent, such as 80/,
    );
  });

  it('refuses a misspelt setting', () => {
    scratch = scratchContent();
    scratch.trust('device:\n  passcodeDigits: 6\n');
    expect(() => scratch.load()).toThrow(/trust-settings\.yaml:\d+ device: .*passcodeDigits/);
  });

  it('stops on an unknown placeholder, naming the file, line and field', () => {
    scratch = scratchContent();
    scratch.edit('guidance/securing-your-phone.yaml', (text) =>
      text.replace('{{passcodeMinDigits}} digits', '{{passcodeDigits}} digits'),
    );
    expect(() => scratch.load()).toThrow(
      /guidance\/securing-your-phone\.yaml:\d+ sections\[0\]\.body\[1\]: \{\{passcodeDigits\}\} is not a trust setting placeholder/,
    );
  });
});

describe('one rule per subject', () => {
  let scratch: ReturnType<typeof scratchContent>;
  afterEach(() => scratch?.remove());

  it('stops a page that brings back a contradiction the course once taught', () => {
    scratch = scratchContent();
    scratch.edit('guidance/groups-and-invite-links.yaml', (text) =>
      text.replace(
        '          - Stop posting patient details until you know who it is.\n',
        '          - Stop posting patient details until you know who it is.\n          - Tell the IG team only if patient details were posted after they joined.\n',
      ),
    );
    const error = caught(() => scratch.load()) as ContentError;
    expect(error).toBeInstanceOf(ContentError);
    expect(error.field).toBe('sections[2]');
    expect(error.message).toContain('contradicting records-policy point "unknown-member-joins"');
  });

  it('stops "serious breaches" and a turned-off invite link anywhere, glossary included', () => {
    scratch = scratchContent();
    scratch.edit('glossary.yaml', (text) =>
      text.replace(
        'It regulates data protection across the UK,',
        'Serious breaches must be reported to it. It regulates data protection across the UK,',
      ),
    );
    expect(() => scratch.load()).toThrow(/glossary\.yaml terms\[\d+\]: .*"report-breaches-72-hours"/);
    scratch.remove();
    scratch = scratchContent();
    scratch.edit('questions/sharing.yaml', (text) =>
      text.replace(
        'explanation: Do not share invite links',
        'explanation: Turn off invite links. Do not share invite links',
      ),
    );
    expect(() => scratch.load()).toThrow(/questions\/sharing\.yaml questions\[3\]: .*"invite-links"/);
  });

  it('stops a page that gives the wrong period for reporting a breach to the ICO', () => {
    scratch = scratchContent();
    scratch.edit('guidance/reporting-a-breach.yaml', (text) => {
      expect(text).toContain('within 72 hours of becoming aware of it');
      return text.replace('within 72 hours of becoming aware of it', 'within 7 days of becoming aware of it');
    });
    expect(() => scratch.load()).toThrow(
      /reporting-a-breach\.yaml sections\[\d+\]: "[^"]*within 7 days" teaches a deadline for reporting a breach to the ICO other than 72 hours/,
    );
  });

  it('makes content that mentions a rule’s subject cite the rule', () => {
    scratch = scratchContent();
    scratch.edit('questions/device.yaml', (text) =>
      text.replace(
        'explanation: Do not share a device that holds work messages.',
        'explanation: Do not share a device that holds work messages, or its backups.',
      ),
    );
    expect(() => scratch.load()).toThrow(
      'questions/device.yaml questions[3]: mentions "backups", the subject of records-policy point "cloud-backups", so its covers must cite "cloud-backups"',
    );
  });

  it('refuses points for a choice flagged breaksGuidance, and a flagged right answer', () => {
    scratch = scratchContent();
    scratch.edit('scenarios/unknown-number-joins.yaml', (text) =>
      text.replace(
        "before anyone answered. Twelve patients' details may now be with a stranger.\n        points: 0",
        "before anyone answered. Twelve patients' details may now be with a stranger.\n        points: 1",
      ),
    );
    expect(() => scratch.load()).toThrow(
      /unknown-number-joins\.yaml:\d+ nodes\.joined\.choices\[2\]\.points: a choice flagged breaksGuidance must score 0/,
    );
    scratch.remove();
    scratch = scratchContent();
    scratch.edit('questions/device.yaml', (text) =>
      text.replace(
        "without checking your organisation's policy\n        correct: false",
        "without checking your organisation's policy\n        correct: true",
      ),
    );
    expect(() => scratch.load()).toThrow(
      /device\.yaml:\d+ questions\[6\]\.options\[2\]\.correct: an option flagged breaksGuidance cannot be a right answer/,
    );
  });

  it('refuses a source id that is not in records-policy’s list', () => {
    scratch = scratchContent();
    scratch.edit('guidance/choosing-an-app.yaml', (text) =>
      text.replace('sources: [microsoft-teams-encryption]', 'sources: [microsoft-teams-encryption, teams-blog]'),
    );
    expect(() => scratch.load()).toThrow(
      'guidance/choosing-an-app.yaml sources[1]: "teams-blog" is not in records-policy\'s source list',
    );
  });
});

describe('every fact traceable', () => {
  let scratch: ReturnType<typeof scratchContent>;
  afterEach(() => scratch?.remove());

  it('stops a page, scenario, question or glossary term that cites a source the reference notes do not record', () => {
    scratch = scratchContent();
    scratch.edit('guidance/reporting-a-breach.yaml', (text) =>
      text.replace(
        'covers: [tell-ig-straight-away,',
        'sources: [whatsapp-help-security]\ncovers: [tell-ig-straight-away,',
      ),
    );
    expect(() => scratch.load()).toThrow(
      'guidance/reporting-a-breach.yaml sources[0]: "whatsapp-help-security" is not in the reference notes (its reference is null)',
    );
    scratch.remove();
    scratch = scratchContent();
    // A referenced source beside it does not make the unreferenced one's fact traceable.
    scratch.edit('scenarios/a-request-in-the-ward-group.yaml', (text) =>
      text.replace('sources: [ico-sar-responding]', 'sources: [ico-sar-responding, ico-recognise-sar]'),
    );
    expect(() => scratch.load()).toThrow(
      /scenarios\/a-request-in-the-ward-group\.yaml sources\[1\]: "ico-recognise-sar" is not in the reference notes/,
    );
    scratch.remove();
    scratch = scratchContent();
    scratch.edit('questions/requests.yaml', (text) =>
      text.replace('sources: [foia-s40, ico-sar-health-data]', 'sources: [gmc-recordings]'),
    );
    expect(() => scratch.load()).toThrow(
      /questions\/requests\.yaml questions\[1\]\.sources\[0\]: "gmc-recordings" is not in the reference notes/,
    );
    scratch.remove();
    scratch = scratchContent();
    scratch.edit('glossary.yaml', (text) =>
      text.replace('    guidance: sharing-the-minimum\n', '    sources: [device-security-ncsc]\n'),
    );
    expect(() => scratch.load()).toThrow(/glossary\.yaml terms\[\d+\]\.sources\[0\]: "device-security-ncsc" is not in/);
  });

  it('lets content that teaches only the trust’s own policy name an outside source as further reading', () => {
    scratch = scratchContent();
    scratch.edit('questions/device.yaml', (text) =>
      text.replace(
        '    covers: [phone-hygiene]\n',
        '    covers: [phone-hygiene]\n    sources: [device-security-ncsc]\n',
      ),
    );
    const loaded = scratch.load();
    const question = loaded.questions.find((q) => q.id === 'device-hygiene-multiple');
    expect(sourcesFor(loaded, question?.covers ?? [], question?.sources).map((s) => s.id)).toEqual([
      'device-security-ncsc',
    ]);
  });

  it('stops a point that rests only on sources outside the notes unless it is the trust’s own policy', () => {
    const relabel = (id: string, basis: 'good-practice' | 'law', sourceIds?: string[]) =>
      guidancePoints.map((point) =>
        point.id === id ? { ...point, basis, sourceIds: sourceIds ?? point.sourceIds } : point,
      );
    expect(() => loadCourse(contentDir, { guidancePoints: relabel('phone-hygiene', 'good-practice') })).toThrow(
      'packages/records-policy/src/guidance.ts point "phone-hygiene": rests only on sources the reference notes do not record (in england, wales, scotland, northern-ireland)',
    );
    // FOISA s65 is not in the notes: an offence resting on FOIA s77 and FOISA s65 alone is untraced for Scotland.
    expect(() =>
      loadCourse(contentDir, {
        guidancePoints: relabel('keep-when-requested', 'law', ['foia-s77', 'foisa-s65']),
      }),
    ).toThrow(/point "keep-when-requested": rests only on sources the reference notes do not record \(in scotland\)/);
  });
});

describe('a broken content file', () => {
  let scratch: ReturnType<typeof scratchContent>;
  afterEach(() => scratch?.remove());

  it('names the file, line and field when a question lacks a field', () => {
    scratch = scratchContent();
    // Remove the feedback of the second option of the fourth question in apps.yaml.
    scratch.edit('questions/apps.yaml', (text) =>
      text.replace('        feedback: Right. A personal cloud backup holds a copy of every work message.\n', ''),
    );
    const error = caught(() => scratch.load());
    expect(error).toBeInstanceOf(ContentError);
    const content = error as ContentError;
    expect(content.file).toBe('content/training/questions/apps.yaml');
    expect(content.field).toBe('questions[3].options[1].feedback');
    expect(content.message).toMatch(
      /^content\/training\/questions\/apps\.yaml:\d+ questions\[3\]\.options\[1\]\.feedback: /,
    );
  });

  it('rejects a single-choice question with two right answers', () => {
    scratch = scratchContent();
    scratch.edit('questions/apps.yaml', (text) =>
      text.replace(/(id: sms\n\s+text: [^\n]+\n\s+)correct: false/, '$1correct: true'),
    );
    expect(() => scratch.load()).toThrow(
      /questions\/apps\.yaml:\d+ questions\[0\]\.options: a single question needs exactly 1 correct option/,
    );
  });

  it('rejects a misspelt field instead of ignoring it', () => {
    scratch = scratchContent();
    scratch.edit('questions/record.yaml', (text) =>
      text.replace(
        '    explanation: Do not use a chat instead of the health record.',
        '    explenation: Do not use a chat instead of the health record.',
      ),
    );
    expect(() => scratch.load()).toThrow(/questions\/record\.yaml:\d+ questions\[0\]/);
  });

  it('reports invalid YAML with its line', () => {
    scratch = scratchContent();
    scratch.edit('scenarios/spot-check.yaml', (text) => text.replace('start: asked', 'start: [asked'));
    expect(() => scratch.load()).toThrow(/content\/training\/scenarios\/spot-check\.yaml:\d+: not valid YAML/);
  });

  it('rejects a link to a guidance page that does not exist', () => {
    scratch = scratchContent();
    scratch.edit('questions/breaches.yaml', (text) =>
      text.replace('guidance: [why-it-matters]\n', 'guidance: [why-it-matter]\n'),
    );
    expect(() => scratch.load()).toThrow(
      'questions/breaches.yaml questions[6].guidance[0]: links to guidance page "why-it-matter", which does not exist',
    );
  });

  it('rejects a guidance point id that records-policy does not have', () => {
    scratch = scratchContent();
    scratch.edit('guidance/lock-screen-notifications.yaml', (text) =>
      text.replace('covers: [lock-screen-previews-off]', 'covers: [lock-screen-previews-off, previews-in-cloud]'),
    );
    expect(() => scratch.load()).toThrow(
      'guidance/lock-screen-notifications.yaml covers[1]: "previews-in-cloud" is not a records-policy guidance point',
    );
  });

  it('fails when a records-policy guidance point is covered by no page', () => {
    scratch = scratchContent();
    scratch.edit('guidance/securing-your-phone.yaml', (text) => text.replace(', phone-hygiene]', ']'));
    expect(() => scratch.load()).toThrow('no guidance page covers records-policy guidance point "phone-hygiene"');
  });

  it('rejects a scenario choice that leads nowhere', () => {
    scratch = scratchContent();
    scratch.edit('scenarios/wound-photo.yaml', (text) =>
      text.replace(
        'next: report\n        guidance: [clinical-photos-and-consent, sharing-the-minimum]',
        'next: reprot\n        guidance: [clinical-photos-and-consent, sharing-the-minimum]',
      ),
    );
    expect(() => scratch.load()).toThrow(
      'scenarios/wound-photo.yaml nodes.photo-posted.choices[0].next: names node "reprot", which does not exist',
    );
  });

  it('loads the real content from the repository root with relative file names', () => {
    const loaded = loadCourse(contentDir, { guidancePoints, root: repoRoot });
    expect(loaded.guidance[0]?.file).toBe('content/training/guidance/why-it-matters.yaml');
  });
});
