import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describeSearch, scopeMessages } from '@im-records/case-settings';
import { buildBundle, buildCaseFile, type FontLoader } from '@im-records/disclosure-bundle';
import {
  computeDeadline,
  isIsoDate,
  localToday,
  REQUEST_TYPES,
  type RequestType,
  redactionModeFor,
} from '@im-records/records-policy';
import {
  type Decision,
  detectPersonalDataSync,
  disclose,
  RedactionError,
  scopeChoices,
  stillVisible,
  withTitleMessages,
} from '@im-records/redaction';
import { type Command, UsageError } from '../command.ts';
import {
  importArgs,
  importExportFile,
  importUsage,
  importWarningsText,
  onlyFile,
  parseCommandArgs,
  readImportOptions,
} from '../options.ts';
import {
  readTuning,
  scopeDecisionsOf,
  stillVisibleWarning,
  tuningArgs,
  tuningUsage,
  uncertainScopeWarning,
} from '../tuning.ts';

const usage = `Usage: records package FILE --mode foi|sar [--type foi|eir|foisa|sar] --reference REF --received YYYY-MM-DD
                       [--subject NAME]...
                       [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--organisation NAME] [--include-media]
                       --out BUNDLE.zip [--case-file CASE.json] [--response-date YYYY-MM-DD] [--searched TEXT]
                       [--timezone ZONE] [--date-order ORD] [--chat NAME] [--keep NAME]...
                       [--withhold-health-professionals] [--terms FILE]
                       [--hospital-shape SHAPE]... [--hospital-pattern REGEX]...

Imports a chat export, runs the redaction engine and accepts every proposal, then writes the disclosure bundle
(transcript.pdf, transcript.html, transcript.csv, redaction-schedule.csv, media/, manifest.json). For batch use: review
the result before release. The case file (source hash, decisions, settings, bundle hashes) is written apart from the
bundle and must not be sent to the requester.

Options:
  --mode foi|sar          FOI: everyone's personal data withheld. SAR: the subject's own data kept, others' withheld
  --type TYPE             the request: foi, eir, foisa or sar (default: the mode). An EIR or FOISA request is
                          redacted as an FOI (--mode foi) and has its own Act on the cover and its own deadline
                          (FOISA: Scottish bank holidays)
  --reference REF         the request reference (PDF title, every page)
  --received DATE         the day the request arrived; the due date is computed from it
  --organisation NAME     the organisation answering (default "Not stated")
  --include-media         include every attachment present in the export (photos and stickers lose their hidden
                          metadata; documents, video and audio go in as exported, unredacted). Default: every
                          attachment is withheld, as in the browser tool until the officer includes it, since no
                          one has looked at them (--withhold-media says so explicitly)
  --out FILE              where to write the bundle ZIP
  --case-file FILE        where to write the internal case file (JSON)
  --response-date DATE    the date of response stamped in the bundle (default today); same inputs and date, same bytes
  --searched TEXT         what was searched, for the cover page (default: the app, the chat's title as
                          disclosed and the date range, as the browser tool words it)

Reading the export (as for records parse):
${importUsage}

Scope and detection options (as for records redact; messages outside --from/--to are not in the bundle):
${tuningUsage}
`;

/** "1 message", "2 messages": the summary line is read by people. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Reads the bundle's fonts from the installed npm packages, resolved from the bundle package itself. */
function nodeFontLoader(): FontLoader {
  const require = createRequire(import.meta.resolve('@im-records/disclosure-bundle'));
  return async (packagePath) => new Uint8Array(await readFile(require.resolve(packagePath)));
}

