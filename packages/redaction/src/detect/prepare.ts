/**
 * Getting detection ready before there is a chat to read. The first detection in a fresh process or worker ran about
 * twice as long as the next on the same chat: the data (name lists, Bloom filters, the name model's weights) is quick
 * to build, but every recogniser, the tokeniser, the model and the engine's loops start in the JavaScript engine's
 * slow tiers and are compiled only once they have run a while. {@link prepareDetection} builds what is built on first
 * use and runs detection on a small made-up chat (imported as a WhatsApp export, as a user's file is), so that cost
 * is paid while the user is still choosing a file. Results are the same with or without it.
 */
import { importChat } from '@im-records/chat-import';
import { DetectionAbortedError } from '../errors.ts';
import { detectPersonalData } from './engine.ts';

/** Made-up people of the warm-up chat (no one real; phone numbers from Ofcom's drama range, NHS numbers from 999). */
const firsts = ['Anwen', 'Tobias', 'Marguerite', 'Kofi', 'Żaneta', 'Ifeoma', 'Declan', 'Priyanka', 'Søren'];
const lasts = ['Penhallow', 'Okonkwo-Reyes', 'Wystan', 'Brannagh', 'Quillfeather', 'Adeyemi', 'Lindqvist', "O'Dowd"];
const nhsNumbers = ['999 000 1006', '9990001030', '999 000 1073', '9990001111'];
const staff = ['Ward 9 Sister', 'Rhiannon Teague', 'Dev Okafor', '+44 7700 900417', 'Łucja'];

/** The messages of the warm-up chat: the shapes a ward chat writes, with and without personal data. */
const templates: ((message: { first: string; last: string; n: number }) => string)[] = [
  ({ last, n }) => `Bed ${n % 30} is Mrs ${last}, ${60 + (n % 30)}yo, for a repeat ECG please`,
  ({ first, last }) =>
    `${first.toLowerCase()} ${last.toLowerCase()}'s daughter rang, can be reached on 07700 900${String(100 + ((first.length * 37) % 900))}`,
  ({ first, last, n }) => `Can someone chase ${first} ${last}'s bloods? NHS no ${nhsNumbers[n % nhsNumbers.length]}`,
  () => 'Sats 93% on 3L, RR 26, obs stable',
  () => 'enoxaparin 40mg OD prescribed, given at 21:45',
  ({ first, last, n }) => `DOB ${1 + (n % 28)} March 19${40 + (n % 50)} MRN K${735820 + n} - ${first} ${last} for CT`,
  ({ first, n }) => `${first}, born 2 April 1951, lives at ${n % 200} Lindale Crescent, Harrogate HG1 ${1 + (n % 9)}HX`,
  ({ first, last }) =>
    `Family want letters emailed to ${first.toLowerCase()}.${last.toLowerCase().replace(/\W/g, '')}@example.org`,
  () => 'Bill the agency for the extra shift',
  ({ first }) => `Can ${first.toLowerCase()} review bed 13 when free? thanks ${first}`,
  ({ first, last }) => `Spoke to ${first} ${last} (partner) - happy for Mr ${last} to go home tomorrow`,
  () => 'May I swap my Saturday shift? 👍',
  ({ first, last }) =>
    `Daughter (${first} ${last}) asking for an update, number is +44 20 7946 0${String(100 + first.length * 11)}`,
  ({ first, n }) =>
    `NI number JG 10 37 ${String(10 + (n % 89))} A for ${first}'s benefits form, see https://www.example.org/forms`,
  ({ first }) => `@${first} Who's in CT at 10:00? Dr ${first} said pt is a 78-year-old with a fall`,
  ({ last }) => `${last} in bay 3 is NBM from midnight, Dr Teague aware`,
  () => 'Fire alarm test at 11 on Wednesday',
  ({ first, last }) => `Nurse ${last} and ${first} are on nights. Grace and Will cover days`,
  () => 'IMG-20240304-WA0001.jpg (file attached)',
  ({ first, last }) =>
    `Handover 😴 ${first}'s son ${last} visiting at 3, Ms ${last} (84F) on ward 12, see 3 Orchard Road, Leeds`,
  // A long pasted text, so the tokeniser's tables grow here and not in the first real chat.
  ({ first, last, n }) =>
    n % 40 === 0 ? `Notes: ${`${first} ${last} seen, plan reviewed with family. `.repeat(60)}` : 'Nil new',
];

/** A WhatsApp (Android) export of `count` messages from the templates above, names rotating through the lists. */
function warmUpExport(count: number): string {
  const lines = ['04/03/2024, 07:58 - Messages and calls are end-to-end encrypted.'];
  for (let n = 0; n < count; n++) {
    const minute = 8 * 60 + Math.floor(n / 4);
    const time = `${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    const template = templates[n % templates.length] as (typeof templates)[number];
    const first = firsts[(n * 3) % firsts.length] as string;
    const last = lasts[(n * 5 + Math.floor(n / 7)) % lasts.length] as string;
    lines.push(`04/03/2024, ${time} - ${staff[n % staff.length]}: ${template({ first, last, n })}`);
  }
  return lines.join('\n');
}

/**
 * Messages of the warm-up chat: enough for the hot paths to be compiled (about a second of CPU in all, measured on a
 * loaded two-core machine). SAR mode reads a shorter one: only its decisions and selection are new by then.
 */
const WARM_UP_MESSAGES = 3000;
const WARM_UP_SAR_MESSAGES = 600;

/** What {@link prepareDetection} takes: a signal that stops the warm-up between two of its chunks. */
export interface PrepareOptions {
  signal?: AbortSignal;
}

let prepared: Promise<void> | undefined;

/**
 * Builds detection's data and warms the engine up on a small made-up chat (FOI and SAR mode), so that the first real
 * detection is spared most of the engine's warm-up (about 0.5 s of CPU on 40,000 messages: see `bench/README.md`).
 * Call it once when a worker starts (later calls return the same promise, stopped by the first call's signal); it yields to the event loop as detection
 * does, so the worker can take messages meanwhile. Optional: detection gives the same results without it, the first
 * run only takes longer.
 *
 * `signal` stops it between two chunks of the warm-up chat (a real chat should not wait behind a made-up one): the
 * promise rejects with {@link DetectionAbortedError}, and a later call starts again. Stopping leaves nothing that
 * changes a result: what the warm-up fills on the way (word lists, caches of answers) is what any detection fills,
 * and each detection builds its own context.
 */
export function prepareDetection(options: PrepareOptions = {}): Promise<void> {
  const { signal } = options;
  prepared ??= (async () => {
    const stopIfAborted = () => {
      if (signal?.aborted) throw new DetectionAbortedError('Preparing detection was cancelled');
    };
    const chat = async (count: number) => {
      stopIfAborted();
      const bytes = new TextEncoder().encode(warmUpExport(count));
      const archive = await importChat({ fileName: 'WhatsApp Chat with Ward 9.txt', bytes }, { signal });
      stopIfAborted();
      return archive.conversation;
    };
    try {
      await detectPersonalData(await chat(WARM_UP_MESSAGES), { mode: 'foi', chunkSize: 500, signal });
      await detectPersonalData(await chat(WARM_UP_SAR_MESSAGES), {
        mode: 'sar',
        subject: { names: [`${firsts[0]} ${lasts[0]}`], phones: ['07700 900417'] },
        chunkSize: 500,
        signal,
      });
    } catch (error) {
      // Stopped (or failed): the next call starts again rather than handing back this rejection.
      prepared = undefined;
      if (signal?.aborted) throw new DetectionAbortedError('Preparing detection was cancelled');
      throw error;
    }
  })();
  return prepared;
}
