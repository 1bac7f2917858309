// Types for the plain-JS demo server, so the TypeScript specs can import it.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

export interface LoggedRequest {
  method: string;
  /** Full URL as the browser asked for it, e.g. http://localhost:4010/api/image */
  url: string;
  headers: IncomingHttpHeaders;
  time: number;
}

export interface DemoServer {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** http://localhost:PORT: the same server under a second origin */
  altOrigin: string;
  requests: LoggedRequest[];
  close(): Promise<void>;
}

export interface FetchPlan {
  url: string;
  method: string;
  headers: Record<string, string>;
  credentials: 'omit' | 'include' | 'same-origin';
}

export interface ScenarioContext {
  origin: string;
  altOrigin: string;
}

export interface Scenario {
  name: string;
  title: string;
  description: string;
  /** A cause id of shared/spec/causes.md */
  cause: string;
  /** Other cause ids the diagnosis must also include. */
  also?: string[];
  trigger: 'fetch' | 'navigation' | 'iframe' | 'image' | 'preflight';
  status: 401 | 407;
  /** 401/407 responses one load of /s/<name> produces */
  count: number;
  /** webRequest resource type of those responses ('preflight' is browser-specific) */
  type: 'xmlhttprequest' | 'main_frame' | 'sub_frame' | 'image' | 'preflight';
  method: string;
  requests?: (ctx: ScenarioContext) => FetchPlan[];
  pageCookie?: (ctx: ScenarioContext) => string;
  respond: (
    req: IncomingMessage,
    ctx: ScenarioContext,
  ) => { status: number; headers: Record<string, string | string[]>; body: string };
}

export declare const scenarios: Scenario[];
export declare function startDemoServer(options?: {
  port?: number;
  host?: string;
}): Promise<DemoServer>;
