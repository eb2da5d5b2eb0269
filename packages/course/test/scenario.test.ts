import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidStepError } from '../src/errors.ts';
import {
  analyseScenario,
  choose,
  continueOn,
  goBack,
  MIN_DECISIONS_PER_PATH,
  restoreProgress,
  type ScenarioGraph,
  startProgress,
  viewOf,
} from '../src/scenario.ts';
import type { DecisionNode, EndingNode } from '../src/schemas.ts';
import { course } from './helpers.ts';

const pages = new Set(course.guidance.map((p) => p.slug));

/** Every path from the start, enumerated independently of analyseScenario (a bound stops runaway loops). */
function allPaths(graph: ScenarioGraph): string[][] {
  const out: string[][] = [];
  const walk = (id: string, path: string[]) => {
    if (path.length > 50) throw new Error(`path too long: ${path.join(' > ')}`);
    const node = graph.nodes[id];
    if (!node) throw new Error(`dangling link to ${id}`);
    if (node.type === 'ending') out.push([...path, id]);
    else for (const choice of node.choices) walk(choice.next, [...path, id]);
  };
  walk(graph.start, []);
  return out;
}

describe.each(course.scenarios.map((s) => [s.slug, s] as const))('scenario %s', (_slug, scenario) => {
  it('is sound: analyseScenario finds no problem', () => {
    expect(analyseScenario(scenario).problems).toEqual([]);
  });

  it('has every link resolving, every path ending, and every node on some path', () => {
    const paths = allPaths(scenario);
    const visited = new Set(paths.flat());
    expect([...visited].sort()).toEqual(Object.keys(scenario.nodes).sort());
    for (const path of paths) {
      expect(scenario.nodes[path.at(-1) ?? '']?.type).toBe('ending');
      expect(path.length - 1).toBeGreaterThanOrEqual(MIN_DECISIONS_PER_PATH);
    }
  });

  it('links only to guidance pages that exist', () => {
    for (const node of Object.values(scenario.nodes)) {
      const links = node.type === 'ending' ? node.guidance : node.choices.flatMap((c) => c.guidance ?? []);
      for (const slug of links) expect(pages.has(slug), slug).toBe(true);
    }
  });

  it('plays to an ending whatever the learner chooses, and the score never exceeds the best possible', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 20, maxLength: 20 }), (picks) => {
        let progress = startProgress();
        for (const pick of picks) {
          const view = viewOf(scenario, progress);
          if (view.kind === 'ending') {
            expect(view.points).toBeLessThanOrEqual(view.maxPoints);
            expect(view.maxPoints).toBe(2 * progress.steps.length);
            return;
          }
          if (view.kind === 'consequence') progress = continueOn(progress);
          else progress = choose(scenario, progress, view.node.choices[pick % view.node.choices.length]?.id ?? '');
        }
        throw new Error('no ending within 20 moves');
      }),
    );
  });
});

const d = (choices: [string, string, 0 | 1 | 2][]): DecisionNode => ({
  type: 'decision',
  text: 't',
  question: 'q',
  choices: choices.map(([id, next, points]) => ({ id, text: id, consequence: 'c', points, next })),
});
const end = (rating: EndingNode['rating'] = 'good'): EndingNode => ({
  type: 'ending',
  rating,
  title: 't',
  text: 't',
  guidance: ['x'],
});
const line: ScenarioGraph = {
  start: 'a',
  nodes: {
    a: d([
      ['good', 'b', 2],
      ['bad', 'b', 0],
    ]),
    b: d([['good', 'c', 2]]),
    c: d([
      ['good', 'win', 2],
      ['bad', 'lose', 0],
    ]),
    win: end('good'),
    lose: end('poor'),
  },
};

