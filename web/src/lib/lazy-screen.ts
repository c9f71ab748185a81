import { lazy, type ComponentType } from 'react';

/**
 * A screen loaded when it is first shown: its code is a chunk of its own, not part of what every visitor's first page
 * downloads (the shop). `lazyScreen(() => import('./screens/farmer/home'), 'FarmerHomeScreen')`.
 */
export const lazyScreen = <M, K extends keyof M>(load: () => Promise<M>, name: K) =>
  lazy(async () => ({ default: (await load())[name] as M[K] & ComponentType<PropsOf<M[K]>> }));

type PropsOf<C> = C extends ComponentType<infer P> ? P : never;
