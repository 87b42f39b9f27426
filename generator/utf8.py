"""Reading UTF-8 text files so that a decoding error names the file, line and column."""

from __future__ import annotations

from pathlib import Path


class NotUtf8(ValueError):
    """A file that is not valid UTF-8; the message is `file:line:column: ...`."""


def read_utf8(path: Path) -> str:
    """The text of `path`, or `NotUtf8` naming where the first invalid byte is."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start]
        raise NotUtf8(
            f"{path}:{line}:{column}: not valid UTF-8 (byte 0x{byte:02x}: {exc.reason})"
        ) from None
