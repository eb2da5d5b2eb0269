/**
 * The first day of the history tables: the valid-from date of the state the service held before it kept history (the
 * backfill of an existing database) and of the roster and settings its first roster import brings. A report dated before
 * either applies that state, since nothing earlier is known; everything changed after is dated by the day it changed.
 */
import type { IsoDate } from '@im-records/records-policy';

/** "Since records began": earlier than any date a report can be asked for. */
export const HISTORY_START = '0001-01-01' as IsoDate;
