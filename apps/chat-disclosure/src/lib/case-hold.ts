/**
 * One case, one editing tab. Two tabs (or windows) with the same case open each wrote their own journal entries and
 * record, and whichever wrote last won: an officer's decisions in the other tab were silently lost. So the tab that
 * opens a case holds it, with a Web Lock named after the case; another tab opening the same case does not edit it but
 * says so, and can ask to use it there instead (as WhatsApp Web's "Use here" does). The ask goes over a
 * BroadcastChannel; the holding tab stops editing, saves what it has, and only then lets the lock go, so the tab
 * taking over loads everything the first one did. Other cases are other locks: they stay independent.
 *
 * The hand-over is cooperative: the lock is never stolen (`steal`), because a tab robbed mid-save could still land a
 * write after the new tab has loaded, which is the overwrite this prevents.
 */

/** The Web Locks API as far as a hold needs it (`navigator.locks`). */
export interface Locks {
  request(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<unknown> | unknown,
  ): Promise<unknown>;
}

/** What a hold needs from the page: the locks, a channel to the other tabs, and how to save before letting go. */
export interface CaseHoldOptions {
  locks: Locks;
  /** A channel shared by every tab of the tool (a `BroadcastChannel` on {@link holdChannelName}). */
  channel: Pick<BroadcastChannel, 'postMessage' | 'close' | 'addEventListener' | 'removeEventListener'>;
  /**
   * Another tab asked to use the case: stop taking changes and save what this tab has. The lock is let go once the
   * promise settles (whether the save worked or not, so the other tab is not left waiting for ever).
   */
  onAsked: () => Promise<void>;
  /**
   * The lock still being let go by this tab's previous hold on the case (closed and opened again at once): a lock is
   * let go a moment after it is given up, and the case would otherwise seem open elsewhere.
   */
  lettingGo?: Promise<unknown>;
}

/** The name of the channel the tabs of the tool use to ask each other for a case. */
export const holdChannelName = 'chat-disclosure:cases';

/** The lock that says which tab holds a case. */
export const lockNameOf = (caseId: string): string => `chat-disclosure:case:${caseId}`;

/** The message a tab sends to ask the tab holding a case to let it go. */
interface AskMessage {
  kind: 'use-here';
  caseId: string;
}

function isAsk(data: unknown, caseId: string): data is AskMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as AskMessage).kind === 'use-here' &&
    (data as AskMessage).caseId === caseId
  );
}

/** The hold of one case in one tab: claimed when the case is opened, given up when asked or when the case closes. */
export class CaseHold {
  readonly #caseId: string;
  readonly #options: CaseHoldOptions;
  /** Lets the lock go, while it is held. */
  #release: (() => void) | null = null;
  /** Stops a request still waiting for the lock (the case was closed first). */
  readonly #abort = new AbortController();
  #closed = false;
  #handingOver = false;
  /** Settles once this hold's lock requests have all ended (the lock is let go). */
  #requests: Promise<unknown>[] = [];

  constructor(caseId: string, options: CaseHoldOptions) {
    this.#caseId = caseId;
    this.#options = options;
    options.channel.addEventListener('message', this.#onMessage);
  }

  /** Whether this tab holds the case now. */
  get held(): boolean {
    return this.#release !== null;
  }

  /** Takes the case if no other tab holds it; false when one does (the page then says so, and offers "Use it here"). */
  async claim(): Promise<boolean> {
    await this.#options.lettingGo?.catch(() => undefined);
    return this.#request(true);
  }

  /**
   * Asks the tab holding the case to let it go, and waits until it has saved and done so: once this resolves, the case
   * can be loaded with everything that tab saved. Resolves false if the case was closed here first.
   */
  async takeOver(): Promise<boolean> {
    if (this.held) return true;
    const message: AskMessage = { kind: 'use-here', caseId: this.#caseId };
    this.#options.channel.postMessage(message);
    return this.#request(false);
  }

  /** The case is closed in this tab: let the lock go, stop waiting for it, stop listening. Settles once it is let go. */
  close(): Promise<void> {
    this.#closed = true;
    this.#abort.abort();
    this.#options.channel.removeEventListener('message', this.#onMessage);
    this.#letGo();
    return Promise.allSettled(this.#requests).then(() => undefined);
  }

  #request(ifAvailable: boolean): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    return new Promise<boolean>((resolve, reject) => {
      const options = ifAvailable ? { ifAvailable: true } : { signal: this.#abort.signal };
      const request = this.#options.locks.request(lockNameOf(this.#caseId), options, (lock) => {
        if (!lock || this.#closed) {
          resolve(false);
          return undefined;
        }
        this.#handingOver = false;
        return new Promise<void>((release) => {
          this.#release = release;
          resolve(true);
        });
      });
      this.#requests.push(request);
      request.catch((error: unknown) => {
        // Aborted because the case was closed while waiting: nothing to report.
        if (this.#closed) resolve(false);
        else reject(error);
      });
    });
  }

  #letGo(): void {
    const release = this.#release;
    this.#release = null;
    release?.();
  }

  readonly #onMessage = (event: MessageEvent): void => {
    if (!isAsk(event.data, this.#caseId) || !this.held || this.#handingOver) return;
    this.#handingOver = true;
    this.#options
      .onAsked()
      .catch(() => undefined)
      .finally(() => this.#letGo());
  };
}

/**
 * Runs `work` on a case only while no tab has it open, holding its lock meanwhile so none opens it half-way: deleting
 * a case open in another tab let that tab's next save write the record back without its chat exports. Resolves false,
 * without running `work`, when another tab has the case open.
 */
export async function whileNotOpen(locks: Locks, caseId: string, work: () => Promise<void>): Promise<boolean> {
  const done = await locks.request(lockNameOf(caseId), { ifAvailable: true }, async (lock) => {
    if (!lock) return false;
    await work();
    return true;
  });
  return done === true;
}

/** Each case's lock this tab is still letting go (see {@link CaseHoldOptions.lettingGo}). */
const lettingGo = new Map<string, Promise<unknown>>();

/** A hold on a case in this browser tab, with the page's own locks and channel. */
export function holdCase(caseId: string, onAsked: () => Promise<void>): { hold: CaseHold; close: () => void } {
  const channel = new BroadcastChannel(holdChannelName);
  const previous = lettingGo.get(caseId);
  const hold = new CaseHold(caseId, {
    locks: navigator.locks,
    channel,
    onAsked,
    ...(previous ? { lettingGo: previous } : {}),
  });
  return {
    hold,
    close: () => {
      const closed = hold.close();
      lettingGo.set(caseId, closed);
      void closed.then(() => lettingGo.get(caseId) === closed && lettingGo.delete(caseId));
      channel.close();
    },
  };
}
