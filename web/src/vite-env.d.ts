/// <reference types="vite/client" />

/** Set at build time from STRIPE_PUBLISHABLE_KEY; empty when checkout runs on the simulated provider. */
declare const __STRIPE_PUBLISHABLE_KEY__: string;
