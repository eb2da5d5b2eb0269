/**
 * The tiny inline markup content prose may use — `[words](/path/)` links and `**bold**` — rendered to escaped HTML,
 * so authors can link between pages without any HTML (and so without any way to inject it).
 */

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Renders inline markup to HTML. Only site paths (starting with one `/`) and https links become links. */
export function renderInline(text: string): string {
  const pattern = /\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*/g;
  let out = '';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    out += escapeHtml(text.slice(last, match.index));
    const [whole, words, href, bold] = match;
    if (bold !== undefined) out += `<strong>${escapeHtml(bold)}</strong>`;
    else if (href !== undefined && /^(\/(?!\/)|https:\/\/)/.test(href))
      out += `<a href="${escapeHtml(href)}">${escapeHtml(words ?? '')}</a>`;
    else out += escapeHtml(whole);
    last = match.index + whole.length;
  }
  return out + escapeHtml(text.slice(last));
}

/** The text with the markup removed, for search and descriptions. */
export function plainText(text: string): string {
  return text.replace(/\[([^\]]+)\]\([^)\s]+\)/g, '$1').replace(/\*\*([^*]+)\*\*/g, '$1');
}
