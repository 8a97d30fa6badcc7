"""The actor knowledge base: canonical names, aliases, ACLED inter codes.

Shipped as ``data/actors.yaml``; users add their own files (same format) through the config's
``actors`` option (``--actors``, ``DATELINE_ACTORS``, ``actors = [...]``; docs/config.md).
``Resources.kb`` loads it once per configuration.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources

import yaml

from ..errors import DatelineError

_CASED_ABBREVIATION = re.compile(r"^[A-Z0-9.\-]{2,4}$")
# the template's country slot with what surrounds it: " of {country}", " ({country})"
_COUNTRY_SLOT = re.compile(r"\s*(?:of\s+\{country\}|\(\{country\}\)|\{country\})")
_WORD_LISTS = ("aliases", "nominals", "weapons", "attacks", "targets")


@dataclass(frozen=True)
class ActorEntry:
    name: str
    kind: str  # organisation | person | faction | generic
    inter: int | None = None
    country: str | None = None
    wikidata: str | None = None
    member_of: str | None = None
    template: bool = False
    aliases: tuple[str, ...] = ()
    nominals: tuple[str, ...] = ()
    weapons: tuple[str, ...] = ()
    attacks: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()

    def named(self, country_name: str | None) -> str:
        """The canonical name, with a generic actor's ``{country}`` filled in; without a country
        the slot is left out ("Civilians", "Military Forces"), never a placeholder country."""
        if not self.template:
            return self.name
        if not country_name:
            return _COUNTRY_SLOT.sub("", self.name).strip()
        return self.name.format(country=country_name)

    @property
    def of_country(self) -> bool:
        """Whether the template reads "... of {country}" (the country then takes its article)."""
        return self.template and "of {country}" in self.name


@dataclass
class ActorKB:
    entries: list[ActorEntry]
    by_alias: dict[str, ActorEntry] = field(default_factory=dict)
    cased: dict[str, ActorEntry] = field(default_factory=dict)
    by_nominal: dict[str, ActorEntry] = field(default_factory=dict)
    by_name: dict[str, ActorEntry] = field(default_factory=dict)
    by_weapon: dict[str, ActorEntry] = field(default_factory=dict)
    by_attack: dict[str, ActorEntry] = field(default_factory=dict)
    by_target: dict[str, ActorEntry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entry in self.entries:
            self.by_name[entry.name] = entry
            for words, table in (
                (entry.weapons, self.by_weapon),
                (entry.attacks, self.by_attack),
                (entry.targets, self.by_target),
            ):
                table.update((word.casefold(), entry) for word in words)
            for alias in (entry.name, *entry.aliases):
                if _CASED_ABBREVIATION.match(alias):
                    self.cased[alias] = entry
                else:
                    self.by_alias[alias.casefold()] = entry
            for nominal in entry.nominals:
                self.by_nominal[nominal.casefold()] = entry

    def lookup(self, phrase: str) -> ActorEntry | None:
        """The entry whose name or alias is exactly ``phrase``."""
        phrase = phrase.strip()
        return self.cased.get(phrase) or self.by_alias.get(phrase.casefold())

    def named_patterns(self) -> list[dict]:
        """EntityRuler patterns for the named (non-generic) actors, ids = canonical names."""
        labels = {"organisation": "ORG", "person": "PERSON", "faction": "NORP"}
        patterns = []
        for entry in self.entries:
            if entry.kind == "generic":
                continue
            for alias in (entry.name, *entry.aliases):
                # phrase patterns (matched on LOWER by the ruler's PhraseMatcher) are much
                # faster than token patterns; abbreviations keep a case-sensitive token pattern
                pattern: str | list = [{"TEXT": alias}] if _CASED_ABBREVIATION.match(alias) else alias
                patterns.append({"label": labels[entry.kind], "pattern": pattern, "id": entry.name})
        return patterns


def _words(raw: dict, key: str, source: str) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(w, str | int) and str(w).strip() for w in value):
        raise DatelineError("E024", f"{source}: actor {raw['name']!r}: '{key}' must be a list of words")
    return tuple(str(w) for w in value)


def _entry(raw: dict, source: str) -> ActorEntry:
    if not isinstance(raw, dict) or "name" not in raw or "kind" not in raw:
        raise DatelineError("E020", f"{source}: each actor needs at least 'name' and 'kind'")
    if not isinstance(raw["name"], str) or not raw["name"].strip():
        raise DatelineError("E020", f"{source}: an actor's name must be text, not {raw['name']!r}")
    if raw["kind"] not in ("organisation", "person", "faction", "generic"):
        raise DatelineError("E021", f"{source}: actor {raw['name']!r} has unknown kind {raw['kind']!r}")
    inter = raw.get("inter")
    if inter is not None and inter not in range(1, 9):
        raise DatelineError("E022", f"{source}: actor {raw['name']!r} has inter {inter}, not 1-8")
    if bool(raw.get("template")) != ("{country}" in raw["name"]):
        raise DatelineError(
            "E024",
            f"{source}: actor {raw['name']!r}: 'template: true' goes with a '{{country}}' slot in the name",
        )
    words = {key: _words(raw, key, source) for key in _WORD_LISTS}
    return ActorEntry(
        name=raw["name"],
        kind=raw["kind"],
        inter=inter,
        country=raw.get("country"),
        wikidata=raw.get("wikidata"),
        member_of=raw.get("member_of"),
        template=bool(raw.get("template")),
        **words,
    )


def _check_unique(entries: list[ActorEntry], source: str) -> None:
    """One file names each actor once and gives each alias to one actor (the lookup would
    otherwise keep whichever came last)."""
    owner: dict[str, str] = {}
    names: set[str] = set()
    for entry in entries:
        if entry.name in names:
            raise DatelineError("E025", f"{source}: actor {entry.name!r} is listed twice")
        names.add(entry.name)
        for alias in dict.fromkeys((entry.name, *entry.aliases)):
            key = alias if _CASED_ABBREVIATION.match(alias) else alias.casefold()
            if owner.get(key, entry.name) != entry.name:
                raise DatelineError(
                    "E025", f"{source}: {alias!r} names both {owner[key]!r} and {entry.name!r}"
                )
            owner[key] = entry.name


def load_entries(text: str, source: str, fast: bool = False) -> list[ActorEntry]:
    """The entries of one actor file. ``fast``: parsed by libyaml's loader when PyYAML has it,
    for the shipped file (0.15 -> 0.015 s of CPU at every process start and in each pool
    worker; the same data, tests/test_actors.py); a user's file keeps the pure-Python loader's
    error messages."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if fast else yaml.SafeLoader
    data = yaml.load(text, Loader=loader) or []  # noqa: S506 - a safe loader either way
    if not isinstance(data, list):
        raise DatelineError("E020", f"{source}: an actor file is a YAML list of actors")
    entries = [_entry(raw, source) for raw in data]
    _check_unique(entries, source)
    return entries


def load_kb(extra: Sequence[str] | str = ()) -> ActorKB:
    """The shipped knowledge base plus the user files ``extra`` (paths, or one string of paths
    joined with ``os.pathsep``; later files win on a shared name). A new object on each call."""
    shipped = resources.files("dateline.data").joinpath("actors.yaml").read_text(encoding="utf-8")
    entries = {e.name: e for e in load_entries(shipped, "actors.yaml", fast=True)}
    paths = extra.split(os.pathsep) if isinstance(extra, str) else extra
    for path in filter(None, paths):
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except OSError as exc:
            raise DatelineError("E023", f"cannot read actor file {path}: {exc.strerror}") from exc
        entries.update({e.name: e for e in load_entries(text, path)})
    return ActorKB(list(entries.values()))
