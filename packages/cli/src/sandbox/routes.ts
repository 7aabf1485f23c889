// Request → operation of the spec: each path template compiled once to a pattern, literal paths first
// (`/video/awsList` before `/video/{_id}`).
import type { OpenAPIDoc, Operation } from '../spec.js';
import { specOperations } from '../spec.js';

export interface Route {
  op: Operation;
  pattern: RegExp;
  names: string[];
  literal: number;
}
export interface Matched {
  op: Operation;
  pathParams: Record<string, string>;
}

export function compileRoutes(doc: OpenAPIDoc): Route[] {
  const routes = [...specOperations(doc).values()].map((op) => {
    const names: string[] = [];
    const source = op.path
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const m = /^\{([^}]+)\}$/.exec(part);
        if (m) {
          names.push(m[1]!);
          return '([^/]+)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    return { op, pattern: new RegExp(`^${source}/?$`), names, literal: op.path.replace(/\{[^}]+\}/g, '').length };
  });
  return routes.sort((a, b) => a.names.length - b.names.length || b.literal - a.literal);
}

export function matchRoute(routes: Route[], method: string, pathname: string): Matched | 'method' | undefined {
  let pathMatched = false;
  for (const route of routes) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    pathMatched = true;
    if (route.op.method !== method) continue;
    return {
      op: route.op,
      pathParams: Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])),
    };
  }
  return pathMatched ? 'method' : undefined;
}
