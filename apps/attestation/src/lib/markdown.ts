/**
 * Policy text is Markdown written by IG leads. It is rendered with markdown-it with raw HTML turned off and its link
 * checks on, so a policy cannot carry a script or a `javascript:` link onto staff's screens; headings are shifted down
 * one level so the page keeps a single h1.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** The policy text as safe HTML. */
export function renderPolicy(markdown: string): string {
  return md
    .render(markdown)
    .replace(/<(\/?)h([1-5])>/g, (_m, slash: string, level: string) => `<${slash}h${Number(level) + 1}>`);
}
