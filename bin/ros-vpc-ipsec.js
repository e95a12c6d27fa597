#!/usr/bin/env node
// The installed command: runs the compiled CLI (npm run build, or npm ci via prepare, makes dist/).
require("../dist/cli.js").main(process.argv).then((code) => { process.exitCode = code; });
