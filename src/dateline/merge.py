"""Merge: the mentions of one real-world event become one event record with all their evidence.

A mention joins the event before it when it points back to it ("the incident", "the
attack") or follows it within a paragraph, unless place, date or kind of event disagree.
Captions describe their photo, not the story, so they never merge with body text.
"""

from __future__ import annotations

import hashlib
from datetime import date
from functools import lru_cache

from .export import countries_by_iso3
from .extract.attribution import outlet_name
from .extract.cameo import PLOVER_OF_SUB_EVENT, cameo_root
from .extract.factuality import CERTAINTY_ORDER, is_anonymous
from .extract.roles import ActorRef
from .records import Article, Evidence
from .resolve.context import Resolved, publication_bound
from .resources import Resources, default_resources

ANAPHOR_REACH = 3  # paragraphs back that "the incident" may point to
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "@kill"}
INTERVENTION_CUES = (
    "tear gas",
    "teargas",
    "water cannon",
    "rubber bullet",
    "dispers",
    "arrest",
    "detain",
    "baton",
    "beat",
    "fired",
)
ARMED_INTER = {1, 2, 3, 4, 8}
GENERIC_VICTIMS = {None, "people", "person", "dead", "dozen", "body", "death", "fatality", "?"}


def _overlaps(a, b) -> bool:
    return a.start <= b.end and b.start <= a.end


def _same_place(a: Resolved, b: Resolved) -> bool:
    if a.where is None or b.where is None:
        return True
    pa, pb = a.where.place, b.where.place
    if pa.geonameid is not None and pa.geonameid == pb.geonameid:
        return True
    if {pa.kind, pb.kind} & {"admin1", "country", "region"}:
        return (pa.iso3 == pb.iso3) and (pa.admin1 == pb.admin1 or "country" in {pa.kind, pb.kind})
    return abs(pa.latitude - pb.latitude) + abs(pa.longitude - pb.longitude) < 0.5


KINDRED = [
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "@kill"},
    {"Protests", "Riots", "@kill", "Arrests"},
]


def _compatible_kind(a: str | None, b: str | None, rank_a: int, rank_b: int) -> bool:
    if a is None or b is None or a == b:
        return True
    if any(a in group and b in group for group in KINDRED):
        return True
    # A coup, an escape or a patrol is often the frame of the violence that follows.
    return (a == "Strategic developments" and rank_a < 40 and b in VIOLENT) or (
        b == "Strategic developments" and rank_b < 40 and a in VIOLENT
    )


def _kind_key(m) -> str | None:
    return "Arrests" if m.sub_event_type == "Arrests" else m.event_type


def _fits(cluster: list[Resolved], item: Resolved) -> bool:
    m = item.mention
    for other in cluster:
        o = other.mention
        if o.in_caption != m.in_caption:
            return False
        if not _same_place(other, item):
            return False
        if other.when and item.when and not _overlaps(other.when, item.when):
            return False
        if not _compatible_kind(_kind_key(o), _kind_key(m), o.rank, m.rank):
            return False
    return True


def cluster(resolved: list[Resolved], anaphor_reach: int = ANAPHOR_REACH) -> list[list[Resolved]]:
    clusters: list[list[Resolved]] = []
    for item in resolved:
        m = item.mention
        target = None
        if m.anaphoric:
            target = next(
                (
                    c
                    for c in reversed(clusters)
                    if c[-1].mention.paragraph >= m.paragraph - anaphor_reach and _fits(c, item)
                ),
                None,
            )
        elif clusters and clusters[-1][-1].mention.paragraph >= m.paragraph - 1 and _fits(clusters[-1], item):
            target = clusters[-1]
        if target is not None:
            target.append(item)
        elif m.event_type is not None:
            clusters.append([item])
    return clusters


def country_name(iso3: str | None) -> str | None:
    name = countries_by_iso3().get(iso3, {}).get("name") if iso3 else None
    return f"the {name}" if name in DEFINITE_COUNTRIES else name


# Country names that take the article in running text (as ACLED writes them).
DEFINITE_COUNTRIES = {
    "United States",
    "United Kingdom",
    "Netherlands",
    "Philippines",
    "Central African Republic",
    "Democratic Republic of the Congo",
    "Republic of the Congo",
    "Gambia",
    "Bahamas",
    "United Arab Emirates",
    "Czech Republic",
    "Dominican Republic",
    "Comoros",
    "Maldives",
    "Marshall Islands",
    "Solomon Islands",
    "Palestinian Territory",
}


