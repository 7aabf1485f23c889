// Starts one Prism mock of spec/openapi.yaml for the whole suite (request validation on) and stops it
// afterwards, also when tests fail. The bundled spec is handed to the test files with it.
import type { TestProject } from 'vitest/node';
import { startPrism, type Prism } from '@a2e-sdk/tools/prism';
import { bundleSpec, type OpenAPIDoc } from '@a2e-sdk/tools/spec';

declare module 'vitest' {
  export interface ProvidedContext {
    prismUrl: string;
    spec: OpenAPIDoc;
  }
}

let prism: Prism | undefined;

export async function setup(project: TestProject) {
  prism = await startPrism();
  project.provide('prismUrl', prism.url);
  project.provide('spec', bundleSpec());
}

export async function teardown() {
  await prism?.stop();
}
