import type { Router } from 'express';
import { MUTATION_METHODS } from './routePermissions';

/** A route of the plugin's router: method (lower case), express path and the names of its handlers. */
export interface RouterRoute {
  method: string;
  path: string;
  handlerNames: string[];
}

interface Layer {
  route?: {
    path: string;
    methods: Record<string, boolean>;
    stack: Array<{ method?: string; name: string }>;
  };
}

/** Every route registered on an express 4 router (its `stack`), one entry per method. */
export function listRoutes(router: Router): RouterRoute[] {
  const stack = (router as unknown as { stack: Layer[] }).stack;
  return stack.flatMap(layer => {
    const route = layer.route;
    if (!route) return [];
    return Object.keys(route.methods).map(method => ({
      method,
      path: route.path,
      handlerNames: route.stack
        .filter(l => l.method === undefined || l.method === method)
        .map(l => l.name),
    }));
  });
}

/** The routes that need an update permission. */
export function mutationRoutes(router: Router): RouterRoute[] {
  return listRoutes(router).filter(r =>
    (MUTATION_METHODS as readonly string[]).includes(r.method),
  );
}

/** A concrete URL path for a route pattern, with valid-looking values for its params. */
export function examplePath(
  pattern: string,
  values: Record<string, string>,
): string {
  return pattern.replace(/:(\w+)/g, (_m, name: string) =>
    encodeURIComponent(values[name] ?? 'example'),
  );
}
