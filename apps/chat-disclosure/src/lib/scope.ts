/**
 * The case's settings as the engine's builder takes them (`@im-records/case-settings`, shared with the command line),
 * and how scope reasons are put on the page. The scope itself — dates and, for a SAR, the engine's selection — is
 * computed in the case worker by the same package.
 */
import type { CaseSettings } from '@im-records/case-settings';
import { redactionModeFor } from '@im-records/records-policy';
import type { CaseRecord } from './case-model.ts';

/**
 * The settings of a stored case, in the builder's shape (the stored scope keeps its own field names). The subject and
 * the health professionals' choice are a SAR's alone: an FOI case's settings, which its case file records, leave them
 * out (as `records package` does) rather than carry the scope step's defaults for a request they do not apply to.
 */
export function caseSettingsOf(record: Pick<CaseRecord, 'request' | 'scope'>): CaseSettings {
  const { scope } = record;
  const settings: CaseSettings = {
    requestType: record.request.type,
    from: scope.from,
    to: scope.to,
    keepNames: scope.keepNames ?? [],
    hospitalNumberShapes: scope.hospitalNumberShapes ?? [],
  };
  if (redactionModeFor(record.request.type) === 'sar') {
    settings.subject = {
      name: scope.subject.name,
      aliases: scope.subject.aliases,
      phones: scope.subject.phone.trim() ? [scope.subject.phone] : [],
    };
    settings.keepHealthProfessionals = scope.keepProfessionals;
  }
  return settings;
}

/** `2024-03-05T14:07:00+00:00` → `14:07`. */
export function timeOf(timestamp: string): string {
  return timestamp.slice(11, 16);
}

/**
 * The reasons messages are in scope, said once: those every in-scope message shares (the date range) as `shared`,
 * and for each message only the reasons of its own (a SAR's "mentions the subject"), so the scope step does not
 * repeat one sentence for every message. Messages with no reason of their own are not listed.
 */
export function groupReasons(inScope: readonly { messageId: string; reasons: readonly string[] }[]): {
  shared: string[];
  own: { messageId: string; reasons: string[] }[];
} {
  const first = inScope[0];
  if (!first) return { shared: [], own: [] };
  const shared = first.reasons.filter((reason) => inScope.every((entry) => entry.reasons.includes(reason)));
  const own: { messageId: string; reasons: string[] }[] = [];
  for (const entry of inScope) {
    const reasons = entry.reasons.filter((reason) => !shared.includes(reason));
    if (reasons.length > 0) own.push({ messageId: entry.messageId, reasons });
  }
  return { shared, own };
}
