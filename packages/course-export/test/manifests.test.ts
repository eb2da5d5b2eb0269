import { passMark } from '@im-records/course';
import { describe, expect, it } from 'vitest';
import { cmi5CourseStructure, cmi5Identifiers, scorm12Manifest, scormIdentifiers } from '../src/export/manifests.ts';
import { child, childrenNamed, parseXml } from './xml.ts';

const description = {
  title: 'Using messaging <safely> & well',
  description: 'Guidance and an assessment.',
  version: '2026.1',
  passMark,
  files: ['assets/course.css', 'assets/player.js', 'index.html'],
};

describe('SCORM 1.2 manifest', () => {
  const manifest = parseXml(scorm12Manifest(description, 'trust-im-course'));

  it('declares the SCORM 1.2 content packaging schemas', () => {
    expect(manifest.name).toBe('manifest');
    expect(manifest.attributes.xmlns).toBe('http://www.imsproject.org/xsd/imscp_rootv1p1p2');
    expect(manifest.attributes['xmlns:adlcp']).toBe('http://www.adlnet.org/xsd/adlcp_rootv1p2');
    expect(manifest.attributes['xsi:schemaLocation']).toContain('adlcp_rootv1p2.xsd');
    const metadata = child(manifest, 'metadata');
    expect(child(metadata, 'schema').text).toBe('ADL SCORM');
    expect(child(metadata, 'schemaversion').text).toBe('1.2');
    expect(manifest.attributes.version).toBe('2026.1');
  });

  it('has one organisation with one item launching one SCO that lists every file', () => {
    const organizations = child(manifest, 'organizations');
    const organization = child(organizations, 'organization');
    expect(organizations.attributes.default).toBe(organization.attributes.identifier);
    expect(child(organization, 'title').text).toBe('Using messaging <safely> & well');
    const item = child(organization, 'item');
    const resource = child(child(manifest, 'resources'), 'resource');
    expect(item.attributes.identifierref).toBe(resource.attributes.identifier);
    expect(resource.attributes).toMatchObject({ type: 'webcontent', 'adlcp:scormtype': 'sco', href: 'index.html' });
    expect(childrenNamed(resource, 'file').map((file) => file.attributes.href)).toEqual(description.files);
  });

  it("gives the mastery score as records-policy's pass mark in whole percent", () => {
    const item = child(child(child(manifest, 'organizations'), 'organization'), 'item');
    expect(child(item, 'adlcp:masteryscore').text).toBe(String(Math.round(passMark * 100)));
    expect(passMark).toBe(0.8);
  });

  it('keeps its identifiers when the course changes, so an LMS updates the course in place', () => {
    const other = parseXml(
      scorm12Manifest({ ...description, title: 'Renamed', version: '2027.1', passMark: 0.75 }, 'trust-im-course'),
    );
    const ids = (m: typeof manifest) => [
      m.attributes.identifier,
      child(m, 'organizations').attributes.default,
      child(child(child(m, 'organizations'), 'organization'), 'item').attributes.identifier,
      child(child(m, 'resources'), 'resource').attributes.identifier,
    ];
    expect(ids(other)).toEqual(ids(manifest));
    expect(ids(manifest)).toEqual([
      'trust-im-course',
      'trust-im-course-org',
      'trust-im-course-item',
      'trust-im-course-sco',
    ]);
  });

  it('refuses an identifier that is not an XML id', () => {
    expect(() => scormIdentifiers('1 course')).toThrow(/must start with a letter/);
    expect(() => scormIdentifiers('course:one')).toThrow(/identifier/);
  });
});

describe('cmi5 course structure', () => {
  const structure = parseXml(cmi5CourseStructure(description, 'https://learning.example-trust.nhs.uk/im-course/'));

  it('is a courseStructure in the cmi5 namespace with a course and one AU', () => {
    expect(structure.name).toBe('courseStructure');
    expect(structure.attributes.xmlns).toBe('https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd');
    const course = child(structure, 'course');
    expect(course.attributes.id).toBe('https://learning.example-trust.nhs.uk/im-course');
    expect(child(child(course, 'title'), 'langstring').attributes.lang).toBe('en-GB');
    expect(child(child(course, 'description'), 'langstring').text).toContain('Version 2026.1');
    const au = child(structure, 'au');
    expect(au.children.map((c) => c.name)).toEqual(['title', 'description', 'url']);
    expect(child(au, 'url').text).toBe('index.html');
  });

  it('has an AU whose masteryScore is the pass mark and which moves on when passed', () => {
    const au = child(structure, 'au');
    expect(au.attributes).toMatchObject({
      id: 'https://learning.example-trust.nhs.uk/im-course/au',
      moveOn: 'Passed',
      masteryScore: '0.8',
      launchMethod: 'AnyWindow',
    });
    expect(Number(au.attributes.masteryScore)).toBe(passMark);
  });

  it('keeps ids stable and refuses a base that is not an IRI', () => {
    expect(cmi5Identifiers('urn:im-records:course:x')).toEqual({
      course: 'urn:im-records:course:x',
      au: 'urn:im-records:course:x/au',
    });
    expect(() => cmi5Identifiers('not an iri')).toThrow(/not an IRI/);
  });
});
