"""The Jinja2 environment, its escaping filters, and black formatting of rendered modules."""

from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import black
import jinja2
from black.mode import TargetVersion

from generator.cache import TextCache
from generator.codegen.docs import wrap

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
BLACK_MODE = black.Mode(line_length=100, target_versions={TargetVersion.PY311})

#: Below this many modules per worker process, formatting in-process is faster.
_FILES_PER_WORKER = 16

_TRIPLE_QUOTE = '"""'
_ESCAPED_TRIPLE_QUOTE = '\\"\\"\\"'


def _escape_char(char: str) -> str:
    if char in "\n\t" or char.isprintable():
        return char
    code = ord(char)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    )


def docstring_body(text: str) -> str:
    """Text made safe between triple double quotes: backslashes, quote runs, control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\\", "\\\\")
    if not text.replace("\n", "").replace("\t", "").isprintable():
        text = "".join(_escape_char(char) for char in text)
    text = text.replace(_TRIPLE_QUOTE, _ESCAPED_TRIPLE_QUOTE)
    if text.endswith('"') and _backslashes_before(text, len(text) - 1) % 2 == 0:
        text = text[:-1] + '\\"'  # an unescaped closing quote would end the literal early
    return text


def _backslashes_before(text: str, index: int) -> int:
    """How many backslashes run immediately before text[index]."""
    return index - len(text[:index].rstrip("\\"))


def docstring(text: str, indent: int = 0) -> str:
    """A complete docstring literal; continuation lines indented by `indent` spaces."""
    body = docstring_body(text.strip()) or "Undocumented."
    pad = " " * indent
    lines = body.split("\n")
    if len(lines) == 1:
        return f'"""{body}"""'
    indented = "\n".join(pad + line if line else "" for line in lines[1:])
    return f'"""{lines[0]}\n{indented}\n{pad}"""'


def pystr(text: str) -> str:
    """A Python string literal for any text (black normalises the quotes)."""
    return repr(text)


def fpart(text: str) -> str:
    """Text for the literal part of a double-quoted f-string."""
    escaped = json.dumps(text, ensure_ascii=False)[1:-1]  # JSON escapes are valid Python escapes
    return escaped.replace("{", "{{").replace("}", "}}")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(docstring=docstring, pystr=pystr, fpart=fpart, wrap=wrap)
    return env


def render_source(template: str, **context: Any) -> str:
    """Render a template to (not yet formatted) Python source."""
    return environment().get_template(template).render(**context)


def format_source(source: str) -> str:
    """Black-format one module (line length 100, Python 3.11)."""
    return black.format_str(source, mode=BLACK_MODE)


def format_sources(sources: dict[str, str]) -> dict[str, str]:
    """Format many modules; a module whose unformatted text was formatted before (same black version
    and mode) comes from the local cache (`generator.cache`), the others are formatted and cached.
    """
    formatted_before = TextCache("black", f"{version('black')} {BLACK_MODE!r}")
    done = {path: formatted_before.get(source) for path, source in sources.items()}
    missing = {path: sources[path] for path, text in done.items() if text is None}
    for path, text in _format_all(missing).items():
        formatted_before.put(missing[path], text)
        done[path] = text
    return {path: text for path, text in done.items() if text is not None}


def _format_all(sources: dict[str, str]) -> dict[str, str]:
    """Format modules, in worker processes when there are enough to be worth it."""
    workers = min(os.cpu_count() or 1, len(sources) // _FILES_PER_WORKER)
    if workers < 2:
        return {path: format_source(source) for path, source in sources.items()}
    largest_first = sorted(sources, key=lambda path: -len(sources[path]))  # balances the workers
    with ProcessPoolExecutor(max_workers=workers) as pool:
        formatted = pool.map(format_source, (sources[path] for path in largest_first))
        done = dict(zip(largest_first, formatted, strict=True))
    return {path: done[path] for path in sources}
