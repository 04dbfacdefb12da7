"""Atomic, reproducible build of the site and the offline zip.

    python -m tools.build

1. SOURCE_DATE_EPOCH comes from the last commit, so two builds of one commit
   are byte-identical (sitemap dates, footer date, zip entry times).
2. `mkdocs build --strict` runs into a temporary folder next to site/.
3. What a reader never uses is pruned (source maps, lunr languages but Dutch).
4. The PDF and the EPUB are made from the print page (tools/paper.py) into the
   site's downloads/, their sizes filled in on the pages that name them.
5. The offline zip is written (sorted entries, fixed times and modes; its pages
   without the passages marked ss-online-only, postbuild.offline_copy), a copy
   goes into the site for the download page, whose size label is filled in.
6. Only when all of that succeeded are site/ and dist/ replaced, both or
   neither (see swap()). A failed build leaves the previous site/ and dist/
   untouched.

One build runs at a time: a second one waits for `.build.lock` (next to site/)
up to LOCK_TIMEOUT seconds, printing one line, then fails. Holding the lock, a
build first removes what a killed build left (`.build-*`, `.site.old`,
`.dist.old`). A symlinked site/ or dist/ stays a symlink: the folder it points
to is replaced.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import importlib.util
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# `python tools/build.py` from any folder: the project's packages come from ROOT.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
# The packages the build needs, by import name (requirements.txt installs them).
NEEDED = ("mkdocs", "material", "pymdownx", "mkdocs_macros", "selectolax", "yaml")


def missing_packages() -> list[str]:
    return [name for name in NEEDED if importlib.util.find_spec(name) is None]


if __name__ == "__main__" and missing_packages():
    print(
        f"{sys.executable} has no {', '.join(missing_packages())} (the build's packages): run `make build`, "
        "or `.venv/bin/python -m tools.build` once `make serve` or `make test` has made .venv",
        file=sys.stderr,
    )
    sys.exit(1)

from macros import outputs, postbuild, register  # noqa: E402
from macros.course import Course  # noqa: E402
from tools import paper, precache  # noqa: E402

DOWNLOAD_DIR = "downloads"  # inside the site
# Pages are compacted (macros/compact.py): attribute quotes may be gone.
SIZE_MARKER = "span.ss-zip-size"  # on the download page: the zip's size, filled in after zipping
LUNR_KEEP = {"lunr.stemmer.support.min.js", "lunr.nl.min.js"}
# Online-only files, left out of the zip: the search index as JSON (offline the
# browser reads search_index.js), the 404 page (root-absolute paths, useless on
# file://) and the sitemap (for search engines).
NOT_IN_ZIP = {
    "search/search_index.json",
    "404.html",
    "sitemap.xml",
    "sitemap.xml.gz",
    # The installable app is for the online site (nothing of it runs on file://).
    "manifest.webmanifest",
    "sw.js",
    "assets/images/icon-180.png",
    "assets/images/icon-192.png",
    "assets/images/icon-512.png",
    "assets/javascripts/sw-register.min.js",
}
# Short links (c/<id>.html) are addresses to share online; in the zip a link to one points
# straight at its target (postbuild.offline_copy).
NOT_IN_ZIP_DIRS = (register.SHORT_DIR,)


class BuildError(Exception):
    pass


# A sane build date: from 1980 (the earliest a zip entry can carry) to 2100.
EPOCH_RANGE = (315532800, 4102444800)
EPOCH_FORM = re.compile(r"[0-9]+")


def source_date_epoch(root: Path = ROOT) -> int:
    """SOURCE_DATE_EPOCH if set (a whole number within EPOCH_RANGE, else a
    BuildError), else the last commit's time, else now."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value:
        low, high = EPOCH_RANGE
        if not (EPOCH_FORM.fullmatch(value) and low <= int(value) <= high):
            raise BuildError(
                f"SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds since 1970 between "
                f"{low} (1980) and {high} (2100); set one (e.g. $(git log -1 --format=%ct)) or unset it "
                "to use the last commit's time"
            )
        return int(value)
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        if out:
            return int(out)
    except (OSError, subprocess.CalledProcessError):
        pass
    return int(dt.datetime.now(dt.UTC).timestamp())


def zip_stem(names: paper.Names) -> str:
    return f"{names.files}-offline"


def zip_folder(names: paper.Names) -> str:
    """The top-level folder inside the zip."""
    return names.files


