"""Word tables and regular-expression fragments shared by the temporal tagger's rules.

Month, weekday, season, part-of-day and unit names with their TIMEX3 codes; the pattern
pieces the grammar is assembled from; and the context patterns (tense cues, number-like
neighbours) the resolvers look at around a match.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

D = dt.date
Res = tuple  # (type, value, date_start | None, date_end | None, precision | None)

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
WEEKDAYS.update(
    {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
)
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
POD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
UNITS = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "week": "W",
    "fortnight": "W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "Y",
    "century": "Y",
    "centurie": "Y",
}
UNIT_MULT = {"fortnight": 2, "decade": 10, "century": 100, "centurie": 100}
UNIT_DAYS = {"D": 1, "W": 7, "M": 30.44, "Q": 91.3, "Y": 365.25}

ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
FUZZY_N = {"several", "a few", "few", "many", "some", "dozens of", "hundreds of", "recent", "the past few"}

# Abbreviations without their full stop ("Jul 18, 2001" in a byline's timestamp) are months too;
# a bare one is ambiguous and ``f_month`` wants a preposition before it.
_MON = (
    r"(?-i:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.?|April|Apr\.?|May|June|Jun\.?|July|Jul\.?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_MONL = _MON.replace("(?-i:", "(?:")  # any case, for month names after last/next/this
_WD = (
    r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tue\.|Tues\.|Wed\.|"
    r"Thu\.|Thurs\.|Fri\.|Sat\.|Sun\.)"
)
# A lower-cased scrape ("police fired on monday"): full weekday names in any case; months in any
# case only where a day or year pins them (``_MONL`` with a number: "may 3", "3 march 2002").
_WDL = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>1[5-9]\d\d|20\d\d)"
_SEP = r"(?:\s*,\s*|\s+)"
_WNUM = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|"
    r"five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|dozen|single|"
    r"a hundred|hundred|an?|a couple(?: of)?|couple of|several|a few|few|many|some|dozens of|"
    r"hundreds of)"
)
_NUM = rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|{_WNUM}(?: and a half)?)"
_UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"
_MOD = (
    r"(?:(?:nearly|almost|about|around|approximately|roughly|over|more than|less than|at least|"
    r"up to|just|only|under|some|the past|the last|the next|the first|the previous|the coming|"
    r"the following|the latest|the entire|the whole|a further|another|the)\s+)"
)
_REL = r"(?P<rel>this past|this|last|next|past|coming|previous|current|following|the past|the last|the next|the coming|the previous|the current)"  # noqa: E501
_EDGE = (
    r"(?:(?P<edge>early|mid|late|the (?:end|beginning|start|middle) of|(?:earlier|later) "
    r"(?=this|in))[- ]?(?:in\s+)?)"
)

_FUT = re.compile(
    # a plan told in the past perfect was for a time now past ("it had been due to expire Friday")
    r"\b(will|'ll|shall|would|should|could|can|may|might|going to|(?<!had been )(?:plans?|planned|planning|"
    r"hopes?|aims?|wants?|intends?|expects?|expected|scheduled|set|is|are) to|"
    # "due to arrive" is a plan; "due to a storm", "due to heavy snow" a cause
    r"(?<!had been )due to(?!\s+(?:(?:a|an|the|his|her|its|their|our|this|that|these|those|some|poor|bad|"
    r"heavy|high|low|lack|strong)\b|\d))|"
    # "to be", except an identity or a report ("gunmen believed to be herders", "said to be")
    r"(?<!believed )(?<!suspected )(?<!thought )(?<!said )(?<!reported )(?<!alleged )(?<!known )"
    r"(?<!seems )(?<!seemed )(?<!appears )(?<!appeared )(?<!claimed )(?<!presumed )to be|"
    r"(?<!had been )(?:planned|scheduled|slated|set) for|"
    r"upcoming|until|next(?!\s+to\b)|forecasts?|"
    # a scheduled event told in the present ("the ministers meet Monday", "talks open on Friday")
    r"meets?|begins|opens|starts|resumes|arrives|visits|travels|takes office|goes on trial|"
    r"(?:go|goes|head|heads) to the polls|holds|hosts|convenes|testifies|expires|ends|closes|takes? effect|"
    r"kicks off|"
    # a participle pointing ahead right before its date ("the decision, expected in June")
    r"(?<!had been )(?:expected|scheduled|slated|planned|due)\s+(?:in|on|by|at|around|before)(?=\s+$)|"
    # a plan with its object: the date is the plan's ("protesters planned a march on Saturday",
    # "are planning a strike Monday"), unless the plan itself is over ("had planned")
    r"(?<!had )(?:planned|planning)\s+(?:an?|the|their|its|his|her|another|more)\b)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(was|were|had|did|said|told|ago|last|earlier|began|came|made|won|lost|fell|rose|"
    r"hit|left|met|saw|went|got|gave|took|since|became)\b",
    re.I,
)
# a verb in -ed: lower-case ("the United States" is no verb), not "need", "succeed" …; not a
# present passive ("the vote is expected in May", "talks are held in April": a schedule)
_WEAK_PAST = re.compile(
    r"(?<!\bbe )(?<!\bbeen )(?<!\bis )(?<!\bare )\b(held|(?!(?:succe|proce|exce|ne)ed\b)[a-z]\w{2,}ed)\b"
)
# a sentence's end; not the full stop of an initial or a title ("Daniel P. Davison", "Mr. Lee"),
# nor of "vs." and the other titles before a name ("Lt. Col. Smith"),
# nor of a clock time before its zone or day ("until 9 a.m. EST Tuesday", "at 6 p.m. Friday")
_SENT_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\bSen)(?<!\bRep)(?<!\bGen)(?<!\bvs)(?<!\bGov)(?<!\bLt)(?<!\bCol)(?<!\bSgt)(?<!\bCapt)(?<!\bRev)(?<!\bProf)"
    r"(?<![ap]\.m)[.!?]\s+(?=[A-Z\"'`])|\n|"
    rf"(?<=[ap]\.m)\.\s+(?=[A-Z\"'`])(?![A-Z][DS]?T\b|GMT|UTC|local\b|{_WD}|{_MON}\.?\s+\d)"
)
_NUMBERISH = re.compile(
    r"(?:[$€£#]|US\$|\b(?:about|around|nearly|almost|some|than|least|approximately|"
    r"roughly|over|of|to|and|by|with)\s)\s*$",
    re.I,
)
# a plural noun after a number makes it a count ("1992 protesters"); a verb or a function word in
# -s does not ("1998 was a bad year", "1995 has seen")
_NOUN_AFTER = re.compile(
    r"\s*(?:(?!(?:was|is|has|does|as|its|his|this|thus|plus|unless|always|perhaps|across|besides)\b)"
    r"[a-z]+s\b|people|men|women|children|police|staff|personnel|feet|"
    r"km|kilometres|kilometers|miles|metres|meters|tons|tonnes|points|%|percent|"
    r"per cent|[-–]\d|\.\d)",
    re.I,
)
