/**
 * The two package descriptions an LMS reads on import: `imsmanifest.xml` for SCORM 1.2 (one organisation, one item,
 * one SCO listing every file, the mastery score as a whole percentage) and `cmi5.xml` for cmi5 (one course, one AU
 * with moveOn and a masteryScore). Identifiers come from the options and never from the content, so a new course
 * version replaces the old one in the LMS rather than appearing beside it.
 */

import { escapeHtml as x } from '@im-records/course';
import { CMI5 } from '../xapi/vocabulary.ts';

/** What both descriptions say about the course. */
export interface PackageDescription {
  title: string;
  description: string;
  version: string;
  /** The pass mark, 0 to 1. */
  passMark: number;
  /** Every file in the package, sorted, manifest excluded. */
  files: string[];
}

/** The SCORM manifest's identifiers: the manifest's own, and the organisation, item and resource ids built from it. */
export function scormIdentifiers(identifier: string): {
  manifest: string;
  organization: string;
  item: string;
  resource: string;
} {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(identifier)) {
    throw new TypeError(
      `the SCORM identifier "${identifier}" must start with a letter and hold only letters, digits, . - _`,
    );
  }
  return {
    manifest: identifier,
    organization: `${identifier}-org`,
    item: `${identifier}-item`,
    resource: `${identifier}-sco`,
  };
}

/** `imsmanifest.xml` for SCORM 1.2. */
export function scorm12Manifest(pkg: PackageDescription, identifier: string): string {
  const ids = scormIdentifiers(identifier);
  const files = pkg.files.map((file) => `      <file href="${x(file)}"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${x(ids.manifest)}" version="${x(pkg.version)}"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${x(ids.organization)}">
    <organization identifier="${x(ids.organization)}">
      <title>${x(pkg.title)}</title>
      <item identifier="${x(ids.item)}" identifierref="${x(ids.resource)}" isvisible="true">
        <title>${x(pkg.title)}</title>
        <adlcp:masteryscore>${Math.round(pkg.passMark * 100)}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${x(ids.resource)}" type="webcontent" adlcp:scormtype="sco" href="index.html">
${files}
    </resource>
  </resources>
</manifest>
`;
}

/** The cmi5 ids: the course's IRI (the base) and its one AU's. */
export function cmi5Identifiers(iriBase: string): { course: string; au: string } {
  const base = iriBase.replace(/\/+$/, '');
  if (!/^[a-z][a-z0-9+.-]*:[^\s]+$/i.test(base)) throw new TypeError(`the cmi5 id base "${iriBase}" is not an IRI`);
  return { course: base, au: `${base}/au` };
}

/** `cmi5.xml`: the course structure, with the AU's masteryScore equal to the pass mark (four decimal places at most). */
export function cmi5CourseStructure(pkg: PackageDescription, iriBase: string): string {
  const ids = cmi5Identifiers(iriBase);
  const mastery = Math.round(pkg.passMark * 10000) / 10000;
  const lang = (text: string) => `<langstring lang="en-GB">${x(text)}</langstring>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="${CMI5.courseStructureNamespace}">
  <course id="${x(ids.course)}">
    <title>${lang(pkg.title)}</title>
    <description>${lang(`${pkg.description} Version ${pkg.version}.`)}</description>
  </course>
  <au id="${x(ids.au)}" moveOn="Passed" masteryScore="${mastery}" launchMethod="AnyWindow">
    <title>${lang(pkg.title)}</title>
    <description>${lang(pkg.description)}</description>
    <url>index.html</url>
  </au>
</courseStructure>
`;
}
