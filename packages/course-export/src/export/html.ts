/**
 * The package's one page (`index.html`): every guidance page rendered to NHS design-system HTML at export time, the
 * assessment's container, and the player's data as JSON. One page, because a SCO that navigated between pages would
 * start a new LMS session on each; the player shows one view at a time. Links the site would make to itself become
 * links between views; links to parts of the site the package does not carry become plain words.
 */
import {
  type Block,
  basisLabelFor,
  type Course,
  coursePointsFor,
  escapeHtml as escapeText,
  type GuidancePage,
  renderInline,
  sourcesFor,
} from '@im-records/course';
import { formatLongDate } from '@im-records/records-policy';
import type { PlayerCourse } from '../player/course-data.ts';

const TICK = 'M11.4 17.5a2 2 0 0 1-2.7.1h-.1L4 12.8a1.5 1.5 0 0 1 2.1-2L10 14.7l8.1-8.1a1.5 1.5 0 1 1 2.2 2l-8.9 9Z';
const CROSS =
  'M17 18.5c-.4 0-.8-.1-1.1-.4l-10-10c-.6-.6-.6-1.6 0-2.1.6-.6 1.5-.6 2.1 0l10 10c.6.6.6 1.5 0 2.1-.3.3-.6.4-1 .4Zm-10 0c-.4 0-.8-.1-1.1-.4-.6-.6-.6-1.5 0-2.1l10-10c.6-.6 1.5-.6 2.1 0 .6.6.6 1.5 0 2.1l-10 10c-.3.3-.6.4-1 .4Z';
const NHS_LOGO =
  'M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z';

const icon = (name: string, path: string) =>
  `<svg class="nhsuk-icon nhsuk-icon--${name}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true"><path d="${path}"/></svg>`;

/** Rewrites the site's own links for the package: guidance pages and the assessment become views, the rest words. */
export function inlineHtml(text: string, slugs: ReadonlySet<string>): string {
  return renderInline(text).replace(/<a href="([^"]*)">(.*?)<\/a>/g, (whole, href: string, words: string) => {
    if (href.startsWith('https://')) return whole.replace('<a ', '<a target="_blank" rel="noopener" ');
    const guidance = /^\/guidance\/([a-z0-9-]+)\/?(?:#.*)?$/.exec(href);
    if (guidance?.[1] && slugs.has(guidance[1])) return `<a href="#guidance/${guidance[1]}">${words}</a>`;
    if (/^\/guidance\/?$/.test(href) || href === '/') return `<a href="#contents">${words}</a>`;
    if (/^\/assessment\/?$/.test(href)) return `<a href="#assessment">${words}</a>`;
    return words;
  });
}

function blocksHtml(blocks: readonly Block[], slugs: ReadonlySet<string>): string {
  const inline = (text: string) => inlineHtml(text, slugs);
  return blocks
    .map((block) => {
      if (typeof block === 'string') return `<p>${inline(block)}</p>`;
      if ('list' in block) return `<ul>${block.list.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`;
      if ('steps' in block) return `<ol>${block.steps.map((item) => `<li>${inline(item)}</li>`).join('')}</ol>`;
      if ('inset' in block)
        return `<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span><p>${inline(block.inset)}</p></div>`;
      if ('warning' in block)
        return `<div class="nhsuk-card nhsuk-card--warning"><div class="nhsuk-card__content"><h3 class="nhsuk-card__heading">Important</h3><p class="nhsuk-card__description">${inline(block.warning)}</p></div></div>`;
      const list = (kind: 'tick' | 'cross', items: readonly string[]) =>
        `<ul class="nhsuk-list nhsuk-list--${kind}" role="list">${items
          .map((item) => `<li>${icon(kind, kind === 'tick' ? TICK : CROSS)}<span>${inline(item)}</span></li>`)
          .join('')}</ul>`;
      return `<div class="nhsuk-card nhsuk-card--feature"><div class="nhsuk-card__content"><h3 class="nhsuk-card__heading">Do</h3>${list('tick', block.do)}</div></div><div class="nhsuk-card nhsuk-card--feature"><div class="nhsuk-card__content"><h3 class="nhsuk-card__heading">Don't</h3>${list('cross', block.dont)}</div></div>`;
    })
    .join('\n');
}

