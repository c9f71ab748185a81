/**
 * The demo users live once, in the kit; the dev server mints their tokens (the secret never reaches the
 * browser). A relative import on purpose: Vite bundles it into its config, while a TypeScript file reached
 * through node_modules (@ftt/kit/demo-users) would be left for Node to load, which cannot.
 */
export { demoUsers, type DemoRole as Role, type DemoUser } from '../../../packages/kit/src/demo-users';
