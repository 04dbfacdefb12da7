"""A course's own Python (kinds of diagram, calculators), imported from its folder."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from .errors import DataError
from .schema import display_path


def course_module(path: Path, package: str) -> ModuleType:
    """The module in `path`, registered as `course_<package>.<stem>` (so dataclasses and
    error messages find it); it imports what it needs from `macros`."""
    name = f"course_{package}.{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise DataError(display_path(path), "cannot be imported as a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
