"""The real articles that the article gold (``tests/resources/gold/articles/``) codes, read from
the corpora in ``../shared/data`` (copyrighted: never committed) or, for source ``team``, from the
team's own CC0 reports committed beside the gold (``texts/NAME.txt``).

Each source gives a JSON Lines record (``url``, ``title``, ``published``, ``text``): the eval reads
it as ``dateline ingest`` reads a JSON Lines line, so Dateline sees what a user's ingest would.
A gold quote is a verbatim substring of the record's ``text``.

``python -m dateline.evaluate.sources SOURCE`` lists a source's document ids;
``python -m dateline.evaluate.sources SOURCE DOC`` prints one record (what annotators read).
"""

from __future__ import annotations

import csv
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache
from pathlib import Path

from .folia import read_folia
from .gold import committed, shared

Record = dict[str, str | None]


def _text(el: ET.Element | None) -> str | None:
    return el.text.strip() if el is not None and el.text and el.text.strip() else None


@cache
def _xml_articles(path: Path) -> tuple[ET.Element, ...]:
    return tuple(ET.parse(path).getroot().iter("article"))


def _tr_news(data: Path) -> Iterator[tuple[str, Record]]:
    for art in _xml_articles(data / "geo" / "TR-News.xml"):
        body = art.find("text")
        yield (
            art.get("docid") or "",
            {
                "url": _text(art.find("url")),
                "title": _text(art.find("title")),
                "published": _text(art.find("dltime")),
                "text": body.text if body is not None and body.text else "",
            },
        )


def _geovirus(data: Path) -> Iterator[tuple[str, Record]]:
    for art in _xml_articles(data / "geo" / "GeoVirus.xml"):
        url = _text(art.find("source")) or ""
        body = art.find("text")
        text = body.text if body is not None and body.text else ""
        yield url.rsplit("/", 1)[-1], {"url": url, "title": None, "published": None, "text": text}


def _case2021(data: Path) -> Iterator[tuple[str, Record]]:
    with open(data / "events" / "case2021_task2_dev.tsv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            yield row["id"], {"url": None, "title": None, "published": None, "text": row["EventSnippet"]}


def _india_police(data: Path) -> Iterator[tuple[str, Record]]:
    with open(data / "events" / "india-police-events" / "dev.jsonl", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            record = {"url": doc.get("url"), "title": None, "published": doc.get("published")}
            yield str(doc["doc_id"]), {**record, "text": doc["text"]}


def wire_file_date(name: str) -> str | None:
    """The date in a GLOCON wire file name (``SAP140527S1814.txt``, ``SAP20120608S6008.txt``, ``SAP20100824634.txt``,
    ``SAPXIN_20160520192236000_559708.txt``), or None (``SAPAI-…`` names carry none). It is the
    day the wire filed the story, sometimes the day after the story's own dateline."""
    match = re.match(r"SAP(?:[A-Z]+_(\d{8})|(20\d{6})|(\d{6})S)", name)
    if not match:
        return None
    digits = match[1] or match[2] or "20" + match[3]
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:])).isoformat()
    except ValueError:
        return None


def _glocon(data: Path) -> Iterator[tuple[str, Record]]:
    # GLOCON's sample of South African wire stories (Sapa and the agencies it carried): the
    # document id is GLOCON's own ``id``; ``url`` is the wire file name, whose date is the
    # record's publication date (the text itself rarely states a year).
    with open(data / "events" / "glocon-sample" / "documents.jsonl", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            name = doc.get("url") or ""
            record = {"url": name or None, "title": None, "published": wire_file_date(name)}
            yield str(doc["id"]), {**record, "text": doc["text"]}


def folia_text(path: Path) -> str:
    """The text of a FoLiA document: its tokens joined as tokenised (a space unless a token says
    ``space="no"``), sentences by a space, paragraphs by a blank line (``folia.read_folia``)."""
    return read_folia(path).text


def _india_protest(data: Path) -> Iterator[tuple[str, Record]]:
    for path in sorted((data / "events" / "india-protest-folia").glob("*.folia.xml")):
        name = path.name.removesuffix(".folia.xml")
        url = name.replace("https__", "https://", 1).replace("_", "/")
        yield name, {"url": url, "title": None, "published": None, "text": folia_text(path)}


def team_record(gold: Path, doc: dict) -> Record:
    """The record of a ``team`` gold line of the gold file ``gold``: its text is ``texts/DOC.txt``
    beside that file (so a gold folder other than the committed one, e.g. a test fixture, can
    bring its own texts)."""
    text = (gold.parent / "texts" / f"{doc['doc']}.txt").read_text("utf-8")
    return {"url": None, "title": doc.get("title"), "published": doc.get("published"), "text": text}


def _team(_: Path) -> Iterator[tuple[str, Record]]:
    for gold in committed("articles", "team.jsonl"):
        for line in gold.read_text("utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                yield doc["doc"], team_record(gold, doc)


SOURCES: dict[str, Callable[[Path], Iterator[tuple[str, Record]]]] = {
    "tr-news": _tr_news,
    "geovirus": _geovirus,
    "case2021": _case2021,
    "india-police": _india_police,
    "india-protest": _india_protest,
    "glocon": _glocon,
    "team": _team,
}


def shared_data() -> Path | None:
    """``../shared/data`` when it is beside the checkout (or the working directory)."""
    found = shared("events")
    return found[0].parent if found else None


def records(source: str, data: Path | None = None) -> dict[str, Record]:
    """Every document of ``source`` by id (``team`` needs no shared data)."""
    data = data or shared_data()
    if data is None and source != "team":
        raise FileNotFoundError(f"source '{source}' is read from ../shared/data, which is not here")
    return dict(SOURCES[source](data or Path(".")))


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in SOURCES:
        print(f"usage: python -m dateline.evaluate.sources {{{','.join(SOURCES)}}} [DOC]", file=sys.stderr)
        return 2
    docs = records(argv[0])
    if len(argv) == 1:
        print("\n".join(docs))
        return 0
    print(json.dumps(docs[argv[1]], ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
