/**
 * Every change to a case goes through {@link caseReducer}: a pure function, so the same actions always give the same
 * case, the UI can be tested without a browser, and each change can be saved to IndexedDB as it happens.
 */
import type { Decision } from '@im-records/redaction';
import type {
  CaseArchive,
  CaseListing,
  CaseRecord,
  CaseRequest,
  CaseScope,
  ClockExtension,
  ClockPause,
  Step,
} from './case-model.ts';

/** Everything the officer can do to a case. `at` is the ISO time of the action, passed in to keep the reducer pure. */
export type CaseAction =
  | { type: 'request/update'; at: string; request: Partial<CaseRequest> }
  | { type: 'officer/set'; at: string; officer: string }
  | { type: 'step/go'; at: string; step: Step }
  | { type: 'pause/add'; at: string; pause: ClockPause }
  | { type: 'pause/end'; at: string; id: string; to: string }
  | { type: 'pause/remove'; at: string; id: string }
  | { type: 'extension/set'; at: string; extension: ClockExtension }
  | { type: 'extension/clear'; at: string }
  | { type: 'archive/add'; at: string; archive: CaseArchive }
  | { type: 'archive/remove'; at: string; id: string }
  | { type: 'archive/update'; at: string; id: string; archive: Partial<Omit<CaseArchive, 'id'>> }
  | { type: 'searched/set'; at: string; searched: string | null }
  | { type: 'scope/update'; at: string; scope: Partial<CaseScope> }
  | { type: 'decision/record'; at: string; decisions: Decision[] };

/** Omit over each member of a union (an action or a decision without its stamps). */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A blank scope: the whole chat, no subject. */
export const emptyScope: CaseScope = {
  from: '',
  to: '',
  subject: { name: '', aliases: [], phone: '' },
  keepProfessionals: true,
  keepNames: [],
  hospitalNumberShapes: [],
};

/** Creates a new case in the "start" step. */
export function newCase(init: {
  id: string;
  at: string;
  request: CaseRequest;
  officer: string;
  sample?: { seed: number };
}): CaseRecord {
  return {
    id: init.id,
    version: 1,
    createdAt: init.at,
    updatedAt: init.at,
    step: 'start',
    ...(init.sample ? { sample: init.sample } : {}),
    officer: init.officer,
    request: init.request,
    pauses: [],
    archives: [],
    scope: emptyScope,
    decisions: [],
  };
}

/** Applies one action; returns the same object when nothing changed (so React skips a render and nothing is saved). */
export function caseReducer(state: CaseRecord, action: CaseAction): CaseRecord {
  const next = apply(state, action);
  return next === state ? state : { ...next, updatedAt: action.at };
}

/**
 * A record with one journaled change applied (journal.ts), and the change's number kept in it: the one way a change
 * and its number go into a record together, so a stored record always says truly which changes it includes.
 */
export function withChange(state: CaseRecord, seq: number, action: CaseAction): CaseRecord {
  return { ...caseReducer(state, action), journaled: seq };
}

function apply(state: CaseRecord, action: CaseAction): CaseRecord {
  switch (action.type) {
    case 'request/update':
      return { ...state, request: { ...state.request, ...action.request } };
    case 'officer/set':
      return action.officer === state.officer ? state : { ...state, officer: action.officer };
    case 'step/go':
      return action.step === state.step ? state : { ...state, step: action.step };
    case 'pause/add':
      return { ...state, pauses: [...state.pauses, action.pause] };
    case 'pause/end':
      return {
        ...state,
        pauses: state.pauses.map((pause) => (pause.id === action.id ? { ...pause, to: action.to } : pause)),
      };
    case 'pause/remove':
      return { ...state, pauses: state.pauses.filter((pause) => pause.id !== action.id) };
    case 'extension/set':
      return { ...state, extension: action.extension };
    case 'extension/clear': {
      if (!state.extension) return state;
      const { extension: _dropped, ...rest } = state;
      return rest;
    }
    case 'archive/add':
      // The same file added twice (same SHA-256) is ignored: merging it would only duplicate every message.
      if (state.archives.some((archive) => archive.summary.sha256 === action.archive.summary.sha256)) return state;
      return { ...state, archives: [...state.archives, action.archive] };
    case 'archive/remove':
      return { ...state, archives: state.archives.filter((archive) => archive.id !== action.id) };
    case 'archive/update':
      return {
        ...state,
        archives: state.archives.map((archive) =>
          archive.id === action.id ? { ...archive, ...action.archive, id: archive.id } : archive,
        ),
      };
    case 'searched/set': {
      if (action.searched === null) {
        if (state.searched === undefined) return state;
        const { searched: _dropped, ...rest } = state;
        return rest;
      }
      return action.searched === state.searched ? state : { ...state, searched: action.searched };
    }
    case 'scope/update':
      return {
        ...state,
        scope: {
          ...state.scope,
          ...action.scope,
          subject: { ...state.scope.subject, ...action.scope.subject },
        },
      };
    case 'decision/record':
      return action.decisions.length === 0 ? state : { ...state, decisions: [...state.decisions, ...action.decisions] };
  }
}

/** The part of a case the case list shows; stored unencrypted beside an encrypted case (it holds no personal data). */
export function listingOf(state: CaseRecord, encrypted: boolean): CaseListing {
  return {
    id: state.id,
    reference: state.request.reference,
    type: state.request.type,
    received: state.request.received,
    step: state.step,
    updatedAt: state.updatedAt,
    encrypted,
    pauses: state.pauses,
    ...(state.extension ? { extension: state.extension } : {}),
  };
}

/** Field errors of the "start a case" form, keyed by field id, in the order the fields appear. */
export function validateRequest(request: CaseRequest, today: string): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (!request.reference.trim()) errors.push({ field: 'reference', message: 'Enter the request reference' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(request.received) || Number.isNaN(Date.parse(`${request.received}T00:00:00Z`))) {
    errors.push({ field: 'received-day', message: 'Enter the date the request was received, for example 3 6 2025' });
  } else if (request.received > today) {
    errors.push({ field: 'received-day', message: 'The date received must be today or in the past' });
  }
  if (!request.requester.trim()) errors.push({ field: 'requester', message: 'Enter who made the request' });
  return errors;
}

/** Turns day, month and year boxes into `YYYY-MM-DD`, or '' when they do not make a real date. */
export function dateFromParts(day: string, month: string, year: string): string {
  const d = Number(day.trim());
  const m = Number(month.trim());
  const y = Number(year.trim());
  if (!Number.isInteger(d) || !Number.isInteger(m) || !Number.isInteger(y) || y < 1900 || y > 2999) return '';
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return '';
  return date.toISOString().slice(0, 10);
}
