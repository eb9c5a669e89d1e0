"""A user's notes (annotations) on a fact, an excerpt or an entity."""

from __future__ import annotations

from enum import StrEnum

from pydantic import ConfigDict, Field, field_validator

from store.models.base import Record, utcnow


class TargetKind(StrEnum):
    FACT = "fact"
    EXCERPT = "excerpt"
    ENTITY = "entity"


class Target(Record):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    kind: TargetKind
    id: str = Field(min_length=1)


class Annotation(Record):
    """A user's note. ``body`` is plain text, kept byte for byte."""

    id: str = Field(min_length=1)
    target: Target
    body: str
    tags: list[str] = Field(default_factory=list)
    created: str = Field(default_factory=utcnow)
    updated: str = Field(default_factory=utcnow)
    rev: int = Field(default=1, ge=1)

    @field_validator("tags")
    @classmethod
    def _clean_tags(cls, tags: list[str]) -> list[str]:
        out: list[str] = []
        for tag in tags:
            tag = tag.strip()
            if not tag:
                continue
            if any(c.isspace() for c in tag):
                raise ValueError(f"tag {tag!r} contains white space")
            if tag not in out:
                out.append(tag)
        return out
