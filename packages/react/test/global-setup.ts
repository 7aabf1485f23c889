// Starts one Prism mock of spec/openapi.yaml for every test file and hands its URL over as `prismUrl`.
import { startPrism, type Prism } from '@a2e-sdk/tools/prism';

declare module 'vitest' {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

let prism: Prism | undefined;

// Typed by what it uses: importing vitest/node's types pulls in happy-dom's, which need a newer @types/node.
export async function setup(project: { provide(key: 'prismUrl', value: string): void }) {
  prism = await startPrism();
  project.provide('prismUrl', prism.url);
}

export async function teardown() {
  await prism?.stop();
}
