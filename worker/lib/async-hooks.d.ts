/**
 * The one Node API the worker uses: workerd's AsyncLocalStorage (nodejs_compat), by lib/request-scope.ts. Declared
 * here, as much of it as is used, rather than by adding @types/node to the worker's types: those would declare
 * Node's globals (its timers, process) that the worker's code must not come to rely on.
 */
declare module 'node:async_hooks' {
  export class AsyncLocalStorage<T> {
    run<R>(store: T, fn: () => R): R;
    getStore(): T | undefined;
  }
}
