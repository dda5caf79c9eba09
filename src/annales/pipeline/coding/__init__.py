"""PLOVER event coding: predicates and roles from the dependency parse, codes from our own tables.

Public API:
    PloverCoder, CoderOptions   the stage ("annales.coder.plover.v1") and its options
    code_text, code_article     convenience entry points (the `annales code` command uses code_text)
    CodingTables                the CAMEO table and predicate lexicon shipped in annales/data/coding
    VerbDictionary, load_verb_dictionary, parse_verb_dictionary   user verb dictionaries (PETRARCH format)
"""

from annales.pipeline.coding.api import code_article, code_text
from annales.pipeline.coding.coder import CoderOptions, PloverCoder, event_id
from annales.pipeline.coding.tables import TABLES_VERSION, CameoEntry, CameoTable, CodingTables, Lexicon
from annales.pipeline.coding.verbdict import (
    VerbDictionary,
    load_verb_dictionary,
    merge_verb_dictionaries,
    parse_verb_dictionary,
)

__all__ = [
    "TABLES_VERSION",
    "CameoEntry",
    "CameoTable",
    "CoderOptions",
    "CodingTables",
    "Lexicon",
    "PloverCoder",
    "VerbDictionary",
    "code_article",
    "code_text",
    "event_id",
    "load_verb_dictionary",
    "merge_verb_dictionaries",
    "parse_verb_dictionary",
]
