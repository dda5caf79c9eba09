"""Regressions from the end-to-end evaluation: trigger rows, modality across conjuncts, missed events,
conditional threats. Real spaCy parses with hand-placed actor mentions (independent of the actor tables)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest
from tests.pipeline.coding.conftest import ArticleFactory

from annales.pipeline.coding import CoderOptions, PloverCoder
from annales.pipeline.coding.syntax import ParsedSentence
from annales.records import Actor, Article, Event

# Unit tests exercise the lexicon and the frames; the learned model is measured on real text
# (benchmarks/eval_realnews.py) and tested in test_learned.py.
LEXICON_ONLY = CoderOptions(learned_model=False)

PUBLISHED = dt.date(2018, 6, 12)


def _code(parser: Any, text: str, actors: Sequence[tuple[str, str]]) -> list[Event]:
    """Parse `text`, place each (mention text, code) at its first occurrence, and code the article."""
    article = Article(doc_id="d", uri="mem://d", format="text", text=text, published=PUBLISHED)
    article.sentences = parser.parse(text)
    for words, code in actors:
        start = text.index(words)
        country, _, sector = code.partition(".")
        article.mentions.append(
            Actor(
                text=words,
                code=code,
                country=country,
                sector=sector or None,
                name=words,
                start=start,
                end=start + len(words),
            )
        )
    coder = PloverCoder(LEXICON_ONLY)
    coder.raise_errors = True
    return coder.process(article).events


def _triples(events: list[Event]) -> set[tuple[str | None, str | None, str]]:
    return {(e.actor.code, e.recipient.code if e.recipient else None, e.type) for e in events}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "actors", "expected"),
    [
        # C1: trigger rows
        (
            "Gondor vows to degrade and destroy Mordor.",
            [("Gondor", "GON"), ("Mordor", "MOR")],
            ("GON", "MOR", "THREATEN"),
        ),
        (
            "Gondor withdrew trade privileges for Rohan.",
            [("Gondor", "GON"), ("Rohan", "ROH")],
            ("GON", "ROH", "SANCTION"),
        ),
        (
            "Gondor handed over three suspects to Rohan.",
            [("Gondor", "GON"), ("Rohan", "ROH")],
            ("GON", "ROH", "COOPERATE"),
        ),
        (
            "Protesters in Minas Tirith clashed with police.",
            [("Protesters", "GON.ACT"), ("police", "GON.POL")],
            ("GON.ACT", "GON.POL", "PROTEST"),
        ),
        ("Protesters occupied the main square.", [("Protesters", "GON.ACT")], ("GON.ACT", None, "PROTEST")),
        ("Soldiers blocked the bridges.", [("Soldiers", "GON.MIL")], ("GON.MIL", None, "COERCE")),
        (
            "Mordor fired missiles into waters around Gondor during drills.",
            [("Mordor", "MOR"), ("Gondor", "GON")],
            ("MOR", "GON", "MOBILIZE"),
        ),
        (
            "Gondor called up 300,000 reservists after the Mordor attack.",
            [("Gondor", "GON"), ("reservists", "GON.MIL"), ("Mordor", "MOR")],
            ("GON", None, "MOBILIZE"),
        ),
        # PLOVER gold coverage: general rows and mechanisms
        ("Gondor lifted the blockade on Rohan.", [("Gondor", "GON"), ("Rohan", "ROH")], ("GON", "ROH", "RETREAT")),
        ("Mordor expelled inspectors of Gondor.", [("Mordor", "MOR"), ("Gondor", "GON")], ("MOR", "GON", "SANCTION")),
        ("Gondor accepted demands from Rohan.", [("Gondor", "GON"), ("Rohan", "ROH")], ("GON", "ROH", "CONCEDE")),
        ("Mordor held war games near the river.", [("Mordor", "MOR")], ("MOR", None, "MOBILIZE")),
        (
            "Gondor suspended part of a military aid program for Rohan.",
            [("Gondor", "GON"), ("Rohan", "ROH")],
            ("GON", "ROH", "SANCTION"),
        ),
        ("Gondor police prevented the demonstration.", [("Gondor police", "GON.POL")], ("GON.POL", None, "COERCE")),
        (
            "Gondor will withdraw its peacekeeping force from Rohan unless Mordor agrees to a truce.",
            [("Gondor", "GON"), ("Rohan", "ROH"), ("Mordor", "MOR")],
            ("GON", "ROH", "THREATEN"),
        ),
        # C3: missed events
        (
            "Gondor staged a strike against Rohan.",
            [("Gondor", "GON.LAB"), ("Rohan", "ROH")],
            ("GON.LAB", "ROH", "PROTEST"),
        ),
        (
            "Gondor will send $800 million in weapons to Rohan.",
            [("Gondor", "GON"), ("Rohan", "ROH")],
            ("GON", "ROH", "AID"),
        ),
        # a pledge of a sum or of aid is AID; a broad promise stays AGREE (PLOVER 3.6.2)
        (
            "Gondor pledged $50 million in aid to Rohan.",
            [("Gondor", "GON"), ("Rohan", "ROH")],
            ("GON", "ROH", "AID"),
        ),
        ("Gondor pledged to help Rohan.", [("Gondor", "GON"), ("Rohan", "ROH")], ("GON", "ROH", "AGREE")),
        # weapons delivered, credit granted, soldiers trained (not an attack)
        (
            "Gondor delivered air defence systems to Rohan.",
            [("Gondor", "GON"), ("Rohan", "ROH")],
            ("GON", "ROH", "AID"),
        ),
        ("Gondor granted Rohan a $750 million credit.", [("Gondor", "GON"), ("Rohan", "ROH")], ("GON", "ROH", "AID")),
        # criticism by idiom: hitting or lashing out at, a commitment questioned
        ("Gondor hit out at Rohan over the raid.", [("Gondor", "GON"), ("Rohan", "ROH")], ("GON", "ROH", "ACCUSE")),
        ("Gondor lashed out at Rohan.", [("Gondor", "GON"), ("Rohan", "ROH")], ("GON", "ROH", "ACCUSE")),
        (
            "Gondor questioned Rohan's commitment to the truce.",
            [("Gondor", "GON"), ("Rohan", "ROH")],
            ("GON", "ROH", "ACCUSE"),
        ),
        # tariffs slapped on, borders closed, loans halted: sanctions
        ("Gondor slapped tariffs on Rohan.", [("Gondor", "GON"), ("Rohan", "ROH")], ("GON", "ROH", "SANCTION")),
        ("Gondor closed its border with Rohan.", [("Gondor", "GON"), ("Rohan", "ROH")], ("GON", "ROH", "SANCTION")),
        ("Gondor halted loans to Rohan.", [("Gondor", "GON"), ("Rohan", "ROH")], ("GON", "ROH", "SANCTION")),
        # a ceasefire extended by both sides is mutual; joint patrols are military cooperation
        ("Gondor and Rohan extended the ceasefire.", [("Gondor", "GON"), ("Rohan", "ROH")], ("ROH", "GON", "RETREAT")),
        (
            "Gondor and Rohan conducted joint patrols along the river.",
            [("Gondor", "GON"), ("Rohan", "ROH")],
            ("GON", "ROH", "COOPERATE"),
        ),
        # 2020s news: a regional body suspending a member, drones launched at a target
        ("Gondor suspended Rohan after the coup.", [("Gondor", "GON"), ("Rohan", "ROH")], ("GON", "ROH", "SANCTION")),
        ("Gondor launched drones at Rohan.", [("Gondor", "GON"), ("Rohan", "ROH")], ("GON", "ROH", "ASSAULT")),
        # a vow of retaliation is a threat, not a promise of cooperation
        ("Gondor vowed to retaliate against Rohan.", [("Gondor", "GON"), ("Rohan", "ROH")], ("GON", "ROH", "THREATEN")),
        # seized ships given back are a concession (PLOVER RETREAT, CAMEO 0842)
        ("Gondor returned three ships to Rohan.", [("Gondor", "GON"), ("Rohan", "ROH")], ("GON", "ROH", "RETREAT")),
        (
            "Gondorian troops trained Rohirric soldiers.",
            [("Gondorian troops", "GON.MIL"), ("Rohirric soldiers", "ROH.MIL")],
            ("GON.MIL", "ROH.MIL", "COOPERATE"),
        ),
        ("Aragorn called it a historic mistake.", [("Aragorn", "GON.GOV")], ("GON.GOV", None, "ACCUSE")),
        ("Gondor expressed regret over the deaths.", [("Gondor", "GON")], ("GON", None, "CONCEDE")),
        (
            "Mordor has no intention of resuming talks with Gondor.",
            [("Mordor", "MOR"), ("Gondor", "GON")],
            ("MOR", "GON", "REJECT"),
        ),
        (
            "A Gondor spokesman said the sale violated the treaty and urged Rohan to cancel it.",
            [("Gondor spokesman", "GON.GOV"), ("Rohan", "ROH")],
            ("GON.GOV", "ROH", "REQUEST"),
        ),
    ],
)
def test_coder_codes_evaluation_triggers(
    parser: Any, text: str, actors: Sequence[tuple[str, str]], expected: tuple[str, str | None, str]
) -> None:
    assert expected in _triples(_code(parser, text, actors))


@pytest.mark.slow
def test_coder_background_noun_is_not_an_event(parser: Any) -> None:
    events = _code(
        parser,
        "Gondor called up 300,000 reservists after the Mordor attack.",
        [("Gondor", "GON"), ("Mordor", "MOR")],
    )
    assert {e.type for e in events} == {"MOBILIZE"}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "negated", "status"),
    [
        ("Aragorn said Gondor had not taken part in the fighting and accused Rohan of lying.", False, "occurred"),
        ("Gondor said it would study the text but accused Rohan of lying.", False, "occurred"),
    ],
)
def test_coder_modality_stays_in_its_conjunct(parser: Any, text: str, negated: bool, status: str) -> None:
    events = _code(
        parser,
        text,
        [("Gondor", "GON"), ("Rohan", "ROH")]
        if "Aragorn" not in text
        else [("Aragorn", "GON.GOV"), ("Gondor", "GON"), ("Rohan", "ROH")],
    )
    (accuse,) = [e for e in events if e.type == "ACCUSE"]
    assert (accuse.negated, accuse.status) == (negated, status)


@pytest.mark.slow
def test_coder_shared_auxiliary_reaches_bare_conjunct(parser: Any) -> None:
    events = _code(parser, "Gondor will meet and support Rohan.", [("Gondor", "GON"), ("Rohan", "ROH")])
    assert events and all(e.status == "planned" for e in events)


@pytest.mark.slow
def test_coder_conditional_threat(parser: Any) -> None:
    events = _code(
        parser,
        "If Mordor attacks Rohan, Gondor will respond with overwhelming force.",
        [("Mordor", "MOR"), ("Rohan", "ROH"), ("Gondor", "GON")],
    )
    threat = [e for e in events if e.type == "THREATEN"]
    assert [(e.actor.code, e.recipient and e.recipient.code, e.status) for e in threat] == [("GON", "MOR", "occurred")]
    assert all(e.status == "hypothetical" for e in events if e.type == "ASSAULT")


@pytest.mark.slow
def test_coder_temporal_clause_under_would_is_planned(parser: Any) -> None:
    events = _code(
        parser,
        "Aragorn said he would raise the issue when he speaks to Theoden by telephone later this week.",
        [("Aragorn", "GON.GOV"), ("Theoden", "ROH.GOV")],
    )
    calls = [e for e in events if e.type == "CONSULT"]
    assert calls and all(call.status == "planned" and not call.negated for call in calls)


def test_coder_actor_cue_checks_subject_sector(make_article: ArticleFactory, coder: PloverCoder) -> None:
    spec = "Soldiers/soldier/NOUN/nsubj/1 blocked/block/VERB/ROOT/1 the/the/DET/det/3 bridge/bridge/NOUN/dobj/1"
    military = coder.process(make_article(spec, [(0, "GON.MIL")])).events
    civilians = coder.process(make_article(spec, [(0, "GON.ACT")])).events
    assert [e.type for e in military] == ["COERCE"]
    assert [e.type for e in civilians] == ["PROTEST"]


@pytest.mark.parametrize(
    ("spec", "mentions", "expected"),
    [
        (  # "Gondor and Rohan talked": two parties talk together, one event per direction
            "Gondor/gondor/PROPN/nsubj/3 and/and/CCONJ/cc/0 Rohan/rohan/PROPN/conj/0 talked/talk/VERB/ROOT/3",
            [(0, "GON"), (2, "ROH")],
            {("GON", "ROH", "CONSULT"), ("ROH", "GON", "CONSULT")},
        ),
        (  # "... had spoken"
            "Gondor/gondor/PROPN/nsubj/4 and/and/CCONJ/cc/0 Rohan/rohan/PROPN/conj/0 had/have/AUX/aux/4 "
            "spoken/speak/VERB/ROOT/4",
            [(0, "GON"), (2, "ROH")],
            {("GON", "ROH", "CONSULT"), ("ROH", "GON", "CONSULT")},
        ),
        ("Gondor/gondor/PROPN/nsubj/1 spoke/speak/VERB/ROOT/1", [(0, "GON")], set()),  # one speaker meets no one
    ],
)
def test_coder_joint_cue_two_parties_talk(
    make_article: ArticleFactory, spec: str, mentions: list[tuple[int, str]], expected: set[tuple[str, str, str]]
) -> None:
    events = PloverCoder(CoderOptions(learned_model=False)).process(make_article(spec, mentions)).events
    assert {(e.actor.code, e.recipient.code if e.recipient else None, e.type) for e in events} == expected


def test_parsed_sentence_finite_conjunct_keeps_own_negation(make_article: ArticleFactory) -> None:
    spec = (
        "Gondor/gondor/PROPN/nsubj/3 had/have/AUX/aux/3 not/not/PART/neg/3 met/meet/VERB/ROOT/3 "
        "Rohan/rohan/PROPN/dobj/3 and/and/CCONJ/cc/3 accused/accuse/VERB/conj/3 Mordor/mordor/PROPN/dobj/6"
    )
    article = make_article(spec, [(0, "GON"), (4, "ROH"), (7, "MOR")])
    ps = ParsedSentence.build(article.sentences[0], article.mentions)
    assert ps.is_negated(3)
    assert not ps.is_negated(6)  # tagged VBD: a finite verb of its own


def test_parsed_sentence_bare_conjunct_shares_negation(make_article: ArticleFactory) -> None:
    spec = (
        "Gondor/gondor/PROPN/nsubj/3 did/do/AUX/aux/3 not/not/PART/neg/3 meet/meet/VERB/ROOT/3 "
        "or/or/CCONJ/cc/3 call/call/VERB/conj/3 Rohan/rohan/PROPN/dobj/5"
    )
    article = make_article(spec, [(0, "GON"), (6, "ROH")])
    sent = article.sentences[0]
    for i in (3, 5):
        sent.tokens[i].tag = "VB"
    ps = ParsedSentence.build(sent, article.mentions)
    assert ps.is_negated(5)


@pytest.mark.slow
def test_coder_condition_on_circumstances_is_no_threat(parser: Any) -> None:
    events = _code(
        parser,
        "Mordor could deploy troops to Rohan if tensions keep rising.",
        [("Mordor", "MOR"), ("Rohan", "ROH")],
    )
    assert [(e.type, e.status) for e in events] == [("MOBILIZE", "hypothetical")]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Gondor students staged mass demonstrations to demand the resignation of the king.",
        "Gondor farmers blocked roads demanding that the king resign.",
    ],
)
def test_coder_protest_topic_is_not_coded(parser: Any, text: str) -> None:
    events = _code(parser, text, [("Gondor students" if "students" in text else "Gondor farmers", "GON.ACT")])
    assert [e.type for e in events] == ["PROTEST"]


@pytest.mark.slow
def test_coder_must_is_not_occurred(parser: Any) -> None:
    events = _code(parser, "Mordor must release the prisoners of Gondor.", [("Mordor", "MOR"), ("Gondor", "GON")])
    assert events and all(e.status == "hypothetical" for e in events)


@pytest.mark.slow
def test_coder_reiterated_obligation_is_demand(parser: Any) -> None:
    events = _code(
        parser,
        "A Gondor minister reiterated that Mordor must hand over the bombers.",
        [("Gondor minister", "GON.GOV"), ("Mordor", "MOR")],
    )
    assert ("GON.GOV", "MOR", "REQUEST") in _triples(events)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected", "status"),
    [
        (
            "It followed a unanimous vote at the Gondor Council on Saturday to impose new sanctions on Mordor.",
            ("GON", "MOR", "SANCTION"),
            "occurred",
        ),
        ("Mordor said it was examining plans to fire missiles towards Gondor.", ("MOR", "GON", "ASSAULT"), "planned"),
    ],
)
def test_coder_infinitive_of_noun_takes_noun_owner(
    parser: Any, text: str, expected: tuple[str, str, str], status: str
) -> None:
    actors = (
        [("Gondor Council", "GON"), ("Mordor", "MOR")] if "Council" in text else [("Mordor", "MOR"), ("Gondor", "GON")]
    )
    events = [e for e in _code(parser, text, actors) if e.type == expected[2]]
    assert [(e.actor.code, e.recipient and e.recipient.code, e.type, e.status) for e in events] == [(*expected, status)]


@pytest.mark.slow
def test_coder_refused_act_of_noun_is_not_coded(parser: Any) -> None:
    events = _code(
        parser,
        "Gondor noted Rohan's refusal to talk to Mordor.",
        [("Gondor", "GON"), ("Rohan", "ROH"), ("Mordor", "MOR")],
    )
    assert all(e.type != "CONSULT" for e in events)


@pytest.mark.slow
def test_coder_a_guilty_plea_is_no_request_but_pleading_with_someone_is(parser: Any) -> None:
    """A guilty plea is the court's conviction of the pleader (our guideline), never a REQUEST."""
    plea = _code(parser, "The Gondor spy pleaded guilty on Monday.", [("Gondor spy", "GON.SPY")])
    assert [(e.actor.code, e.recipient.code if e.recipient else None, e.type) for e in plea] == [
        ("GON.JUD", "GON.SPY", "SANCTION")
    ]
    events = _code(parser, "Gondor pleaded with Mordor to release the sailors.", [("Gondor", "GON"), ("Mordor", "MOR")])
    assert [(e.actor.code, e.recipient.code if e.recipient else None, e.type) for e in events] == [
        ("GON", "MOR", "REQUEST")
    ]


