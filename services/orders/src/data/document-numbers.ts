import type { mongo } from 'mongoose';
import type { DocumentNumbers } from '../domain/receipts/numbering';

type Doc = mongo.Document;

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * Gapless numbers per seller and period: one document per seller and period (`document_numbers`, _id
 * `<seller>|<period>`) lists the numbered documents in the order they were numbered, and a document's number is its
 * place in that list. Numbering is one atomic `$push` guarded by "not listed yet", so the count and the assignment
 * are one write (a crash leaves both or neither: no gap), concurrent writers are put in order by the server (no two
 * get the same place, and none retries), and asking again finds the document where it is (idempotent). The list
 * grows with a seller's documents of one period (a month: hundreds to a few thousand).
 */
export class DocumentNumberRepo implements DocumentNumbers {
  constructor(private readonly col: mongo.Collection<Doc>) {}

  async numberFor(sellerId: string, period: string, documentId: string): Promise<number> {
    const _id = `${sellerId}|${period}`;
    try {
      await this.col.updateOne(
        { _id, docs: { $ne: documentId } } as Doc,
        { $push: { docs: documentId } } as Doc,
        {
          upsert: true,
        },
      );
    } catch (err) {
      // the upsert met a document that exists: listed already, or created by a concurrent first numbering
      if (!isDuplicateKey(err)) throw err;
      await this.col.updateOne(
        { _id, docs: { $ne: documentId } } as Doc,
        { $push: { docs: documentId } } as Doc,
      );
    }
    const doc = await this.col.findOne({ _id } as Doc);
    const at = ((doc?.docs as string[] | undefined) ?? []).indexOf(documentId);
    if (at < 0) throw new Error(`document numbers: ${documentId} is not listed after its numbering`);
    return at + 1;
  }
}