def download_name(names: paper.Names) -> str:
    """The zip's stable name inside the site, linked from the download page."""
    return f"{zip_stem(names)}.zip"


def zip_name(names: paper.Names, epoch: int, version: str = "") -> str:
    """<files>-offline-<version>.zip for a release (RELEASE_VERSION, set by the release
    workflow from the tag), else -<date of the last commit>.zip (`files` from the course)."""
    label = re.sub(r"[^A-Za-z0-9._-]", "", version) or f"{dt.datetime.fromtimestamp(epoch, dt.UTC):%Y-%m-%d}"
    return f"{zip_stem(names)}-{label}.zip"


READING_PAGE = re.compile(r"Error reading page '[^']+':")
PROBLEM = re.compile(r"^(?:(?:ERROR|WARNING)\s+-\s+(?P<log>.+)|_(?P<kind>\w+)_: (?P<msg>.+))$")


def summarize(output: str) -> list[str]:
    """The lines that say what is wrong, without INFO chatter or tracebacks
    (mkdocs-macros prints a whole traceback for an error in a page, with the
    page on a separate `_File_:` line: fold that into the message)."""
    found: list[str] = []
    page = ""
    for raw in output.splitlines():
        match = PROBLEM.match(raw.strip())
        if not match:
            # A list that continues a message ("...not included in the nav:").
            if found and found[-1].endswith(":") and raw.strip().startswith("- "):
                found[-1] += " " + raw.strip()[2:]
            elif found and found[-1].endswith(("md", "html")) and raw.strip().startswith("- "):
                found[-1] += ", " + raw.strip()[2:]
            continue
        if match.group("log"):
            line = match.group("log").strip()
            # MkDocs' lead-in to a plugin's error (the next line names the page).
            if "Macro Rendering Error" in line or READING_PAGE.fullmatch(line):
                continue
        elif match.group("kind") == "File":
            page = match.group("msg").strip().strip("`")
            continue
        elif match.group("kind") == "Line":
            continue
        else:
            line = match.group("msg").strip()
            if page and page not in line:
                line = f"docs/{page}: {match.group('kind')}: {line}"
        # macros repeats the page error as a log line; keep each message once.
        if line and not any(line in seen or seen in line for seen in found):
            found.append(line)
    return fold_missing_anchors(found)


MISSING_ANCHOR = re.compile(
    r"Doc file '(?P<page>[^']+)' contains a link '[^']+', but the doc '(?P<doc>[^']+)' "
    r"does not contain an anchor '(?P<anchor>#[^']+)'\."
)


def fold_missing_anchors(lines: list[str]) -> list[str]:
    """MkDocs reports a missing anchor once per page that links it: one line per anchor,
    naming the pages that link it (MkDocs' message as of 1.6; unmatched lines stay)."""
    out: list[str] = []
    linked: dict[tuple[str, str], list[str]] = {}
    for line in lines:
        match = MISSING_ANCHOR.fullmatch(line)
        if match is None:
            out.append(line)
            continue
        key = (match["doc"], match["anchor"])
        if key not in linked:
            linked[key] = []
            out.append(f"\0{len(linked) - 1}")
        linked[key].append(match["page"])
    for n, ((doc, anchor), pages) in enumerate(linked.items()):
        text = f"docs/{doc}: no heading or element has the id '{anchor}' (linked from {', '.join(pages)})"
        out[out.index(f"\0{n}")] = text
    return out


# Failures of the machine that mkdocs reports as a traceback: one line instead.
MACHINE_ERRORS = ((errno.ENOSPC, "No space left on device"), (errno.EROFS, "Read-only file system"))


