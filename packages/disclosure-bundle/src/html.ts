/**
 * `transcript.html`: the transcript as one accessible, self-contained page — inline CSS, no scripts, no external links or
 * resources (its only links are to the included files beside it in the bundle), a `lang` attribute, a section per
 * conversation, a heading per day, each redaction as text (`[Redacted: s40(2)]`) with an accessible label, and the
 * redaction schedule at the end.
 */
import { formatLongDate } from '@im-records/records-policy';
import type { DisclosedConversation } from '@im-records/redaction';
import type { MediaPlacement } from './media.ts';
import { placementKey } from './media.ts';
import { inSectionOrder, sectionsOf } from './sections.ts';
import { categoryWords, dayOf, requestTypeWords, timeOf, unreadableMark } from './text.ts';
import type { BundleRequest, ScheduleRow } from './types.ts';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;line-height:1.5;margin:0;color:#0b0c0c;background:#fff}
main{max-width:50rem;margin:0 auto;padding:1rem 1.25rem 3rem}
h1{font-size:1.75rem;margin:.5rem 0}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid #b1b4b6}
dl.cover{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.cover dt{font-weight:700}dl.cover dd{margin:0}
ol.messages{list-style:none;padding:0;margin:0}ol.messages li{margin:0 0 .75rem}
.meta{margin:0;font-weight:700}.meta time{display:inline-block;min-width:3.5rem}
.text{margin:0 0 0 1rem;white-space:pre-wrap;overflow-wrap:anywhere}.system .text,.system .meta{color:#505a5f}
.redaction{background:#0b0c0c;color:#fff;padding:0 .25rem;border-radius:2px;font-size:.9em}
.attachments{margin:.25rem 0 0 1rem;padding:0;list-style:none;color:#505a5f;font-size:.9em}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #b1b4b6}
a{color:#005eb8}
@media (prefers-color-scheme:dark){a{color:#8cc8ff}body{background:#0b0c0c;color:#f3f2f1}.redaction{background:#f3f2f1;color:#0b0c0c}.system .text,.system .meta,.attachments{color:#b1b4b6}}`;

/** Builds the page. */
export function transcriptHtml(
  disclosed: DisclosedConversation,
  request: BundleRequest,
  placements: ReadonlyMap<string, MediaPlacement>,
  schedule: readonly ScheduleRow[] = [],
): string {
  const out: string[] = [];
  const e = escapeHtml;
  out.push(
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(request.reference)} — transcript</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>Transcript: ${e(request.reference)}</h1>`,
    `<p>${e(requestTypeWords(request.type))} to ${e(request.organisation)}.</p>`,
    '<dl class="cover">',
  );
  const counts = disclosed.counts;
  const rows: [string, string][] = [
    ['Reference', request.reference],
    ['Date received', formatLongDate(request.received)],
    ['Date due', formatLongDate(request.due)],
    ['Date of response', formatLongDate(request.responseDate)],
    ['What was searched', request.searched],
    ...sectionsOf(disclosed).map((section, i, all): [string, string] => [
      all.length > 1 ? `Conversation ${i + 1} of ${all.length}` : 'Conversation',
      section.title,
    ]),
    ['Messages disclosed', String(counts.messagesDisclosed)],
    ['Messages outside the request', String(counts.messagesWithheld)],
    ['Redactions', String(counts.redactions)],
  ];
  for (const [label, value] of rows) out.push(`<dt>${e(label)}</dt><dd dir="auto">${e(value)}</dd>`);
  out.push('</dl>', '<p>Withheld text is shown as [Redacted: code], where the code is the exemption relied on.</p>');
  let day = '';
  let open = false;
  const sections = sectionsOf(disclosed);
  let section: string | undefined;
  for (const message of inSectionOrder(disclosed)) {
    if (sections.length > 1 && (message.section ?? '') !== section) {
      if (open) out.push('</ol>', '</section>');
      open = false;
      day = '';
      section = message.section ?? '';
      const at = sections.findIndex((candidate) => candidate.key === section);
      out.push(
        `<h2 id="conversation-${at + 1}">Conversation ${at + 1} of ${sections.length}: <span dir="auto">${e(sections[at]?.title ?? '')}</span></h2>`,
      );
    }
    const messageDay = dayOf(message.timestamp);
    if (messageDay !== day) {
      if (open) out.push('</ol>', '</section>');
      day = messageDay;
      open = true;
      const dayId = `day-${section ? `${sections.findIndex((c) => c.key === section) + 1}-` : ''}${day}`;
      out.push(
        `<section aria-labelledby="${e(dayId)}">`,
        `<${sections.length > 1 ? 'h3' : 'h2'} id="${e(dayId)}">${e(formatLongDate(day, { weekday: true }))}</${sections.length > 1 ? 'h3' : 'h2'}>`,
        '<ol class="messages">',
      );
    }
    const author = message.author ?? (message.kind === 'system' ? 'System event' : 'Unknown author');
    const text = message.segments
      .map((segment) =>
        segment.type === 'text'
          ? e(segment.text)
          : `<span class="redaction" role="img" aria-label="Redacted ${e(categoryWords(segment.category))}, exemption ${e(segment.exemption)}">[Redacted: ${e(segment.exemption)}]</span>`,
      )
      .join('');
    out.push(
      `<li class="${message.kind}">`,
      `<p class="meta"><time datetime="${e(message.timestamp)}">${e(timeOf(message.timestamp))}</time> <span class="author">${e(author)}</span></p>`,
    );
    if (message.unreadable) out.push(`<p class="unreadable"><em>${e(unreadableMark(message.unreadable))}</em></p>`);
    if (message.kind === 'deleted') out.push('<p class="text"><em>This message was deleted.</em></p>');
    if (text) out.push(`<p class="text" dir="auto">${text}</p>`);
    if (message.attachments.length > 0) {
      out.push('<ul class="attachments">');
      for (const attachment of message.attachments) {
        const placement = attachment.mediaKey
          ? placements.get(placementKey(message.id, attachment.mediaKey))
          : undefined;
        if (attachment.disclose && placement) {
          // A link to the file beside this page in the bundle: relative, so it opens wherever the bundle is unpacked.
          out.push(
            `<li>Attachment included: <a href="${e(placement.path)}">${e(placement.path)}</a> (${e(attachment.kind)}, shown in the chat as ${e(attachment.displayName)})</li>`,
          );
          continue;
        }
        const line = !attachment.disclose
          ? `Attachment withheld: ${attachment.displayName} (${attachment.kind}) — ${attachment.withheldReason ?? 'withheld'}`
          : `Attachment disclosed but not present in the export: ${attachment.displayName} (${attachment.kind})`;
        out.push(`<li>${e(line)}</li>`);
      }
      out.push('</ul>');
    }
    out.push('</li>');
  }
  if (open) out.push('</ol>', '</section>');
  out.push('<h2 id="schedule">Redaction schedule</h2>');
  if (schedule.length === 0) out.push('<p>No text was redacted.</p>');
  else {
    out.push(
      '<table>',
      '<caption>Each redaction by the PDF page it is on, the message time, what was withheld and the exemption</caption>',
      '<thead><tr><th scope="col">Page</th><th scope="col">Message time</th><th scope="col">Category</th><th scope="col">Exemption</th><th scope="col">Count</th></tr></thead>',
      '<tbody>',
    );
    for (const row of schedule) {
      out.push(
        `<tr><td>${row.page}</td><td>${e(row.messageTime)}</td><td>${e(categoryWords(row.category))}</td><td>${e(row.exemption)}</td><td>${row.count}</td></tr>`,
      );
    }
    out.push('</tbody>', '</table>');
  }
  out.push('</main>', '</body>', '</html>', '');
  return out.join('\n');
}
