import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from './principal.js';

export interface RequestContext {
  requestId: string;
  /** Set by the auth guard once the caller is known. */
  principal?: Principal;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The request being served, if any: services use it for audit without threading it through. */
export const requestContext = {
  run<T>(ctx: RequestContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
  /** Binds the context to the rest of the current execution (a Fastify hook before the handler). */
  enter(ctx: RequestContext): void {
    storage.enterWith(ctx);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