/** `records package`: import → redaction (proposals accepted) → bundle in one go, for batch use. */
export const packageCommand: Command = {
  name: 'package',
  summary: 'Import, redact (accepting every proposal) and write a disclosure bundle ZIP and case file',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      mode: { type: 'string' },
      type: { type: 'string' },
      reference: { type: 'string' },
      received: { type: 'string' },
      organisation: { type: 'string' },
      'include-media': { type: 'boolean' },
      'withhold-media': { type: 'boolean' },
      out: { type: 'string' },
      'case-file': { type: 'string' },
      'response-date': { type: 'string' },
      searched: { type: 'string' },
      ...importArgs,
      ...tuningArgs,
    });
    const file = onlyFile(positionals);
    const mode = values.mode as string | undefined;
    if (mode !== 'foi' && mode !== 'sar') throw new UsageError(`--mode must be foi or sar, not '${mode ?? ''}'.`);
    const type = ((values.type as string | undefined) ?? mode) as RequestType;
    if (!REQUEST_TYPES.includes(type))
      throw new UsageError(`--type must be one of ${REQUEST_TYPES.join(', ')}, not '${type}'.`);
    if (redactionModeFor(type) !== mode)
      throw new UsageError(`--type ${type} is redacted with --mode ${redactionModeFor(type)}, not --mode ${mode}.`);
    const reference = (values.reference as string | undefined)?.trim();
    if (!reference) throw new UsageError('--reference is required.');
    const received = values.received as string | undefined;
    if (!received || !isIsoDate(received))
      throw new UsageError(`--received must be a date as YYYY-MM-DD, not '${received ?? ''}'.`);
    const responseDate = (values['response-date'] as string | undefined) ?? localToday();
    if (!isIsoDate(responseDate))
      throw new UsageError(`--response-date must be a date as YYYY-MM-DD, not '${responseDate}'.`);
    // A bundle answering a request before it arrived is a typo in one of the dates (the browser tool refuses a date
    // received in the future for the same reason); ISO dates compare as strings.
    if (responseDate < received)
      throw new UsageError(
        values['response-date'] === undefined
          ? `--received (${received}) is after today (${responseDate}): enter the day the request arrived, or give --response-date.`
          : `--response-date (${responseDate}) is before --received (${received}): a request is answered after it arrives.`,
      );
    const out = values.out as string | undefined;
    if (!out) throw new UsageError('--out is required.');
    if (values['include-media'] === true && values['withhold-media'] === true)
      throw new UsageError('--include-media and --withhold-media cannot both be given.');
    // Attachments are withheld unless asked for: their content is never redacted, and a batch run reviews nothing.
    const withholdMedia = values['include-media'] !== true;
    const importOptions = readImportOptions(values);
    const { timeZone } = importOptions;
    const tuning = await readTuning(values, mode);
    const { subjects } = tuning;
    const archive = await importExportFile(file, importOptions);
    const { media } = archive;
    // The chat's title (a one-to-one chat is titled with the other person's name) is detected, decided and printed on
    // the cover like any message, as the browser tool does; it is never a transcript line or counted as a message.
    const conversation = withTitleMessages(archive.conversation);

    let detection: ReturnType<typeof detectPersonalDataSync>;
    try {
      detection = detectPersonalDataSync(conversation, tuning.engine.detect);
    } catch (error) {
      if (error instanceof RedactionError) throw new UsageError(error.message);
      throw error;
    }
    const by = 'records package (batch: every proposal accepted)';
    const at = `${responseDate}T12:00:00Z`;
    const chosen = scopeDecisionsOf(tuning, conversation, by, at);
    const scope = scopeMessages(conversation.messages, tuning.settings, detection.selection, scopeChoices(chosen));
    const decisions: Decision[] = detection.proposals.map((proposal) => ({
      action: 'accept',
      proposalId: proposal.id,
      by,
      at,
    }));
    decisions.push(...chosen);
    for (const message of conversation.messages) {
      for (const attachment of message.attachments) {
        if (!attachment.included) continue;
        decisions.push({
          action: withholdMedia ? 'withhold-attachment' : 'include-attachment',
          messageId: message.id,
          fileName: attachment.fileName,
          by,
          at,
          // Printed beside a withheld attachment in the bundle, so it is written for the requester.
          reason: withholdMedia ? 'not reviewed' : 'all attachments included (--include-media)',
        });
      }
    }
    const disclosed = disclose(conversation, detection.proposals, decisions, {
      ...tuning.engine.disclose,
      selection: scope.selection,
    });

    const due = computeDeadline({ type, received }).due;
    const { from, to } = tuning.settings;
    // The browser tool's words for the same case: the apps, the chat's title as disclosed and the request's dates.
    const searched =
      (values.searched as string | undefined) ??
      describeSearch({
        formats: [conversation.source.format],
        titles: disclosed.sections?.length ? disclosed.sections.map((section) => section.title) : [disclosed.title],
        from,
        to,
      });
    const request = {
      organisation: (values.organisation as string | undefined) ?? 'Not stated',
      reference,
      type,
      received,
      responseDate,
      due,
      searched,
    } as const;
    const result = await buildBundle({ disclosed, request, media, options: { loadFont: nodeFontLoader() } });
    await writeFile(out, result.zip);
    const counts = result.manifest.counts;
    io.stdout(
      `Wrote ${out}: ${count(counts.messagesDisclosed, 'message')}, ${count(counts.redactions, 'redaction')}, ${count(counts.attachmentsDisclosed, 'attachment')} included, ${counts.attachmentsWithheld} withheld, ${count(counts.pages, 'page')}; due ${due}.\n` +
        `SHA-256 ${result.zipSha256}\n`,
    );
    const importWarnings = importWarningsText(file, archive.conversation);
    if (importWarnings) io.stderr(importWarnings);
    // Every proposal is accepted, so every proposal is withheld.
    const visibleWarning = stillVisibleWarning(
      stillVisible(conversation, disclosed, detection.proposals, detection.kept),
    );
    if (visibleWarning) io.stderr(visibleWarning);
    const warning = uncertainScopeWarning(scope.inScope.filter((entry) => entry.uncertain).length);
    if (warning) io.stderr(warning);
    const caseFilePath = values['case-file'] as string | undefined;
    if (caseFilePath) {
      const { json } = buildCaseFile({
        sourceSha256: conversation.source.sha256,
        sourceFormat: conversation.source.format,
        decisions,
        settings: {
          mode,
          subjects,
          withholdMedia,
          timeZone,
          ...(importOptions.dateOrder !== undefined ? { dateOrder: importOptions.dateOrder } : {}),
          ...(importOptions.chat !== undefined ? { chat: importOptions.chat } : {}),
          responseDate,
          proposals: detection.proposals.length,
          ...tuning.record,
          command: 'records package',
        },
        bundle: result,
      });
      await writeFile(caseFilePath, json);
      io.stdout(`Wrote case file ${caseFilePath} (internal: keep it apart from the bundle).\n`);
    }
    return 0;
  },
};