class EventBuilder:
    """Builds one event record from a cluster of resolved mentions."""

    def __init__(
        self,
        article: Article,
        cluster: list[Resolved],
        typing: tuple[str, float] | None = None,
        refine_min_probability: float | None = None,
    ):
        self.refine_min_probability = (
            REFINE_MIN_PROBABILITY if refine_min_probability is None else refine_min_probability
        )
        self.article = article
        self.cluster = cluster
        self.typing = typing  # the classifier's (CASE code, probability) for the cluster's sentences
        self.evidence: list[Evidence] = []

    def cite(self, name: str, span: tuple[int, int] | None) -> None:
        if span is None:
            return
        start, end = span
        if any(e.field == name and e.start == start and e.end == end for e in self.evidence):
            return
        text = self.article.text[start:end]
        self.evidence.append(Evidence(name, self.article.article_id, start, end, text))

    def build(self) -> dict | None:
        mentions = [r.mention for r in self.cluster]
        typed = [m for m in mentions if m.event_type is not None]
        if not typed:
            return None
        # a definite reference ("the fighting") names the event but does not report it first-hand
        primary = max(typed, key=lambda m: (not m.anaphoric, m.rank))
        self.primary = primary
        record: dict = {"event_id": self._event_id(primary)}
        where = next((r.where for r in self.cluster if r.where and r.where.precision < 3), None) or next(
            (r.where for r in self.cluster if r.where), None
        )
        self._place(record, where)
        self._actors(record, primary, mentions)
        self._kind(record, primary, typed)
        self._when(record)
        self._fatalities(record, mentions)
        self._claim(record, typed, mentions)
        self._notes(record)
        record["article_ids"] = [self.article.article_id]
        record["evidence"] = [e.to_dict() for e in sorted(self.evidence, key=lambda e: (e.start, e.field))]
        return record

    def _event_id(self, primary) -> str:
        key = f"{self.article.article_id}:{primary.trigger[0]}:{primary.trigger[1]}"
        return "ev-" + hashlib.sha256(key.encode()).hexdigest()[:16]

    def _place(self, record: dict, where) -> None:
        keys = ("location", "latitude", "longitude", "country", "iso3", "admin1", "admin2", "geonameid")
        record.update(dict.fromkeys(keys))
        record["geo_precision"] = None
        if where is None:
            return
        place = where.place
        record.update(
            location=ascii_name(place.name),
            latitude=place.latitude,
            longitude=place.longitude,
            country=place.country,
            iso3=place.iso3,
            admin1=ascii_name(place.admin1),
            admin2=ascii_name(place.admin2),
            geonameid=place.geonameid,
            geo_precision=where.precision,
        )
        span = (where.mention.start, where.mention.end)
        for key in (*keys, "geo_precision"):
            if record.get(key) is not None:
                self.cite(key, span)
        if where.container is not None:
            for key in ("admin1", "country", "iso3"):
                if record.get(key):
                    self.cite(key, (where.container.start, where.container.end))
        if where.precision == 2:
            # the word that made it approximate sits just before the name ("near Hasakah")
            before = self.article.text[max(span[0] - 12, 0) : span[0]]
            word = before.rstrip().rsplit(" ", 1)[-1]
            if word:
                start = span[0] - len(before) + before.rfind(word)
                self.cite("geo_precision", (start, start + len(word)))

    def _actor_name(self, ref: ActorRef, iso3: str | None) -> tuple[str, int | None]:
        entry = ref.entry
        country = ref.country_hint or entry.country or iso3
        name = entry.named(country_name(country))
        inter = entry.inter
        if inter == 1 and country and iso3 and country != iso3:
            inter = 8  # state forces outside their country (ACLED: external forces)
        return name, inter

    def _side(self, refs: list[tuple[ActorRef, tuple[int, int]]], iso3: str | None):
        """(actor, evidence span, associated actors) for one side; a faction stands with its group."""
        main, main_span, assoc = None, None, []
        for ref, span in refs:
            if ref.entry.kind == "faction":
                assoc.append((ref.entry.name, span))
                if main is None and ref.parent is not None:
                    main, main_span = ActorRef(ref.parent, span), span
            elif main is None:
                main, main_span = ref, span
            else:
                assoc.append((self._actor_name(ref, iso3)[0], span))
        return main, main_span, assoc

    def _actors(self, record: dict, primary, mentions) -> None:
        iso3 = record.get("iso3")
        ordered = [primary] + [m for m in mentions if m is not primary]
        for n, attr in ((1, "actor1"), (2, "actor2")):
            refs = next((getattr(m, attr) for m in ordered if getattr(m, attr)), [])
            main, span, assoc = self._side(refs, iso3)
            if n == 1:
                # factions named anywhere in the event ("the foreign fighter element") join side 1
                for m in mentions:
                    for ref, fspan in m.actor1:
                        if ref.entry.kind == "faction" and all(ref.entry.name != a for a, _ in assoc):
                            assoc.append((ref.entry.name, fspan))
            if n == 2 and primary.event_type == "Protests" and (main is None or main.entry.inter == 7):
                force, force_span = self._intervening_force(mentions, record)
                if force is not None:
                    main, span, assoc = force, force_span, []
            name, inter = self._actor_name(main, iso3) if main else (None, None)
            record[attr] = name
            record[f"inter{n}"] = inter
            record[f"assoc_actor_{n}"] = "; ".join(a for a, _ in assoc) or None
            self.cite(attr, span)
            self.cite(f"inter{n}", span if inter is not None else None)
            for _, aspan in assoc:
                self.cite(f"assoc_actor_{n}", aspan)

    def _intervening_force(self, mentions, record: dict):
        """Police or soldiers acting in a protest's sentences are its other side."""
        for m in mentions:
            for ref, span in m.actor1 + m.others:
                if ref.entry.inter == 1 and ref.entry.name != record.get("actor1"):
                    return ref, span
        return None, None

    def _kind(self, record: dict, primary, typed) -> None:
        event_type, sub = primary.event_type, primary.sub_event_type
        if event_type == "@kill":
            armed_target = any(r.mention.military_target for r in self.cluster)
            if armed_target or (record.get("inter2") in ARMED_INTER and record.get("inter1") is not None):
                event_type, sub = "Battles", "Armed clash"
            elif record.get("inter1") == 1 and record.get("inter2") == 6:
                # state forces killing or wounding protesters: ACLED's excessive force against
                # protesters, coded like every protest with the protesters as actor1
                event_type, sub = "Protests", "Excessive force against protesters"
                self._swap_sides(record)
            else:
                event_type = "Violence against civilians"
        if sub == "@protest":
            sentences = " ".join(self.article.text[m.sentence[0] : m.sentence[1]].lower() for m in typed)
            if any(m.fatalities and m.fatalities[0] > 0 for m in typed):
                sub = "Excessive force against protesters"
            elif any(cue in sentences for cue in INTERVENTION_CUES):
                sub = "Protest with intervention"
            else:
                sub = "Peaceful protest"
        if sub == "@territory":
            sub = (
                "Government regains territory"
                if record.get("inter1") == 1
                else "Non-state actor overtakes territory"
            )
        refined = self._refined_sub(event_type, sub)
        if refined:
            sub = refined
        ptype, mode = primary.plover_type, primary.plover_mode
        if sub != primary.sub_event_type:
            ptype, mode = PLOVER_OF_SUB_EVENT.get(sub, (ptype, mode))
        record.update(
            event_type=event_type,
            sub_event_type=sub,
            plover_type=ptype,
            plover_mode=mode,
            cameo_root=cameo_root(ptype, mode, sub),
        )
        for key in ("event_type", "sub_event_type", "plover_type", "plover_mode", "cameo_root"):
            if record.get(key):
                self.cite(key, primary.trigger)
                if refined and key != "event_type":
                    for m in typed:
                        self.cite(key, m.sentence)
                for m in typed:
                    if m.event_type == primary.event_type and m is not primary:
                        self.cite(key, m.trigger)
        self.trigger_word = self.article.text[slice(*primary.trigger)].lower()

    def _swap_sides(self, record: dict) -> None:
        pairs = {"actor1": "actor2", "inter1": "inter2", "assoc_actor_1": "assoc_actor_2"}
        pairs |= {b: a for a, b in pairs.items()}
        swapped = {key: record.get(pairs[key]) for key in pairs}
        record.update(swapped)
        for e in self.evidence:
            e.field = pairs.get(e.field, e.field)

    def _refined_sub(self, event_type: str, sub: str) -> str | None:
        """The classifier's sub-event type when it is sure and stays within the event type that the
        trigger and the roles gave ("shelling" told of a drone: Air/drone strike). Across event types
        the crisp reading stands: precision first."""
        if self.typing is None or self.typing[1] < self.refine_min_probability:
            return None
        from .extract.event_typing import ACLED_CODES

        family, refined = ACLED_CODES.get(self.typing[0], (None, None))
        return refined if family == event_type and refined != sub else None

    def _when(self, record: dict) -> None:
        whens = [r.when for r in self.cluster if r.when]
        # the most precise date that agrees with the others ("last month" + "on 10 January")
        best = (
            min(whens, key=lambda w: (w.precision, w.span[0])) if whens else publication_bound(self.article)
        )
        if best is None:
            record.update(event_date=None, event_date_end=None, time_precision=None)
            return
        record.update(event_date=best.start, event_date_end=best.end, time_precision=best.precision)
        for key in ("event_date", "event_date_end", "time_precision"):
            self.cite(key, best.span)

    def _fatalities(self, record: dict, mentions) -> None:
        counted = [m.fatalities for m in mentions if m.fatalities]
        record.update(fatalities=None, fatalities_low=None, fatalities_high=None)
        if not counted:
            return
        # One event, several sentences: the same deaths told twice are not added up; deaths
        # of different named groups ("12 soldiers", later "20 assailants") are.
        groups: dict[str, tuple] = {}
        for f in counted:
            key = f[4] if f[4] not in GENERIC_VICTIMS else "*"
            if key not in groups or f[0] > groups[key][0]:
                groups[key] = f
        named = [f for k, f in groups.items() if k != "*"]
        total = sum(f[0] for f in named)
        if "*" in groups and groups["*"][0] >= total:
            named = [groups["*"]]
            total = groups["*"][0]
        low = high = None
        if len(named) == 1:
            low, high = named[0][1], named[0][2]
        record.update(fatalities=total, fatalities_low=low, fatalities_high=high)
        for f in named:
            for key in ("fatalities", "fatalities_low", "fatalities_high"):
                if record.get(key) is not None:
                    self.cite(key, f[3])

    def _claim(self, record: dict, typed, mentions) -> None:
        lead = min(typed, key=lambda m: CERTAINTY_ORDER.index(m.certainty))
        record["certainty"] = lead.certainty
        self.cite("certainty", lead.certainty_cue or lead.sentence)
        lead = mentions[0]
        speaker = lead if lead.speaker else (self.primary if self.primary.speaker else None)
        record["attribution"] = self.article.text[slice(*speaker.speaker)] if speaker else None
        if speaker:
            self.cite("attribution", speaker.speaker)
        sources = []
        if self.article.publisher:
            sources.append(self.article.publisher)
            self.cite("source", self.article.meta_spans.get("publisher"))
        for m in mentions:
            if m.outlet:
                name = outlet_name(self.article.text[slice(*m.outlet)]) or self.article.text[slice(*m.outlet)]
                if name not in sources:
                    sources.append(name)
                self.cite("source", m.outlet)
        record["source"] = "; ".join(sources) or None
        record["source_scale"] = source_scale(sources)
        anonymous = bool(record["attribution"]) and is_anonymous(record["attribution"])
        record["confidence"] = confidence(record["certainty"], anonymous, len(sources))
        self.cite("confidence", lead.certainty_cue or lead.sentence)
        if speaker:
            self.cite("confidence", speaker.speaker)
        if record["source_scale"]:
            for ev in [e for e in self.evidence if e.field == "source"]:
                self.cite("source_scale", (ev.start, ev.end))

    def _notes(self, record: dict) -> None:
        kind = record["sub_event_type"]
        parts = [f"{self.trigger_word.capitalize()} ({record['event_type']})" if kind == "Other" else kind]
        if record.get("actor1"):
            parts.append(f"by {record['actor1']}")
        if record.get("actor2"):
            parts.append(f"against {record['actor2']}")
        if record.get("location"):
            parts.append(
                f"in {record['location']}" if record["geo_precision"] != 2 else f"near {record['location']}"
            )
        if record.get("event_date"):
            parts.append(f"({_date_words(record)})")
        note = " ".join(parts)
        if record.get("fatalities"):
            note += f"; {record['fatalities']} killed"
        if record.get("attribution"):
            note += f", according to {record['attribution']}"
        record["notes"] = note + "."
        for r in self.cluster:
            self.cite("notes", r.mention.sentence)


