"""The tagger's grammar: each rule is a regular expression and the resolver for its matches.

Order matters: when two matches of the same length overlap, the earlier rule wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .anchor import Ctx
from .first_chars import guarded
from .focus import f_that, f_the_quarter, f_year_ago
from .guide import (
    f_adj_ref,
    f_next_day,
    f_ordinal_day,
    f_part_of_day,
    f_story_weekday,
    f_this_unit,
    f_year_end,
)
from .lexicon import _DAY, _EDGE, _MOD, _MON, _MONL, _NUM, _REL, _SEP, _UNIT, _WD, _WDL, _YEAR, Res
from .named import (
    f_century,
    f_decade,
    f_full,
    f_half,
    f_holiday,
    f_iso,
    f_md,
    f_month,
    f_my,
    f_quarter,
    f_season,
    f_short_year,
    f_spelled_year,
    f_us,
    f_year,
)
from .relative import (
    f_ago,
    f_bare_units,
    f_duration,
    f_fuzzy,
    f_lastnight,
    f_noon,
    f_reld,
    f_relunit,
    f_relwd,
    f_set,
    f_theday,
    f_theyear,
    f_time,
    f_weekend,
    f_year_ended,
)

_POD = r"(?P<pod>morning|afternoon|evening|night)"
Rule = tuple[str, Callable[[re.Match, Ctx], Res | None]]


def rules(wd: str = _WD, mon: str = _MON) -> list[Rule]:
    """The rules with the given weekday and month-name patterns (case-sensitive by default; a
    lower-cased text gets patterns that also match "monday" and "march 3")."""
    return [
        (rf"(?:{wd},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<mon>{mon}){_SEP}{_YEAR}\b", f_full),
        (rf"(?:{wd},?\s+)?(?P<mon>{mon})\s+{_DAY}{_SEP}{_YEAR}\b", f_full),
        (r"\b(\d{4})-(\d\d)-(\d\d)\b", f_iso),
        (r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d\d)\b", f_us),
        (
            rf"(?:{wd},?\s+)?(?P<mon>{mon})\s+{_DAY}\b"
            r"(?![,.]?\d|\s*,?\s*(?:\d|million|billion|percent|%))",
            f_md,
        ),
        (rf"(?:{wd},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<mon>{mon})\b", f_md),
        (
            rf"{_EDGE}?(?P<mon>{mon})(?:{_SEP}(?:of\s+)?{_YEAR}|\s+(?:of\s+)?(?P<rel>this|last|next) year|"
            r"\s+'(?P<sy>\d\d))\b",
            f_my,
        ),
        (rf"{_EDGE}?(?:(?P<rel>last|next|this|past|coming|previous|current)\s+)?(?P<mon>{_MONL})\b", f_month),
        (
            # a range of years "1990-1995" is two years (TimeML tags each end); "1995-96", "3-2005" are not
            rf"{_EDGE}?(?:(?P<fy>fiscal|financial year|FY)\s*)?(?<![\d.,$€£#])(?:(?<!\d-)|(?<=\b(?:1[5-9]|20)\d\d-)){_YEAR}"
            r"(?![\d,.]\d|-(?!(?:1[5-9]|20)\d\d\b)\d|\s*%)\b",
            f_year,
        ),
        (r"(?<=\s)'(?P<sy>\d\d)\b(?!s)|\bFY\s?'?(?P<fy>\d\d)\b", f_short_year),
        (
            r"\b(?:the\s+year\s+)?(?P<t>nineteen(?:\s+hundred)?(?:\s+and)?[\s-]+"
            r"(?P<tens>ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
            r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?P<ones>one|two|three|four|five|"
            r"six|seven|eight|nine))?|(?<=the year )two\s+thousand(?:\s+and\s+(?P<ones2>one|two|three|four|"
            r"five|six|seven|eight|nine))?)\b",
            f_spelled_year,
        ),
        (
            rf"(?:the\s+(?=early|mid|late))?{_EDGE}?(?:the\s+)?(?:(?<![\w-])(?P<c>1[5-9]|20)|(?<=mid-)(?P<c2>1[5-9]|20)|'|(?<![\w-]))"
            r"(?P<dd>\d)0'?s\b",
            f_decade,
        ),
        (
            rf"{_EDGE}?the\s+(?P<t>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
            f_decade,
        ),
        (rf"{_EDGE}?(?:the\s+)?(?<![\w-])(?P<n>\d{{1,2}})(?:st|nd|rd|th)[\s-]+century\b", f_century),
        (
            rf"{_EDGE}?(?:(?P<rel>this past|this|last|next|past|coming|previous|the)\s+)?(?P<s>spring|summer|autumn|winter|"
            rf"(?<=this |last |next |past )fall|(?<=the )fall)(?:\s+(?:of\s+)?{_YEAR})?\b",
            f_season,
        ),
        (
            rf"{_EDGE}?(?:the\s+)?(?:(?P<py>1[5-9]\d\d|20\d\d)\s+|(?P<prel>this|last|next)\s+year's\s+)?"
            r"(?P<q>first|second|third|fourth|final|last|previous|past|current|next|"
            r"1st|2nd|3rd|4th)[- ](?:fiscal[- ])?quarter(?:\s+(?:of\s+)?(?:the\s+)?"
            r"(?:(?:fiscal\s+)?(?P<qy>1[5-9]\d\d|20\d\d)|"
            rf"(?P<qrel>this|last|next|the) year))?\b|\bQ(?P<qn>[1-4])(?:\s*(?P<qy2>20\d\d))?\b",
            f_quarter,
        ),
        (
            rf"(?:the\s+)?(?P<h>first|second|1st|2nd)\s+half\s+of\s+(?:(?P<rel>this|last|next|the)\s+year|{_YEAR})\b",
            f_half,
        ),
        (
            r"\b(?:(?:earlier|later|late|early)\s+)?(?:the\s+day\s+(?P<ba>before|after)\s+)?"
            rf"(?P<w>today|tonight|yesterday|tomorrow)(?:\s+{_POD})?\b",
            f_reld,
        ),
        (
            rf"\b{_EDGE}?(?:the\s+)?{_REL}\s+(?:(?<=current )(?:fiscal|financial)\s+)?"
            r"(?P<u>week|weekend|month|year|quarter|decade)\b"
            # "the past week or so", "the last year and a half": a fuzzy stretch, not the week; "this
            # week and fell" is the week
            r"(?!\s+(?:or|and)\s+(?:so|a\s+half|more|two|three|longer|the\s+next|next|last)\b)",
            f_relunit,
        ),
        (
            rf"(?<!Black )(?<!Cyber )(?:\b(?P<rel>last|next|this|coming)\s+)?(?P<wd>{wd})(?:\s+{_POD})?\b",
            f_relwd,
        ),
        # "the previous Friday", "the following Monday": counted from the day named last
        (rf"\bthe\s+(?P<rel>previous|preceding|following)\s+(?P<wd>{wd})\b", f_story_weekday),
        (r"\b(?P<rel>last|to)\s*(?P<pod>night)\b", f_lastnight),
        (r"\b(?P<rel>this)\s+(?P<pod>morning|afternoon|evening)\b", f_lastnight),
        (
            r"\b(?P<rel>overnight)(?P<pod>)(?![- ](?:rate|loan|stay|bag|train|flight|success)s?\b)",
            f_lastnight,
        ),
        (
            rf"\b(?P<n>{_NUM}|\d+)\s+(?P<u>{_UNIT})s?\s+(?:or\s+so\s+)?(?P<dir>ago|back|from now|hence|earlier)\b",
            f_ago,
        ),  # "3 days back": ago; "a year earlier" is a date too (TimeBank keeps the word in the
        # extent); "a year later" stays a duration: later than the story's time, not the DCT's
        (
            rf"\b(?P<mod>{_MOD})?(?P<n>{_NUM})(?:\s*(?:to|-|–|or)\s*{_NUM})?(?P<adj>[- ])"
            r"(?P<more>(?:more|additional|further|extra|straight|consecutive|successive|full|trading|business|"
            r"working|calendar)\s+)?"
            rf"(?P<u>{_UNIT})s?(?:[- ]long|[- ]olds?)?(?P<half>\s+and\s+a\s+half)?\b"
            r"(?!\s+(?:ago|back|from now|earlier)\b)",
            f_duration,
        ),
        # "years ago", "decades ago": an unknown time back (TimeML PAST_REF, like "a few years ago")
        (r"\b(?:(?:many|several|some)\s+)?(?:centuries|decades|years|months|weeks|days)\s+ago\b", f_fuzzy),
        (
            r"\bdecades[- ]long\b(?P<u2>)|\b(?P<u1>hour|day|week|month|year)[- ]long\b|"
            r"\b(?:(?:several|many|few|the past few|some)\s+)?"
            r"(?P<u>years|decades|months|weeks|days|hours|minutes|centuries|millennia)\b",
            f_bare_units,
        ),
        # sets (TimeML SET): "every Friday night", "three times a day", "twice weekly", "nightly",
        # "every two weeks" (P2W), "every few months" (PXM)
        (
            rf"\b(?:(?:every|each)\s+(?P<other>other\s+)?|"
            rf"(?:(?:{_NUM}\s+)?times|once|twice)\s+(?:a|an|per)\s+)"
            rf"(?P<w>day|week|weekend|month|quarter|year|hour|morning|afternoon|evening|night|{wd}|{_MONL}|"
            rf"spring|summer|autumn|fall|winter)\b(?:(?<=day)\s+{_POD}\b)?"
            rf"|\b(?:(?:once|twice|{_NUM}\s+times)\s+)?"
            r"(?P<w2>daily|weekly|monthly|quarterly|annual|annually|yearly|hourly|nightly)\b"
            rf"|\b(?:every|each)\s+(?P<en>{_NUM})\s+(?P<eu>second|minute|hour|day|week|month|quarter|year)s?\b",
            f_set,
        ),
        (
            r"\b(?P<h>[0-2]?\d)(?::(?P<mi>[0-5]\d)|(?P<hhmm>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\.|[ap]\s?m\b)?"
            r"(?:\s*\(?\s*(?P<tz>UTC|GMT|EST|EDT|CET|BST|PST|PDT|local time|Z)\b(?:\s*[+-]\s*\d{1,2}\s*\)?)?)?",
            f_time,
        ),
        # anaphora: the day, month or year named last (focus.resolve_that)
        (
            r"\b(?:(?:later|earlier)\s+)?that\s+(?P<u>day|month|year)\b(?!-|\s+[a-z]+ers?\b)",
            f_that,
        ),
        # the preposition is a signal, outside the expression (TimeML): "at [noon]"
        (
            r"(?:(?<=\bat )|(?<=\bby )|(?<=\baround )|(?<=\bbefore )|(?<=\bafter )|(?<=\buntil ))"
            r"(?:noon|midnight|mid-?day)\b",
            f_noon,
        ),
        (
            r"\b(?:the\s+(?:near\s+|distant\s+)?future|"
            # "will one day be": an unknown time ahead (not "one day, he left", a day)
            r"(?:(?<=\bwill )|(?<=\bcould )|(?<=\bmight )|(?<=\bwould )|(?<=\bmay )|(?<=\bcan ))"
            r"(?:one|some)\s+day(?!-)|"
            r"the\s+(?:long|near|short)(?:\s+(?:term|run)|-(?:term|run)(?!\s+[a-z]))|"
            r"(?<!\bas )(?:very\s+|quite\s+)?soon(?!-|\s+(?:as|after|before|afterwards?|thereafter)\b)|"
            r"(?:more\s+|most\s+|very\s+)?recently|currently|at\s+present|presently|nowadays|"
            r"these\s+days|for\s+the\s+time\s+being|(?:right\s+)?now(?!-)|"
            r"(?<!\bmost )recent(?=\s+(?:years|months|weeks|days|times|history|decades|quarters))(?:\s+\w+)?|"
            r"(?:the\s+)?coming\s+(?:days|weeks|months|quarters|years)|"
            r"the\s+past(?!\s+(?:few|\d|two|three|four|five|six|seven|eight|nine|ten|several|year|month|week|"
            r"decade|day|quarter|weekend|century|\w+\s+(?:years|months|weeks|days)))|lately)\b",
            f_fuzzy,
        ),
        (
            r"\b(?:(?:late|early|later|earlier)\s+in\s+|at\s+the\s+(?:start|end)\s+of\s+|(?<=\bend )|(?<=\bending )|"
            r"(?<=\bfor )|(?<=\bon )|(?<=\bduring )|(?<=\bthroughout ))the\s+(?:same\s+)?day\b"
            # "during the day Friday": the weekday is the time, "the day" its part
            rf"(?!\s+(?:before|after|of|when|that|on|in which|he|she|it|they|{wd}))",
            f_theday,
        ),
        (r"\b(?P<edge>the\s+(?:end|beginning|start|middle)\s+of)\s+the\s+year\b", f_theyear),
        # "by the end of the month", "at the start of the week": the DCT's (TimeML: mod END, START)
        (r"\b(?P<edge>the\s+(?:end|beginning|start|middle)\s+of)\s+the\s+(?P<u>month|week)\b", f_this_unit),
        # "by year-end", "since year's end" (TimeML: the year, mod END)
        (
            r"(?:(?<=\bby )|(?<=\bat )|(?<=\bsince )|(?<=\bbefore )|(?<=\buntil )|(?<=\baround )|"
            r"(?<=\bafter )|(?<=\bnear ))(?:the\s+)?year(?:[- ]end\b(?!-)|'s\s+end\b)",
            f_year_end,
        ),
        # TimeML: "the current crisis" PRESENT_REF, "a recent survey" PAST_REF; not the accountant's
        # "current account", "current assets" (due within a year) nor "the most recent"
        (
            r"(?<!\bmost )(?<!\bmore )\b(?P<then>then[\s-]+)?(?P<a>current|recent)(?=\s+(?!(?:account|accounts|"
            r"assets|liabilities|and|or|of|to|in|at|by|for|with|as|than|is|was|are|were)\b)(?-i:[a-z])[a-z-]+)",
            f_adj_ref,
        ),
        # "the next day", "the following morning", "the day before": the day the story named last
        (
            r"\bthe\s+(?P<rel>following|next|previous|preceding)\s+(?P<u>day|morning|afternoon|evening|night)\b"
            r"(?!\s+or\b)"  # "the next day or so": a fuzzy stretch ahead
            r"|\bthe\s+(?:day|night)\s+(?P<ba>before|after)\b"
            r"(?=\s*[,.;:!?)\"']|\s*$|\s+(?:and|but|when|in|at|on)\b)",
            f_next_day,
        ),
        # "on the 15th", "by the 3rd": a day of the month the DCT is in (or the month before); not
        # "the 15th floor", "the 3rd round"
        (
            r"(?:(?<=\bon )|(?<=\bby )|(?<=\bsince )|(?<=\buntil ))the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b"
            r"(?=\s*[,.;:)]|\s+(?:and|when|after|before|at|in|as|but)\b)",
            f_ordinal_day,
        ),
        # "in the morning", "by mid-afternoon": a part of the day the story named last (the
        # preposition is a signal, outside the expression; "good evening" is a greeting)
        (
            r"(?:(?<=\bin )|(?<=\bduring )|(?<=\bby )|(?<=\buntil )|(?<=\bthrough )|(?<=\bat ))"
            r"(?:the\s+(?:early\s+|late\s+)?|mid-?\s?)(?P<u>morning|afternoon|evening)\b(?:\s+(?P<rd>yesterday|today|tomorrow)\b)?"
            r"(?!\s+(?:of|news|paper|show|edition|prayers?|session)\b)",
            f_part_of_day,
        ),
        # "for the year", "the full year", "a high for the year of $42": the DCT's (fiscal) year (not
        # "the year of the flood"); "the year ended Sept. 30": a
        # year's stretch named by its end (TimeBank: P1Y)
        (
            r"(?:(?<=\bfor )|(?<=\bof )|(?<=\bduring )|(?<=\bthroughout )|(?<=\bin ))the\s+(?:full\s+|fiscal\s+|"
            r"entire\s+|whole\s+)?year\b(?!\s+(?:before|after|since|earlier|later|ago|that|when|in|of(?!\s+[$€£\d])|to|"
            r"end(?:ed|ing))\b|\s*\d|'s|-)|\bthe\s+(?:full|fiscal)\s+year\b(?!\s+end(?:ed|ing)\b)",
            f_theyear,
        ),
        (r"\bthe\s+(?:fiscal\s+)?year(?=\s+end(?:ed|ing)\b)", f_year_ended),
        # a company's reporting period, resolved against the quarter in focus (focus.py)
        (
            r"\b(?:the|that)\s+(?:latest\s+)?(?-i:quarter)\b(?!-|\s+(?:of|century|mile|point|note)\b)"
            r"|\bthe\s+latest\s+period\b",
            f_the_quarter,
        ),
        (
            r"\b(?:the\s+)?(?:comparable\s+)?year[- ](?:ago|earlier)(?:\s+(?:(?P<q>first|second|third|fourth)"
            r"[- ])?(?:fiscal[- ])?(?:quarter|period))?\b(?!\s*(?:[$€£\d]|\w+\s+months\b))"
            r"|\b(?:the\s+)?(?:corresponding|same|comparable)\s+(?:quarter|period)\s+(?:a\s+year\s+(?:ago|earlier)|"
            r"(?:of\s+)?last\s+year)\b|\blast\s+year's\s+(?:quarter|period)\b",
            f_year_ago,
        ),
        # the preposition is a signal, outside the expression (TimeML): "over [the weekend]"
        (
            r"(?:(?<=\bover )|(?<=\bduring )|(?<=\bat )|(?<=\bahead of )|(?<=\bbefore )|(?<=\bafter )|"
            r"(?<=\buntil )|(?<=\bthrough ))the\s+weekend\b",
            f_weekend,
        ),
        (
            rf"(?:\b(?P<rel>last|next|this)\s+)?\b(?P<hol>Christmas(?: Day| Eve)?|New Year's (?:Day|Eve)|"
            rf"Valentine's Day|Halloween|Independence Day|Thanksgiving(?: Day)?|Easter(?: Sunday| Monday| week)?|"
            rf"Good Friday)(?:\s+{_YEAR})?\b",
            f_holiday,
        ),
    ]


RULES = rules()
# each behind a guard on its first character (the same matches, ~0.4x of the search's CPU)
_COMPILED = [(re.compile(guarded(p, re.I), re.I), f) for p, f in RULES]
_COMPILED_LOWER = [(re.compile(guarded(p, re.I), re.I), f) for p, f in rules(rf"(?:{_WD}|{_WDL})", _MONL)]
