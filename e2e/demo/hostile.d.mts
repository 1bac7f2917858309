// Types for the plain-JS hostile routes, so the TypeScript specs can import them.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The secrets /x/secrets sends. */
export declare const SECRETS: {
  bearer: string;
  basicUser: string;
  basicPassword: string;
  apiKeyHeader: string;
  apiKeyQuery: string;
  cookie: string;
};
/** The id prefix of elements the hostile payloads would create if parsed as HTML. */
export declare const HOSTILE_MARK: string;
/** The hostile 401s /x/hostile fetches, in order. */
export declare const HOSTILE_KINDS: string[];
export declare const HOSTILE: Record<
  string,
  { challenge?: string; raw?: Buffer; body: string | Buffer; type: string }
>;
export declare function handleHostile(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: { origin: string; altOrigin: string },
): boolean;
