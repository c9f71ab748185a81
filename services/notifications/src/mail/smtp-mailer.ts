import nodemailer, { type Transporter } from 'nodemailer';
import type { Mailer, OutgoingMail } from '../use-cases/ports';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string | undefined;
  password?: string | undefined;
  from: string;
}

/**
 * Mail over SMTP (nodemailer). Short timeouts: a server that is down must fail the attempt quickly so the
 * email goes back to 'pending' with backoff, rather than hold the sender. STARTTLS is used when offered.
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(private readonly s: SmtpSettings) {
    this.transport = nodemailer.createTransport({
      host: s.host,
      port: s.port,
      secure: s.secure,
      ...(s.user ? { auth: { user: s.user, pass: s.password ?? '' } } : {}),
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 15_000,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      from: this.s.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
    });
  }

  close(): void {
    this.transport.close();
  }
}
