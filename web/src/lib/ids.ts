/** A fresh idempotency key: one per intended action, reused when that action is retried. */
export const newKey = (): string => crypto.randomUUID();
