/** Absolute paths of the files this package ships, for tools that take a file path (Prism, linters). */
export declare const specFiles: Readonly<{
  /** The bundled OpenAPI 3.1 description as JSON (one document; no `$ref` leaves it). */
  openapiJson: string;
  /** The same document as YAML. */
  openapiYaml: string;
  /** The operation table: `{ servers, operations, jobFamilies }`, keyed by operationId and job family. */
  operations: string;
  /** The JSON Schema (2020-12) of the conformance vectors. */
  vectorSchema: string;
  /** The conformance vectors folder: `operations/*.json`, `behaviour/*.json`, `vector.schema.json`, `README.md`. */
  vectors: string;
}>;
