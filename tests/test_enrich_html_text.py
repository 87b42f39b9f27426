"""Cell fragments -> plain text."""

from __future__ import annotations

import pytest

from generator.extract.html_text import strip_inline_markup, to_plain_text


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        (
            "<p>The client token.</p> <p>It must be unique.</p>",
            "The client token.\nIt must be unique.",
        ),
        (
            '<p>Valid values:</p> <ul style="list-style-type: none"> • true: on. • false: off.',
            "Valid values:\n- true: on.\n- false: off.",
        ),
        (
            "It cannot start with <code>http://</code> or <code>https://</code>.",
            "It cannot start with http:// or https://.",
        ),
        (
            "For a list of error codes, visit the [API Error Center](#).",
            "For a list of error codes, visit the API Error Center.",
        ),
        ("Set **ResourceId.N** &amp; <i>Tag.N</i>.", "Set ResourceId.N & Tag.N."),
        ("The value \nwraps   here.", "The value\nwraps here."),
        (
            'The configuration: <pre>{"IkeVersion":"ikev1",\n "IkeMode":"main"}</pre>',
            'The configuration:\n{"IkeVersion":"ikev1",\n "IkeMode":"main"}',
        ),
        ("", ""),
    ],
)
def test_to_plain_text(fragment: str, text: str) -> None:
    assert to_plain_text(fragment) == text


def test_strip_inline_markup() -> None:
    assert strip_inline_markup("<code>↳Remoteld</code> ") == "↳Remoteld"
    assert strip_inline_markup(None) == ""