CERTAINTY_SCORE = {"confirmed": 0.9, "reported": 0.75, "believed": 0.6, "possible": 0.35, "denied": 0.1}


def confidence(certainty: str, anonymous: bool, sources: int) -> float:
    """How far to trust an event, 0–1: the certainty the text expresses, lowered by 0.1 for an
    unnamed speaker, raised by 0.05 for each further source (outlet or article) that carries
    it, at most 0.15. Documented in docs/claims.md."""
    score = CERTAINTY_SCORE[certainty] - (0.1 if anonymous else 0.0) + min(0.15, 0.05 * max(sources - 1, 0))
    return round(min(0.98, max(0.02, score)), 2)


SCALE_ORDER = ["Local", "Subnational", "National", "Regional", "International", "New media", "Other"]


@lru_cache(maxsize=1)
def _scales() -> dict[str, str]:
    from importlib import resources

    table = {}
    text = resources.files("dateline.data").joinpath("source_scales.tsv").read_text("utf-8")
    for line in text.splitlines()[1:]:
        if line.strip() and not line.startswith("#") and "\t" in line:
            name, scale = line.split("\t")[:2]
            table[name.strip().lower()] = scale.strip()
    return table


def source_scale(sources: list[str]) -> str | None:
    """ACLED style: the scales of the publisher and the outlets cited, smallest first
    ("Regional-International"); None when no source's scale is known."""
    scales = {_scales().get(s.lower()) for s in sources} - {None}
    return "-".join(sorted(scales, key=SCALE_ORDER.index)) or None


