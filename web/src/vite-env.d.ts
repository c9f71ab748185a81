/// <reference types="vite/client" />

/** Set at build time from STRIPE_PUBLISHABLE_KEY; empty when checkout runs on the simulated provider. */
declare const __STRIPE_PUBLISHABLE_KEY__: string;

/**
 * Set at build time: true in development (`vite`) and when DEMO_SIGN_IN=on (the browser suites' build); the sign-in
 * page then offers the demo people as one-click fill-ins. False in a production build: no demo password ships.
 */
declare const __DEMO_SIGN_IN__: boolean;
/** A build registers the service worker vite-plugin-pwa makes (vite.config.ts); the dev server has none. */
declare const __SERVICE_WORKER__: boolean;
