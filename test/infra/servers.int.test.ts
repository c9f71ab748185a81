import { connect } from 'node:net';
import { connectMongo, ensureTopics } from '@ftt/kit';
import { eventually, testEnv } from '@ftt/kit/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import mongoose from 'mongoose';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';

// Proof that the chosen server versions do what the services rely on.
const t = testEnv('infra');

describe('Kafka (kafkajs 2.2.4 against the native KRaft broker)', () => {
  it('when a topic is created, produced to and consumed by a group, then the group commits its offsets', async () => {
    const kafka = new Kafka({ clientId: 'infra', brokers: t.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
    const topic = `${t.topicPrefix}infra`;
    await ensureTopics(kafka, '', [topic]); // what every service does at start: create, then wait for the leaders
    const admin = kafka.admin();
    await admin.connect();
    expect((await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]!.partitions).toHaveLength(3);
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
    const groupId = `${t.topicPrefix}group`;
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 50 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(String(message.value)) });
    for (let i = 0; i < 200 && seen.length < 30; i++) await new Promise((r) => setTimeout(r, 50));
    await consumer.disconnect(); // commits what was consumed
    expect(seen.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `v${i}`).sort());
    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed = offsets[0]!.partitions.reduce((n, p) => n + Number(p.offset), 0);
    expect(committed).toBe(30);
    await producer.disconnect();
    await admin.disconnect();
  });
});

describe('the database server (MongoDB wire) with mongoose', () => {
  it('when documents are created, read, updated and deleted, then each step is visible, and a duplicate unique key is refused', async () => {
    const db = await connectMongo(t.mongoUrl);
    const Farm = db.model('Farm', new mongoose.Schema({ slug: { type: String, unique: true }, name: String }));
    await Farm.init();
    const created = await Farm.create({ slug: 'de-hof', name: 'De Hof' });
    expect((await Farm.findById(created._id).lean())?.name).toBe('De Hof');
    await Farm.updateOne({ _id: created._id }, { $set: { name: 'De Hof BV' } });
    expect((await Farm.findById(created._id).lean())?.name).toBe('De Hof BV');
    await expect(Farm.create({ slug: 'de-hof', name: 'copy' })).rejects.toMatchObject({ code: 11000 });
    await Farm.deleteOne({ _id: created._id });
    expect(await Farm.countDocuments()).toBe(0);
    await db.close();
  });

  it('when 200 conditional decrements race for 50 units through the kit connection, then exactly 50 succeed', async () => {
    const db = await connectMongo(t.mongoUrl);
    const c = db.collection('race');
    await c.insertOne({ _id: 'l1' as never, available: 50, reserved: 0 });
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        c.updateOne({ _id: 'l1' as never, available: { $gte: 1 } }, { $inc: { available: -1, reserved: 1 } }),
      ),
    );
    expect(results.filter((r) => r.modifiedCount === 1)).toHaveLength(50);
    expect(await c.findOne({ _id: 'l1' as never })).toMatchObject({ available: 0, reserved: 50 });
    await db.close();
  });
});

describe('stripe-mock with stripe-node', () => {
  it('when a PaymentIntent is created, then stripe-mock answers with a PaymentIntent object', async () => {
    const base = new URL(t.stripeApiBase);
    const stripe = new Stripe('sk_test_123', {
      host: base.hostname,
      port: Number(base.port),
      protocol: base.protocol.replace(':', '') as 'http' | 'https',
      maxNetworkRetries: 1,
    });
    const pi = await stripe.paymentIntents.create(
      { amount: 1850, currency: 'eur', metadata: { orderId: 'ord-1' }, transfer_group: 'ord-1' },
      { idempotencyKey: `pi-${t.run}` },
    );
    expect(pi.object).toBe('payment_intent');
    expect(pi.id).toMatch(/^pi_/);
    expect(pi.client_secret).toBeTruthy();
  });
});

/** A minimal SMTP client (RFC 5321): the mail server is checked with the protocol itself, not with our mailer. */
const smtpSend = (port: number, from: string, to: string, data: string) =>
  new Promise<string[]>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const replies: string[] = [];
    const script = [`EHLO infra.test`, `MAIL FROM:<${from}>`, `RCPT TO:<${to}>`, 'DATA', `${data}\r\n.`, 'QUIT'];
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      // A reply is complete at a line whose code is followed by a space (not '-', a continuation).
      const lines = buffer.split('\r\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (!/^\d{3} /.test(line)) continue;
        replies.push(line);
        const next = script.shift();
        if (next === undefined) return socket.end();
        socket.write(`${next}\r\n`);
      }
    });
    socket.on('close', () => resolve(replies));
    socket.on('error', reject);
  });

describe('mailpit (the development mail server)', () => {
  it('when a message is sent over SMTP, then the web API lists it with its subject and recipient', async () => {
    const smtpPort = Number(process.env.MAIL_SMTP_PORT ?? 1025);
    const api = `http://127.0.0.1:${process.env.MAIL_HTTP_PORT ?? 8025}/api/v1`;
    const to = `infra-${t.run}@users.fieldtotable.test`;
    const subject = `infra check ${t.run}`;
    const replies = await smtpSend(
      smtpPort,
      'infra@fieldtotable.test',
      to,
      `From: infra@fieldtotable.test\r\nTo: ${to}\r\nSubject: ${subject}\r\n\r\nhello`,
    );
    expect(replies.map((r) => r.slice(0, 3))).toEqual(['220', '250', '250', '250', '354', '250', '221']);
    const found = await eventually(async () => {
      const r = (await (await fetch(`${api}/search?query=${encodeURIComponent(`to:${to}`)}`)).json()) as {
        messages: { ID: string; Subject: string; To: { Address: string }[] }[];
      };
      return r.messages.find((m) => m.Subject === subject);
    });
    expect(found.To[0]!.Address).toBe(to);
    await fetch(`${api}/messages`, { method: 'DELETE', body: JSON.stringify({ IDs: [found.ID] }) });
  });
});