@pytest.mark.slow
def test_coder_battling_to_win_is_no_attack(parser: Any) -> None:
    parties = [("Gondor parties", "GON.PTY")]
    assert _code(parser, "The Gondor parties battle to win the December election.", parties) == []
    fought = _code(
        parser,
        "Gondor rebels battled Mordor troops near the river.",
        [("Gondor rebels", "GON.REB"), ("Mordor troops", "MOR.MIL")],
    )
    assert {e.type for e in fought} == {"ASSAULT"}


@pytest.mark.slow
def test_coder_declining_to_comment_is_no_rejection(parser: Any) -> None:
    """Reporters' "declined to comment" is no event (CAMEO 011 has no PLOVER type); declining an offer is."""
    parties = [("Gondor spokesman", "GON.GOV"), ("Mordor", "MOR")]
    assert _code(parser, "A Gondor spokesman declined to comment on the Mordor offer.", parties) == []
    assert _code(parser, "A Gondor spokesman declined comment.", parties[:1]) == []
    events = _code(parser, "The Gondor spokesman declined the offer from Mordor.", parties)
    assert {(e.actor.code, e.type) for e in events} == {("GON.GOV", "REJECT")}


@pytest.mark.slow
def test_coder_a_source_asking_not_to_be_named_requests_nothing(parser: Any) -> None:
    """Wire copy's "an official who asked not to be named" and "requested anonymity" are no REQUEST; asking
    someone to act is."""
    parties = [("Gondor official", "GON.GOV"), ("Mordor", "MOR")]
    for text in (
        "A Gondor official, who asked not to be named, said Mordor had moved troops.",
        "A Gondor official requested anonymity when he spoke of Mordor.",
    ):
        assert all(e.type != "REQUEST" for e in _code(parser, text, parties)), text
    events = _code(parser, "A Gondor official asked Mordor to withdraw its troops.", parties)
    assert ("GON.GOV", "MOR", "REQUEST") in _triples(events)