def ascii_name(name: str | None) -> str | None:
    """Place names as ACLED writes them: 'Al Ḩasakah' -> 'Al Hasakah'."""
    from unidecode import unidecode

    return unidecode(name) if name else name


def _date_words(record: dict) -> str:
    start = date.fromisoformat(record["event_date"])
    if record["time_precision"] == 1:
        return start.strftime("%-d %B %Y")
    end = date.fromisoformat(record["event_date_end"])
    return f"between {start.isoformat()} and {end.isoformat()}"


OUT_OF_SCOPE = {"NATURAL_DISASTER", "MAN_MADE_DISASTER", "ORG_CRIME", "DIPLO"}
OUT_OF_SCOPE_MIN_PROBABILITY = 0.6  # defaults of the config options of the same names


REFINE_MIN_PROBABILITY = 0.6


def classify_group(
    article: Article, group: list[Resolved], resources: Resources | None = None
) -> tuple[str, float]:
    """The learned classifier's CASE code and probability for the sentences of one event."""
    from .extract.event_typing import classify_snippet

    spans = dict.fromkeys(r.mention.sentence for r in group)  # each sentence once, in order
    return classify_snippet(" ".join(article.text[a:b] for a, b in spans), resources)


def out_of_scope(
    typing: tuple[str, float], group: list[Resolved], min_probability: float = OUT_OF_SCOPE_MIN_PROBABILITY
) -> bool:
    """Precision first: a flood, a factory fire, a drug bust or a diplomatic meeting is not a
    conflict event even when a trigger word ("killed", "seized", "ceasefire") fires. The
    learned classifier (extract/event_typing.py) reads the sentences of the event; a claim of
    responsibility alone ("the group claimed the bombing") is dropped too, unless it reports deaths."""
    code, probability = typing
    if probability < min_probability:
        return False
    if code == "ATTRIB":
        return not any(r.mention.fatalities for r in group)
    return code in OUT_OF_SCOPE


def build_events(
    article: Article, resolved: list[Resolved], resources: Resources | None = None
) -> list[dict]:
    resources = default_resources(resources)
    config = resources.config
    events = []
    for group in cluster(resolved, config.anaphor_reach):
        if all(r.mention.event_type is None for r in group):
            continue  # nothing to type (EventBuilder.build would give None): spare the classifier
        typing = classify_group(article, group, resources)
        if out_of_scope(typing, group, config.out_of_scope_min_probability):
            continue
        builder = EventBuilder(article, group, typing, config.refine_min_probability)
        record = builder.build()
        if record is not None and not ordinary_crime(builder.primary, group, record):
            events.append(record)
    return events


def ordinary_crime(primary, group: list[Resolved], record: dict) -> bool:
    """ACLED codes political violence: a killing, stabbing, shooting, abduction or rape with
    no armed or political actor and no named group anywhere in its sentences ("a man was
    stabbed outside a store", "a jogger was abducted") is left out."""
    if primary.event_type != "@kill" and record["event_type"] != "Violence against civilians":
        return False
    if record.get("inter1") is not None:
        return False
    return not any(r.mention.named_groups for r in group)
