"""The words the pages use for each value an edition file chooses from.

One table per list of values in the schema, written in English, the language
of the theme's message ids; the catalogs (`make translations`) hold the other
languages, and a test checks that every value has a label there in every
language of the site.  Templates look a value up here instead of testing it
value by value, so a value added to the schema without a label fails that
test instead of being shown as some other value's word.
"""

from __future__ import annotations

from sosconf.conference.calls import LABELS as CALL_LABELS
from sosconf.conference.calls import N_
from sosconf.conference.schema_event import ATTENDANCE_MODES, CALL_KINDS, SESSION_KINDS
from sosconf.conference.schema_fields import STATUSES

# The language the labels (and every message id of the theme) are written in.
SOURCE_LANGUAGE = "en"

STATUS_LABELS = {
    "planned": N_("Planned"),
    "postponed": N_("Postponed"),
    "cancelled": N_("Cancelled"),
    "held": N_("Held"),
}

SESSION_KIND_LABELS = {
    "keynote": N_("Keynote"),
    "talk": N_("Talk"),
    "lightning-talk": N_("Lightning talk"),
    "roundtable": N_("Roundtable"),
    "workshop": N_("Workshop"),
    "hackathon": N_("Hackathon"),
    "break": N_("Break"),
}

ATTENDANCE_LABELS = {
    "offline": N_("On site"),
    "online": N_("Online"),
    "hybrid": N_("On site and online"),
}

# What each list of values of the schema is called -> (the values, each value's
# messages), for the test that every value has its words in every catalog.
# The calls' table (a heading and an action per kind) is in `calls`.
TABLES = {
    "status": (STATUSES, {value: (label,) for value, label in STATUS_LABELS.items()}),
    "session kind": (SESSION_KINDS, {value: (label,) for value, label in SESSION_KIND_LABELS.items()}),
    "attendance": (ATTENDANCE_MODES, {value: (label,) for value, label in ATTENDANCE_LABELS.items()}),
    "call kind": (CALL_KINDS, {kind: (labels.title, labels.action) for kind, labels in CALL_LABELS.items()}),
}
