import type { Context, Next } from 'koa';

/** Forge's default Custom UI policy (forge.md §4), served with test/forge/fixtures/*.html. */
export declare const FORGE_DEFAULT_CSP: string;
/** Content-Security-Policy per fixture page (request path → policy). */
export declare const policies: Readonly<Record<string, string>>;
/** Koa middleware: adds the fixture's Content-Security-Policy header to its response. */
export declare function cspHeaders(ctx: Context, next: Next): Promise<void>;
