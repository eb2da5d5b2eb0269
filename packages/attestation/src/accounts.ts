/**
 * Accounts, passwords, sessions and sign-in limits. Passwords are hashed with scrypt from `node:crypto` (memory-hard,
 * no native module). A run of failed sign-ins locks the account for a while; failed attempts are also limited per
 * client address (successful ones are not: a trust's staff may all come through one proxy), with counters in the
 * database so every instance shares them. Sessions are random tokens of which only the SHA-256 is stored. Accounts match the roster by office e-mail address, for local and single sign-on alike.
 */
import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { isValidEmail } from '@im-records/records-policy';
import { type Actor, isRole, type Role, requireRole } from './access.ts';
import { appendAudit } from './audit/log.ts';
import { ukDate } from './clock.ts';
import { ConflictError, NotFoundError, SignInError, ValidationError } from './errors.ts';
import { isLeaver } from './roster/parse.ts';
import { readSettings, type Settings } from './settings.ts';
import { inTransaction, type Store } from './store.ts';

const SCRYPT = { N: 32_768, r: 8, p: 1, keyLength: 32, maxmem: 96 * 1024 * 1024 };

/** The shortest password accepted (NCSC: length over complexity rules). */
export const MIN_PASSWORD_LENGTH = 12;

function scryptAsync(
  password: string,
  salt: Buffer,
  N: number,
  r: number,
  p: number,
  keyLength: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, { N, r, p, maxmem: SCRYPT.maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Hashes a password: `scrypt$N$r$p$salt$hash` (base64url), so the cost can be raised later without losing old hashes. */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 200) {
    throw new ValidationError(`a password must be ${MIN_PASSWORD_LENGTH} to 200 characters long`);
  }
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(
    password,
    Buffer.from(salt, 'base64url'),
    Number(n),
    Number(r),
    Number(p),
    expected.length,
  );
  return timingSafeEqual(actual, expected);
}

/** A hash no password matches, checked against when the e-mail is unknown so timing does not reveal which accounts exist. */
const decoyHash = hashPassword('decoy-password-never-used');

/** What to create. */
export interface NewAccount {
  email: string;
  role: Role;
  password?: string | undefined;
  /** Departments a manager may see. */
  departments?: readonly string[];
}

function normaliseEmail(email: string): string {
  const tidy = email.trim().toLowerCase();
  if (!isValidEmail(tidy)) throw new ValidationError('enter a valid e-mail address');
  return tidy;
}

/** Creates an account (linked to the roster entry with the same e-mail, if any). `actor` is an account id or `cli`. */
export async function createAccount(store: Store, actor: string, input: NewAccount): Promise<string> {
  const email = normaliseEmail(input.email);
  if (!isRole(input.role)) throw new ValidationError(`the role must be one of staff, manager, ig-lead, admin`);
  if (input.role === 'manager') requireManagedDepartments(input.departments);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return inTransaction(store, async (tx) => {
    const existing = await tx.db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirst();
    if (existing) throw new ConflictError('an account with that e-mail address already exists');
    const person = await tx.db.selectFrom('people').select('id').where('email', '=', email).executeTakeFirst();
    const id = randomUUID();
    await tx.db
      .insertInto('accounts')
      .values({
        id,
        email,
        role: input.role,
        person: person?.id ?? null,
        password_hash: passwordHash,
        oidc_subject: null,
        failed_attempts: 0,
        locked_until: null,
        disabled: 0,
        created_at: tx.clock().toISOString(),
        last_sign_in_at: null,
      })
      .execute();
    await setManagerDepartments(tx, id, input.role === 'manager' ? (input.departments ?? []) : []);
    await appendAudit(tx, {
      actor,
      type: 'account.created',
      subject: id,
      data: { role: input.role, linkedToRoster: person !== undefined, departments: input.departments ?? [] },
    });
    return id;
  });
}

/**
 * A manager sees and chases only their own departments: one with none would see an empty dashboard and could record
 * nothing on anyone's behalf, which looks like a fault rather than a setting.
 */
function requireManagedDepartments(departments: readonly string[] | undefined): void {
  if (!departments || departments.length === 0) {
    throw new ValidationError('departments: choose at least one department for a manager to manage');
  }
}

