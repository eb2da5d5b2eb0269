/**
 * Roles and what each may see. Staff see their own records; managers their own departments; IG leads every
 * department; admins manage accounts, the roster and sign-in settings. The server checks the role of every route;
 * the department rules live here, next to the data, so the CLI and every route apply the same ones.
 */
import { ForbiddenError, NotFoundError } from './errors.ts';
import type { Store } from './store.ts';

/** The four roles, least to most trusted with staff data. */
export const ROLES = ['staff', 'manager', 'ig-lead', 'admin'] as const;

/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** Whether a string is a role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Who is acting: their account, role, roster entry and the departments they may see. */
export interface Actor {
  accountId: string;
  role: Role;
  /** Their own roster entry, if linked. */
  person: string | null;
  /** Departments whose people they may see: `all` for IG leads, their own for managers, none otherwise. */
  departments: readonly string[] | 'all';
}

/** The actor for an account (departments from `manager_departments` for managers). */
export async function actorFor(store: Store, accountId: string): Promise<Actor> {
  const account = await store.db
    .selectFrom('accounts')
    .select(['id', 'role', 'person', 'disabled'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account || account.disabled || !isRole(account.role)) throw new NotFoundError('no such account');
  let departments: readonly string[] | 'all' = [];
  if (account.role === 'ig-lead') departments = 'all';
  else if (account.role === 'manager') {
    const rows = await store.db
      .selectFrom('manager_departments')
      .select('department_id')
      .where('account', '=', accountId)
      .orderBy('department_id')
      .execute();
    departments = rows.map((row) => row.department_id);
  }
  return { accountId: account.id, role: account.role, person: account.person, departments };
}

/** Whether the actor may see a department's people. */
export function canSeeDepartment(actor: Actor, departmentId: string): boolean {
  return actor.departments === 'all' || actor.departments.includes(departmentId);
}

/** Throws {@link ForbiddenError} unless the actor may see the department. */
export function requireDepartment(actor: Actor, departmentId: string): void {
  if (!canSeeDepartment(actor, departmentId)) {
    throw new ForbiddenError('you can see only the people in your own departments');
  }
}

/** Throws {@link ForbiddenError} unless the actor has one of the roles. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) throw new ForbiddenError(`this needs the ${roles.join(' or ')} role`);
}
