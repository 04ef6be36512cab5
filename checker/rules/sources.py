"""The registry of source documents every rule's evidence must cite (``rules/sources.yaml``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from checker.core.errors import InvalidRules
from checker.inputs.schemas import load_valid


@dataclass
class Source:
    id: str
    authority: str
    date: dt.date
    framework: str
    kind: str
    title: str
    published: str
    #: File name of the document's text in the seeds folder, when it is held there.
    file: str | None = None
    #: How the document numbers its text: numbered, sections, slides, headed or none.
    paragraphs: str = "none"


def load_sources(path: Path) -> dict[str, Source]:
    document = load_valid(path, "sources", InvalidRules)
    found: dict[str, Source] = {}
    for index, item in enumerate(document.data["sources"]):
        if item["id"] in found:
            raise InvalidRules([document.problem(f"/sources/{index}/id",
                                                 f"duplicate source id {item['id']!r}")])
        found[item["id"]] = Source(
            id=item["id"], authority=item["authority"], date=dt.date.fromisoformat(item["date"]),
            framework=item["framework"], kind=item["kind"], title=item["title"],
            published=item["published"], file=item.get("file"),
            paragraphs=item.get("paragraphs", "none"),
        )
    return found