async function setManagerDepartments(tx: Store, account: string, departments: readonly string[]): Promise<void> {
  if (departments.length > 0) {
    const known = await tx.db.selectFrom('departments').select('id').where('id', 'in', departments).execute();
    const unknown = departments.filter((d) => !known.some((k) => k.id === d));
    if (unknown.length > 0) throw new ValidationError(`no such department: ${unknown.join(', ')}`);
  }
  await tx.db.deleteFrom('manager_departments').where('account', '=', account).execute();
  if (departments.length > 0) {
    await tx.db
      .insertInto('manager_departments')
      .values([...new Set(departments)].map((department_id) => ({ account, department_id })))
      .execute();
  }
}

/** Changes an account's role, departments, disabled flag or password (admins only); ends its sessions when disabled. */
export async function updateAccount(
  store: Store,
  actor: Actor,
  accountId: string,
  changes: { role?: Role; departments?: readonly string[]; disabled?: boolean; password?: string; unlock?: boolean },
): Promise<void> {
  requireRole(actor, 'admin');
  if (changes.role !== undefined && !isRole(changes.role)) throw new ValidationError('unknown role');
  const passwordHash = changes.password === undefined ? undefined : await hashPassword(changes.password);
  await inTransaction(store, async (tx) => {
    const account = await tx.db
      .selectFrom('accounts')
      .select(['id', 'role'])
      .where('id', '=', accountId)
      .executeTakeFirst();
    if (!account) throw new NotFoundError('no such account');
    if (accountId === actor.accountId && (changes.disabled || (changes.role && changes.role !== 'admin'))) {
      throw new ConflictError('you cannot disable your own account or remove your own admin role');
    }
    const role = changes.role ?? (account.role as Role);
    // Made a manager, or a manager's departments changed: they must still manage at least one.
    if (role === 'manager' && (changes.departments !== undefined || account.role !== 'manager')) {
      requireManagedDepartments(changes.departments);
    }
    await tx.db
      .updateTable('accounts')
      .set({
        role,
        ...(changes.disabled === undefined ? {} : { disabled: changes.disabled ? 1 : 0 }),
        ...(passwordHash === undefined ? {} : { password_hash: passwordHash }),
        ...(changes.unlock ? { failed_attempts: 0, locked_until: null } : {}),
      })
      .where('id', '=', accountId)
      .execute();
    if (changes.departments !== undefined || role !== 'manager') {
      await setManagerDepartments(tx, accountId, role === 'manager' ? (changes.departments ?? []) : []);
    }
    if (changes.disabled || changes.password !== undefined) {
      await tx.db.deleteFrom('sessions').where('account', '=', accountId).execute();
    }
    await appendAudit(tx, {
      actor: actor.accountId,
      type: 'account.updated',
      subject: accountId,
      data: {
        role,
        departments: changes.departments,
        disabled: changes.disabled,
        passwordChanged: changes.password !== undefined,
        unlocked: changes.unlock === true,
      },
    });
  });
}

/**
 * A fixed-window counter: counts one attempt for `key` and throws when the window's limit is passed. Returns a release
 * that takes the attempt back (a sign-in that turned out right), so only failures use up an address's allowance.
 */
export async function consumeRateLimit(
  store: Store,
  key: string,
  limit: number,
  windowMinutes: number,
): Promise<() => Promise<void>> {
  const now = store.clock().getTime();
  const windowMs = windowMinutes * 60_000;
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs).toISOString();
  const row = await store.db
    .insertInto('rate_limits')
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ count: eb('rate_limits.count', '+', 1) })),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  if (row.count > limit) {
    throw new SignInError(
      'rate-limited',
      'Too many sign-in attempts from your network. Wait 15 minutes and try again.',
    );
  }
  return async () => {
    await store.db
      .updateTable('rate_limits')
      .set((eb) => ({ count: eb('count', '-', 1) }))
      .where('key', '=', key)
      .where('window_start', '=', windowStart)
      .where('count', '>', 0)
      .execute();
  };
}

/** A new session for an account; returns the token for the cookie (only its hash is stored). */
export async function createSession(store: Store, accountId: string): Promise<{ token: string; expiresAt: string }> {
  const settings = await readSettings(store);
  const token = randomBytes(32).toString('base64url');
  const now = store.clock();
  const expiresAt = new Date(now.getTime() + settings.sessionHours * 3_600_000).toISOString();
  await store.db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      account: accountId,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      last_seen_at: now.toISOString(),
    })
    .execute();
  return { token, expiresAt };
}

