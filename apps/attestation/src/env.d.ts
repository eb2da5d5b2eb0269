/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Who is signed in (null for visitors), from the session cookie. */
    actor: import('@im-records/attestation').Actor | null;
    /** The signed-in account's e-mail, for the header. */
    email: string | null;
    /** The CSRF token every form on the page must post back. */
    csrfToken: string;
    /** A form post's fields, read once by the middleware (files included). */
    form: FormData | null;
    /** Set when a page failed with a domain error: what /problem shows. */
    /** `signIn`: for a form sent after the session ended, the sign-in address that returns to the form's page. */
    problem?: { status: number; title: string; message: string; signIn?: string };
  }
}