def run_mkdocs(site_dir: Path, env: dict[str, str], config: Path) -> None:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    cmd += ["--config-file", str(config), "--site-dir", str(site_dir)]
    result = subprocess.run(cmd, cwd=config.parent, env=env, capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    problems = summarize(output)
    if result.returncode != 0:
        for number, text in (
            (errno.ENOSPC, "No space left on device"),
            (errno.EROFS, "Read-only file system"),
        ):
            if f"[Errno {number}]" in output or text in output:
                raise BuildError(os_failure(OSError(number, text), site_dir.parent.parent))
        tail = [ln for ln in output.splitlines() if ln.strip() and not ln.startswith("INFO")][-20:]
        raise BuildError("\n".join(problems or tail) or f"mkdocs exited with {result.returncode}")
    for line in problems:
        print(line)


def prune(site: Path) -> None:
    """Drop files no reader uses: source maps and lunr languages other than Dutch."""
    for path in sorted(site.rglob("*.map")):
        path.unlink()
    lunr = site / "assets" / "javascripts" / "lunr"
    for path in sorted((lunr / "min").glob("*.js")) if lunr.is_dir() else []:
        if path.name not in LUNR_KEEP:
            path.unlink()
    for name in ("tinyseg.js", "wordcut.js"):
        (lunr / name).unlink(missing_ok=True)
    # Material's PNG favicon; mkdocs.yml points the theme at our small SVG.
    if (site / "assets/images/favicon.svg").is_file():
        (site / "assets/images/favicon.png").unlink(missing_ok=True)


def write_zip(site: Path, target: Path, epoch: int, top: str) -> None:
    """Deterministic zip: sorted entries, fixed timestamps and permissions."""
    stamp = dt.datetime.fromtimestamp(max(epoch, 315532800), dt.UTC).timetuple()[:6]
    files = sorted(
        p
        for p in site.rglob("*")
        if p.is_file()
        and p.relative_to(site).parts[0] not in (DOWNLOAD_DIR, *NOT_IN_ZIP_DIRS)
        and p.relative_to(site).as_posix() not in NOT_IN_ZIP
    )
    redirects = {}
    for folder in NOT_IN_ZIP_DIRS:
        for page in sorted((site / folder).glob("*.html")):
            goes = postbuild.redirect_target(page.read_text(encoding="utf-8"))
            if goes is not None:
                dest, _, anchor = goes.partition("#")
                where = posixpath.normpath(posixpath.join(folder, dest))
                redirects[page.relative_to(site).as_posix()] = where + (f"#{anchor}" if anchor else "")
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(site).as_posix()}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            data = path.read_bytes()
            if path.suffix == ".html":  # without the passages that need the online site
                rel = path.relative_to(site).as_posix()
                data = postbuild.offline_copy(data.decode("utf-8"), rel, redirects).encode("utf-8")
            archive.writestr(info, data, compresslevel=9)


def size_label(size: int) -> str:
    """396 kB; from a megabyte on 2,4 MB (a Dutch decimal comma)."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1000))} kB"


# The PDF's and EPUB's sizes on the download page and the home page (tools/paper.py).
PAPER_MARKERS = {"pdf": "span.ss-pdf-size", "epub": "span.ss-epub-size"}
NOT_MADE = "niet in deze versie"


def make_paper(site: Path, epoch: int, names: paper.Names) -> None:
    """The PDF and EPUB into site/downloads/ and their sizes into their labels; a
    missing tool skips a file with one line saying what to install."""
    try:
        made = paper.make(site, epoch, names)
    except paper.PaperError as exc:
        raise BuildError(str(exc)) from None
    for line in made.skipped:
        print(line, file=sys.stderr)
    pages = [
        p
        for p in sorted(site.rglob("*.html"))
        if "ss-pdf-size" in p.read_text(encoding="utf-8") or "ss-epub-size" in p.read_text(encoding="utf-8")
    ]
    for path, marker in ((made.pdf, PAPER_MARKERS["pdf"]), (made.epub, PAPER_MARKERS["epub"])):
        postbuild.fill_text(pages, marker, size_label(path.stat().st_size) if path else NOT_MADE)


def fill_size(site: Path, label: str) -> None:
    """The zip's size into its label (parsed, only on pages that have one)."""
    pages = [p for p in sorted(site.rglob("*.html")) if "ss-zip-size" in p.read_text(encoding="utf-8")]
    if postbuild.fill_text(pages, SIZE_MARKER, label) == 0:
        raise BuildError(f"no {SIZE_MARKER} on any page: the download page lost its size label")


def package(site: Path, dist: Path, epoch: int, names: paper.Names) -> Path:
    """Write the zip; the size shown on the download page is part of the zip too,
    so fill it in and re-zip until the label is stable (two rounds in practice)."""
    dist.mkdir(parents=True)
    target = dist / zip_name(names, epoch, os.environ.get("RELEASE_VERSION", ""))
    label = ""
    for _ in range(5):
        write_zip(site, target, epoch, zip_folder(names))
        new_label = size_label(target.stat().st_size)
        if new_label == label:
            break
        label = new_label
        fill_size(site, label)
    else:
        raise BuildError("offline zip size label did not settle")
    downloads = site / DOWNLOAD_DIR
    downloads.mkdir(exist_ok=True)  # the PDF and EPUB may be there already
    shutil.copyfile(target, downloads / download_name(names))
    return target


