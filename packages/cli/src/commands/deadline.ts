import { parseArgs } from 'node:util';
import {
  computeDeadline,
  type DeadlineInput,
  DeadlineInputError,
  DIVISIONS,
  type Division,
  isRequestType,
  localToday,
  REQUEST_TYPES,
} from '@im-records/records-policy';
import { type Command, UsageError } from '../command.ts';
import { dateOption } from '../options.ts';

const usage = `Usage: records deadline --type foi|eir|foisa|sar --received YYYY-MM-DD [options]

Prints the response deadline for a request as JSON: the due date, the rule applied, working days
used and left as of today, the bank holidays skipped and any pauses.

Options:
  --type TYPE            foi (FOIA 2000), eir (EIR 2004), foisa (Scotland) or sar (subject access)
  --received DATE        the day the request arrived (YYYY-MM-DD), even if a weekend or holiday
  --extended             foi: public interest extension (+20 working days); eir: 40 working days;
                         sar: two further months (three months from the start); not for foisa
  --complex              eir only: complex and voluminous (40 working days)
  --clarified DATE       foi/eir/foisa: clarification received; the 20 days start afresh
  --clock-start DATE     sar only: proof of identity or an allowed fee received
  --paused-days N        foi/eir/foisa: working days between fees notice and payment;
                         sar: calendar days paused awaiting clarification
  --division NAME        sar only: whose bank holidays roll the date forward
                         (england-and-wales, scotland, northern-ireland; default england-and-wales)
  --today DATE           the day to count "days left" from (default: today)
  -h, --help             show this help
`;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: false,
      strict: true,
      options: {
        type: { type: 'string' },
        received: { type: 'string' },
        extended: { type: 'boolean' },
        complex: { type: 'boolean' },
        clarified: { type: 'string' },
        'clock-start': { type: 'string' },
        'paused-days': { type: 'string' },
        division: { type: 'string' },
        today: { type: 'string' },
      },
    }).values;
  } catch (error) {
    // Some parseArgs messages span several lines; UsageError prints one.
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.replace(/\s*\n\s*/g, ' '));
  }
}

/** `records deadline`: the FOI, EIR, FOISA or SAR response deadline for a request, as JSON. */
export const deadlineCommand: Command = {
  name: 'deadline',
  summary: 'Response deadline for an FOI, EIR, FOISA or subject access request (JSON)',
  usage,
  async run(args, io) {
    const values = parse(args);
    const type = values.type;
    if (type === undefined) throw new UsageError(`--type is required (${REQUEST_TYPES.join(', ')})`);
    if (!isRequestType(type)) {
      throw new UsageError(`unknown request type '${type}' (expected ${REQUEST_TYPES.join(', ')})`);
    }
    const received = dateOption(values.received, '--received');
    if (received === undefined)
      throw new UsageError('--received is required (the date the request arrived, YYYY-MM-DD)');

    const input: DeadlineInput = { type, received, asOf: dateOption(values.today, '--today') ?? localToday() };
    if (values.extended === true) input.extended = true;
    if (values.complex === true) input.complex = true;
    const clarified = dateOption(values.clarified, '--clarified');
    if (clarified !== undefined) input.clarified = clarified;
    const clockStart = dateOption(values['clock-start'], '--clock-start');
    if (clockStart !== undefined) input.clockStart = clockStart;
    const paused = values['paused-days'];
    if (paused !== undefined) {
      if (!/^\d+$/.test(paused)) {
        throw new UsageError(`--paused-days must be a whole number of days, 0 or more (got '${paused}')`);
      }
      input.pausedDays = Number(paused);
    }
    const division = values.division;
    if (division !== undefined) {
      if (!(DIVISIONS as readonly string[]).includes(division)) {
        throw new UsageError(`unknown division '${division}' (expected ${DIVISIONS.join(', ')})`);
      }
      input.division = division as Division;
    }

    let result: ReturnType<typeof computeDeadline>;
    try {
      result = computeDeadline(input);
    } catch (error) {
      if (error instanceof DeadlineInputError) throw new UsageError(error.message);
      throw error;
    }
    const { type: t, received: r, due, ...rest } = result;
    io.stdout(`${JSON.stringify({ type: t, received: r, due, ...rest }, null, 2)}\n`);
    return 0;
  },
};
