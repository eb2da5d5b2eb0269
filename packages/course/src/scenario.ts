/**
 * Branching scenarios as graphs: a soundness check used by the build and the tests, and a small pure state machine the
 * scenario island drives (choose, see the consequence, continue, go back, restart), saved so a reload resumes.
 */
import { InvalidStepError } from './errors.ts';
import type { DecisionNode, EndingNode } from './schemas.ts';

/** The parts of a scenario its graph logic needs. */
export interface ScenarioGraph {
  start: string;
  nodes: Record<string, DecisionNode | EndingNode>;
}

/** A problem in a scenario's graph, with the field it concerns (`nodes.call.choices[1].next`). */
export interface GraphProblem {
  field: string;
  message: string;
}

/** What {@link analyseScenario} found: problems (empty when sound), the best possible score and path lengths. */
export interface GraphReport {
  problems: GraphProblem[];
  /** The highest score any path can reach. */
  maxPoints: number;
  /** The fewest and most decisions on any path from the start to an ending. */
  minDecisions: number;
  maxDecisions: number;
  decisionCount: number;
}

/** The fewest decisions any path must pass through: the course asks for at least three. */
export const MIN_DECISIONS_PER_PATH = 3;

/**
 * Checks a scenario graph is sound: the start is a decision, every link resolves, every node is reachable, there are no
 * loops (so every path ends), every path passes at least three decisions, and some ending is rated good.
 */
export function analyseScenario(graph: ScenarioGraph): GraphReport {
  const problems: GraphProblem[] = [];
  const { nodes } = graph;
  const startNode = nodes[graph.start];
  if (!startNode) problems.push({ field: 'start', message: `names node "${graph.start}", which does not exist` });
  else if (startNode.type !== 'decision')
    problems.push({ field: 'start', message: 'must be a decision, not an ending' });

  for (const [id, node] of Object.entries(nodes)) {
    if (node.type !== 'decision') continue;
    const seen = new Set<string>();
    node.choices.forEach((choice, index) => {
      if (!(choice.next in nodes)) {
        problems.push({
          field: `nodes.${id}.choices[${index}].next`,
          message: `names node "${choice.next}", which does not exist`,
        });
      }
      if (seen.has(choice.id))
        problems.push({ field: `nodes.${id}.choices[${index}].id`, message: `repeats choice id "${choice.id}"` });
      seen.add(choice.id);
    });
  }

  // Reachability and loops in one depth-first walk.
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, path: string): void => {
    const node = nodes[id];
    if (!node) return;
    if (state.get(id) === 'open') {
      problems.push({ field: path, message: `loops back to "${id}", so that path never ends` });
      return;
    }
    if (state.get(id) === 'done') return;
    state.set(id, 'open');
    if (node.type === 'decision') {
      for (const [i, choice] of node.choices.entries()) visit(choice.next, `nodes.${id}.choices[${i}].next`);
    }
    state.set(id, 'done');
  };
  if (startNode) visit(graph.start, 'start');
  for (const id of Object.keys(nodes)) {
    if (!state.has(id)) problems.push({ field: `nodes.${id}`, message: 'cannot be reached from the start' });
  }
  const endings = Object.entries(nodes).filter(([id, node]) => node.type === 'ending' && state.has(id));
  if (!endings.some(([, node]) => node.type === 'ending' && node.rating === 'good')) {
    problems.push({ field: 'nodes', message: 'has no reachable ending rated good' });
  }

  const decisionCount = Object.values(nodes).filter((node) => node.type === 'decision').length;
  const hasLoop = problems.some((problem) => problem.message.includes('loops back'));
  if (!startNode || hasLoop || problems.some((p) => p.message.includes('does not exist'))) {
    return { problems, maxPoints: 0, minDecisions: 0, maxDecisions: 0, decisionCount };
  }

  // The graph is a finite DAG now: longest/shortest paths by memoised recursion.
  const memo = new Map<string, { best: number; min: number; max: number }>();
  const measure = (id: string): { best: number; min: number; max: number } => {
    const cached = memo.get(id);
    if (cached) return cached;
    const node = nodes[id];
    let result = { best: 0, min: 0, max: 0 };
    if (node?.type === 'decision') {
      const below = node.choices.map((choice) => ({ points: choice.points, ...measure(choice.next) }));
      result = {
        best: Math.max(...below.map((b) => b.points + b.best)),
        min: 1 + Math.min(...below.map((b) => b.min)),
        max: 1 + Math.max(...below.map((b) => b.max)),
      };
    }
    memo.set(id, result);
    return result;
  };
  const measured = measure(graph.start);
  if (measured.min < MIN_DECISIONS_PER_PATH) {
    problems.push({
      field: 'nodes',
      message: `has a path with only ${measured.min} decision${measured.min === 1 ? '' : 's'}; every path needs at least ${MIN_DECISIONS_PER_PATH}`,
    });
  }
  return { problems, maxPoints: measured.best, minDecisions: measured.min, maxDecisions: measured.max, decisionCount };
}

/** One choice made: the decision node and the id of the chosen option. */
export interface Step {
  node: string;
  choice: string;
}

/** A learner's progress: the choices made so far, and whether the last choice's consequence is on screen. */
export interface ScenarioProgress {
  steps: Step[];
  showingConsequence: boolean;
}

