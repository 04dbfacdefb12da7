"""Keep Jinja away from code: authors may show `{{ x }}` in a code block or an
inline code span, and must get it printed as-is instead of a template error."""

from __future__ import annotations

import re

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
INLINE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
JINJA = ("{{", "{%", "{#")
RAW, ENDRAW = "{% raw %}", "{% endraw %}"


def _has_jinja(text: str) -> bool:
    return any(marker in text for marker in JINJA)


def protect_code(markdown: str) -> str:
    """Wrap fenced code blocks and inline code spans that contain Jinja markers
    in {% raw %} … {% endraw %}; everything else is returned unchanged."""
    lines = markdown.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if match:
            fence = match.group("fence")
            end = i + 1
            while end < len(lines):
                close = FENCE.match(lines[end])
                if close and close.group("fence")[0] == fence[0] and len(close.group("fence")) >= len(fence):
                    break
                end += 1
            block = lines[i : end + 1]
            if _has_jinja("\n".join(block)):
                block = [RAW + block[0], *block[1:-1], block[-1] + ENDRAW] if len(block) > 1 else block
            out.extend(block)
            i = end + 1
            continue
        line = lines[i]
        if _has_jinja(line) and "`" in line:
            line = INLINE.sub(
                lambda m: RAW + m.group(0) + ENDRAW if _has_jinja(m.group(0)) else m.group(0), line
            )
        out.append(line)
        i += 1
    return "\n".join(out)
