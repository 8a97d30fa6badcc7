"""Poison content for the fuzz corpus (tests/fuzz_corpus.py): each function draws ``n`` malformed
items of one kind from a seeded ``random.Random``. Plain data only, no Dateline import."""

from __future__ import annotations

import json
import random
import string

WORDS = "the of and to in a said police on for was with by at from that were people".split()


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def short_text(rng: random.Random) -> str:
    """A few words: cheap for the pipeline when a reader lets the item through."""
    return f"Note {rng.randrange(10**6)}: {words(rng, rng.randint(3, 8))}."


# -- JSON Lines ------------------------------------------------------------------------------------

FIELDS = ["text", "html", "title", "url", "published", "publisher", "date", "source"]


def surrogate_lines(rng: random.Random, n: int) -> list[str]:
    """A lone surrogate (escaped, as JSON allows) in one field of an otherwise good record."""
    out = []
    for _ in range(n):
        lone = rng.choice(["\\ud800", "\\udfff", "\\udc00x", "a\\ud83d", "\\ude00\\ud800"])
        record = {"text": short_text(rng), "title": "A title"}
        name = rng.choice(["text", "title", "url", "publisher", "published"])
        record[name] = (record.get(name) or "") + "@@"
        out.append(json.dumps(record).replace("@@", lone))
    return out


def deep_json_lines(rng: random.Random, n: int) -> list[str]:
    """Arrays and objects nested far past any reasonable depth (a few up to 100,000 levels)."""
    out = []
    for i in range(n):
        depth = 100_000 if i % 60 == 0 else rng.choice([600, 1_500, 3_000, 10_000])
        form = rng.randrange(3)
        if form == 0:
            out.append("[" * depth + "]" * depth)
        elif form == 1:
            out.append('{"a":' * depth + "1" + "}" * depth)
        else:
            out.append('{"text": ' + "[" * depth + '"x"' + "]" * depth + "}")
    return out


def huge_int_lines(rng: random.Random, n: int) -> list[str]:
    """Integers of thousands of digits (Python refuses to parse more than 4,300 by default)."""
    out = []
    for i in range(n):
        digits = "9" + "".join(rng.choices(string.digits, k=rng.randint(4_400, 6_000)))
        form = i % 25
        if form == 0:  # beside a readable text: the record may be read without the number
            out.append(json.dumps({"text": short_text(rng), "published": 0}).replace("0}", digits + "}"))
        elif form == 1:
            out.append(json.dumps({"text": short_text(rng), "title": 0}).replace("0}", digits + "}"))
        elif form % 2:
            out.append('{"text": ' + digits + "}")
        else:
            out.append("[" + digits + "]")
    return out


def _odd_value(rng: random.Random) -> object:
    return rng.choice([None, True, False, 0, -1, 3.5, 1e308, [], [1, 2], {}, {"a": "b"}, ["text"], ""])


def wrong_type_lines(rng: random.Random, n: int) -> list[str]:
    """Valid JSON of the wrong shape: not an object, or fields of the wrong type."""
    out = []
    for i in range(n):
        form = i % 10
        if form == 0:  # a readable text, metadata of the wrong type
            record = {"text": short_text(rng)}
            record[rng.choice(["title", "url", "published", "publisher", "date", "source"])] = _odd_value(rng)
        elif form < 4:
            record = _odd_value(rng) if rng.random() < 0.5 else rng.choice(["text", 7, [["text", "x"]]])
        else:
            record = {rng.choice(["text", "html"]): _odd_value(rng), "title": rng.choice(["T", 5, None])}
        out.append(json.dumps(record))
    return out


