"""The Sales course these tests build: its folder and the names the engine derives from it
(the engine itself knows no course; see macros/course.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from macros.course import Course
from macros.diagrams import kinds
from macros.exercises import exercises
from macros.outputs import load_site_info
from tools import build, paper

ROOT = Path(__file__).resolve().parent.parent
SALES = Course(ROOT)
DATA_DIR = SALES.data_dir
CONCEPTS_FILE = SALES.concepts_file
QUIZZES_FILE = SALES.quizzes_file
CASES_FILE = DATA_DIR / "cases.yml"
EXCEPTIONS_FILE = DATA_DIR / "lint_exceptions.yml"
IDS_RECORD = SALES.ids_record
SETTINGS = SALES.settings
INFO = load_site_info(ROOT / "mkdocs.yml")
NAMES = paper.names(ROOT, INFO)
PRINT_PAGE = "afdrukken.html"  # print-site's page (mkdocs.yml: print_page_basename)
PDF_NAME = NAMES.pdf
EPUB_NAME = NAMES.epub
TITLE = NAMES.title
ZIP_FOLDER = build.zip_folder(NAMES)
DOWNLOAD_NAME = build.download_name(NAMES)
ANKI_FILE = "flashcards/sales-begrippen-anki.txt"
CSV_FILE = "flashcards/sales-begrippen.csv"

# Every kind of diagram the course can use (the engine's and its own, found by discovery).
DIAGRAMS = kinds(ROOT)
# The course's calculators (its exercises/ folder) and their module, with the worked examples.
EXERCISES = exercises(ROOT)
CALCULATORS = sys.modules["course_exercises.calculators"]
