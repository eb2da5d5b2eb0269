/**
 * The benchmarks' chat: a deterministic Android WhatsApp export (UK day-first, 24-hour) of ward small talk from eight
 * participants, with system events, omitted and attached media, emoji and multi-line messages. The import benchmark
 * parses it and the redaction benchmark runs detection on it, so both measure the same 1,000,000-message chat. It is
 * fast to make (no faker) and carries few identifiers; {@link generateClinicalChat} makes identifier-dense chats.
 */

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AUTHORS = [
  'Dr Amira Shah',
  'Nurse Tom Ellis',
  'Ward 7 Sister',
  'Priya Natarajan',
  '+44 7700 900123',
  'Jamie O\u2019Neill',
  'Consultant On Call',
  'Ben Hughes',
];
const WORDS =
  'patient bed ward handover obs stable review bloods results pending discharge pharmacy meds chart plan family called doctor nurse shift today tomorrow morning evening please thanks ok agreed update bay side room transfer theatre scan clinic'.split(
    ' ',
  );
const EMOJI = ['👍', '🙏', '😊', '✅', '❤️'];
const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Writes `count` messages; returns the export text. Same count and seed, same text, byte for byte. */
export function generateBenchmarkExport(count: number, seed = 20240331): string {
  const rand = mulberry32(seed);
  const parts: string[] = [];
  let t = Date.UTC(2021, 0, 4, 8, 0);
  parts.push(
    '04/01/2021, 08:00 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.\n',
  );
  for (let i = 1; i < count; i++) {
    t += Math.floor(rand() * rand() * 12) * 60_000;
    const d = new Date(t);
    const head = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} - `;
    const r = rand();
    if (r < 0.01) {
      parts.push(
        `${head}${AUTHORS[Math.floor(rand() * AUTHORS.length)]} added ${AUTHORS[Math.floor(rand() * AUTHORS.length)]}\n`,
      );
      continue;
    }
    const author = AUTHORS[Math.floor(rand() * AUTHORS.length)] as string;
    if (r < 0.05) {
      parts.push(`${head}${author}: <Media omitted>\n`);
      continue;
    }
    if (r < 0.06) {
      parts.push(
        `${head}${author}: IMG-${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-WA${String(i % 10000).padStart(4, '0')}.jpg (file attached)\n`,
      );
      continue;
    }
    const n = 3 + Math.floor(rand() * 9);
    let text = '';
    for (let w = 0; w < n; w++) text += (w ? ' ' : '') + WORDS[Math.floor(rand() * WORDS.length)];
    if (rand() < 0.08) text += ` ${EMOJI[Math.floor(rand() * EMOJI.length)]}`;
    if (rand() < 0.07)
      text += `\n${WORDS[Math.floor(rand() * WORDS.length)]} ${WORDS[Math.floor(rand() * WORDS.length)]} at ${pad(Math.floor(rand() * 24))}:${pad(Math.floor(rand() * 60))}`;
    parts.push(`${head}${author}: ${text}\n`);
  }
  return parts.join('');
}
