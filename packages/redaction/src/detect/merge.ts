/**
 * Merging the candidates of one message so redaction boxes never overlap: a span inside another gives way (a name
 * inside an email is covered by it), and partial overlaps join under the stronger category.
 */
import type { Candidate } from '../recogniser.ts';
import type { RedactionCategory } from '../types.ts';

/** Which category wins when two spans join or coincide. */
const priority: Record<RedactionCategory, number> = {
  'nhs-number': 10,
  'ni-number': 9,
  email: 9,
  phone: 8,
  'hospital-number': 8,
  postcode: 7,
  'date-of-birth': 7,
  address: 6,
  custom: 5,
  age: 4,
  'person-name': 3,
};

/** Candidate order for merging: by start, longer first, then the stronger category. */
function compareCandidates(a: Candidate, b: Candidate): number {
  return a.start - b.start || b.end - a.end || priority[b.category] - priority[a.category];
}

/** Merges overlapping candidates: a span inside another gives way; partial overlaps join under the stronger category. */
export function mergeCandidates(candidates: Candidate[]): Candidate[] {
  if (candidates.length < 2) return candidates;
  // Candidates are fresh objects from the recognisers, so they are sorted and reused in place. A message has a handful
  // of them: an insertion sort (stable, like Array.prototype.sort, so ties keep their order) avoids the work array
  // the built-in sort allocates on every call; a long pasted text with many finds uses the built-in one.
  if (candidates.length > 32) candidates.sort(compareCandidates);
  else {
    for (let i = 1; i < candidates.length; i++) {
      const c = candidates[i] as Candidate;
      let j = i - 1;
      while (j >= 0 && compareCandidates(candidates[j] as Candidate, c) > 0) {
        candidates[j + 1] = candidates[j] as Candidate;
        j--;
      }
      candidates[j + 1] = c;
    }
  }
  const out: Candidate[] = [];
  for (const c of candidates) {
    const last = out[out.length - 1];
    if (!last || c.start >= last.end) {
      out.push(c);
      continue;
    }
    if (c.end <= last.end) {
      // Contained: the containing span stands (a name inside an email or address is covered by it).
      if (c.start === last.start && c.end === last.end && priority[c.category] > priority[last.category]) {
        out[out.length - 1] = c;
      }
      continue;
    }
    const stronger = priority[c.category] > priority[last.category] ? c : last;
    out[out.length - 1] = {
      ...stronger,
      start: last.start,
      end: c.end,
      confidence: Math.max(last.confidence, c.confidence),
      rule: `${last.rule}+${c.rule}`,
    };
  }
  return out;
}
