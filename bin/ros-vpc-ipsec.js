#!/usr/bin/env node
// The installed command: runs the compiled CLI (npm run build, or npm ci via prepare, makes dist/).
// Until the command settles the exit code says "could not look": a process that ends early never reads as healthy.
process.exitCode = 2;
require("../dist/cli.js").main(process.argv).then((code) => { process.exitCode = code; });
