/**
 * A real SMTP server on loopback for the reminder tests (the `smtp-server` package): it requires a user name and
 * password, accepts every message, and parses each one back with `mailparser`, so a test reads what a mailbox would.
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  /** `smtp://user:password@127.0.0.1:PORT` */
  url: string;
  messages: ParsedMail[];
  /** Refuse the next `n` messages with a 451 (a temporary failure). */
  refuseNext(n: number): void;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'reminders' && auth.password === 'loopback-only') callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      if (refusals > 0) {
        refusals -= 1;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Try again later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://reminders:loopback-only@127.0.0.1:${port}`,
    messages,
    refuseNext(n) {
      refusals = n;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A parsed message's single recipient address. */
export function recipientOf(mail: ParsedMail): string {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address ?? '';
}
