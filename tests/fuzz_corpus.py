"""A seeded, deterministic corpus of malformed inputs for the ingest fuzz test (issue 14).

Each poison kind writes its files into a directory and says, item by item, what must become of
it: ``problem`` (a recorded problem naming the item or its file), ``article`` (read and stored) or
``either`` (one or the other: never silently lost). Good articles are mixed in, inside the same
JSON Lines and WARC files as the poison (a bad line must not take its neighbours down); the test
processes them again alone and checks that the poison changed nothing about them.

The same seed gives the same bytes, so docs/reliability.md lists each kind's count and
tests/test_docs.py checks it against :func:`count`. No model is loaded here.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import fuzz_poison as poison

SEED = 14  # the number; any fixed value makes the corpus reproducible

TOWNS = [
    ("Maiduguri", "Nigeria"),
    ("Kandahar", "Afghanistan"),
    ("Goma", "Democratic Republic of Congo"),
    ("Mogadishu", "Somalia"),
    ("Peshawar", "Pakistan"),
    ("Bamako", "Mali"),
    ("Kismayo", "Somalia"),
    ("Quetta", "Pakistan"),
]
ACTS = [
    ("Gunmen killed {n} villagers in an attack on a market near {town}", "attack"),
    ("Militants killed {n} soldiers in an ambush on a convoy outside {town}", "ambush"),
    ("A roadside bomb killed {n} people travelling on a bus near {town}", "bombing"),
]


def good_record(rng: random.Random, number: int) -> dict[str, str]:
    """A short made-up report with one clear event (varied place, act, toll and date)."""
    town, country = rng.choice(TOWNS)
    act, noun = rng.choice(ACTS)
    n = rng.randint(2, 40)
    text = (
        f"{town.upper()}, {country} - {act.format(n=n, town=town)} on Monday, police said.\n\n"
        f"Witnesses said the {noun} began in the early morning. Officials said report {number} "
        f"would be updated as families identified the dead."
    )
    return {
        "title": f"{n} killed in {noun} near {town}",
        "text": text,
        "published": f"2024-03-{rng.randint(1, 27):02d}",
        "url": f"https://news.example/{number}",
        "publisher": "Example News",
    }


@dataclass
class Good:
    record: dict[str, str]  # what a JSON Lines line holds
    source: str  # where it was put ("x.jsonl:1", "x.warc#1", "x.txt")
    form: str  # "jsonl", "warc" or "text": the test writes it again alone in the same form


@dataclass
class Item:
    source: str  # the name a problem or a stored article carries
    file: str  # its file: a problem naming the whole file accounts for it too
    expect: str  # "problem", "article" or "either"


@dataclass
class Built:
    rng: random.Random
    items: list[Item] = field(default_factory=list)
    goods: list[Good] = field(default_factory=list)

    def good(self, source: str, form: str) -> Good:
        record = good_record(self.rng, 1000 * len(self.items) + len(self.goods))
        self.goods.append(Good(record, source, form))
        return self.goods[-1]

    def item(self, source: str, file: Path, expect: str) -> None:
        self.items.append(Item(source, str(file), expect))


# -- writers ---------------------------------------------------------------------------------------


def write_jsonl(built: Built, path: Path, lines: list[str], expect: str, goods: int = 2) -> None:
    """Poison lines with ``goods`` good lines spread among them (the first line is good)."""
    at = {round(i * len(lines) / goods) for i in range(goods)}
    rows: list[str] = []
    for index, line in enumerate(lines):
        if index in at:
            rows.append(json.dumps(built.good(f"{path}:{len(rows) + 1}", "jsonl").record))
        rows.append(line)
        built.item(f"{path}:{len(rows)}", path, expect)
    path.write_bytes("\n".join(rows).encode("utf-8", "surrogatepass") + b"\n")


def page_html(record: dict[str, str]) -> str:
    paras = "".join(f"<p>{p}</p>" for p in record["text"].split("\n\n"))
    title = record["title"]
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>"


def warc_record(body: bytes, headers: list[tuple[bytes, bytes]], length: bytes | None = None) -> bytes:
    head = b"WARC/1.0\r\n" + b"".join(k + b": " + v + b"\r\n" for k, v in headers)
    size = str(len(body)).encode() if length is None else length
    return head + b"Content-Length: " + size + b"\r\n\r\n" + body + b"\r\n\r\n"


def http_response(html: str, content_type: bytes = b"text/html; charset=utf-8") -> bytes:
    payload = html.encode("utf-8")
    size = str(len(payload)).encode()
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: "
        + content_type
        + b"\r\nContent-Length: "
        + size
        + b"\r\n\r\n"
        + payload
    )


def response_headers(number: int, uri: bytes | None = b"") -> list[tuple[bytes, bytes]]:
    headers = [
        (b"WARC-Type", b"response"),
        (b"WARC-Record-ID", f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>".encode()),
        (b"WARC-Date", b"2024-03-02T10:00:00Z"),
        (b"Content-Type", b"application/http; msgtype=response"),
    ]
    if uri is not None:
        headers.insert(1, (b"WARC-Target-URI", uri or f"https://news.example/w/{number}".encode()))
    return headers


def good_warc(built: Built, path: Path, number: int) -> bytes:
    record = built.good(f"{path}#{number}", "warc").record
    return warc_record(http_response(page_html(record)), response_headers(number, record["url"].encode()))


def note_warc(
    rng: random.Random, number: int, headers=None, content_type=b"text/html; charset=utf-8"
) -> bytes:
    """A response record holding a page with a little text and no event (cheap to annotate)."""
    html = f"<html><body><article><p>{poison.short_text(rng)}</p></article></body></html>"
    return warc_record(http_response(html, content_type), headers or response_headers(number))


# -- kinds -----------------------------------------------------------------------------------------


def jsonl_kind(make: Callable[[random.Random, int], list[str]], n: int, expect: str):
    def build(built: Built, out: Path) -> None:
        write_jsonl(built, out / "poison.jsonl", make(built.rng, n), expect)

    return build


def jsonl_nul(built: Built, out: Path) -> None:
    write_jsonl(built, out / "escaped-nul.jsonl", poison.nul_lines(built.rng, 280), "either")
    path = out / "raw-nul.jsonl"  # raw NULs: the file may be refused whole as binary
    lines = poison.raw_nul_lines(built.rng, 20)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for number in range(1, len(lines) + 1):
        built.item(f"{path}:{number}", path, "problem")


def jsonl_giant_line(built: Built, out: Path) -> None:
    rng, size = built.rng, 2_000_000
    lines = [
        json.dumps({"text": poison.words(rng, size // 5)}),  # one paragraph of 5 MB
        json.dumps({"text": poison.short_text(rng), "title": "T" * size}),
        json.dumps({"text": poison.short_text(rng), "url": "https://x.example/" + "u" * size}),
    ]
    for number, line in enumerate(lines):
        write_jsonl(built, out / f"giant-{number}.jsonl", [line], "either", goods=1)


def warc_missing_uri(built: Built, out: Path) -> None:
    for f in range(2):
        path, records = out / f"missing-uri-{f}.warc", []
        for n in range(1, 23):
            if n in (1, 12):
                records.append(good_warc(built, path, n))
                continue
            records.append(note_warc(built.rng, n, response_headers(n, None)))
            built.item(f"{path}#{n}", path, "either")
        path.write_bytes(b"".join(records))


BAD_HEADER_VALUES = [b"\x1b[31mred\x1b[0m", b"\x1b]0;title\x07", b"\x07\x08\x7f", b"\xff\xfe\xfd",
                     b"\xc3\x28", b"x" * 70_000, b"", b"\r"]  # fmt: skip


def warc_bad_headers(built: Built, out: Path) -> None:
    rng = built.rng
    for f in range(3):
        path, records = out / f"bad-headers-{f}.warc", []
        records.append(good_warc(built, path, 1))
        for n in range(2, 22):
            headers, value = response_headers(n), rng.choice(BAD_HEADER_VALUES)
            which = rng.randrange(4)
            if which == 0:
                headers[1] = (b"WARC-Target-URI", b"https://news.example/" + value)
            elif which == 1:
                headers[3] = (b"WARC-Date", value)
            elif which == 2:
                headers.append((b"X-Odd-" + value[:20].replace(b":", b""), value))
            else:
                headers.append((value[:30].replace(b":", b"") or b"Bare", b""))
            records.append(note_warc(rng, n, headers))
            built.item(f"{path}#{n}", path, "either")
        path.write_bytes(b"".join(records))
    path = out / "bad-version.warc"  # escape bytes where the version line should be: the file is refused
    path.write_bytes(b"WARC/\x1b[2J\x1b]0;owned\x07\r\n" + note_warc(rng, 1)[len(b"WARC/1.0\r\n") :])
    built.item(str(path), path, "problem")


def warc_wrong_length(built: Built, out: Path) -> None:
    """One record with a wrong Content-Length after a good one: the good one must be read, the bad
    one (and whatever its wrong framing swallows) reported."""
    rng = built.rng
    for f in range(40):
        path = out / f"length-{f}.warc"
        good = good_warc(built, path, 1) if f < 4 else note_warc(rng, 1)
        if f >= 4:
            built.item(f"{path}#1", path, "either")
        note = note_warc(rng, 2)
        length = rng.choice([b"-5", b"abc", b"99999999", b"", b"1e3", str(len(note) // 3).encode()])
        body = note.split(b"\r\n\r\n", 1)[1][:-4]
        bad = warc_record(body, response_headers(2), length)
        path.write_bytes(good + bad + note_warc(rng, 3))
        built.item(f"{path}#2", path, "problem")
        built.item(f"{path}#3", path, "either")  # read if the reader finds its way back, else lost with #2


def warc_truncated(built: Built, out: Path) -> None:
    """Crawls cut short (gzip per record, or plain), after two whole good-or-note records."""
    rng = built.rng
    for f in range(30):
        gz = f % 2 == 0
        path = out / f"cut-{f}.warc{'.gz' if gz else ''}"
        head = [good_warc(built, path, n) if f < 3 else note_warc(rng, n) for n in (1, 2)]
        if f >= 3:
            built.item(f"{path}#1", path, "either")
            built.item(f"{path}#2", path, "either")
        tail = [note_warc(rng, n) for n in range(3, 8)]
        pack = (lambda b: gzip.compress(b, mtime=0)) if gz else (lambda b: b)
        whole = b"".join(pack(r) for r in head)
        rest = b"".join(pack(r) for r in tail)
        path.write_bytes(whole + rest[: int(len(rest) * rng.uniform(0.2, 0.9))])
        built.item(str(path), path, "problem")  # the cut itself, named by its file


def text_files(
    name: str, blobs: Callable[[random.Random, int], list[bytes]], n: int, expect: str, suffix=".txt"
):
    def build(built: Built, out: Path) -> None:
        for number, blob in enumerate(blobs(built.rng, n)):
            path = out / f"{name}-{number}{suffix}"
            path.write_bytes(blob)
            built.item(str(path), path, expect)
        path = out / "good.txt"
        path.write_text(built.good(str(path), "text").record["text"], encoding="utf-8")

    return build


def _encoded(encoding: str):
    """A report in ``encoding`` with its byte-order mark: little-endian, then big-endian."""

    def blobs(rng: random.Random, n: int) -> list[bytes]:
        texts = [good_record(rng, 90_000 + i)["text"] for i in range(n)]
        return [
            ("\ufeff" + t).encode(f"{encoding}-{'le' if i % 2 == 0 else 'be'}") for i, t in enumerate(texts)
        ]

    return blobs


def _mixed(rng: random.Random, n: int) -> list[bytes]:
    """UTF-8, Windows-1252 and Latin-1 paragraphs in one file, and mojibake."""
    out = []
    for _ in range(n):
        parts = [
            "Caf\u00e9 owners in Bamako said \u201cit\u2019s calm\u201d.".encode(),
            "Na\u00efve r\u00e9sum\u00e9 \u2013 \u20ac5.".encode("cp1252"),
            "\u00bfQu\u00e9 pas\u00f3? \u00fc\u00f1".encode("latin-1"),
            "it\u00e2\u20ac\u2122s".encode(),
        ]
        rng.shuffle(parts)
        out.append(b"\n\n".join(parts))
    return out


def _giant_paragraph(rng: random.Random, n: int) -> list[bytes]:
    sentence = "Residents said the market in Maiduguri was calm and traders returned on Monday. "
    return [(sentence * (10_000_000 // len(sentence))).encode() for _ in range(n)]


def html_files(make: Callable[[random.Random, int], list[str]], n: int, expect: str):
    return text_files("page", lambda rng, k: [p.encode("utf-8", "surrogatepass") for p in make(rng, k)],
                      n, expect, ".html")  # fmt: skip


def feed_files(built: Built, out: Path) -> None:
    for number, (xml, entries) in enumerate(poison.feeds(built.rng, 100)):
        path = out / f"feed-{number}.xml"
        path.write_text(xml, encoding="utf-8")
        if entries:
            for entry in range(1, entries + 1):
                built.item(f"{path}#{entry}", path, "either")
        else:
            built.item(str(path), path, "either")
    path = out / "good.txt"
    path.write_text(built.good(str(path), "text").record["text"], encoding="utf-8")


def absurd_numbers(built: Built, out: Path) -> None:
    lines = [json.dumps({"text": t, "url": f"https://n.example/{i}"})
             for i, t in enumerate(poison.absurd_number_texts(built.rng, 24))]  # fmt: skip
    write_jsonl(built, out / "tolls.jsonl", lines, "article")


def absurd_dates(built: Built, out: Path) -> None:
    lines = [json.dumps(r) for r in poison.absurd_date_records(built.rng, 30)]
    write_jsonl(built, out / "dates.jsonl", lines, "article")


# name -> (what it is, builder). The names are docs/reliability.md's rows.
KINDS: dict[str, tuple[str, Callable[[Built, Path], None]]] = {
    "jsonl_lone_surrogate": ("a lone surrogate in a field", jsonl_kind(poison.surrogate_lines, 60, "either")),
    "jsonl_deep_nesting": (
        "arrays/objects 600 to 100,000 deep",
        jsonl_kind(poison.deep_json_lines, 300, "problem"),
    ),
    "jsonl_huge_int": ("integers of 4,400+ digits", jsonl_kind(poison.huge_int_lines, 500, "either")),
    "jsonl_wrong_types": (
        "valid JSON of the wrong shape",
        jsonl_kind(poison.wrong_type_lines, 2000, "either"),
    ),
    "jsonl_invalid": ("lines that are not JSON", jsonl_kind(poison.invalid_json_lines, 5000, "problem")),
    "jsonl_nul": ("NUL characters, escaped and raw", jsonl_nul),
    "jsonl_line_separators": (
        "raw U+2028, U+2029, U+0085 inside strings",
        jsonl_kind(poison.line_separator_lines, 20, "article"),
    ),
    "jsonl_giant_line": ("2 MB lines: text, title, url", jsonl_giant_line),
    "warc_missing_target_uri": ("response records without WARC-Target-URI", warc_missing_uri),
    "warc_bad_headers": ("escape bytes, bad UTF-8, 70 kB values, bare names", warc_bad_headers),
    "warc_wrong_content_length": ("negative, non-numeric, too long, too short", warc_wrong_length),
    "warc_truncated": ("crawls cut at 20-90%, gzip and plain", warc_truncated),
    "text_utf16_bom": (
        "UTF-16 text with a BOM, LE and BE",
        text_files("u16", _encoded("utf-16"), 10, "article"),
    ),
    "text_utf32_bom": (
        "UTF-32 text with a BOM, LE and BE",
        text_files("u32", _encoded("utf-32"), 10, "article"),
    ),
    "text_binary": (
        "random bytes, image/archive/ELF headers",
        text_files("bin", poison.binary_blobs, 800, "either"),
    ),
    "text_empty": ("empty and blank files", text_files("empty", poison.empty_texts, 300, "either")),
    "text_mixed_encoding": (
        "UTF-8, cp1252 and Latin-1 in one file",
        text_files("mixed", _mixed, 30, "either"),
    ),
    "text_giant_paragraph": ("one paragraph of 10 MB", text_files("giant", _giant_paragraph, 1, "either")),
    "html_broken": (
        "tag soup, pages cut mid-tag, bad entities",
        html_files(poison.broken_html, 100, "either"),
    ),
    "html_nested": ("elements nested 10,000 to 100,000 deep", html_files(poison.nested_html, 6, "either")),
    "html_script_only": ("pages with no readable text", html_files(poison.script_only_html, 200, "problem")),
    "feed_malformed": ("broken XML, empty entries, script-only entries, entities", feed_files),
    "absurd_numbers": ("tolls of 20 to 5,000 digits", absurd_numbers),
    "absurd_dates": ("published year 1, 9999, 99999-99-99; such dates in the text", absurd_dates),
}


# the hypothesis-driven kinds (tests/test_fuzz_ingest.py draws them): name -> (what it is, examples,
# poison items per example); derandomized, so every run draws the same examples
HYPOTHESIS_KINDS: dict[str, tuple[str, int, int]] = {
    "hypothesis_json_records": (
        "hypothesis: random JSON values and records (surrogates, any numbers, nesting)",
        12,
        40,
    ),
    "hypothesis_random_files": ("hypothesis: random bytes under every input suffix", 10, 20),
}


def build(kind: str, out: Path) -> Built:
    """Write ``kind``'s files into ``out`` (created); the same files every time."""
    out.mkdir(parents=True, exist_ok=True)
    built = Built(random.Random(f"{SEED}:{kind}"))
    KINDS[kind][1](built, out)
    return built


def count(kind: str, tmp: Path) -> int:
    """How many poison items ``kind`` writes."""
    return len(build(kind, tmp).items)
