import type { mongo } from 'mongoose';
import type { DocumentNumbers } from '../domain/receipts/numbering';

type Doc = mongo.Document;

const keyOf = (documentId: string) => encodeURIComponent(documentId).replace(/\./g, '%2E');
const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Gapless numbers per seller and period: one document per seller and period (`document_numbers`, _id
 * `<seller>|<period>`) holds the last number and every document's number, and a number is taken in one conditional
 * write on that document (expected last number, document not yet numbered). So the count and the assignment can never
 * part (a crash leaves either both or neither: no gap), two writers can never take the same number (the loser's
 * condition fails and it reads again), and asking again for a numbered document gives its number (idempotent). The
 * document grows with a seller's documents of one period (a month: hundreds to a few thousand).
 */
export class DocumentNumberRepo implements DocumentNumbers {
  constructor(private readonly col: mongo.Collection<Doc>) {}

  async numberFor(sellerId: string, period: string, documentId: string): Promise<number> {
    const _id = `${sellerId}|${period}`;
    const key = keyOf(documentId);
    for (let attempt = 0; ; attempt++) {
      const cur = await this.col.findOne({ _id } as Doc, { projection: { n: 1, [`docs.${key}`]: 1 } });
      const had = (cur?.docs as Record<string, number> | undefined)?.[key];
      if (typeof had === 'number') return had;
      const n = ((cur?.n as number | undefined) ?? 0) + 1;
      try {
        if (!cur) {
          await this.col.insertOne({ _id, n, docs: { [key]: n } } as Doc);
          return n;
        }
        const res = await this.col.updateOne({ _id, n: cur.n, [`docs.${key}`]: { $exists: false } } as Doc, {
          $set: { n, [`docs.${key}`]: n },
        });
        if (res.modifiedCount === 1) return n;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      // another writer took this number: read again, after a short random pause so that writers spread out
      if (attempt > 200)
        throw new Error(`document numbers: no number for ${documentId} after ${attempt} tries`);
      await pause(Math.random() * Math.min(40, 2 ** attempt));
    }
  }
}
