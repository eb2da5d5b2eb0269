/**
 * Sending an e-mail: an interface the reminder runner calls, and an SMTP implementation with nodemailer (loaded only
 * when a run sends). Configured from `SMTP_URL` (`smtp://user:password@host:587`, or `smtps://` for implicit TLS) and
 * `SMTP_FROM` (`"Information Governance" <ig@trust.nhs.uk>`); without them a run prepares a mail-merge file instead.
 */

/** One message, as the runner hands it over. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** A stable Message-ID (the send's id), so a retried message can be recognised as the same one. */
  messageId: string;
}

/** Something that sends e-mail; throws when the message was not accepted. */
export interface Mailer {
  /** Where it sends, without credentials, for reports (`SMTP mail.trust.nhs.uk:587`). */
  readonly label: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

/** SMTP settings. */
export interface SmtpSettings {
  url: string;
  from: string;
}

/** The SMTP settings from the environment, or null when `SMTP_URL` is not set. Throws when half-configured. */
export function smtpSettingsFrom(env: Readonly<Record<string, string | undefined>>): SmtpSettings | null {
  const url = env.SMTP_URL?.trim();
  if (!url) return null;
  if (!/^smtps?:\/\//i.test(url)) throw new TypeError('SMTP_URL must start smtp:// or smtps://');
  const from = env.SMTP_FROM?.trim();
  if (!from) throw new TypeError('SMTP_FROM must be set with SMTP_URL (the address reminders come from)');
  return { url, from };
}

/** A mailer that sends through an SMTP server with nodemailer (one pooled connection, reused across messages). */
export async function smtpMailer(settings: SmtpSettings): Promise<Mailer> {
  const { createTransport } = await import('nodemailer');
  const parsed = new URL(settings.url);
  const transport = createTransport(settings.url);
  return {
    label: `SMTP ${parsed.hostname}:${parsed.port || (parsed.protocol === 'smtps:' ? '465' : '587')}`,
    async send(mail) {
      await transport.sendMail({
        from: settings.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    },
    async close() {
      transport.close();
    },
  };
}