LOCK_NAME = ".build.lock"  # next to site/ (the project root); gitignored
LOCK_TIMEOUT = 600.0  # seconds a second build waits for the first one
WORK_PREFIX = ".build-"  # temporary build folders, next to site/ and dist/


def backup_of(final: Path) -> Path:
    """Where the previous site/ or dist/ waits during a swap: .site.old, .dist.old."""
    return final.with_name(f".{final.name}.old")


@contextmanager
def build_lock(folder: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """One build at a time per output folder. A second build prints one line
    and waits (polling fcntl.flock) up to `timeout` seconds, then gives up. The
    kernel drops the lock when a build dies, so a killed build never blocks."""
    with (folder / LOCK_NAME).open("a") as handle:
        deadline = time.monotonic() + timeout
        announced = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildError(
                        f"another build is still running ({folder / LOCK_NAME} is locked) after "
                        f"{timeout:.0f} s; nothing was changed"
                    ) from None
                if not announced:
                    print(
                        f"Another build is running; waiting up to {timeout:.0f} s for it...", file=sys.stderr
                    )
                    announced = True
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def output_path(final: Path) -> Path:
    """The real folder to replace. A symlinked site/ keeps its link: what it
    points to is replaced. Refuses in one line when that cannot work."""
    if not final.is_symlink():
        return final
    try:
        target = final.resolve(strict=False)
    except (OSError, RuntimeError) as exc:
        raise BuildError(
            f"{final} is a symlink that cannot be followed ({exc}); nothing was changed"
        ) from None
    if not target.parent.is_dir():
        raise BuildError(
            f"{final} is a symlink to {target}, whose folder does not exist; nothing was changed"
        )
    return target


def remove_leftovers(finals: list[Path]) -> None:
    """Clean up after a killed build (call it holding the lock): temporary
    folders go; a previous site/ or dist/ that was moved aside goes, or comes
    back if the killed build had not put a new one in its place."""
    for folder in sorted({final.parent for final in finals}):
        for work in sorted(folder.glob(f"{WORK_PREFIX}*")):
            if work.is_dir() and not work.is_symlink():
                shutil.rmtree(work, ignore_errors=True)
    for final in finals:
        backup = backup_of(final)
        if not (backup.exists() or backup.is_symlink()):
            continue
        try:
            if final.exists() or final.is_symlink():
                remove(backup)
            else:
                os.rename(backup, final)
        except OSError as exc:
            raise BuildError(
                f"cannot clean up the leftover {backup} ({exc.strerror}: {exc.filename}); "
                "move or delete it by hand; nothing was changed"
            ) from None


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def swap(pairs: list[tuple[Path, Path]]) -> None:
    """Put every new folder in place of its final one, all or none: first every
    old folder is renamed aside, then every new one moved in; on any failure
    the renames are undone, so site/ and dist/ are both old or both new. Only
    then are the old folders deleted (a failure there leaves both new in place
    and a leftover the next build removes). Each new folder must be on the same
    file system as its final place (rename is atomic there)."""
    done: list[tuple[Path, Path]] = []  # renames so far, (from, to), to undo in reverse
    try:
        for _, final in pairs:
            if final.exists() or final.is_symlink():
                os.rename(final, backup_of(final))
                done.append((final, backup_of(final)))
        for new, final in pairs:
            os.rename(new, final)
            done.append((new, final))
    except OSError as exc:
        reason = f"could not move {exc.filename} ({exc.strerror})"
        stuck = [f"{dest} (belongs at {source})" for source, dest in _undo(done)]
        if stuck:
            raise BuildError(f"{reason}, and could not move back: {', '.join(stuck)}") from None
        raise BuildError(f"{reason}; the previous output is back in place") from None
    for _, final in pairs:
        backup = backup_of(final)
        if backup.exists() or backup.is_symlink():
            try:
                remove(backup)
            except OSError as exc:
                print(
                    f"warning: could not delete the old {backup} ({exc.strerror}); the next build removes it",
                    file=sys.stderr,
                )


def _undo(done: list[tuple[Path, Path]]) -> list[tuple[Path, Path]]:
    """Reverse the renames in `done`; returns those that could not be reversed."""
    failed = []
    for source, dest in reversed(done):
        try:
            os.rename(dest, source)
        except OSError:
            failed.append((source, dest))
    return failed


def staged(new: Path, final: Path) -> Path:
    """`new`, or a copy of it next to `final` when they are on different file
    systems (so the swap can rename)."""
    if not final.parent.is_dir():
        raise BuildError(f"the folder for {final} does not exist; nothing was changed")
    if os.stat(new.parent).st_dev == os.stat(final.parent).st_dev:
        return new
    holder = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=final.parent))
    shutil.copytree(new, holder / new.name, symlinks=True)
    return holder / new.name


