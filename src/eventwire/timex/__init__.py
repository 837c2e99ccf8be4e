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
  ("Monday, Jan 15") picks a neighbouring year where it fits. The caller's tense is the default:
  an expression whose clause has a future cue of tense_cues.tsv ("The trial is set to begin on
  Wednesday", "talks will resume on Friday") is read in future tense (clause.py says what a clause is).
- Weeks are ISO 8601 weeks (TIMEX3 takes its week values from ISO 8601, and `records.value_to_date`
  reads them so): "this week" on Tuesday 2006-03-28 is 2006-W13. MEANTIME's gold has 2006-W14 there,
  a count that makes the week holding 1 January week 1; that one gold value is left disagreeing.
- Quarters are YEAR-Qn ("2006-Q4"), fiscal years FYYEAR ("fiscal 2011", "FY11": FY2011; "the
  financial year" is the anchor's year), fiscal quarters FYYEAR-Qn. A quarter named by its number
  needs a year or a fiscal word ("late in the fourth quarter" is a game's); "the last quarter" is the
  one before the anchor's.
- Decades: "the 1990s" and "the '90s" are 199 (a two-digit decade is the latest that ended by the year
  after the anchor: "the '20s" in 2024 is 192). "this decade" is the anchor's. "the past decade" is
  the calendar decade before the anchor's while the anchor is in the first two years of its decade
  (written in 2011: 200), otherwise ten years back (DURATION P10Y); centuries likewise.
- Story time: "the next day", "later that day", "that year", "two days later" count from the latest
  expression before them that names a day, week, month or year (story.tsv); without one, or when the
  result would fall after the anchor in a past-tense clause, the value is left open ("XXXX-XX-XX").
- Open values: "later" alone and "at a later date" are XXXX-XX-XX; "a day when" is FUTURE_REF in a
  future or conditional clause ("if there ever came a day when") and PAST_REF otherwise; "now"
  closing a span ("for more than a week now") is the anchor's day, elsewhere PRESENT_REF.
- A year alone is a date only after a preposition or conjunction ("in 2024", "since 2010", "in
  2010 and 2012"), with an edge word ("early 2009", "mid-2011"), or, for 1900-2099, after a
  determiner or possessive and before a word ("the 2024 BRICS chairmanship", "Russia's 2024
  chairmanship"), or after an event's name or an all-capitals acronym ("Worldwide Developers
  Conference 2010", "WWDC 2005"); never when a count word follows ("in 2000 cases", "2000 troops").
- Ranges ("from 25 to 28 December", "2010-2015") give the first value and `end_value` the last.
"""

from __future__ import annotations

from .recognizer import TimexRecognizer, timex_to_json

__all__ = ["TimexRecognizer", "timex_to_json"]