@pytest.mark.slow
def test_coder_taking_a_shot_at_is_criticism_and_expropriation_is_seizure(parser: Any) -> None:
    parties = [("Gondor", "GON"), ("Mordor", "MOR")]
    shot = _code(parser, "Gondor took a shot at Mordor's proposed wall.", parties)
    assert [(e.actor.code, e.recipient.code if e.recipient else None, e.type) for e in shot] == [
        ("GON", "MOR", "ACCUSE")
    ]
    seized = _code(parser, "Gondor expropriated the farm of a Mordor family.", parties)
    assert [(e.type, e.mode) for e in seized] == [("COERCE", "seize")]


@pytest.mark.slow
def test_coder_a_warning_of_what_will_happen_is_no_threat(parser: Any) -> None:
    """ "warned that the talks would be long" forecasts; "warned that it would retaliate" and "warned that
    there would be consequences" threaten (issue 11, wrong sense)."""
    parties = [("Gondor", "GON"), ("Mordor", "MOR")]
    assert _code(parser, "Gondor warned that the talks would be long.", parties[:1]) == []
    assert _code(parser, "Gondor warned that the outbreak could spread to Mordor.", parties) == []
    threats = _code(parser, "Gondor warned that it would retaliate against Mordor.", parties)
    assert {(e.actor.code, e.type) for e in threats} == {("GON", "THREATEN")}
    consequences = _code(parser, "Gondor warned that there would be consequences.", parties[:1])
    assert {(e.actor.code, e.type) for e in consequences} == {("GON", "THREATEN")}


