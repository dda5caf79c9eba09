"""Actor table and actor resolution: mentions -> dated codes such as "USA.GOV" or "NATO".

See `model` for the code scheme, `countries` for the code sets, `dictionary` for the accepted
dictionary formats, `roles` for the role facts the build reads, `table` for
the bundled table and layering, `resolve` (+ `context`) for the matching passes, `explain` and
`unresolved` for `annales actors lookup|unresolved`, `dateline` for wire datelines
(never actors), `gender` for the pronoun gender hints, `stage` for the pipeline stage.
"""

from annales.pipeline.actors.dictionary import load_dictionary
from annales.pipeline.actors.model import ActorDictionary, ActorEntry, AgentEntry, Role, phoenix_to_code
from annales.pipeline.actors.options import ResolveOptions
from annales.pipeline.actors.resolve import ActorResolver, mention_head
from annales.pipeline.actors.stage import ActorStage
from annales.pipeline.actors.table import ActorTable

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "ActorResolver",
    "ActorStage",
    "ActorTable",
    "AgentEntry",
    "ResolveOptions",
    "Role",
    "load_dictionary",
    "mention_head",
    "phoenix_to_code",
]
