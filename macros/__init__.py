"""mkdocs-macros entry point. It registers the macros, and turns an author's
template mistake into one line `docs/<page>:<line>: <cause>` (no traceback).

mkdocs-macros 1.5.0 has no error hook: on a page error it logs a Markdown block
(with a traceback) from inside its `except` clause, then exits. So:
- syntax errors are found first, in `on_pre_page_macros`, by parsing the page
  with the macros' own Jinja environment (jinja2's TemplateSyntaxError.lineno);
- errors while rendering are described by `PageErrors`, a logging filter on the
  macros logger that reads the exception being handled (its template frame
  gives the line) and replaces the logged block with one line.
Line numbers are lines of the Markdown file: the front matter is counted.
"""

from __future__ import annotations

import dataclasses
import inspect
import logging
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from jinja2 import TemplateSyntaxError, Undefined, UndefinedError
from mkdocs.exceptions import PluginError

from .course import Course
from .errors import DataError
from .guard import protect_code
from .site import MacroError, Site

MACROS_LOGGER = "mkdocs.plugins.mkdocs_macros.util"
TEMPLATE_FILE = "<template>"  # jinja2's file name for a template made from a string

# Why a syntax error happens, keyed on what the offending line contains.
SYNTAX_HINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\{#"), "write an attribute id as { #id } with spaces"),
    (re.compile(r"\{%-?\s*raw\b"), "close {% raw %} with {% endraw %}"),
    (re.compile(r"\{%-?\s*(?:if|elif)\s*-?%\}"), "{% if %} needs a condition"),
    (re.compile(r"\{\{[^}]*\([^)]*\}\}"), "a ')' is missing before '}}'"),
)


def front_matter_lines(source: str, markdown: str) -> int:
    """How many lines of the file come before `markdown` (MkDocs strips the
    front matter before the plugins see the page)."""
    if markdown and source.endswith(markdown):
        return source[: len(source) - len(markdown)].count("\n")
    return 0


def template_line(tb: TracebackType | None) -> int | None:
    """The template line of the innermost template frame in a traceback (jinja2
    rewrites tracebacks so template frames carry template line numbers)."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == TEMPLATE_FILE:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _innermost_is_template(tb: TracebackType | None) -> bool:
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    return last is not None and last.tb_frame.f_code.co_filename == TEMPLATE_FILE


def _usage(name: str, func: Callable[..., Any]) -> str:
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return f"{name}(…)"
    shown = [p.name for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    return f"{name}({', '.join(shown)})"


def _wrong_arguments(exc: TypeError, macros: Mapping[str, Any]) -> str | None:
    """A macro called with the wrong arguments: say how it is called instead of
    Python's message (which counts `self` and names the class)."""
    match = re.match(r"(?:\w+\.)*(\w+)\(\) (?:takes|got|missing)", str(exc))
    if not match or match.group(1) not in macros:
        return None
    name = match.group(1)
    return f"{name}() called with the wrong arguments: write {{{{ {_usage(name, macros[name])} }}}}"


def describe(
    exc: BaseException,
    page: str,
    line: int | None,
    source_line: str = "",
    macros: Mapping[str, Any] | None = None,
) -> str:
    """One line for an error in a page: `docs/<page>:<line>: <cause>`. `macros`
    is given when a TypeError was raised by the call itself (not inside it)."""
    where = f"docs/{page}:{line}" if line else f"docs/{page}"
    wrong = _wrong_arguments(exc, macros) if isinstance(exc, TypeError) and macros else None
    if wrong:
        cause = wrong
    elif isinstance(exc, TemplateSyntaxError):
        hint = next((text for pattern, text in SYNTAX_HINTS if pattern.search(source_line)), "")
        cause = f"Jinja syntax error: {exc.message}" + (f" (hint: {hint})" if hint else "")
    elif isinstance(exc, UndefinedError):
        message = exc.message or str(exc)
        hint = "no macro or variable has this name" if message.endswith("is undefined") else "no such field"
        cause = f"{message} (hint: {hint}; check the spelling)"
    elif isinstance(exc, (MacroError, DataError)):
        # These already name the page; keep the cause only.
        cause = str(exc).removeprefix(f"docs/{page}: ")
    else:
        cause = f"{type(exc).__name__}: {exc}"
    return f"{where}: {' '.join(cause.split())}"


class PageErrors(logging.Filter):
    """Knows the page being rendered; turns the macros plugin's error report
    (logged while the exception is handled) into one line."""

    def __init__(self) -> None:
        super().__init__()
        self.page = ""
        self.offset = 0
        self.lines: list[str] = []
        self.macros: Mapping[str, Any] = {}

    def start(self, page: str, offset: int, markdown: str) -> None:
        self.page = page
        self.offset = offset
        self.lines = markdown.split("\n")

    def message(self, exc: BaseException, tb: TracebackType | None) -> str:
        line = exc.lineno if isinstance(exc, TemplateSyntaxError) else template_line(tb)
        text = self.lines[line - 1] if line and line <= len(self.lines) else ""
        macros = self.macros if _innermost_is_template(tb) else None
        return describe(exc, self.page, line + self.offset if line else None, text, macros)

    def filter(self, record: logging.LogRecord) -> bool:
        _, exc, tb = sys.exc_info()
        if exc is None or not self.page or record.levelno < logging.WARNING:
            return True
        record.msg, record.args = self.message(exc, tb), ()
        record.levelno, record.levelname = logging.ERROR, "ERROR"
        return True