describe('analyseScenario on broken graphs', () => {
  it('accepts a sound graph and measures it', () => {
    expect(analyseScenario(line)).toMatchObject({
      problems: [],
      maxPoints: 6,
      minDecisions: 3,
      maxDecisions: 3,
      decisionCount: 3,
    });
  });

  it('finds a dangling link', () => {
    const graph = { ...line, nodes: { ...line.nodes, b: d([['good', 'nowhere', 2]]) } };
    expect(analyseScenario(graph).problems).toContainEqual({
      field: 'nodes.b.choices[0].next',
      message: 'names node "nowhere", which does not exist',
    });
  });

  it('finds an unreachable node', () => {
    const graph = { ...line, nodes: { ...line.nodes, orphan: end() } };
    expect(analyseScenario(graph).problems).toContainEqual({
      field: 'nodes.orphan',
      message: 'cannot be reached from the start',
    });
  });

  it('finds a loop, so a path that never ends', () => {
    const graph = { ...line, nodes: { ...line.nodes, c: d([['again', 'a', 1]]) } };
    expect(analyseScenario(graph).problems.map((p) => p.message)).toContainEqual(
      expect.stringMatching(/loops back to "a"/),
    );
  });

  it('finds a path with too few decisions, and a missing good ending', () => {
    const graph = { start: 'a', nodes: { a: d([['quit', 'lose', 0]]), lose: end('poor') } };
    const messages = analyseScenario(graph).problems.map((p) => p.message);
    expect(messages).toContainEqual(expect.stringMatching(/only 1 decision; every path needs at least 3/));
    expect(messages).toContain('has no reachable ending rated good');
  });

  it('rejects a start that is missing or an ending', () => {
    expect(analyseScenario({ ...line, start: 'zzz' }).problems[0]?.field).toBe('start');
    expect(analyseScenario({ ...line, start: 'win' }).problems[0]).toEqual({
      field: 'start',
      message: 'must be a decision, not an ending',
    });
  });
});

describe('the scenario player', () => {
  it('shows a consequence after each choice, then the next decision, and scores the ending', () => {
    let p = choose(line, startProgress(), 'bad');
    expect(viewOf(line, p)).toMatchObject({ kind: 'consequence', nodeId: 'a', choiceIndex: 1 });
    p = continueOn(p);
    expect(viewOf(line, p)).toMatchObject({ kind: 'decision', nodeId: 'b', number: 2 });
    p = continueOn(choose(line, continueOn(choose(line, p, 'good')), 'good'));
    expect(viewOf(line, p)).toMatchObject({ kind: 'ending', nodeId: 'win', points: 4, maxPoints: 6 });
  });

  it('goes back one decision and restarts cleanly', () => {
    const p = continueOn(choose(line, continueOn(choose(line, startProgress(), 'good')), 'good'));
    expect(viewOf(line, goBack(p))).toMatchObject({ kind: 'decision', nodeId: 'b' });
    expect(viewOf(line, goBack(goBack(p)))).toMatchObject({ kind: 'decision', nodeId: 'a' });
    expect(goBack(startProgress())).toEqual(startProgress());
  });

  it('refuses a choice that is not on offer', () => {
    expect(() => choose(line, startProgress(), 'nope')).toThrow(InvalidStepError);
    expect(() => choose(line, choose(line, startProgress(), 'good'), 'good')).toThrow(InvalidStepError);
  });

  it('restores saved progress only when it is a real path', () => {
    const p = choose(line, continueOn(choose(line, startProgress(), 'good')), 'good');
    expect(restoreProgress(line, JSON.parse(JSON.stringify(p)))).toEqual(p);
    expect(
      restoreProgress(line, { steps: [{ node: 'b', choice: 'good' }], showingConsequence: false }),
    ).toBeUndefined();
    expect(restoreProgress(line, { steps: [{ node: 'a', choice: 'fly' }], showingConsequence: true })).toBeUndefined();
  });

  it('never throws on arbitrary saved data', () => {
    const scenario = course.scenarios[0] as ScenarioGraph;
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const restored = restoreProgress(scenario, value);
        if (restored) expect(() => viewOf(scenario, restored)).not.toThrow();
      }),
    );
  });
});
