/** @deprecated Renamed to `openapi-document.ts` (the OpenAPI slice the tools read and its walkers); this re-export goes in the next release. */
export * from './openapi-document.ts';
