#!/usr/bin/env node
// The `a2e-conformance` command; `a2e-conformance --help` lists the options and the exit codes.
import { main } from './kit/cli.js';

main(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  out: (s) => console.log(s),
  err: (s) => console.error(s),
})
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: Error) => {
    console.error(`a2e-conformance: ${error.message}`);
    process.exitCode = 2;
  });
