/* The loop of a Node test driver (tests/node_process.py): one JSON list of JavaScript
 * expressions per input line, evaluated with the names of `scope` in scope; one JSON line out
 * with, per expression, {"value": <its value through JSON>} or {"thrown": "<name>: <message>"}. */
"use strict";

function serve(scope) {
  const evaluate = new Function(...Object.keys(scope), "expr", "return eval(expr);");
  require("readline")
    .createInterface({ input: process.stdin })
    .on("line", (line) => {
      const out = JSON.parse(line).map((expr) => {
        try {
          const value = evaluate(...Object.values(scope), expr);
          return { value: value === undefined ? null : value };
        } catch (error) {
          return { thrown: (error && error.name) + ": " + (error && error.message) };
        }
      });
      process.stdout.write(JSON.stringify(out) + "\n");
    });
}

module.exports = { serve };