/** SHA-256 of a session token, as stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The account a session token belongs to, if the session is live and the account enabled. */
export async function sessionAccount(
  store: Store,
  token: string,
): Promise<{ accountId: string; role: Role; email: string } | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await store.db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account')
    .leftJoin('people', 'people.id', 'accounts.person')
    .select([
      'accounts.id as accountId',
      'accounts.role',
      'accounts.email',
      'accounts.disabled',
      'sessions.expires_at',
      'people.termination_date',
    ])
    .where('sessions.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.disabled || row.expires_at <= store.clock().toISOString() || !isRole(row.role)) return null;
  if (isLeaver(row.termination_date ?? null, ukDate(store.clock()))) return null;
  return { accountId: row.accountId, role: row.role, email: row.email };
}

/** Ends a session (sign-out). */
export async function endSession(store: Store, token: string): Promise<void> {
  await store.db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

/** Removes expired sessions and old rate-limit windows (run now and then; nothing depends on it for safety). */
export async function pruneSignInState(store: Store): Promise<void> {
  const now = store.clock();
  await store.db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
  await store.db
    .deleteFrom('rate_limits')
    .where('window_start', '<', new Date(now.getTime() - 86_400_000).toISOString())
    .execute();
}

/** Where a sign-in attempt comes from: the client address, hashed before it is used as a counter key. */
export interface SignInContext {
  clientAddress: string;
}

function addressKey(context: SignInContext): string {
  return `signin:${createHash('sha256').update(context.clientAddress).digest('hex').slice(0, 32)}`;
}

/** The counter of failed sign-ins for an e-mail address that has no account with a password (hashed, as above). */
function unknownEmailKey(email: string): string {
  return `signin-email:${createHash('sha256').update(email).digest('hex').slice(0, 32)}`;
}

function lockedError(settings: Settings): SignInError {
  return new SignInError(
    'locked',
    `This account is locked after too many failed sign-ins. Try again after ${settings.lockoutMinutes} minutes, or ask an administrator to unlock it.`,
  );
}

/**
 * Whether the roster says the account's person has left (a termination date on or before today). Their account then
 * counts as disabled: a leaver, above all a manager, must not keep access to staff records after their last day, and
 * nobody has to remember to switch the account off.
 */
async function personHasLeft(store: Store, personId: string | null): Promise<boolean> {
  if (personId === null) return false;
  const person = await store.db
    .selectFrom('people')
    .select('termination_date')
    .where('id', '=', personId)
    .executeTakeFirst();
  return isLeaver(person?.termination_date ?? null, ukDate(store.clock()));
}

/** Signs in with e-mail and password. Throws {@link SignInError} with a message safe to show. */
export async function signInWithPassword(
  store: Store,
  input: { email: string; password: string },
  context: SignInContext,
): Promise<{ accountId: string; token: string; expiresAt: string }> {
  const settings = await readSettings(store);
  if (!settings.passwordSignIn) throw new SignInError('disabled', 'Sign in with your organisation account instead.');
  // Counted before the password is checked (parallel guesses cannot slip past), and taken back when it is right: a
  // trust's staff often reach the service from one proxy address, and a morning of sign-ins must not lock them all out.
  const release = await consumeRateLimit(store, addressKey(context), settings.signInRateLimit, 15);
  const email = input.email.trim().toLowerCase();
  const account = await store.db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
  const invalid = new SignInError('invalid', 'The e-mail address or password is not right.');
  if (!account || account.password_hash === null) {
    await verifyPassword(await decoyHash, input.password);
    // An address with no account locks as an account would, after as many failures: a lock that only real accounts
    // showed would tell anyone which addresses have one.
    try {
      await consumeRateLimit(store, unknownEmailKey(email), settings.lockoutThreshold, settings.lockoutMinutes);
    } catch (error) {
      throw error instanceof SignInError ? lockedError(settings) : error;
    }
    throw invalid;
  }
  const now = store.clock();
  if (account.locked_until && account.locked_until > now.toISOString()) {
    await appendAudit(store, {
      actor: 'anonymous',
      type: 'account.sign-in-failed',
      subject: account.id,
      data: { reason: 'locked' },
    });
    throw lockedError(settings);
  }
  const ok = await verifyPassword(account.password_hash, input.password);
  const disabled = account.disabled === 1 || (await personHasLeft(store, account.person));
  if (!ok || disabled) {
    const failures = account.failed_attempts + 1;
    const locks = failures >= settings.lockoutThreshold;
    await inTransaction(store, async (tx) => {
      await tx.db
        .updateTable('accounts')
        .set({
          failed_attempts: locks ? 0 : failures,
          locked_until: locks
            ? new Date(now.getTime() + settings.lockoutMinutes * 60_000).toISOString()
            : account.locked_until,
        })
        .where('id', '=', account.id)
        .execute();
      await appendAudit(tx, {
        actor: 'anonymous',
        type: locks ? 'account.locked' : 'account.sign-in-failed',
        subject: account.id,
        data: { reason: disabled ? 'disabled' : 'password', failures },
      });
    });
    throw invalid;
  }
  await release();
  return completeSignIn(store, account.id, 'password');
}

async function completeSignIn(
  store: Store,
  accountId: string,
  method: 'password' | 'oidc',
): Promise<{ accountId: string; token: string; expiresAt: string }> {
  return inTransaction(store, async (tx) => {
    await tx.db
      .updateTable('accounts')
      .set({ failed_attempts: 0, locked_until: null, last_sign_in_at: tx.clock().toISOString() })
      .where('id', '=', accountId)
      .execute();
    const session = await createSession(tx, accountId);
    await appendAudit(tx, { actor: accountId, type: 'account.signed-in', subject: accountId, data: { method } });
    return { accountId, ...session };
  });
}

/**
 * Signs in someone the identity provider vouched for: by the subject seen before, else by e-mail to an existing account
 * (which is then bound to the subject), else to a new staff account for the roster entry with that office e-mail.
 * Throws {@link SignInError} when nobody on the roster or in the accounts has that e-mail.
 */
export async function signInWithOidc(
  store: Store,
  claims: { subject: string; email: string | undefined; emailVerified: boolean | undefined },
): Promise<{ accountId: string; token: string; expiresAt: string }> {
  const refused = new SignInError(
    'invalid',
    'Your organisation account is not linked to anyone on the staff roster. Ask the administrator to check your e-mail address on the roster.',
  );
  const accountId = await inTransaction(store, async (tx) => {
    const bySubject = await tx.db
      .selectFrom('accounts')
      .select(['id', 'disabled', 'person'])
      .where('oidc_subject', '=', claims.subject)
      .executeTakeFirst();
    if (bySubject) {
      if (bySubject.disabled || (await personHasLeft(tx, bySubject.person))) throw refused;
      return bySubject.id;
    }
    // Only an address the provider has verified may bind an account (Entra ID returns verified work addresses).
    if (!claims.email || claims.emailVerified === false) throw refused;
    const email = claims.email.trim().toLowerCase();
    const byEmail = await tx.db
      .selectFrom('accounts')
      .select(['id', 'disabled', 'oidc_subject', 'person'])
      .where('email', '=', email)
      .executeTakeFirst();
    if (byEmail) {
      if (byEmail.disabled || (byEmail.oidc_subject && byEmail.oidc_subject !== claims.subject)) throw refused;
      if (await personHasLeft(tx, byEmail.person)) throw refused;
      await tx.db.updateTable('accounts').set({ oidc_subject: claims.subject }).where('id', '=', byEmail.id).execute();
      return byEmail.id;
    }
    const person = await tx.db.selectFrom('people').select('id').where('email', '=', email).executeTakeFirst();
    if (!person || (await personHasLeft(tx, person.id))) throw refused;
    const id = randomUUID();
    await tx.db
      .insertInto('accounts')
      .values({
        id,
        email,
        role: 'staff',
        person: person.id,
        password_hash: null,
        oidc_subject: claims.subject,
        failed_attempts: 0,
        locked_until: null,
        disabled: 0,
        created_at: tx.clock().toISOString(),
        last_sign_in_at: null,
      })
      .execute();
    await appendAudit(tx, {
      actor: 'system',
      type: 'account.created',
      subject: id,
      data: { role: 'staff', via: 'oidc' },
    });
    return id;
  });
  return completeSignIn(store, accountId, 'oidc');
}

/** Records a sign-out in the audit log and ends the session. */
export async function signOut(store: Store, token: string, accountId: string): Promise<void> {
  await inTransaction(store, async (tx) => {
    await endSession(tx, token);
    await appendAudit(tx, { actor: accountId, type: 'account.signed-out', subject: accountId });
  });
}

/** Accounts for the admin page (no password hashes), newest first. */
export async function listAccounts(store: Store, actor: Actor) {
  requireRole(actor, 'admin');
  const accounts = await store.db
    .selectFrom('accounts')
    .select([
      'id',
      'email',
      'role',
      'person',
      'disabled',
      'locked_until',
      'last_sign_in_at',
      'oidc_subject',
      'created_at',
    ])
    .orderBy('email')
    .execute();
  const departments = await store.db.selectFrom('manager_departments').selectAll().execute();
  return accounts.map((a) => ({
    ...a,
    sso: a.oidc_subject !== null,
    departments: departments.filter((d) => d.account === a.id).map((d) => d.department_id),
  }));
}
