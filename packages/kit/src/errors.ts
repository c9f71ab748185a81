// The one DomainError, shared with domain code through '@ftt/kit/domain'.
export * from './domain/errors';
