"""One Node process per test module, for the tests of the site's JavaScript in Node
(tests/test_calc_js.py, test_store_js.py, test_study_js.py). The driver reads one JSON list of
JavaScript expressions per line and answers with one JSON line: per expression an object
({"value": …} and, per driver, {"thrown": …} or {"error": …})."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pytest


class NodeProcess:
    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc

    def run(self, exprs: list[str]) -> list[dict[str, Any]]:
        """The outcome of each expression, evaluated in order in the one process."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(exprs) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, f"node stopped (exit code {self.proc.poll()}): see its error above"
        result: list[dict[str, Any]] = json.loads(line)
        return result


@contextmanager
def node_process(args: list[str], what: str, env: Mapping[str, str] | None = None) -> Iterator[NodeProcess]:
    """`node <args>` for as long as the block runs; `what` says what cannot be checked
    without Node. The process must end cleanly once its input closes."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(f"node is not installed: {what} cannot be checked (install Node 20)")
    with subprocess.Popen(
        [node, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    ) as proc:
        yield NodeProcess(proc)
        assert proc.stdin is not None
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0
