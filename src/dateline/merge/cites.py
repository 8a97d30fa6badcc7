"""What a coding step cites: (event field, span) pairs, each once, in the order cited.

Each step of coding an event returns its values and a ``Cites`` of its own; the event's
evidence is made from all of them at the end (``evidence``), so no step reads or rewrites
another step's evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..records import Article, Evidence

Span = tuple[int, int]  # character offsets into the article text


class Cites:
    """The spans one step cites for the event fields it decides."""

    def __init__(self) -> None:
        self._items: list[tuple[str, Span]] = []

    def add(self, name: str, span: Span | None) -> None:
        """Cite ``span`` for field ``name``; nothing when there is no span, once per pair."""
        if span is None:
            return
        item = (name, (span[0], span[1]))
        if item not in self._items:
            self._items.append(item)

    def spans(self, name: str) -> list[Span]:
        return [span for field, span in self._items if field == name]

    def renamed(self, names: dict[str, str]) -> Cites:
        """The same spans with fields renamed (the sides of an event swapped)."""
        out = Cites()
        for field, span in self._items:
            out.add(names.get(field, field), span)
        return out

    def __iter__(self) -> Iterator[tuple[str, Span]]:
        return iter(self._items)


def evidence(article: Article, steps: Iterable[Cites]) -> list[Evidence]:
    """The event's evidence from every step's cites: each (field, span) once, in text order
    (ties by field name, then in the order cited)."""
    merged = Cites()
    for step in steps:
        for name, span in step:
            merged.add(name, span)
    found = [
        Evidence(name, article.article_id, start, end, article.text[start:end])
        for name, (start, end) in merged
    ]
    return sorted(found, key=lambda e: (e.start, e.field))
