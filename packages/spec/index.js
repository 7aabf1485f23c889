// Absolute paths of the files this package ships, for tools that take a file (Prism, linters, generators).
import { fileURLToPath } from 'node:url';

const file = (name) => fileURLToPath(new URL(`./dist/${name}`, import.meta.url));

export const specFiles = Object.freeze({
  openapiJson: file('openapi.json'),
  openapiYaml: file('openapi.yaml'),
  operations: file('operations.json'),
  vectorSchema: file('vector.schema.json'),
  vectors: file('vectors'),
});
