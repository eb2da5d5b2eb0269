/**
 * The training course as data, for every place that shows or scores it: the training site, the attestation service
 * (which marks the assessment on the server from the same bank) and course exports. Everything here runs in a browser;
 * reading the content files from disk is in `@im-records/course/node`.
 */

export type { Source } from '@im-records/records-policy';
export { checkCourse } from './course-checks.ts';
export { ContentError, InvalidStepError, TrainingError } from './errors.ts';
export { escapeHtml, plainText, renderInline } from './markup.ts';
export type {
  Course,
  CoursePoint,
  CourseTrust,
  GlossaryTerm,
  GuidancePage,
  GuidancePoint,
  Question,
  Scenario,
} from './model.ts';
export {
  basisLabel,
  basisLabelFor,
  coursePointsFor,
  guidancePoints,
  guidancePointsFor,
  passMark,
  policyPackageVersion,
  policyVersion,
  policyVersionId,
  renewalMonths,
  sourcesFor,
} from './policy.ts';
export type { Attempt, AttemptItem, Mark, QuizQuestion } from './quiz.ts';
export {
  answerItem,
  drawQuestions,
  isCorrect,
  markAttempt,
  reachesPassMark,
  restoreAttempts,
  timesSeen,
} from './quiz.ts';
export type { Random } from './random.ts';
export { seededRandom, shuffled } from './random.ts';
export type { GraphProblem, GraphReport, ScenarioGraph, ScenarioProgress, ScenarioView, Step } from './scenario.ts';
export {
  analyseScenario,
  choose,
  continueOn,
  goBack,
  MIN_DECISIONS_PER_PATH,
  pathMaxPoints,
  restoreProgress,
  scenarioPoints,
  scoreBand,
  startProgress,
  viewOf,
} from './scenario.ts';
export type {
  Block,
  CourseData,
  DecisionNode,
  EndingNode,
  GlossaryData,
  GuidancePageData,
  QuestionData,
  ScenarioData,
} from './schemas.ts';
