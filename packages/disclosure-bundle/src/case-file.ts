/**
 * {@link buildCaseFile}: the internal record of a disclosure — source hash, decisions, settings and the bundle's hashes —
 * kept by the organisation apart from the bundle so the disclosure can be reproduced and defended. It holds the withheld
 * values' context (decisions), so it must never be put into a bundle.
 */
import type { CaseFile, CaseFileInput } from './types.ts';

/** Builds the case file and its JSON text (stable key order, two-space indent, trailing newline). */
export function buildCaseFile(input: CaseFileInput): { caseFile: CaseFile; json: string } {
  const { manifest } = input.bundle;
  const source: CaseFile['source'] = { sha256: input.sourceSha256 };
  if (input.sourceFormat !== undefined) source.format = input.sourceFormat;
  const caseFile: CaseFile = {
    format: 'im-records-case-file/1',
    request: manifest.request,
    source,
    decisions: [...input.decisions],
    settings: input.settings,
    counts: manifest.counts,
    bundle: {
      manifestSha256: input.bundle.manifestSha256,
      zipSha256: input.bundle.zipSha256,
      tool: manifest.tool,
      recordsPolicy: manifest.recordsPolicy,
    },
  };
  return { caseFile, json: `${JSON.stringify(caseFile, null, 2)}\n` };
}
