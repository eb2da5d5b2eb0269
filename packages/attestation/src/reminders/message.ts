/**
 * The words of a reminder e-mail: plain English, what to do and by when, and a link to the service's sign-in page (no
 * sign-in token: a link that lives in a mailbox must not open anyone's account). Nothing about patients and nothing
 * from a policy but its title. One e-mail holds everything due for its recipient: their own items and, for a line
 * manager or IG lead, the people whose items have been overdue long enough to be passed to them.
 */
import { formatLongDate, type IsoDate } from '@im-records/records-policy';

/** One line of a message: something the recipient (or someone in their team) has to do. */
export interface MessageItem {
  /** What it is: a policy's title or the assessment's. */
  title: string;
  kind: 'attestation' | 'training';
  dueOn: IsoDate;
  /** Negative: days left; 0: due today; positive: days overdue. */
  daysOverdue: number;
}

/** Someone whose items have been passed to a manager or IG lead. */
export interface EscalatedPerson {
  name: string;
  department: string;
  items: MessageItem[];
}

/** Everything a message says. */
export interface MessageInput {
  /** How to greet them (preferred or first name); null greets no one by name. */
  greeting: string | null;
  own: MessageItem[];
  /** People in the recipient's team overdue by `managerDays` or more. */
  team: EscalatedPerson[];
  /** People overdue by `managerDays` or more with no line manager on the roster (for IG leads). */
  unmanaged: EscalatedPerson[];
  /** People overdue by `igLeadDays` or more (for IG leads). */
  trust: EscalatedPerson[];
  managerDays: number;
  igLeadDays: number;
  capDays: number;
}

/** The trust and service details every message carries. */
export interface MessageContext {
  /** The trust's name, as staff know it. */
  trustName: string;
  /** The service's sign-in page (`https://…/sign-in`): a plain link, never a token. */
  signInUrl: string;
}

/** Longest list of escalated people in one message; the rest are counted and found on the dashboard. */
export const MAX_LISTED_PEOPLE = 50;

function when(item: MessageItem): string {
  const date = formatLongDate(item.dueOn, { weekday: true });
  if (item.daysOverdue > 0)
    return `overdue since ${date} (${item.daysOverdue} day${item.daysOverdue === 1 ? '' : 's'})`;
  if (item.daysOverdue === 0) return `due today, ${date}`;
  const left = -item.daysOverdue;
  return `due by ${date} (in ${left} day${left === 1 ? '' : 's'})`;
}

function task(item: MessageItem): string {
  return item.kind === 'attestation'
    ? `Read the ${item.title} and confirm that you will follow it`
    : `Pass the ${item.title}`;
}

function peopleLines(people: readonly EscalatedPerson[]): string[] {
  const lines = people
    .slice(0, MAX_LISTED_PEOPLE)
    .map(
      (p) =>
        `- ${p.name} (${p.department}): ${p.items.map((i) => `${i.kind === 'attestation' ? i.title : 'assessment'} ${when(i)}`).join('; ')}`,
    );
  if (people.length > MAX_LISTED_PEOPLE)
    lines.push(`- and ${people.length - MAX_LISTED_PEOPLE} more: the service's dashboard lists everyone.`);
  return lines;
}

/** The subject line: "Overdue: …", else "To do: …" (not "Reminder": the first message is an invitation). */
export function messageSubject(input: MessageInput, context: MessageContext): string {
  const overdue = input.own.filter((i) => i.daysOverdue > 0);
  const first = input.own[0];
  if (overdue.length > 0) {
    return overdue.length === 1 && input.own.length === 1
      ? `Overdue: ${overdue[0]?.title}`
      : `Overdue: ${input.own.length} things to do for ${context.trustName}`;
  }
  if (first) {
    const earliest = input.own.reduce((a, b) => (a.dueOn <= b.dueOn ? a : b));
    return input.own.length === 1
      ? `To do: ${first.title}, ${when(first)}`
      : `To do: ${input.own.length} things by ${formatLongDate(earliest.dueOn)}`;
  }
  const count = input.team.length + input.unmanaged.length + input.trust.length;
  return `${count} ${count === 1 ? 'person is' : 'people are'} overdue with information governance training`;
}

/** The plain-text body. */
export function messageBody(input: MessageInput, context: MessageContext): string {
  const lines: string[] = [input.greeting ? `Dear ${input.greeting},` : 'Hello,', ''];
  if (input.own.length > 0) {
    lines.push(
      `${context.trustName} asks all staff to read its instant messaging policy and pass a short assessment each year.`,
      '',
      'What you need to do:',
      ...input.own.map((item) => `- ${task(item)}: ${when(item)}.`),
      '',
    );
  }
  if (input.team.length > 0) {
    lines.push(
      `People in your team who are ${input.managerDays} or more days overdue (please remind them, or tell the information governance team if one of them is on leave or has left):`,
      ...peopleLines(input.team),
      '',
    );
  }
  if (input.unmanaged.length > 0) {
    lines.push(
      `People with no line manager on the roster who are ${input.managerDays} or more days overdue:`,
      ...peopleLines(input.unmanaged),
      '',
    );
  }
  if (input.trust.length > 0) {
    lines.push(`People who are ${input.igLeadDays} or more days overdue:`, ...peopleLines(input.trust), '');
  }
  lines.push(
    `Sign in to the policy attestation service to ${input.own.length > 0 ? 'do this' : 'see more'}: ${context.signInUrl}`,
    'This e-mail has no sign-in link of its own: sign in as you usually do.',
    '',
    `You will get at most one of these e-mails every ${input.capDays === 7 ? 'week' : `${input.capDays} days`}. If something here is wrong (you have done it, you are on leave or you have left), tell your line manager or the information governance team.`,
    '',
    `${context.trustName}`,
  );
  return `${lines.join('\n')}\n`;
}
