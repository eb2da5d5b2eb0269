/** A short "Read more" list of guidance pages, used under feedback in the islands. */
export interface GuidanceLinksProps {
  slugs: readonly string[];
  titles: Readonly<Record<string, string>>;
  label?: string;
}

/** Links feedback to the guidance pages that explain it. */
export function GuidanceLinks({ slugs, titles, label = 'Read the guidance' }: GuidanceLinksProps) {
  if (slugs.length === 0) return null;
  return (
    <p className="nhsuk-body-s">
      {label}:{' '}
      {slugs.map((slug, i) => (
        <span key={slug}>
          {i > 0 && ', '}
          <a href={`/guidance/${slug}/`}>{titles[slug] ?? slug}</a>
        </span>
      ))}
    </p>
  );
}