def invalid_json_lines(rng: random.Random, n: int) -> list[str]:
    """Lines that are not JSON: cut short, trailing commas, single quotes, bare words, garbage."""
    good = json.dumps({"text": "x " * 8, "title": "t"})
    out = []
    for _ in range(n):
        form = rng.randrange(8)
        if form == 0:
            out.append(good[: rng.randint(1, len(good) - 2)])
        elif form == 1:
            out.append(good[:-1] + ",}")
        elif form == 2:
            out.append(good.replace('"', "'"))
        elif form == 3:
            out.append("{text: " + words(rng, 3) + "}")
        elif form == 4:
            out.append(words(rng, rng.randint(1, 12)))
        elif form == 5:
            chars = (chr(rng.randint(0x21, 0x2FFF)) for _ in range(rng.randint(1, 80)))
            out.append("".join(c if len(f"a{c}b".splitlines()) == 1 else "?" for c in chars))
        elif form == 6:
            out.append("{" + '"a":1,' * rng.randint(1, 50) + "}")
        else:
            out.append('{"text": "unterminated ' + words(rng, 4))
    # the sniffer reads a file starting with "{" as JSON Lines: keep every line non-blank
    return [line if line.strip() else "?" for line in out]


def nul_lines(rng: random.Random, n: int) -> list[str]:
    """NUL characters: escaped inside strings (valid JSON) in a record that is otherwise good."""
    out = []
    for _ in range(n):
        record = {"text": short_text(rng), "title": "T"}
        name = rng.choice(["text", "title", "url", "publisher"])
        record[name] = (record.get(name) or "") + "\x00" * rng.randint(1, 3)
        out.append(json.dumps(record))
    return out


def line_separator_lines(rng: random.Random, n: int) -> list[str]:
    """Valid records whose strings hold raw U+2028, U+2029 or U+0085 (JSON allows them unescaped;
    only a newline ends a JSON Lines record)."""
    out = []
    for _ in range(n):
        mark = rng.choice(["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c"])
        record = {"text": short_text(rng).replace(" ", f" {mark}", 1), "title": f"A{mark}title"}
        out.append(json.dumps(record, ensure_ascii=False))
    return out


def raw_nul_lines(rng: random.Random, n: int) -> list[str]:
    """Raw NUL bytes in the line itself (not valid JSON)."""
    return ['{"text": "a\x00b ' + words(rng, 3) + '"}' for _ in range(n)]


