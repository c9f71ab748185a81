import type { mongo } from 'mongoose';
import type { CompanyDetails } from '../domain/receipts/company';
import type { InvoiceDetails, InvoiceDetailsStore } from '../use-cases/ports';

type Doc = mongo.Document;

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * A business buyer's company details per order (`invoice_details`, _id = the order id, read by _id only). Once the
 * invoice was issued (`issuedAt`), they are what that invoice says and never change: the update is guarded by "not
 * issued", so an edit after issuing meets the existing document (duplicate key) and is refused.
 */
export class InvoiceDetailsRepo implements InvoiceDetailsStore {
  constructor(private readonly col: mongo.Collection<Doc>) {}

  async get(orderId: string): Promise<InvoiceDetails | undefined> {
    const d = await this.col.findOne({ _id: orderId } as Doc);
    return d ? { company: d.company as CompanyDetails, savedAt: String(d.savedAt), issuedAt: d.issuedAt ? String(d.issuedAt) : undefined } : undefined;
  }

  async save(orderId: string, company: CompanyDetails, at: string): Promise<'saved' | 'issued'> {
    try {
      await this.col.updateOne(
        { _id: orderId, issuedAt: { $exists: false } } as Doc,
        { $set: { company, savedAt: at } },
        { upsert: true },
      );
      return 'saved';
    } catch (err) {
      if (isDuplicateKey(err)) return 'issued';
      throw err;
    }
  }

  async markIssued(orderId: string, at: string): Promise<void> {
    await this.col.updateOne({ _id: orderId, issuedAt: { $exists: false } } as Doc, { $set: { issuedAt: at } });
  }
}
