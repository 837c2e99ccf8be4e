"""English time expressions: recognition and TIMEX3 normalisation, with the rules as data files.

    recognizer = TimexRecognizer(settings)      # loads data/dates/en/* once per process
    recognizer.find("They met on Wednesday evening.", dt.date(2023, 12, 28))
    # [Timex(start=13, end=30, text='Wednesday evening', type='TIME', value='2023-12-27TEV', ...)]

The grammar is data/dates/<lang>/rules.tsv; the vocabulary is the other files of that folder.
Conventions:

- Spans leave out the preposition that introduced them ("on Wednesday" -> "Wednesday", "in the
  coming year" -> "the coming year") but keep words that narrow them ("early 2009", "earlier this
  month", "two days ago").
- `type` is TIME when a clock time or part of day is attached ("Wednesday evening" ->
  `2023-12-27TEV`, "20 Mar 2024, 05:12 pm" -> `2024-03-20T17:12`); `value[:10]` is still the day.
- `precision` is day, week, month or year exactly when `records.value_to_date(value)` gives a day,
  and "" otherwise: durations, sets, PAST_REF/PRESENT_REF/FUTURE_REF ("in the years ahead"),
  decades (`199`), seasons (`2023-SU`), and anything unresolved.
- `explicit` is True when the expression names a month or a year ("Monday, Jan 15", "in December",
  "last May", "in 2024"), False when it is only relative ("today", "on Wednesday", "last week").
- The anchor is the publication date. Without one, relative expressions (and a month and day with
  no year) are still found, with value "" and precision ""; absolute ones resolve.
- Tense: past points a bare weekday to the latest such day on or before the anchor and a bare
  month to the latest on or before the anchor's month; future to the next weekday after the anchor
  and the first such month from the anchor's on. A month and day without a year take the anchor's
  year unless that is more than 45 days after the anchor in past tense (then the year before) or
  more than 45 days before it in future tense (then the year after); a day name beside them
  ("Monday, Jan 15") picks a neighbouring year where it fits.
- A year alone is a date only after a preposition or conjunction ("in 2024", "since 2010", "in
  2010 and 2012"), with an edge word ("early 2009", "mid-2011"), or, for 1900-2099, after a
  determiner or possessive and before a word ("the 2024 BRICS chairmanship", "Russia's 2024
  chairmanship"); never when a count word follows ("in 2000 cases", "2000 troops").
- Ranges ("from 25 to 28 December", "2010-2015") give the first value and `end_value` the last.
"""

from __future__ import annotations

from .recognizer import TimexRecognizer, timex_to_json

__all__ = ["TimexRecognizer", "timex_to_json"]
