import { connectMongo } from '@ftt/kit';
import { testEnv } from '@ftt/kit/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import mongoose from 'mongoose';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';

// Proof that the chosen server versions do what the services rely on.
const t = testEnv('infra');

describe('Kafka (kafkajs 2.2.4 against the native KRaft broker)', () => {
  it('when a topic is created, produced to and consumed by a group, then the group commits its offsets', async () => {
    const kafka = new Kafka({ clientId: 'infra', brokers: t.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const topic = `${t.topicPrefix}infra`;
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true })).toBe(true);
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
