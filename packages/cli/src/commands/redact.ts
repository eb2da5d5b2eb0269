import { scopeMessages } from '@im-records/case-settings';
import {
  detectPersonalDataSync,
  disclose,
  isTitleMessage,
  placeholder,
  type RedactionCategory,
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

const usage = `Usage: records redact FILE --mode foi|sar [--subject NAME]... [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                      [--keep NAME]... [--terms FILE] [--timezone ZONE] [--date-order ORD] [--chat NAME]
                      [--withhold-health-professionals]
                      [--hospital-shape SHAPE]... [--hospital-pattern REGEX]...

Finds personal data in a chat export and prints the messages as they would be disclosed, as JSON:
{"mode", "title", "messages": [{"id", "author", "text", "redactions": [{"start", "end", "category", "exemption",
"confidence", "source"}]}], "summary"}. "author" and "text" are as disclosed (pseudonyms such as "Staff member A",
placeholders such as "[NHS number — s40(2)]"); start/end are UTF-16 offsets into the message text as
'records parse' prints it. Messages outside --from/--to (and, for a SAR, not by or about the subject) are left
out; "summary" counts them by reason in "outOfScope". "summary"'s "redactions" is the number the bundle will have
(the parts of a name written together are one redaction, as records package and the browser tool count), its
"proposals" the number of spans listed. "title" is the chat's title as disclosed (as the bundle's cover prints it):
it is detected and redacted like a message, and its redactions are in "redactions" (not in "proposals"). A SAR's messages also say why they were selected
("selectedBecause"); "checkWhoIsMeant": true marks one selected only by a name that may be someone else's (a near
spelling of the subject's, or a name someone else in the chat has too), counted in "summary"'s "toCheck" and
warned about on stderr: its name stays withheld until an officer checks it. A record the import could not read (a
CSV row with a bad timestamp, say) is a message as written, redacted like any other, with "unreadable": {"reason",
"timeFrom"}: it has the time of the message before it ("previous") or after it ("next"), and is in the date range
when that message is.

Options:
  --mode foi|sar              FOI: everyone's personal data withheld; SAR: the subject's own data kept
${tuningUsage}
${importUsage}
`;

/** `records redact`: proposes redactions for a chat and prints the disclosed messages with every redaction explained. */
export const redactCommand: Command = {
  name: 'redact',
  summary: 'Find personal data in a chat and print it as it would be disclosed (FOI or SAR), as JSON',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      mode: { type: 'string' },
      ...tuningArgs,
      ...importArgs,
    });
    const file = onlyFile(positionals);
    const mode = values.mode as string | undefined;
    if (mode !== 'foi' && mode !== 'sar') throw new UsageError(`--mode must be foi or sar, not '${mode ?? ''}'.`);
    const tuning = await readTuning(values, mode);
    const importOptions = readImportOptions(values);
    const archive = await importExportFile(file, importOptions);
    // The chat's title (a one-to-one chat is titled with the other person's name) is detected and decided like any
    // message, as records package and the browser tool do: its redactions count, and it is printed as disclosed.
    const conversation = withTitleMessages(archive.conversation);
    let result: ReturnType<typeof detectPersonalDataSync>;
    try {
      result = detectPersonalDataSync(conversation, tuning.engine.detect);
    } catch (error) {
      if (error instanceof RedactionError) throw new UsageError(error.message);
      throw error;
    }
    // The officer's --leave-out and --include (redact prints no decision log, so when they were made is not kept).
    const chosen = scopeDecisionsOf(tuning, conversation, 'records redact', new Date(0).toISOString());
    const scope = scopeMessages(conversation.messages, tuning.settings, result.selection, scopeChoices(chosen));
    const disclosed = disclose(conversation, result.proposals, chosen, {
      ...tuning.engine.disclose,
      selection: scope.selection,
    });

    const byMessage = new Map<string, typeof result.proposals>();
    for (const p of result.proposals) {
      const list = byMessage.get(p.messageId) ?? [];
      list.push(p);
      byMessage.set(p.messageId, list);
    }
    const reasons = new Map(result.selection.map((s) => [s.messageId, s.reasons]));
    const toCheck = new Set(scope.inScope.filter((s) => s.uncertain).map((s) => s.messageId));
    const byCategory: Partial<Record<RedactionCategory, number>> = {};
    const messages = disclosed.messages.map((m) => {
      const redactions = (byMessage.get(m.id) ?? [])
        .sort((a, b) => a.start - b.start)
        .map((p) => {
          byCategory[p.category] = (byCategory[p.category] ?? 0) + 1;
          return {
            start: p.start,
            end: p.end,
            category: p.category,
            exemption: p.exemption,
            confidence: p.confidence,
            source: p.rule,
          };
        });
      const text = m.segments.map((s) => (s.type === 'text' ? s.text : placeholder(s))).join('');
      const entry: {
        id: string;
        author: string | null;
        text: string;
        redactions: typeof redactions;
        selectedBecause?: string[];
        checkWhoIsMeant?: true;
        unreadable?: typeof m.unreadable;
      } = { id: m.id, author: m.author, text, redactions };
      if (mode === 'sar') entry.selectedBecause = reasons.get(m.id) ?? [];
      if (toCheck.has(m.id)) entry.checkWhoIsMeant = true;
      if (m.unreadable) entry.unreadable = m.unreadable;
      return entry;
    });
    const summary = {
      messages: Array.from(conversation.messages).filter((m) => !isTitleMessage(m.id)).length,
      messagesInScope: disclosed.counts.messagesInScope,
      // The bundle's count (a name written in parts is one redaction), so redact and package print the same number;
      // "proposals" is how many spans the messages' lists hold.
      redactions: disclosed.counts.redactions,
      proposals: messages.reduce((n, m) => n + (m.redactions as unknown[]).length, 0),
      byCategory,
      kept: result.kept.length,
      attachmentsWithheld: disclosed.counts.attachmentsWithheld,
      outOfScope: scope.outOfScope,
      toCheck: toCheck.size,
      stillVisible: stillVisible(conversation, disclosed, result.proposals, result.kept),
    };
    const importWarnings = importWarningsText(file, archive.conversation);
    if (importWarnings) io.stderr(importWarnings);
    const visibleWarning = stillVisibleWarning(summary.stillVisible);
    if (visibleWarning) io.stderr(visibleWarning);
    const warning = uncertainScopeWarning(toCheck.size);
    if (warning) io.stderr(warning);
    io.stdout(`${JSON.stringify({ mode, title: disclosed.title, messages, summary }, null, 2)}\n`);
    return 0;
  },
};