/** What the island should show for the current progress. */
export type ScenarioView =
  | { kind: 'decision'; nodeId: string; node: DecisionNode; number: number }
  | { kind: 'consequence'; nodeId: string; node: DecisionNode; choiceIndex: number; number: number }
  | { kind: 'ending'; nodeId: string; node: EndingNode; points: number; maxPoints: number };

/** Progress at the start of a scenario. */
export function startProgress(): ScenarioProgress {
  return { steps: [], showingConsequence: false };
}

function nodeAfter(graph: ScenarioGraph, steps: readonly Step[]): string {
  const last = steps.at(-1);
  if (!last) return graph.start;
  const node = graph.nodes[last.node];
  const choice = node?.type === 'decision' ? node.choices.find((c) => c.id === last.choice) : undefined;
  if (!choice) throw new InvalidStepError(`choice "${last.choice}" does not exist at "${last.node}"`);
  return choice.next;
}

/** The points earned by the choices made so far. */
export function scenarioPoints(graph: ScenarioGraph, steps: readonly Step[]): number {
  let total = 0;
  for (const step of steps) {
    const node = graph.nodes[step.node];
    const choice = node?.type === 'decision' ? node.choices.find((c) => c.id === step.choice) : undefined;
    total += choice?.points ?? 0;
  }
  return total;
}

/**
 * The most points the decisions actually visited could have given: the best choice at each step. Endings are scored
 * against this, so a path with an extra recovery decision neither gains nor loses headroom.
 */
export function pathMaxPoints(graph: ScenarioGraph, steps: readonly Step[]): number {
  let total = 0;
  for (const step of steps) {
    const node = graph.nodes[step.node];
    if (node?.type === 'decision') total += Math.max(...node.choices.map((c) => c.points));
  }
  return total;
}

/** Works out what to show: the current decision, the consequence just chosen, or the ending reached. */
export function viewOf(graph: ScenarioGraph, progress: ScenarioProgress): ScenarioView {
  const last = progress.steps.at(-1);
  if (progress.showingConsequence && last) {
    const node = graph.nodes[last.node];
    if (node?.type !== 'decision') throw new InvalidStepError(`"${last.node}" is not a decision`);
    const choiceIndex = node.choices.findIndex((c) => c.id === last.choice);
    if (choiceIndex < 0) throw new InvalidStepError(`choice "${last.choice}" does not exist at "${last.node}"`);
    return { kind: 'consequence', nodeId: last.node, node, choiceIndex, number: progress.steps.length };
  }
  const nodeId = nodeAfter(graph, progress.steps);
  const node = graph.nodes[nodeId];
  if (!node) throw new InvalidStepError(`node "${nodeId}" does not exist`);
  if (node.type === 'ending')
    return {
      kind: 'ending',
      nodeId,
      node,
      points: scenarioPoints(graph, progress.steps),
      maxPoints: pathMaxPoints(graph, progress.steps),
    };
  return { kind: 'decision', nodeId, node, number: progress.steps.length + 1 };
}

/** Records a choice at the current decision and shows its consequence; throws {@link InvalidStepError} if it is not on offer. */
export function choose(graph: ScenarioGraph, progress: ScenarioProgress, choiceId: string): ScenarioProgress {
  const view = viewOf(graph, progress);
  if (view.kind !== 'decision') throw new InvalidStepError('there is no decision to make now');
  if (!view.node.choices.some((c) => c.id === choiceId)) {
    throw new InvalidStepError(`choice "${choiceId}" is not on offer at "${view.nodeId}"`);
  }
  return { steps: [...progress.steps, { node: view.nodeId, choice: choiceId }], showingConsequence: true };
}

/** Moves on from a consequence to the next decision or ending. */
export function continueOn(progress: ScenarioProgress): ScenarioProgress {
  return { steps: progress.steps, showingConsequence: false };
}

/** Undoes the last choice, returning to that decision. */
export function goBack(progress: ScenarioProgress): ScenarioProgress {
  return { steps: progress.steps.slice(0, -1), showingConsequence: false };
}

/**
 * Rebuilds progress from saved data (untrusted: it comes from localStorage): returns it only if every step is a real
 * choice on a real path through this graph, otherwise undefined so the scenario starts afresh.
 */
export function restoreProgress(graph: ScenarioGraph, saved: unknown): ScenarioProgress | undefined {
  if (typeof saved !== 'object' || saved === null) return undefined;
  const { steps, showingConsequence } = saved as { steps?: unknown; showingConsequence?: unknown };
  if (!Array.isArray(steps) || typeof showingConsequence !== 'boolean') return undefined;
  let progress = startProgress();
  for (const step of steps) {
    if (typeof step !== 'object' || step === null) return undefined;
    const { node, choice } = step as { node?: unknown; choice?: unknown };
    if (typeof node !== 'string' || typeof choice !== 'string') return undefined;
    try {
      const view = viewOf(graph, continueOn(progress));
      if (view.kind !== 'decision' || view.nodeId !== node) return undefined;
      progress = choose(graph, continueOn(progress), choice);
    } catch {
      return undefined;
    }
  }
  return { steps: progress.steps, showingConsequence: showingConsequence && progress.steps.length > 0 };
}

/** A verdict on a scenario score, so endings also respond to how well the learner chose along the way. */
export function scoreBand(points: number, maxPoints: number): 'strong' | 'partial' | 'weak' {
  const share = maxPoints === 0 ? 0 : points / maxPoints;
  return share >= 0.8 ? 'strong' : share >= 0.5 ? 'partial' : 'weak';
}