def page_errors(env: Any) -> PageErrors:
    """This build's filter (made in define_env, kept on the macros environment: no module
    state, and a `make serve` rebuild replaces the previous build's filter)."""
    errors: PageErrors = env.variables["_ss_errors"]
    return errors


def printable(value: Any) -> Any:
    """Jinja `finalize`: what `{{ … }}` may print. A macro without brackets or a
    Python object would put internals like `<bound method …>` on the page."""
    if isinstance(value, Undefined):
        return value  # printing it raises the UndefinedError of `on_undefined: strict`
    if callable(value):
        name = getattr(value, "__name__", type(value).__name__)
        raise MacroError(f"{name} is used without brackets: write {{{{ {name}() }}}}")
    if value is None or isinstance(value, (str, int, float)) or hasattr(value, "__html__"):
        return "" if value is None else value
    if not any("__str__" in vars(cls) for cls in type(value).__mro__[:-1]):
        kind = type(value).__name__
        fields = [f".{f.name}" for f in dataclasses.fields(value)] if dataclasses.is_dataclass(value) else []
        use = f"; print one of its fields: {', '.join(fields)}" if fields else ""
        raise MacroError(f"this prints a Python object ({kind}), not text{use}")
    return value


def course_folder(conf: Mapping[str, Any]) -> Path:
    """The course's folder: MkDocs names its config file, Zensical the file's folder."""
    if conf.get("config_file_path"):
        return Path(conf["config_file_path"]).parent
    return Path(conf["root_dir"])


def page_path(page: Any) -> str:
    """The page being rendered as a docs path (h1/pagina.md): MkDocs' page.file.src_uri,
    Zensical's page.path."""
    file = getattr(page, "file", None)
    return str(file.src_uri) if file is not None else str(page.path)


def written_nav(conf: Mapping[str, Any], folder: Path) -> Any:
    """The nav as written in mkdocs.yml: MkDocs keeps it so; Zensical rewrites it into its
    own records, so it is read from the course's mkdocs.yml."""
    if conf.get("config_file_path"):
        return conf["nav"]
    from .outputs import load_site_info

    return load_site_info(folder / "mkdocs.yml").nav


def load_site(conf: Mapping[str, Any], current_page: Callable[[], str] | None = None) -> Site:
    """The macros' Site for the course of `conf` (the generator's configuration); bad data
    raises PluginError with one readable line naming file and key, which the build prints
    (tests call this to check each data error's message in-process)."""
    try:
        folder = course_folder(conf)
        course = Course(folder)
        return Site(
            folder / conf["docs_dir"],
            course.data_dir,
            nav=written_nav(conf, folder),
            current_page=current_page,
        )
    except DataError as exc:
        # One readable line naming file and key instead of a traceback.
        raise PluginError(str(exc)) from None


def define_env(env: Any) -> None:
    site = load_site(env.conf, lambda: page_path(env.page))
    env.variables["_ss_site"] = site
    env.macro(site.diagram, "diagram")
    env.macro(site.quiz, "quiz")
    env.macro(site.exercise, "exercise")
    env.macro(site.concept, "concept")
    env.macro(site.glossary, "glossary")
    env.macro(site.teacher_links, "teacher_links")
    env.macro(site.study, "study")
    env.macro(site.version_date, "version_date")
    logger = logging.getLogger(MACROS_LOGGER)
    for old in [f for f in logger.filters if isinstance(f, PageErrors)]:
        logger.removeFilter(old)  # the previous build's (make serve)
    errors = PageErrors()
    logger.addFilter(errors)
    env.variables["_ss_errors"] = errors


def on_pre_page_macros(env: Any) -> None:
    page = env.page
    # The Jinja environment exists only after define_env; finalize is read when
    # a page is compiled, which comes after this hook.
    env.env.finalize = printable
    errors = page_errors(env)
    errors.macros = env.macros
    offset = front_matter_lines(page.file.content_string, env.markdown)
    env.markdown = protect_code(env.markdown)  # keeps the line count
    errors.start(page.file.src_uri, offset, env.markdown)
    if page.meta.get("render_macros") is False:
        return
    try:
        env.env.parse(env.markdown)
    except TemplateSyntaxError as exc:
        raise PluginError(errors.message(exc, None)) from None
    # A closed `{#` … `#}` pair parses, and silently hides everything between.
    for lineno, token, _ in env.env.lex(env.markdown):
        if token == "comment_begin":
            raise PluginError(
                f"docs/{page.file.src_uri}:{lineno + offset}: '{{#' opens a Jinja comment that hides the "
                "text up to the next '#}' (hint: write an attribute id as { #id } with spaces)"
            )


def on_post_page_macros(env: Any) -> None:
    page_errors(env).page = ""  # log records after the page are not its errors


# Set by `make serve`: the live preview has no tools/build.py after it, so the outputs
# (study data, short links, ...) are made here, once MkDocs has written every page.
LIVE = "SS_LIVE"


def on_post_build(env: Any) -> None:
    """Under `make serve` only: the engine's outputs (macros/outputs.py) for the preview.
    A real build makes them in tools/build.py, after every plugin (the print page too)."""
    if os.environ.get(LIVE) != "1":
        return
    from . import outputs

    config = env.conf
    course = Course(Path(config["config_file_path"]).parent)
    info = outputs.load_site_info(Path(config["config_file_path"]))
    try:
        outputs.run(course, Path(config["site_dir"]), info)
    except outputs.OutputError as exc:
        raise PluginError(str(exc)) from None
