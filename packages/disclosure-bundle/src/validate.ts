/** The boundary check of {@link buildBundle}'s input: the request comes from a person, so every field is checked once here. */
import { isRequestType, REQUEST_TYPES } from '@im-records/records-policy';
import type { DisclosedConversation } from '@im-records/redaction';
import { InvalidBundleInputError } from './errors.ts';
import type { BundleRequest } from './types.ts';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Checks the request; throws {@link InvalidBundleInputError} naming the first bad field. */
export function validateRequest(request: unknown): BundleRequest {
  if (typeof request !== 'object' || request === null) throw new InvalidBundleInputError('request: expected an object');
  const r = request as Record<string, unknown>;
  for (const field of ['organisation', 'reference', 'searched'] as const) {
    const value = r[field];
    if (typeof value !== 'string' || value.trim() === '')
      throw new InvalidBundleInputError(`request.${field}: expected a non-empty string`);
    if (value.length > 2000) throw new InvalidBundleInputError(`request.${field}: longer than 2000 characters`);
  }
  if (typeof r.type !== 'string' || !isRequestType(r.type)) {
    throw new InvalidBundleInputError(
      `request.type: expected one of ${REQUEST_TYPES.join(', ')}, got ${JSON.stringify(r.type)}`,
    );
  }
  const type = r.type;
  for (const field of ['received', 'responseDate', 'due'] as const) {
    const value = r[field];
    if (typeof value !== 'string' || !isCalendarDate(value)) {
      throw new InvalidBundleInputError(
        `request.${field}: expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`,
      );
    }
  }
  return {
    organisation: r.organisation as string,
    reference: r.reference as string,
    type,
    received: r.received as string,
    responseDate: r.responseDate as string,
    due: r.due as string,
    searched: r.searched as string,
  };
}

/** Checks the parts of the disclosed conversation the layout relies on (timestamps, segment shapes). */
export function validateDisclosed(disclosed: DisclosedConversation): void {
  if (!Array.isArray(disclosed?.messages)) throw new InvalidBundleInputError('disclosed.messages: expected an array');
  disclosed.messages.forEach((message, index) => {
    if (typeof message.timestamp !== 'string' || !TIMESTAMP.test(message.timestamp)) {
      throw new InvalidBundleInputError(
        `disclosed.messages[${index}].timestamp: expected ISO 8601, got ${JSON.stringify(message.timestamp)}`,
      );
    }
    if (!Array.isArray(message.segments) || !Array.isArray(message.attachments)) {
      throw new InvalidBundleInputError(
        `disclosed.messages[${index}] (${message.id}): segments and attachments must be arrays`,
      );
    }
  });
}
