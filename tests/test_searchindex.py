"""macros/searchindex.py: the register's search words move from the text into tags."""

from __future__ import annotations

import json
from pathlib import Path

from macros import searchindex
from macros.concepts import Concept

NPS = Concept(id="nps", term="Net Promoter Score", definition="x", page="h1/nps.md", anchor="nps", abbr="NPS")


def test_terms_leave_the_text_and_become_tags() -> None:
    index = {
        "config": {"fields": {"tags": {"boost": 1e6}}},
        "docs": [
            {
                "location": "h1/nps.html#nps",
                "title": "NPS",
                "text": "<p>Uitleg &amp; meer.</p> <p>Zoektermen: net promotor score · aanbeveling</p>",
            },
            {"location": "h1/nps.html#rest", "title": "Rest", "text": "<p>Zoektermen staan hier niet.</p>"},
        ],
    }
    assert searchindex.move_terms(index, searchindex.concept_names([NPS])) == 1
    first, second = index["docs"]
    assert first["text"] == "<p>Uitleg &amp; meer.</p>"
    assert first["tags"] == ["NPS", "Net Promoter Score", "net promotor score", "aanbeveling"]
    assert second == {
        "location": "h1/nps.html#rest",
        "title": "Rest",
        "text": "<p>Zoektermen staan hier niet.</p>",
    }
    assert index["config"]["fields"]["tags"] == {"boost": searchindex.TAGS_BOOST}


def test_both_copies_of_the_built_index_are_rewritten(tmp_path: Path) -> None:

    search = tmp_path / "search"
    search.mkdir()
    doc = {"location": "h1/nps.html#nps", "title": "NPS", "text": "<p>Zoektermen: aanbeveling</p>"}
    (search / "search_index.json").write_text(json.dumps({"config": {}, "docs": [doc]}))
    (search / "search_index.js").write_text("var __index = " + json.dumps({"config": {}, "docs": [doc]}))
    assert searchindex.rewrite(tmp_path, [NPS]) == 1
    online = json.loads((search / "search_index.json").read_text())
    offline = json.loads((search / "search_index.js").read_text().removeprefix("var __index = "))
    assert online == offline
    assert online["docs"][0]["tags"] == ["NPS", "Net Promoter Score", "aanbeveling"]
