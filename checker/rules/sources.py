"""The registry of source documents every rule's evidence must cite (``rules/sources.yaml``).

Most sources are one document. A *corpus* source (``corpus: true``) is a collection held in the
report corpus (``--corpus DIR``): each evidence item citing it names the report, and the report's
authority, date and framework come from the corpus index rather than from the registry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from checker.core.errors import InvalidRules
from checker.inputs.schemas import load_valid


@dataclass
class Source:
    id: str
    authority: str | None
    date: dt.date | None
    framework: str | None
    kind: str
    title: str
    published: str
    #: File name of the document's text in the seeds folder, when it is held there.
    file: str | None = None
    #: How the document numbers its text: numbered, sections, slides, headed or none.
    paragraphs: str = "none"
    #: The licence the source is published under, when the registry states it.
    licence: str | None = None
    #: A collection of reports in the report corpus; evidence citing it names the report.
    corpus: bool = False


def load_sources(path: Path) -> dict[str, Source]:
    document = load_valid(path, "sources", InvalidRules)
    found: dict[str, Source] = {}
    for index, item in enumerate(document.data["sources"]):
        if item["id"] in found:
            raise InvalidRules([document.problem(f"/sources/{index}/id",
                                                 f"duplicate source id {item['id']!r}")])
        found[item["id"]] = Source(
            id=item["id"], authority=item.get("authority"),
            date=dt.date.fromisoformat(item["date"]) if "date" in item else None,
            framework=item.get("framework"), kind=item["kind"], title=item["title"],
            published=item["published"], file=item.get("file"),
            paragraphs=item.get("paragraphs", "none"), licence=item.get("licence"),
            corpus=bool(item.get("corpus", False)),
        )
    return found
