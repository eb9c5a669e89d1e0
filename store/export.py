"""The store rendered for other tools: JSON (everything), and views of the facts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson

from store.models import SCHEMA_VERSION

if TYPE_CHECKING:
    from store.repository import FactStore


def as_json(store: FactStore) -> dict[str, Any]:
    """The whole store as one document, with the models' own field names."""

    def dump(records: dict[str, Any]) -> list[dict[str, Any]]:
        return [r.model_dump(mode="json") for r in records.values()]

    return {
        "schema_version": SCHEMA_VERSION,
        "entities": dump(store.entities),
        "facts": dump(store.facts),
        "sources": dump(store.sources),
        "excerpts": dump(store.excerpts),
        "annotations": dump(store.annotations),
        "changes": [c.model_dump(mode="json") for c in store.history()],
    }


def render(store: FactStore, fmt: str, **filters: str | None) -> str:
    if fmt == "json":
        return orjson.dumps(as_json(store), option=orjson.OPT_INDENT_2).decode() + "\n"
    raise ValueError(f"unknown export format {fmt!r}")
