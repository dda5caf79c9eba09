"""Options of actor resolution (`ActorResolver`, `ActorStage`): NER labels, pronouns, short aliases, former office."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FormerMode = Literal["elite", "unresolved"]


@dataclass(frozen=True, slots=True)
class ResolveOptions:
    """Options of actor resolution.

    Args:
        ner_labels: spaCy labels whose unmatched entities are reported as unresolved mentions.
        pronouns: pronouns resolved to an earlier person of the same gender; "he"/"she" prefer
            subjects, "him"/"her" skip the subject of their own clause, possessive "his"/"her"
            give their noun phrase the person's country and are not mentions themselves.
        short_alias: single-token aliases up to this many characters must be written in capitals
            ("US", "UN", "IS") so that "us" or "is" never match.
        former: what a person out of office on the date codes as: "elite" gives the country of
            their latest role with the ELI sector (a former president, docs/annotation.md);
            "unresolved" leaves them uncoded with reason "role_out_of_date".
    """

    ner_labels: tuple[str, ...] = ("PERSON", "GPE", "NORP", "ORG")
    pronouns: tuple[str, ...] = ("he", "she", "him", "her", "his")
    short_alias: int = 3
    former: FormerMode = "elite"

    def __post_init__(self) -> None:
        if self.short_alias < 0:
            raise ValueError("short_alias must be >= 0")
        if any(not pronoun.islower() for pronoun in self.pronouns):
            raise ValueError("pronouns are matched lower-cased; write them in lower case")
        if self.former not in ("elite", "unresolved"):
            raise ValueError(f"former must be 'elite' or 'unresolved', not {self.former!r}")

    def __str__(self) -> str:
        return f"actors-{'-'.join(self.ner_labels)}"
