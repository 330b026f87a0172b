// turborepo-remote-cache ships no type declarations: this is the part of its API (a Fastify app) the tests use.
declare module 'turborepo-remote-cache' {
  interface App {
    addHook(
      name: 'onResponse',
      hook: (request: { method: string; url: string }, reply: { statusCode: number }) => Promise<void>,
    ): App;
    listen(options: { host: string; port: number }): Promise<string>;
    close(): Promise<void>;
    server: import('node:net').Server;
  }

  export function createApp(options?: {
    logger?: boolean;
    configOverrides?: Record<string, string | number | boolean>;
  }): App;
}
