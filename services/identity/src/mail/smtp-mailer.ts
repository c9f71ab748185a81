import nodemailer, { type Transporter } from 'nodemailer';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string | undefined;
  password?: string | undefined;
  from: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Mail over SMTP (nodemailer), with short timeouts: a server that is down fails the send quickly. */
export class SmtpMailer {
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
    await this.transport.sendMail({ from: this.s.from, to: mail.to, subject: mail.subject, text: mail.text });
  }

  close(): void {
    this.transport.close();
  }
}
