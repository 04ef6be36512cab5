"""The registry of source documents every rule's evidence must cite (``rules/sources.yaml``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.documents import load_document
from checker.errors import InvalidRules
from checker.frameworks import MAX_DATA_BYTES, pydantic_problems


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    authority: str
    date: dt.date
    framework: str
    kind: str
    title: str
    published: str
    #: File name of the document's text in the seeds folder, when it is held there.
    file: str | None = None
    paragraphs: Literal["numbered", "sections", "slides", "headed", "none"] = "none"


class _Registry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: tuple[Source, ...]


def load_sources(path: Path) -> dict[str, Source]:
    document = load_document(path, max_bytes=MAX_DATA_BYTES, error=InvalidRules)
    try:
        registry = _Registry.model_validate(document.data)
    except ValidationError as error:
        raise InvalidRules(pydantic_problems(document, error)) from None
    found: dict[str, Source] = {}
    for index, source in enumerate(registry.sources):
        if source.id in found:
            raise InvalidRules([document.problem(f"/sources/{index}/id",
                                                 f"duplicate source id {source.id!r}")])
        found[source.id] = source
    return found