def build(
    root: Path = ROOT,
    out_site: Path | None = None,
    out_dist: Path | None = None,
    lock_timeout: float = LOCK_TIMEOUT,
) -> Path:
    epoch = source_date_epoch(root)
    env = dict(os.environ)
    env.update(
        SOURCE_DATE_EPOCH=str(epoch),
        NO_MKDOCS_2_WARNING="1",
        # The course's mkdocs.yml names the engine's packages (macros, macros.tooltips).
        PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
    )
    out_site = out_site or root / "site"
    out_dist = out_dist or root / "dist"
    with build_lock(out_site.parent, lock_timeout):
        final_site, final_dist = output_path(out_site), output_path(out_dist)
        remove_leftovers([final_site, final_dist])
        try:
            work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=final_site.parent))
        except OSError as exc:
            raise BuildError(
                f"cannot write next to {final_site} ({exc.strerror}); nothing was changed"
            ) from None
        extra: list[Path] = []
        try:
            site, dist = work / "site", work / "dist"
            run_mkdocs(site, env, root / "mkdocs.yml")
            info = outputs.load_site_info(root / "mkdocs.yml")
            try:
                outputs.run(Course(root), site, info)
            except outputs.OutputError as exc:
                raise BuildError(str(exc)) from None
            prune(site)
            names = paper.names(root, info)
            make_paper(site, epoch, names)
            archive = package(site, dist, epoch, names)
            # The service worker's lists: keep this after every step that writes site/.
            printed = names.print_page
            precache.write(site, lazy={printed} if printed and (site / printed).is_file() else set())
            moved_dist = staged(dist, final_dist)
            if moved_dist != dist:
                extra.append(moved_dist.parent)
            swap([(site, final_site), (moved_dist, final_dist)])
            return out_dist / archive.name
        except OSError as exc:  # e.g. the disk filled up while zipping
            raise BuildError(os_failure(exc, final_site.parent)) from None
        finally:
            for folder in (work, *extra):
                shutil.rmtree(folder, ignore_errors=True)


def os_failure(exc: OSError, folder: Path) -> str:
    """One line for a failure of the machine rather than of the build: a full
    disk, a read-only checkout, a folder the build may not write to."""
    where = exc.filename or folder
    if exc.errno == errno.ENOSPC:
        writing = f" (writing {exc.filename})" if exc.filename else ""
        return f"no space left on the device of {folder}{writing}: free some space and build again"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        kind = "read-only" if exc.errno == errno.EROFS else "not writable"
        return (
            f"cannot write {where}: the checkout is {kind} ({exc.strerror}); "
            "build in a writable copy of the project"
        )
    return f"{exc.strerror or exc}: {where}"


# The closing line of every failed build, after the line that names the cause.
FAILED = "Build failed: the previous site/ and dist/ are left untouched."


def main(argv: list[str]) -> int:
    """python -m tools.build [--course <folder>]: the course in <folder> (default: this one)."""
    root = ROOT
    if argv[:1] == ["--course"] and len(argv) == 2:
        root = Path(argv[1]).resolve()
        if not (root / "mkdocs.yml").is_file():
            print(
                f"{argv[1]}: no mkdocs.yml there (make a course with `make new-course DIR=...`)",
                file=sys.stderr,
            )
            return 1
    elif argv:
        print("usage: python -m tools.build [--course <folder>]", file=sys.stderr)
        return 2
    try:
        archive = build(root)
    except OSError as exc:
        print(os_failure(exc, root), file=sys.stderr)
        print(FAILED, file=sys.stderr)
        return 1
    except BuildError as exc:
        print(exc, file=sys.stderr)
        print(FAILED, file=sys.stderr)
        return 1
    shown = archive.relative_to(root) if archive.is_relative_to(root) else archive
    print(f"Built site/ and {shown} ({size_label(archive.stat().st_size)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
