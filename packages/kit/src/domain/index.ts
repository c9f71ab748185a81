// The shared vocabulary that domain code may import (no express, mongoose or kafkajs behind it).
export * from './audit-record';
export * from './cause';
export * from './errors';
export * from './outcome';
