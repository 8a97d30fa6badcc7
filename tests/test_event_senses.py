"""Events produced and typed as an analyst codes them (issue 13): a contested vote and a police
deployment are no events, a generic statement of what is forbidden is none, and a toll that belongs
to a dropped background killing is not the coded event's. Sentences written for these tests."""

from __future__ import annotations

from support import events_of, extract_with_drops, shared_resources

PUBLISHED = "2024-05-22"  # a Wednesday


def _drops(text: str) -> dict[str, str]:
    article, _, drops = extract_with_drops(shared_resources(), text, PUBLISHED)
    return {article.text[slice(*d.trigger)]: d.reason for d in drops if d.trigger}


def _coded(text: str) -> list[str]:
    article, mentions, _ = extract_with_drops(shared_resources(), text, PUBLISHED)
    return [article.text[slice(*m.trigger)] for m in mentions]


def test_fighting_an_election_is_no_battle():
    text = "kanpur: the farmers' party fought the the municipal poll as a junior partner of the alliance."
    assert "fought" not in _coded(text)
    assert _drops(text).get("fought") == "other_sense"


def test_fighting_a_seat_is_no_battle_but_fighting_rebels_is():
    assert "fought" not in _coded("The former mayor fought the seat twice and lost both times.")
    assert "fought" in _coded("Soldiers fought rebels near the bridge in Tarvo on Monday.")


def test_police_deployed_is_police_activity_not_an_event():
    text = (
        "Armed police personnel were deployed at sensitive crossings across the old town of Meru on Monday."
    )
    assert "deployed" not in _coded(text)
    assert _drops(text).get("deployed") == "other_sense"


def test_troops_deployed_stay_a_development():
    assert "deployed" in _coded("The army deployed two battalions to the border town of Kesh on Monday.")


def test_a_gerund_under_a_present_passive_is_no_past_event():
    # what keeps happening ("are shelled every week, killing ...") is a habit, not an event
    text = "Villages near the border are shelled almost every week, killing farmers in their fields."
    assert not _coded(text)
    assert _drops(text).get("killing") == "not_reportable"


def test_a_gerund_told_of_a_past_act_stays():
    assert _coded("The gang was chased out of Dumka on Monday after killing four traders.") == ["killing"]


def test_toll_of_a_background_killing_is_not_the_protest_toll():
    text = (
        "Police arrested 40 party workers in Halgaon on Tuesday when they blocked the highway. "
        "They were protesting against the burning of a bus near Rampur which killed scores of pilgrims."
    )
    events = events_of(shared_resources(), text, PUBLISHED)
    protests = [e for e in events if e.event_type == "Protests"]
    assert protests, [(e.event_type, e.sub_event_type, e.fatalities) for e in events]
    assert all(not e.fatalities for e in protests)
    assert all(e.sub_event_type != "Excessive force against protesters" for e in protests)


def test_more_than_a_number_counts_the_number():
    from support import sentence

    from dateline.extract.fatalities import find_fatalities

    nlp = shared_resources().nlp
    found = find_fatalities(sentence(nlp, "The bombings in Varna have left more than 40 people dead."))
    assert found is not None and found.best == 40
    assert find_fatalities(sentence(nlp, "Fewer than ten people died in the crush.")) is None


def test_deadly_attacks_with_a_mass_toll_are_coded():
    text = (
        "OSLO, May 21 -- Ministers on Tuesday sent condolences to Belgium following deadly attacks "
        "that took place on Monday evening in Ghent which have left more than 60 people dead."
    )
    events = events_of(shared_resources(), text, PUBLISHED)
    assert [(e.event_type, e.fatalities) for e in events] == [("Violence against civilians", 60)]