/** The page's sources as the site lists them: its points' sources and its own, for the trust's division. */
function sourcesOf(
  page: GuidancePage,
  course: Course,
): { title: string; url?: string | undefined; detail?: string | undefined }[] {
  return sourcesFor(course, page.covers, page.sources).map((source) => ({
    title: `${source.publisher}: ${source.title}`,
    url: source.url,
    detail: source.date,
  }));
}

function pagination(
  previous: GuidancePage | undefined,
  next: GuidancePage | undefined,
  hasAssessment: boolean,
): string {
  const link = (side: 'previous' | 'next', href: string, title: string) =>
    `<li class="nhsuk-pagination-item--${side}"><a class="nhsuk-pagination__link nhsuk-pagination__link--${side === 'previous' ? 'prev' : 'next'}" href="${href}"><span class="nhsuk-pagination__title">${side === 'previous' ? 'Previous' : 'Next'}<span class="nhsuk-u-visually-hidden"> page</span></span><span class="nhsuk-u-visually-hidden">:</span> <span class="nhsuk-pagination__page">${escapeText(title)}</span></a></li>`;
  const items = [
    previous ? link('previous', `#guidance/${previous.slug}`, previous.title) : '',
    next
      ? link('next', `#guidance/${next.slug}`, next.title)
      : hasAssessment
        ? link('next', '#assessment', 'Assessment')
        : '',
  ];
  return `<nav class="nhsuk-pagination" role="navigation" aria-label="Pagination"><ul class="nhsuk-list nhsuk-pagination__list">${items.join('')}</ul></nav>`;
}

function guidanceView(page: GuidancePage, index: number, course: Course, slugs: ReadonlySet<string>): string {
  const points = coursePointsFor(course, page.covers)
    .map(
      (point) =>
        `<li><strong class="nhsuk-tag nhsuk-tag--white">${escapeText(basisLabelFor(point.basis, course.trust))}</strong> <span>${escapeText(point.statement)}</span></li>`,
    )
    .join('');
  const sections = page.sections
    .map((section) => `<section><h2>${escapeText(section.heading)}</h2>\n${blocksHtml(section.body, slugs)}</section>`)
    .join('\n');
  const sources = sourcesOf(page, course)
    .map(
      (source) =>
        `<li>${source.url ? `<a href="${escapeText(source.url)}" target="_blank" rel="noopener">${escapeText(source.title)}</a>` : escapeText(source.title)}${source.detail ? `, ${escapeText(source.detail)}` : ''}</li>`,
    )
    .join('');
  return `<section class="app-view" id="guidance/${page.slug}" data-view="guidance/${page.slug}" data-title="${escapeText(page.title)}" aria-labelledby="title-${page.slug}">
<p class="app-breadcrumb"><a href="#contents">Contents</a> <span aria-hidden="true">›</span> Page ${index + 1} of ${course.guidance.length}</p>
<h1 id="title-${page.slug}" tabindex="-1">${escapeText(page.title)}</h1>
<p class="nhsuk-body-l">${escapeText(page.summary)}</p>
<div class="nhsuk-card app-guidance-points"><div class="nhsuk-card__content"><h2 class="nhsuk-card__heading">What the guidance says</h2><ul class="nhsuk-list">${points}</ul></div></div>
${sections}
<h2>Sources</h2>
<ul class="nhsuk-list nhsuk-list--bullet">${sources}</ul>
<p class="nhsuk-body-s app-review-date">Page last reviewed: ${escapeText(formatLongDate(page.lastReviewed))}<br>Next review due: ${escapeText(formatLongDate(page.nextReview))}</p>
${pagination(course.guidance[index - 1], course.guidance[index + 1], true)}
</section>`;
}

