"""API errors the simulator answers with, and the catalogue of the documents' common error codes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


class ApiError(Exception):
    """An error answer: documented code, HTTP status, message and a hint for the caller."""

    def __init__(self, code: str, http_status: int, message: str, recommend: str = "") -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.http_status = http_status
        self.message = message
        self.recommend = recommend


@dataclass(frozen=True)
class ErrorEntry:
    """A documented error as the spec gives it."""

    code: str
    http_status: int
    message: str
    description: str = ""

    def raise_error(self, **values: str) -> ApiError:
        """The `ApiError` for this entry, `{name}`-style placeholders filled in from `values`."""
        return ApiError(
            self.code,
            self.http_status,
            _fill(self.message, values),
            _fill(self.description, values),
        )


def entries_from_spec(items: Iterable[Mapping[str, Any]]) -> dict[str, ErrorEntry]:
    """First documented entry per code from the spec's error list (entries without status skipped)."""
    table: dict[str, ErrorEntry] = {}
    for item in items:
        status = item.get("http_status")
        if status is None or item["code"] in table:
            continue
        table[item["code"]] = ErrorEntry(
            item["code"], int(status), item.get("message", ""), item.get("description", "")
        )
    return table


class ErrorCatalogue:
    """Common errors: the spec's `service.common_errors` first, then the simulator's defaults
    (spec/simulator.yaml), whose messages name the parameter; `situation` picks the code the
    simulator answers with in a given situation ("missing_parameter", "incomplete_signature"...)."""

    def __init__(
        self,
        spec_entries: Mapping[str, ErrorEntry],
        defaults: Mapping[str, ErrorEntry] | None = None,
        situations: Mapping[str, str] | None = None,
    ) -> None:
        self._entries = dict(spec_entries)
        self._defaults = dict(defaults or {})
        self._situations = dict(situations or {})

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ErrorCatalogue:
        """From the spec data: `service.common_errors` and the `simulator` section."""
        simulator = data.get("simulator") or {}
        defaults = {
            code: ErrorEntry(code, int(item["http_status"]), item["message"], item["description"])
            for code, item in (simulator.get("common_errors") or {}).items()
        }
        common = data.get("service", {}).get("common_errors", [])
        return cls(entries_from_spec(common), defaults, simulator.get("situations"))

    def code(self, situation: str) -> str:
        """The code the simulator answers with in `situation`."""
        return self._situations[situation]

    def situation(self, situation: str, **values: str) -> ApiError:
        """The common error for `situation` (see `error`)."""
        return self.error(self.code(situation), **values)

    def error(self, code: str, **values: str) -> ApiError:
        """The common error `code`; a message naming a parameter uses the default template."""
        default = self._defaults.get(code)
        if default is not None and ("name" in values or code not in self._entries):
            status = (
                self._entries[code].http_status if code in self._entries else default.http_status
            )
            entry = ErrorEntry(code, status, default.message, default.description)
            return entry.raise_error(**values)
        if code in self._entries:
            return self._entries[code].raise_error(**values)
        raise KeyError(code)


def _fill(template: str, values: Mapping[str, str]) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template
