import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  contradictionsIn,
  defaultTrustSettings,
  fillTrustPlaceholders,
  findGuidancePoint,
  findSource,
  type GuidancePoint,
  guidanceSources,
  MESSAGING_GUIDANCE,
  SOURCES,
  trustPlaceholders,
  UK_DIVISIONS,
  untracedDivisions,
} from '../src/index.ts';

const defaults = trustPlaceholders(defaultTrustSettings());
const filled = (text: string) => fillTrustPlaceholders(text, defaults);

describe('the source list', () => {
  it('has unique ids, a title and publisher for each, and well-formed addresses', () => {
    const ids = SOURCES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const source of SOURCES) {
      expect(source.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(source.title.length, source.id).toBeGreaterThan(5);
      expect(source.publisher.length, source.id).toBeGreaterThan(2);
      if (source.url !== undefined) expect(source.url).toMatch(/^https?:\/\/[^\s]+$/);
      if (source.reference !== null) expect(source.reference).toMatch(/^(records-rules|attestation)\.md/);
    }
  });

  it('keeps FOIA sources for England, Wales and Northern Ireland and FOISA sources for Scotland', () => {
    const point = findGuidancePoint('keep-when-requested');
    if (!point) throw new Error('keep-when-requested is missing');
    expect(guidanceSources(point, 'england').map((s) => s.id)).toEqual(['foia-s77', 'dpa-s173']);
    expect(guidanceSources(point, 'scotland').map((s) => s.id)).toEqual(['foisa-s65', 'dpa-s173']);
    expect(findSource('nope')).toBeUndefined();
  });
});

const referenceDir = fileURLToPath(new URL('../../../../shared/reference/', import.meta.url));

describe.skipIf(!existsSync(referenceDir))('the source list against the reference notes', () => {
  it('names a section of the notes that exists for every source it says they record', () => {
    for (const source of SOURCES) {
      if (source.reference === null) continue;
      const space = source.reference.indexOf(' ');
      const file = space < 0 ? source.reference : source.reference.slice(0, space);
      const notes = readFileSync(`${referenceDir}${file}`, 'utf8');
      const places = space < 0 ? [] : source.reference.slice(space + 1).split(/,\s*/);
      for (const place of places) {
        // `§7` is a `## 7.` heading, `§5.2` a `### 5.2` heading; `(device spot checks)` a heading with those words.
        const section = /^§(\d+(?:\.\d+)?)$/.exec(place)?.[1];
        const heading = section
          ? new RegExp(`^#{2,3} ${section.replace('.', '\\.')}\\.?\\s`, 'm')
          : new RegExp(`^#{2,3} [^\\n]*${place.replace(/[()]/g, '')}`, 'im');
        expect(notes, `${source.id}: ${source.reference}`).toMatch(heading);
      }
    }
  });
});

describe('the guidance rules', () => {
  it('has unique ids and cites only sources in the list', () => {
    const ids = MESSAGING_GUIDANCE.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const point of MESSAGING_GUIDANCE) {
      expect(point.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      for (const id of point.sourceIds) expect(findSource(id), `${point.id} cites ${id}`).toBeDefined();
    }
  });

  it('rests every point on a source that applies in each UK division, unless it is the trust’s own policy', () => {
    for (const division of UK_DIVISIONS) {
      for (const point of MESSAGING_GUIDANCE) {
        if (point.basis === 'trust-policy') continue;
        expect(guidanceSources(point, division).length, `${point.id} in ${division}`).toBeGreaterThan(0);
      }
    }
  });

  it('traces every point to a source the reference notes record, in every division, unless it is the trust’s policy', () => {
    for (const point of MESSAGING_GUIDANCE) expect(untracedDivisions(point), point.id).toEqual([]);
  });

  it('finds a point that rests only on sources the notes do not record, division by division', () => {
    const point = (basis: GuidancePoint['basis'], sourceIds: GuidancePoint['sourceIds']): GuidancePoint => ({
      id: 'planted',
      topic: 'your-device',
      statement: 'A planted point.',
      basis,
      sourceIds,
    });
    expect(untracedDivisions(point('good-practice', ['device-security-ncsc']))).toEqual(UK_DIVISIONS);
    // The same source is further reading for the trust's own policy.
    expect(untracedDivisions(point('trust-policy', ['device-security-ncsc']))).toEqual([]);
    // FOIA s77 is in the notes; FOISA s65, which replaces it for Scottish trusts, is not.
    expect(untracedDivisions(point('law', ['foia-s77', 'foisa-s65']))).toEqual(['scotland']);
    expect(untracedDivisions(point('law', ['foia-s77', 'foisa-s65', 'dpa-s173']))).toEqual([]);
  });

  it('keeps statements short and plain, with only known trust placeholders', () => {
    for (const point of MESSAGING_GUIDANCE) {
      const statement = filled(point.statement);
      const sentences = statement.split(/(?<=\.)\s+/);
      expect(sentences.length, point.id).toBeLessThanOrEqual(3);
      for (const sentence of sentences) expect(sentence.split(/\s+/).length, point.id).toBeLessThanOrEqual(30);
      expect(statement).not.toMatch(/\b(?:shall|herein|pursuant|thereof|data subject)\b/i);
      expect(statement).not.toContain('{{');
    }
  });

  it('no point contradicts another: no statement matches any point’s contradiction wording', () => {
    for (const point of MESSAGING_GUIDANCE) {
      expect(contradictionsIn(filled(point.statement)), point.id).toEqual([]);
    }
  });

  it('recognises its own subject: each point’s mention pattern matches its own statement', () => {
    for (const point of MESSAGING_GUIDANCE) {
      if (point.mentions) expect(point.mentions.test(filled(point.statement)), point.id).toBe(true);
      expect(point.mentions?.flags ?? '', point.id).not.toContain('g');
    }
  });

  it('catches the contradictions the course once taught', () => {
    const caught = (text: string) => contradictionsIn(text).map((c) => c.point.id);
    expect(caught('Serious breaches must be reported to it within 72 hours.')).toContain('report-breaches-72-hours');
    expect(caught('If patient information was posted after they joined, tell your IG team.')).toContain(
      'unknown-member-joins',
    );
    expect(caught('The official record of a patient’s care. A chat is not part of it.')).toContain(
      'chat-as-only-record',
    );
    expect(caught('Turn off invite links in the group settings if your app allows it.')).toContain('invite-links');
    expect(caught('encrypt messages from end to end to the NHS standard (AES-256)')).toContain('app-criteria-2018');
    expect(caught('Use text messages (SMS) for patient details, as they are not encrypted')).toContain('text-messages');
    expect(caught('copy clinical decisions into patients’ records after the incident')).toContain(
      'major-incident-groups',
    );
    expect(caught('The rule on backups: backing up work chats is always wrong.')).toContain('cloud-backups');
    expect(caught('Copy advice into the record, then delete the messages.')).toEqual([]);
    // A wrong period for the report to the regulator, however it is put; the law's own wording is not caught.
    for (const wrong of [
      'The organisation must report it to the Information Commissioner’s Office (ICO) without undue delay, and within 7 days.',
      'Report it to the ICO within 72 working hours.',
      'It must notify the Information Commissioner within a month of finding out.',
      'Within 24 hours of becoming aware of it, the organisation reports the breach to the ICO.',
    ]) {
      expect(caught(wrong), wrong).toContain('report-breaches-72-hours');
    }
    expect(
      caught(
        'If it is, the organisation must report it to the Information Commissioner’s Office (ICO) without undue delay, and within 72 hours of becoming aware of it where that is feasible.',
      ),
    ).toEqual([]);
  });
});