function contentsView(course: Course, player: PlayerCourse): string {
  const pages = course.guidance
    .map(
      (page) =>
        `<li><a href="#guidance/${page.slug}">${escapeText(page.title)}</a> <strong class="nhsuk-tag nhsuk-tag--green app-read-tag" data-read="${page.slug}" hidden>Read</strong><br><span class="nhsuk-body-s">${escapeText(page.summary)}</span></li>`,
    )
    .join('');
  return `<section class="app-view" id="contents" data-view="contents" data-title="Contents" aria-labelledby="title-contents">
<h1 id="title-contents" tabindex="-1">${escapeText(course.settings.title)}</h1>
<div id="connection" role="status"></div>
<p class="nhsuk-body-l">Read the guidance, then take the assessment. You need ${Math.round(player.passMark * 100)}% to pass. It takes about ${course.settings.minutes} minutes, and you can stop and come back: your learning system keeps your place.</p>
<p><a class="nhsuk-button" href="#assessment" data-module="start">Go to the assessment</a></p>
<h2>Guidance</h2>
<ol class="nhsuk-list app-contents">${pages}</ol>
</section>`;
}

function assessmentView(player: PlayerCourse): string {
  return `<section class="app-view" id="assessment" data-view="assessment" data-title="Assessment" aria-labelledby="title-assessment">
<p class="app-breadcrumb"><a href="#contents">Contents</a></p>
<h1 id="title-assessment" tabindex="-1">Assessment</h1>
<div id="assessment-body"><p>${player.questionCount} questions. The assessment needs JavaScript, which your learning system has turned off.</p></div>
</section>`;
}

/** The player's JSON, safe inside a script element (no `</script>` or HTML comment can close it early). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c').replaceAll('>', '\\u003e').replaceAll('&', '\\u0026');
}

/** Paths inside the package and what the page may connect to. */
export interface PageFiles {
  script: string;
  stylesheet: string;
  /** The CSP connect-src: `'none'` for SCORM (nothing leaves the page), `*` for cmi5 (the LMS names its LRS at launch). */
  connect: "'none'" | '*';
}

/** The whole page. */
export function indexHtml(course: Course, player: PlayerCourse, files: PageFiles): string {
  const slugs = new Set(course.guidance.map((page) => page.slug));
  const views = [
    contentsView(course, player),
    ...course.guidance.map((page, index) => guidanceView(page, index, course, slugs)),
    assessmentView(player),
  ].join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src ${files.connect}; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeText(course.settings.title)}</title>
<link rel="stylesheet" href="${files.stylesheet}">
<script type="application/json" id="course-data">${scriptJson(player)}</script>
<script src="${files.script}" defer></script>
</head>
<body class="js-enabled nhsuk-frontend-supported">
<a class="nhsuk-skip-link" href="#maincontent">Skip to main content</a>
<header class="nhsuk-header" role="banner"><div class="nhsuk-header__container nhsuk-width-container"><div class="nhsuk-header__service"><span class="nhsuk-header__service-logo"><svg class="nhsuk-header__logo" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80" height="40" width="100" focusable="false" role="img" aria-label="NHS"><title>NHS</title><path fill="currentcolor" d="${NHS_LOGO}"></path></svg><span class="nhsuk-header__service-name">${escapeText(course.settings.title)}</span></span></div></div></header>
<div class="nhsuk-width-container">
<main class="nhsuk-main-wrapper" id="maincontent" role="main">
<div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
${views}
</div></div>
</main>
</div>
<footer class="nhsuk-footer" role="contentinfo"><div class="nhsuk-width-container"><div class="nhsuk-footer__meta"><p class="nhsuk-body-s">Course version ${escapeText(course.settings.version)}. Part of the NHS instant messaging records toolkit.</p></div></div></footer>
</body>
</html>
`;
}
