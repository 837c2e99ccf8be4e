"""Which sentences are worth parsing: those where some event pattern could match, judged from the words.

A pattern can match only if every one of its words occurs in the sentence in some inflection (the parse
then decides whether they stand in the right places), so a sentence with the trigger of "police * alert"
but no "alert" is not parsed for it. Inflections are generated (`inflections`) plus the irregular forms
of data/lexicon/<lang>/irregular.tsv, so the test errs on the side of parsing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .patterns import GAP, Pattern

Forms = frozenset[str]


class Triggers:
    """The trigger words of a pattern set, each with the other words its patterns need."""

    def __init__(self, patterns: Iterable[Pattern], irregular: Mapping[str, Sequence[str]]) -> None:
        self.irregular = irregular
        self.needs: dict[str, list[tuple[Forms, ...]]] = {}
        for p in patterns:
            items = [self.forms(alt) for alt in p.items if alt is not GAP]
            at = sum(1 for i in p.items[:p.trigger] if i is not GAP)
            rest = tuple(items[:at] + items[at + 1:])
            for form in items[at]:
                self.needs.setdefault(form, []).append(rest)
        self.words = frozenset(self.needs)

    def forms(self, alternatives: Iterable[str]) -> Forms:
        return frozenset(f for w in alternatives for f in (*inflections(w), *self.irregular.get(w, ())))

    def found(self, words: Sequence[str]) -> set[str]:
        """The trigger words of the sentence for which a whole pattern's words are present."""
        present = set(words)
        return {w for w in self.words.intersection(present)
                if any(all(not item.isdisjoint(present) for item in rest) for rest in self.needs[w])}


def inflections(w: str) -> set[str]:
    """Regular English inflections of a word: `congratulated` for congratulate, `dialled` for dial."""
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing"}
    if w.endswith("y") and len(w) > 2:
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) > 2 and w[-1] not in "aeiouwyx" and w[-2] in "aeiou":
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # dialled, planned, stopping
    return forms
