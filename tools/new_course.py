"""Write a small working course for the engine: `make new-course DIR=<path>`.

    python -m tools.new_course <folder> [--name "Naam van het vak"]

The folder gets the course's parts (tools/skeleton/): mkdocs.yml pointing at this
engine's theme folder, docs/ (a home page, one chapter of two pages with practice
questions, a diagram of the engine's generic `funnel` kind, the glossary, the study
pages and the download page) and data/ (course.yml, the register, the questions, the
cases, the diagram's data and the record of published question ids). Build it with
`make build COURSE=<folder>`, preview it with `make serve COURSE=<folder>`.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent
if str(ENGINE) not in sys.path:
    sys.path.insert(0, str(ENGINE))

from macros import ids  # noqa: E402
from macros.quiz import load_quizzes  # noqa: E402

SKELETON = Path(__file__).resolve().parent / "skeleton"
DEFAULT_NAME = "Celbiologie"


def slug(text: str) -> str:
    """A storage namespace and file stem from the folder's name."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "cursus"


def write(folder: Path, name: str) -> list[Path]:
    """Copy the skeleton into `folder` (new or empty) with the course's names filled in."""
    if folder.exists() and any(folder.iterdir()):
        raise SystemExit(f"{folder} is not empty: choose a new folder for the course")
    stem = slug(folder.resolve().name)
    engine = os.path.relpath(ENGINE, folder.resolve())
    values = {"@NAME@": name, "@SHORT@": name.split()[0][:12], "@SLUG@": stem, "@ENGINE@": engine}
    written = []
    for source in sorted(SKELETON.rglob("*")):
        if source.is_dir():
            continue
        target = folder / source.relative_to(SKELETON)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace(key, value)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    record = folder / "data" / "published-ids.txt"
    quizzes = load_quizzes(folder / "data" / "quizzes.yml")
    record.write_text(ids.format_record(ids.updated(quizzes, {})), encoding="utf-8")
    written.append(record)
    return written


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    name = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--name"), DEFAULT_NAME)
    if name in args:
        args.remove(name)
    if len(args) != 1:
        print("usage: python -m tools.new_course <folder> [--name <name>]", file=sys.stderr)
        return 2
    folder = Path(args[0])
    written = write(folder, name)
    print(f"{folder}: a new course ({len(written)} files). Build it: make build COURSE={folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