@pytest.mark.slow
def test_coder_appreciating_and_decorating_are_support(parser: Any) -> None:
    parties = [("Gondor", "GON"), ("Mordor", "MOR")]
    praised = _code(parser, "Gondor appreciates Mordor's role in the fight against piracy.", parties)
    assert _triples(praised) == {("GON", "MOR", "SUPPORT")}
    decorated = _code(
        parser, "Gondor awarded the Mordor envoy a medal.", [("Gondor", "GON"), ("Mordor envoy", "MOR.GOV")]
    )
    assert _triples(decorated) == {("GON", "MOR.GOV", "SUPPORT")}


@pytest.mark.slow
def test_coder_workers_striking_protest_and_entering_a_partnership_agrees(parser: Any) -> None:
    strike = _code(parser, "The Gondor dockworkers are preparing to strike.", [("Gondor dockworkers", "GON.LAB")])
    assert [(e.actor.code, e.type, e.mode) for e in strike] == [("GON.LAB", "PROTEST", "strike")]
    entered = _code(parser, "Gondor entered a Mordor partnership programme.", [("Gondor", "GON"), ("Mordor", "MOR")])
    assert [(e.actor.code, e.type) for e in entered] == [("GON", "AGREE")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "actors", "expected"),
    [
        # tariffs are a sanction noun
        (
            "Gondor's tariffs on Mordor steel took effect in July.",
            [("Gondor", "GON"), ("Mordor", "MOR")],
            {("GON", "MOR", "SANCTION")},
        ),
        # issue 11's self-dyads: "X urged cooperation between X's capital and Y" is aimed at Y
        (
            "Gondor urged cooperation between Minas Tirith and Mordor.",
            [("Gondor", "GON"), ("Minas Tirith", "GON.GOV"), ("Mordor", "MOR")],
            {("GON", "MOR", "REQUEST")},
        ),
        # a label is an accusation, not a phone call
        (
            "Gondor's king called Sauron a killer.",
            [("Gondor's king", "GON.GOV"), ("Sauron", "MOR.GOV")],
            {("GON.GOV", "MOR.GOV", "ACCUSE")},
        ),
        # support given to fighters is aid, as support provided is; a trade mission is a visit
        (
            "Gondor gave air support to Mordor rebels.",
            [("Gondor", "GON"), ("Mordor rebels", "MOR.REB")],
            {("GON", "MOR.REB", "AID")},
        ),
        (
            "Gondor's king led a trade mission to Mordor.",
            [("Gondor's king", "GON.GOV"), ("Mordor", "MOR")],
            {("GON.GOV", "MOR", "CONSULT")},
        ),
    ],
)
def test_coder_codes_exactly(
    parser: Any, text: str, actors: Sequence[tuple[str, str]], expected: set[tuple[str, str | None, str]]
) -> None:
    assert _triples(_code(parser, text, actors)) == expected


