/** Every redaction category as `<option>`s, named as the review names them (redaction's `CATEGORY_LABELS`). */
import { CATEGORY_LABELS, type RedactionCategory } from '@im-records/redaction';

/** The categories in the order the engine lists them. */
export const CATEGORIES = Object.keys(CATEGORY_LABELS) as RedactionCategory[];

export function CategoryOptions() {
  return CATEGORIES.map((category) => (
    <option key={category} value={category}>
      {CATEGORY_LABELS[category].name}
    </option>
  ));
}
