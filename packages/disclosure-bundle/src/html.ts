/**
 * `transcript.html`: the transcript as one accessible, self-contained page — inline CSS, no scripts, no external links or
 * resources, a `lang` attribute, a heading per day, and each redaction as text (`[Redacted: s40(2)]`) with an accessible label.
 */
import { formatLongDate } from '@im-records/records-policy';
import type { DisclosedConversation } from '@im-records/redaction';
import type { MediaPlacement } from './media.ts';
import { placementKey } from './media.ts';
import { categoryWords, dayOf, requestTypeWords, timeOf } from './text.ts';
import type { BundleRequest } from './types.ts';

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
@media (prefers-color-scheme:dark){body{background:#0b0c0c;color:#f3f2f1}.redaction{background:#f3f2f1;color:#0b0c0c}.system .text,.system .meta,.attachments{color:#b1b4b6}}`;

/** Builds the page. */
export function transcriptHtml(
  disclosed: DisclosedConversation,
  request: BundleRequest,
  placements: ReadonlyMap<string, MediaPlacement>,
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
    ['Conversation', disclosed.title],
    ['Messages disclosed', String(counts.messagesDisclosed)],
    ['Messages withheld', String(counts.messagesWithheld)],
    ['Redactions', String(counts.redactions)],
  ];
  for (const [label, value] of rows) out.push(`<dt>${e(label)}</dt><dd>${e(value)}</dd>`);
  out.push('</dl>', '<p>Withheld text is shown as [Redacted: code], where the code is the exemption relied on.</p>');
  let day = '';
  let open = false;
  for (const message of disclosed.messages) {
    const messageDay = dayOf(message.timestamp);
    if (messageDay !== day) {
      if (open) out.push('</ol>', '</section>');
      day = messageDay;
      open = true;
      out.push(
        `<section aria-labelledby="day-${e(day)}">`,
        `<h2 id="day-${e(day)}">${e(formatLongDate(day, { weekday: true }))}</h2>`,
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
    if (message.kind === 'deleted') out.push('<p class="text"><em>This message was deleted.</em></p>');
    if (text) out.push(`<p class="text" dir="auto">${text}</p>`);
    if (message.attachments.length > 0) {
      out.push('<ul class="attachments">');
      for (const attachment of message.attachments) {
        const placement = attachment.mediaKey
          ? placements.get(placementKey(message.id, attachment.mediaKey))
          : undefined;
        const line = !attachment.disclose
          ? `Attachment withheld: ${attachment.displayName} (${attachment.kind}) — ${attachment.withheldReason ?? 'withheld'}`
          : placement
            ? `Attachment included: ${placement.path} (${attachment.kind}, shown in the chat as ${attachment.displayName})`
            : `Attachment disclosed but not present in the export: ${attachment.displayName} (${attachment.kind})`;
        out.push(`<li>${e(line)}</li>`);
      }
      out.push('</ul>');
    }
    out.push('</li>');
  }
  if (open) out.push('</ol>', '</section>');
  out.push('</main>', '</body>', '</html>', '');
  return out.join('\n');
}