@pytest.mark.slow
def test_coder_what_an_actor_held_back_from_is_negated(parser: Any) -> None:
    """Issue 11's wrong sense: "backed away from calling for X" is no call for X, nor any backing."""
    parties = [("Gondor", "GON"), ("Mordor", "MOR")]
    for verb in ("refrained from", "backed away from"):
        events = _code(parser, f"Gondor {verb} calling for sanctions on Mordor.", parties)
        requests = [e for e in events if e.type == "REQUEST"]
        assert requests and all(e.negated for e in requests), verb
        assert all(e.type != "SUPPORT" for e in events), verb


@pytest.mark.slow
def test_coder_no_progress_achieved_is_a_negated_agreement(parser: Any) -> None:
    """Issue 11's missed class: "did not achieve progress" is a negated AGREE between the parties."""
    events = _code(
        parser, "Gondor and Mordor did not achieve progress in the talks.", [("Gondor", "GON"), ("Mordor", "MOR")]
    )
    agreed = {(e.actor.code, e.recipient.code if e.recipient else None, e.negated) for e in events if e.type == "AGREE"}
    assert agreed == {("GON", "MOR", True), ("MOR", "GON", True)}


@pytest.mark.slow
def test_coder_an_attack_told_by_its_weapons_is_their_owner_s(parser: Any) -> None:
    """Issue 11's missed class: "Gondor drones were launched at a Mordor tanker" is Gondor's attack."""
    parties = [("Gondor drones", "GON"), ("Mordor tanker", "MOR.BUS")]
    events = _code(parser, "Gondor drones were launched at a Mordor tanker.", parties)
    assert _triples(events) == {("GON", "MOR.BUS", "ASSAULT")}
