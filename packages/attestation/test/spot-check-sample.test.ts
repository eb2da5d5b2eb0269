import { createHash } from 'node:crypto';
import { findGuidancePoint } from '@im-records/records-policy';
import { describe, expect, it } from 'vitest';
import { CHECKLIST } from '../src/spot-checks/checklist.ts';
import { allocate, drawSample, type RosterEntry, rosterSha256, SeededStream } from '../src/spot-checks/sample.ts';

// 60 people: 30 on a ward, 20 in pharmacy, 10 in estates.
const roster: RosterEntry[] = Array.from({ length: 60 }, (_, i) => ({
  employeeNumber: String(10_000 + i * 7),
  departmentId: i < 30 ? 'WARD5' : i < 50 ? 'PHARM' : 'ESTATES',
}));

describe('the spot check draw', () => {
  it('gives the same people for the same seed and roster, in whatever order the roster comes', () => {
    const options = { seed: 'march-2026', size: 6, stratify: 'department' as const };
    const first = drawSample(roster, options).map((p) => p.employeeNumber);
    const shuffled = [...roster].reverse();
    expect(drawSample(shuffled, options).map((p) => p.employeeNumber)).toEqual(first);
    expect(new Set(first).size).toBe(6);
    expect(drawSample(roster, { ...options, seed: 'april-2026' }).map((p) => p.employeeNumber)).not.toEqual(first);
    expect(rosterSha256(shuffled)).toBe(rosterSha256(roster));
    expect(rosterSha256(roster.slice(1))).not.toBe(rosterSha256(roster));
  });

  it('reads its random numbers from SHA-256 of the seed and a counter, so anyone can re-run it', () => {
    const stream = new SeededStream('march-2026');
    const block0 = createHash('sha256').update('march-2026:0').digest();
    const block1 = createHash('sha256').update('march-2026:1').digest();
    const words = Array.from({ length: 9 }, () => stream.nextWord());
    expect(words.slice(0, 8)).toEqual(Array.from({ length: 8 }, (_, i) => block0.readUInt32BE(i * 4)));
    expect(words[8]).toBe(block1.readUInt32BE(0));
  });

  it('splits a stratified sample across departments in proportion to their size', () => {
    expect(
      Object.fromEntries(
        allocate(
          new Map([
            ['WARD5', 30],
            ['PHARM', 20],
            ['ESTATES', 10],
          ]),
          6,
        ),
      ),
    ).toEqual({
      ESTATES: 1,
      PHARM: 2,
      WARD5: 3,
    });
    // Equal remainders go to the departments that sort first.
    expect(
      Object.fromEntries(
        allocate(
          new Map([
            ['C', 1],
            ['A', 1],
            ['B', 1],
          ]),
          2,
        ),
      ),
    ).toEqual({ A: 1, B: 1, C: 0 });
    // Asking for more than there are draws everyone.
    expect([
      ...allocate(
        new Map([
          ['A', 2],
          ['B', 1],
        ]),
        10,
      ).values(),
    ]).toEqual([2, 1]);
    const drawn = drawSample(roster, { seed: 's', size: 6, stratify: 'department' });
    const count = (id: string) => drawn.filter((p) => p.departmentId === id).length;
    expect([count('WARD5'), count('PHARM'), count('ESTATES')]).toEqual([3, 2, 1]);
    expect(drawSample(roster, { seed: 's', size: 100, stratify: 'none' })).toHaveLength(60);
  });

  it('gives everyone the same chance', () => {
    const four = roster.slice(0, 4);
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const [picked] = drawSample(four, { seed: `seed-${i}`, size: 1, stratify: 'none' });
      counts.set(picked?.employeeNumber ?? '', (counts.get(picked?.employeeNumber ?? '') ?? 0) + 1);
    }
    for (const n of counts.values()) expect(n).toBeGreaterThan(880);
    for (const n of counts.values()) expect(n).toBeLessThan(1120);
  });
});

describe('the checklist', () => {
  it("is built from records-policy's messaging guidance", () => {
    expect(CHECKLIST.map((i) => i.id)).toEqual([
      'approved-app',
      'passcode',
      'lock-screen',
      'photos',
      'transcribed',
      'old-groups',
    ]);
    for (const item of CHECKLIST) {
      expect(item.guidance.length).toBeGreaterThan(0);
      for (const id of item.guidance) expect(findGuidancePoint(id), `${item.id} cites ${id}`).toBeDefined();
    }
  });
});
