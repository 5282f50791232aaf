"""Read frab JSON schedules the way the pyfahrplan command does, from files.

Run in the consumers' virtual environment: prints, as JSON, the talks as
pyfahrplan flattens them (what its table shows), after printing its table
once, so that a schedule that crashes it fails.  pyfahrplan itself only
downloads the CCC schedules, so the files are handed to its reader directly.
"""

import io
import json
import sys

from pyfahrplan.lib import Fahrplan, print_formatted_talks

plan = Fahrplan.__new__(Fahrplan)
plan.fahrplans = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        plan.fahrplans.append(json.load(handle)["schedule"])
plan.flatten_fahrplans()
# The table goes to a console of its own, not to the JSON on standard output.
table_output = io.StringIO()
sys.stdout, real = table_output, sys.stdout
try:
    print_formatted_talks(
        plan.flat_plans, show_abstract=True, show_description=True, sort_by=None, reverse=False
    )
finally:
    sys.stdout = real
json.dump({"talks": plan.flat_plans, "table": table_output.getvalue()}, sys.stdout, ensure_ascii=False)