def absurd_date_records(rng: random.Random, n: int) -> list[dict[str, object]]:
    """Records dated year 1, 9999, 99999-99-99 and the like, some also dating the event in the text."""
    dates = ["0001-01-01", "9999-12-31", "99999-99-99", "0000-00-00", "-0001-01-01", "2024-13-45",
             "1e9", "10000-01-01", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"]  # fmt: skip
    in_text = ["on 1 January 0001", "on 31 December 9999", "in the year 99999", "on 99/99/9999", ""]
    out = []
    for i in range(n):
        when = rng.choice(in_text)
        text = f"Gunmen killed {rng.randint(2, 9)} farmers near Maiduguri {when or 'on Monday'}, police said."
        out.append({"text": text, "published": dates[i % len(dates)], "url": f"https://dates.example/{i}"})
    return out


def absurd_number_texts(rng: random.Random, n: int) -> list[str]:
    """Reports with tolls no event can have: twenty 9s, a 5,000-digit figure, 10**30 in words."""
    figures = ["9" * 20, "9" * 30, "99999999999999999999999999", "1" + "0" * 400, "9" * 5_000,
               "9,999,999,999,999,999", "18446744073709551616", "9223372036854775808"]  # fmt: skip
    out = []
    for i in range(n):
        figure = figures[i % len(figures)]
        out.append(
            f"MAIDUGURI, Nigeria - Gunmen killed {figure} civilians in an attack on a village near "
            f"Maiduguri on Monday, police said. Report {i}: the toll was {figure} dead."
        )
    return out


# -- files -----------------------------------------------------------------------------------------


def binary_blobs(rng: random.Random, n: int) -> list[bytes]:
    """Files that are not text: random bytes with NULs, image, archive and executable headers."""
    heads = [b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"\x7fELF\x02\x01\x01", b"%PDF-1.4\n\x00", b"\x00\x00\x00"]
    out = []
    for i in range(n):
        body = bytes(rng.randrange(256) for _ in range(rng.randint(16, 600)))
        if i % 3 == 0:
            body = rng.choice(heads) + body
        if b"\x00" not in body[:64]:
            body = body[:8] + b"\x00" + body[8:]
        out.append(body)
    return out


def empty_texts(rng: random.Random, n: int) -> list[bytes]:
    """Empty and blank files: nothing, spaces, newlines, a bare BOM, no-break spaces."""
    forms = [
        b"",
        b" ",
        b"\n\n\n",
        b"\t \r\n",
        b"\xef\xbb\xbf",
        b"\xef\xbb\xbf\n  \n",
        "\u00a0\u3000\n".encode(),
    ]
    return [forms[i % len(forms)] * (i // len(forms) + 1) for i in range(n)]  # no two alike


def broken_html(rng: random.Random, n: int) -> list[str]:
    """Tag soup: unclosed and mismatched tags, pages cut mid-tag, bad entities, stray CDATA."""
    out = []
    for i in range(n):
        text = short_text(rng)
        form = i % 6
        if form == 0:
            out.append(f"<html><body><div><p>{text}<div><span>{text}</p></b></i></body>")
        elif form == 1:
            page = f"<html><body><article><p>{text}</p><p>{text}</p></article></body></html>"
            out.append(page[: rng.randint(10, len(page) - 10)])
        elif form == 2:
            out.append(f"<html><body><p title='{text}>{text}&#xFFFFFFFF;&bogus;&#0;</p></body></html>")
        elif form == 3:
            out.append(f"<html><body><![CDATA[{text}<!-- never closed <p>{text}</p>")
        elif form == 4:
            out.append(f"<!DOCTYPE html><html><body>{'<p>' * 500}{text}{'</div>' * 500}</body></html>")
        else:
            out.append(f"<html><body><p>{text}\x00\x1b[2J\ufffe\uffff</p></body></html>")
    return out


def nested_html(rng: random.Random, n: int) -> list[str]:
    """Elements nested 10,000 to 100,000 deep with a little text at the bottom."""
    out = []
    for i in range(n):
        depth = 100_000 if i % 2 == 0 else 10_000
        tag = rng.choice(["div", "span", "table", "b"])
        out.append(f"<html><body>{f'<{tag}>' * depth}{short_text(rng)}{f'</{tag}>' * depth}</body></html>")
    return out


def script_only_html(rng: random.Random, n: int) -> list[str]:
    """Pages with no readable text: only scripts, styles, comments or nothing."""
    forms = [
        "<html><head><script>var a = {n};</script></head><body><script>alert({n})</script></body></html>",
        "<html><body><style>p {{ color: red }}</style><noscript></noscript></body></html>",
        "<html><body><!-- {n} --></body></html>",
        "<html></html>",
        "<!DOCTYPE html><html><head><title>{n}</title></head><body></body></html>",
    ]
    return [forms[i % len(forms)].format(n=rng.randrange(10**6)) for i in range(n)]


def feeds(rng: random.Random, n: int) -> list[tuple[str, int]]:
    """Malformed feeds, with how many entries each holds (0: the feed is one item)."""
    out: list[tuple[str, int]] = []
    for i in range(n):
        form = i % 5
        if form == 0:
            out.append((f"<rss><channel><title>x</title><item><title>{short_text(rng)}", 0))
        elif form == 1:  # entries with no content or summary
            items = "".join(f"<item><title>t{k}</title></item>" for k in range(3))
            out.append((f'<rss version="2.0"><channel><title>x</title>{items}</channel></rss>', 3))
        elif form == 2:  # entries whose HTML is only a script
            body = "&lt;script&gt;alert(1)&lt;/script&gt;"
            items = "".join(
                f"<item><title>s{k}</title><description>{body}</description></item>" for k in range(2)
            )
            out.append((f'<rss version="2.0"><channel>{items}</channel></rss>', 2))
        elif form == 3:
            out.append(("<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>&undefined;" + "x" * 50, 0))
        else:
            entity = '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            text = short_text(rng)  # unique: a feed read twice is one article
            out.append((f"{entity}<rss><channel><item><description>{text} &b;&b;&b;</description></item>", 0))
    return out
