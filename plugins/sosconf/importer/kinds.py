"""Session types of frab, pentabarf and pretalx as the kinds of this site.

pretalx's types are named by each conference (often in its language), frab's
are a fixed list (lecture, workshop, podium, lightning_talk, meeting, film,
concert, djset, performance, other).  What is not in the table becomes a
talk, and the import's summary names it.
"""

from __future__ import annotations

import re

from sosconf.conference.schema_event import SESSION_KINDS

KINDS = {
    "talk": "talk",
    "lecture": "talk",
    "presentation": "talk",
    "vortrag": "talk",
    "long-talk": "talk",
    "short-talk": "talk",
    "keynote": "keynote",
    "opening": "keynote",
    "closing": "keynote",
    "lightning-talk": "lightning-talk",
    "lightning-talks": "lightning-talk",
    "lightning": "lightning-talk",
    "lightningtalk": "lightning-talk",
    "blitz-talk": "lightning-talk",
    "kurzvortrag": "lightning-talk",
    "workshop": "workshop",
    "hands-on": "workshop",
    "tutorial": "workshop",
    "roundtable": "roundtable",
    "round-table": "roundtable",
    "podium": "roundtable",
    "panel": "roundtable",
    "panel-discussion": "roundtable",
    "discussion": "roundtable",
    "meeting": "roundtable",
    "diskussion": "roundtable",
    "podiumsdiskussion": "roundtable",
    "hackathon": "hackathon",
    "break": "break",
    "pause": "break",
    "lunch": "break",
}
assert set(KINDS.values()) <= set(SESSION_KINDS)


def kind_of(frab_type: str) -> str | None:
    """The kind for a frab `type`, or None when the table does not know it (it is then a talk)."""
    key = re.sub(r"[\s_]+", "-", frab_type.strip().lower())
    if not key:
        return "talk"
    return KINDS.get(key)
