"""HTML and Markdown fragments from document cells -> plain text.

Cells carry `<p>`, `<ul>` with '•'/'●' bullets, `<i>`/`<code>` runs, `<div>` note boxes, `<pre>` blocks,
entities and Markdown residue (`[text](#)`, `**bold**`). The plain form keeps paragraphs and list
items on their own lines ('- item'); everything else is joined with single spaces.
"""

from __future__ import annotations

import html
import re

_PRE = re.compile(r"<pre[^>]*>(.*?)(?:</pre>|$)", re.DOTALL | re.IGNORECASE)
_BLOCK_TAG = re.compile(r"</?(?:p|ul|ol|div|br|pre|table|tr)\b[^>]*>", re.IGNORECASE)
_ITEM_TAG = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_BULLET = re.compile(r"\s*[•●]\s*")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_BOLD = re.compile(r"\*\*(.*?)\*\*")
_PRE_SLOT = "\x00{}\x00"


def to_plain_text(fragment: str | None) -> str:
    """Render a cell fragment as plain text: no tags, entities decoded, '- item' list lines."""
    if not fragment:
        return ""
    blocks: list[str] = []

    def keep_pre(match: re.Match[str]) -> str:
        blocks.append(match.group(1).strip())
        return "\n" + _PRE_SLOT.format(len(blocks) - 1) + "\n"

    text = _PRE.sub(keep_pre, fragment)
    text = re.sub(r"[^\S\n]+", " ", text)
    text = _ITEM_TAG.sub("\n- ", text)
    text = _BLOCK_TAG.sub("\n", text)
    text = _ANY_TAG.sub("", text)
    text = _BULLET.sub("\n- ", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_BOLD.sub(r"\1", text)
    text = html.unescape(text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    text = "\n".join(line for line in lines if line and line != "-")
    for index, block in enumerate(blocks):
        text = text.replace(_PRE_SLOT.format(index), html.unescape(block))
    return text.strip()


def strip_inline_markup(text: str | None) -> str:
    """Drop tags and entities from a short one-line cell (names, examples, codes)."""
    if not text:
        return ""
    return " ".join(html.unescape(_ANY_TAG.sub("", text)).split())
