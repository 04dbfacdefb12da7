"""macros/compact.py: smaller markup, the same page for a reader."""

from __future__ import annotations

from macros.compact import compact

PAGE = """<!doctype html>
<html lang="nl">
  <head>
    <meta charset="utf-8">
    <script>var a = 1;   var b = "  twee  ";</script>
  </head>
  <body>
    <!-- a comment -->
    <p>De <abbr title="Net Promoter Score: maat">NPS</abbr> <abbr title="Key Performance Indicator">KPI</abbr>
       en <em>nadruk</em>, <a href="x.html">link</a>.</p>
    <pre><code>regel 1
    ingesprongen   regel 2</code></pre>
    <svg role="img" aria-labelledby="t"><title id="t">Ladder</title>
      <text x="1" y="2"><tspan>Klant</tspan> <tspan>tevredenheid</tspan></text>
    </svg>
    <input type="text" aria-label="Zoeken">
  </body>
</html>
"""


def test_whitespace_that_shows_is_kept() -> None:
    out = compact(PAGE)
    assert '<abbr title="Net Promoter Score: maat">NPS</abbr> <abbr' in out
    assert "</abbr> en <em>nadruk</em>, <a href=x.html>link</a>.</p>" in out
    assert "<pre><code>regel 1\n    ingesprongen   regel 2</code></pre>" in out
    assert "<tspan>Klant</tspan> <tspan>tevredenheid</tspan>" in out
    assert 'var b = "  twee  ";' in out  # inline scripts are left as they are


def test_markup_is_kept_and_smaller() -> None:
    out = compact(PAGE)
    for kept in ("<html lang=nl>", "<head>", "</p>", "</body>", "</html>", "<title id=t>Ladder</title>"):
        assert kept in out, kept
    assert "type=text" in out  # Material's CSS may select on it
    assert "<!--" not in out
    assert len(out) < len(PAGE)
    assert compact(out) == out
