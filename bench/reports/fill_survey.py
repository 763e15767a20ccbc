"""``python -m bench.reports.fill_survey``: synthetic questionnaire answers (edition 2014)
for every municipality of the registry, as `make demo` makes them, so the reports have a
growth-model section to build. Not timed; skipped when the edition already has answers.
Prints one JSON line: the municipalities answered."""

from __future__ import annotations

import json

from meetlat import workspace
from meetlat.app import accounts, questionnaire

EDITION = "2014"


def main() -> None:
    ws = workspace.current()
    chosen = questionnaire.edition(EDITION, ws)
    stored = questionnaire.stored_codes(ws, chosen)
    if stored:
        print(json.dumps({"answered": len(stored), "made_now": False}))
        return
    codes = sorted({row["municipality_code"] for row in accounts.load(ws).to_pylist()})
    result = questionnaire.synthetic_survey(ws, codes, EDITION)
    print(json.dumps({"answered": result.imported, "made_now": True}))


if __name__ == "__main__":
    main()
