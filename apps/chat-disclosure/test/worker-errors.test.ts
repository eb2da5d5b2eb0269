/** The case worker's own errors reach the officer in plain words, by the name that survives the worker boundary. */
import { FontLoadError } from '@im-records/disclosure-bundle';
import { describe, expect, it } from 'vitest';
import { describeProblem } from '../src/lib/errors.ts';
import { ArchiveNotLoadedError, CaseNotPreparedError, NoArchivesError } from '../src/worker/errors.ts';

/** What the page receives: a worker error arrives as its name and message only. */
const acrossTheBoundary = (error: Error) => ({ name: error.name, message: error.message });

describe('worker errors', () => {
  it('each has its own words and keeps its message as the detail', () => {
    const problems = [
      new ArchiveNotLoadedError('a1'),
      new NoArchivesError(),
      new CaseNotPreparedError(),
      new FontLoadError('Font x.ttf is not built into the app'),
    ].map((error) => describeProblem(acrossTheBoundary(error)));
    for (const problem of problems) expect(problem.title).not.toBe('Something went wrong.');
    expect(new Set(problems.map((problem) => problem.title)).size).toBe(problems.length);
    expect(problems[0]?.detail).toBe('Archive a1 is not loaded');
  });

  it('an unknown name, or one inherited from Object, is "something went wrong"', () => {
    expect(describeProblem({ name: 'toString', message: 'x' }).title).toBe('Something went wrong.');
    expect(describeProblem(new Error('boom')).detail).toBe('boom');
  });
});
