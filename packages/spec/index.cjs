// Absolute paths of the files this package ships, for tools that take a file (Prism, linters, generators).
const { join } = require('node:path');

const file = (name) => join(__dirname, 'dist', name);

exports.specFiles = Object.freeze({
  openapiJson: file('openapi.json'),
  openapiYaml: file('openapi.yaml'),
  operations: file('operations.json'),
  vectorSchema: file('vector.schema.json'),
  vectors: file('vectors'),
});
