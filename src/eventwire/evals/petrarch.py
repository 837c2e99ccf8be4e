"""The PETRARCH2 unit-test records as an evaluation of eventwire's verb patterns and roles.

The folder (`../shared/data/petrarch2_unittest/`, read at run time, never copied) holds
`PETR.UnitTest.records.xml`: stylised sentences about fictional countries (Arnor, Gondor, ...), each
with the codings PETRARCH should produce (`<EventCoding sourcecode=.. targetcode=.. eventcode=..>`),
and `PETR.Validate.actors.txt`, the dictionary of those fictional actors. `petrarch_actors` turns
that dictionary into an eventwire user actor dictionary, so the evaluation measures events and
roles rather than real-world actor knowledge.

Scoring. A coding is (source country, target country, event code), where the country is the first
three letters of the CAMEO actor code (`ARNGOV` -> `ARN`) and a missing or null-coded actor
(`---`, `###`), or an agent of no known country (`GOV`), is `---`. Only mentions that happened count
(negated and hypothetical ones are mentions, never events). Recall: expected codings found among a sentence's
emitted codings.
Precision: emitted dyadic codings (both actors with a country) that match an expected coding of
their sentence. Three levels: the exact event code, its two-digit root, and the dyad alone (source
and target, any code). Codings are deduplicated per sentence. Records with `noevents` expect
nothing: every dyadic coding emitted there counts against precision.

Read the code levels with care: the file's own verb dictionary says its codes started as WEIS codes
(from a KEDS dictionary) "tweaked quite unsystematically" for unit tests, so many expected codes are
not what CAMEO gives the sentence: "welcomed" is 041 here (CAMEO 041: discuss by telephone),
"condemned" 122 (CAMEO: reject a request for material aid), "postponed their meeting" 191 (CAMEO:
impose a blockade), "arrested" 212 (not a CAMEO code). The dyad level tests actor recognition and
role assignment, which carry over.

The record texts join the words of some names with underscores ("Dol_Amroth"), PETRARCH's input
convention for a compound; they are coded with spaces there, as the name is written in news text.

Left out, and counted in the result's `counts` beside what the file holds: records marked
`sentence="false"` (features PETRARCH itself does not implement; its own run skips them); records
whose coding is an `error` (dateline, bad parse tree, story/sentence discards: tests of PETRARCH's
input handling); expected codings with an actor given as a quoted noun phrase (PETRARCH's "new
actor" extraction), whose dyads are never judged. Expected codings whose event code is not in the
CAMEO table (903, 1717, 212, ...) count at the dyad level only; at the code levels, emitted codings
on such a dyad are not judged either.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..codes import code_table
from ..records import Actor, Article, Mention
from ..settings import Settings

RECORDS_FILE = "PETR.UnitTest.records.xml"
ACTORS_FILE = "PETR.Validate.actors.txt"
NULL = "---"
NULL_CODES = {"---", "###", "+++"}
XML_COMMENT = re.compile(r"<!\s*--.*?-->", re.S)
BRACKETS = re.compile(r"\[([^\]]*)\]")


# -- the actor dictionary ------------------------------------------------------------------------
@dataclass(slots=True)
class DictActor:
    """One entry of a PETRARCH actor dictionary: a phrase, its synonyms and its code blocks."""

    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code, date restriction as written, or "")

    def code(self) -> str:
        """The undated code if there is one, else the last dated one; "" when only null codes."""
        usable = [(c, when) for c, when in self.codes if c and c not in NULL_CODES]
        undated = [c for c, when in usable if not when]
        if undated:
            return undated[0]
        return usable[-1][0] if usable else ""

    def dated(self) -> list[str]:
        """The date-restricted codes as eventwire spans: `HOBGOV@1995-06-01..1999-08-15`, `RHO@..1979-06-05`."""
        out = []
        for code, when in self.codes:
            span = _restriction(when) if when and code not in NULL_CODES else None
            if span is not None:
                out.append(f"{code}@{span}")
        return out


DATE_RANGE = re.compile(r"^(\d{6,8})\s*-\s*(\d{6,8})$")


def _restriction(when: str) -> str | None:
    """PETRARCH's `< 950601`, `>20130119`, `19950601 - 19990815` -> `..1995-05-31`, `2013-01-20..`,
    `1995-06-01..1999-08-15` (bounds of "<" and ">" are exclusive); None when unreadable."""
    when = when.strip()
    if when[:1] in "<>":
        day = _petr_day(when[1:].strip())
        if day is None:
            return None
        return f"..{day - dt.timedelta(days=1)}" if when[0] == "<" else f"{day + dt.timedelta(days=1)}.."
    match = DATE_RANGE.match(when)
    first, last = (_petr_day(g) for g in match.groups()) if match else (None, None)
    return f"{first}..{last}" if first and last else None


def _petr_day(text: str) -> dt.date | None:
    """`950601` (two-digit years are 19xx from 30 on, else 20xx) or `20130119`."""
    if len(text) == 6 and text.isdigit():
        text = ("19" if int(text[:2]) >= 30 else "20") + text
    return _date(text)


def _phrase(text: str) -> str:
    """`MINAS_TIRITH` -> `MINAS TIRITH`; the trailing `_` (whole-word marker) goes."""
    return " ".join(text.replace("_", " ").split())


def _code_blocks(text: str) -> list[tuple[str, str]]:
    """`[HOBGOV 19950601 - 19990815]` -> [("HOBGOV", "19950601 - 19990815")]; `[ELR/GAL]` (a name for two
    actors at once) -> [("ELR/GAL", "")]."""
    out = []
    for body in BRACKETS.findall(text):
        parts = body.split(None, 1)
        if parts:
            out.append((parts[0].upper(), parts[1].strip() if len(parts) > 1 else ""))
    return out


def read_actor_dictionary(path: Path) -> list[DictActor]:
    """The entries of a PETRARCH actor file: `NAME [CODE]`, `+SYNONYM` lines, indented `[CODE date]` lines."""
    entries: list[DictActor] = []
    for raw in XML_COMMENT.sub("", path.read_text(encoding="utf-8")).splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("+") and entries:
            entries[-1].aliases.append(_phrase(line[1:]))
        elif line.startswith("[") and entries:
            entries[-1].codes.extend(_code_blocks(line))
        else:
            entries.append(DictActor(_phrase(line.split("[", 1)[0]), [], _code_blocks(line)))
    return entries


def petrarch_actors(folder: Path, out: Path) -> Path:
    """Write the fictional actors of `folder` as an eventwire user dictionary
    (`name TAB code TAB aliases TAB dated codes`).

    Null-coded entries (`---`, `+++`) are left out; an actor's code is its undated one, else its latest one,
    and its date-restricted codes go in the fourth column; an entry with several codes (`[ELR/GAL]`) keeps them
    all, as a group. Agents are not converted: eventwire's own generic agents (troops, police, ministers) take
    their country from the context.
    """
    lines = ["# eventwire user actor dictionary converted from the PETRARCH validation actors.",
             "# Format: name<TAB>CAMEO code<TAB>aliases separated by |<TAB>dated codes CODE@FROM..TO separated by |"]
    for entry in read_actor_dictionary(Path(folder) / ACTORS_FILE):
        code = entry.code()
        if entry.name and code:
            aliases = "|".join(a for a in entry.aliases if a)
            lines.append(f"{entry.name}\t{code}\t{aliases}\t{'|'.join(entry.dated())}".rstrip("\t"))
    out = Path(out)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


# -- the records ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Coding:
    source: str  # three-letter country part, or NULL
    target: str
    code: str

    def root(self) -> Coding:
        return Coding(self.source, self.target, self.code[:2])

    def dyad(self) -> Coding:
        return Coding(self.source, self.target, "")


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    date: dt.date | None
    category: str
    text: str
    codings: tuple[Coding, ...]  # expected codings with a CAMEO event code: scored on code, root and dyad
    other: tuple[Coding, ...] = ()  # expected codings with a validation-only event code: scored on dyad only
    unjudged: tuple[Coding, ...] = ()  # dyads of codings with a noun-phrase actor: never scored
    noevents: bool = False

    def dyads(self) -> tuple[Coding, ...]:
        return _dyads(self.codings + self.other)


def country_part(code: str | None) -> str:
    """`ARNGOV` -> `ARN`; empty, null (`---GOV`, `###`) and quoted noun phrases -> NULL."""
    code = (code or "").strip().upper()
    if not code or code[:3] in NULL_CODES or code.startswith('"'):
        return NULL
    return code[:3]


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.datetime.strptime((value or "").strip(), "%Y%m%d").date()
    except ValueError:
        return None


def _record_skip(sentence: ET.Element) -> str:
    if (sentence.get("sentence") or "").strip().lower() != "true":
        return "marked sentence=false"
    if any(c.get("error") for c in sentence.findall("EventCoding")):
        return "error-handling test"
    return ""


def read_records(path: Path, cameo: Iterable[str]) -> tuple[list[Record], Counter]:
    """The evaluable records of the XML file, and counts of what the file holds and what was left out and why."""
    cameo = set(cameo)
    records, skipped = [], Counter()
    for sentence in ET.parse(path).getroot().iter("Sentence"):
        skipped["file: records"] += 1
        skipped["file: codings"] += len(sentence.findall("EventCoding"))
        if why := _record_skip(sentence):
            skipped[f"records: {why}"] += 1
            skipped[f"codings: {why}"] += len(sentence.findall("EventCoding"))
            continue
        record = _record(sentence, cameo)
        skipped["codings: validation-only event code (dyad scored)"] += len(record.other)
        skipped["codings: noun-phrase actor"] += sum(1 for e in sentence.findall("EventCoding") if _quoted(e))
        if record.dyads() or record.noevents:
            records.append(record)
        else:
            skipped["records: noun-phrase actors only"] += 1
    return records, +skipped


def _quoted(element: ET.Element) -> bool:
    """An actor given as a quoted noun phrase (`sourcecode='"INJURY TOLL"'`)."""
    return any((element.get(k) or "").startswith('"') for k in ("sourcecode", "targetcode"))


def _record(sentence: ET.Element, cameo: set[str]) -> Record:
    kept: dict[str, list[Coding]] = {"codings": [], "other": [], "unjudged": []}
    for element in sentence.findall("EventCoding"):
        if element.get("noevents") is not None:
            continue
        get = element.get
        coding = Coding(country_part(get("sourcecode")), country_part(get("targetcode")), get("eventcode") or "")
        if _quoted(element):
            kept["unjudged"].append(coding.dyad())
        else:
            kept["codings" if coding.code in cameo else "other"].append(coding)
    noevents = any(c.get("noevents") is not None for c in sentence.findall("EventCoding"))
    text = " ".join((sentence.findtext("Text") or "").split())
    return Record(sentence.get("id") or "", _date(sentence.get("date")), sentence.get("category") or "", text,
                  noevents=noevents, **{k: tuple(dict.fromkeys(v)) for k, v in kept.items()})


# -- scoring -------------------------------------------------------------------------------------
def _side(actor: Actor | None) -> str:
    """The country part of an actor's code; an agent of no known country ("officials": GOV) has none."""
    if actor is None or (not actor.country and actor.code in {"", actor.sector}):
        return NULL
    return country_part(actor.code or actor.country)


def _coding(m: Mention) -> Coding:
    return Coding(_side(m.source), _side(m.target), m.cameo)


def emitted(mentions: Sequence[Mention]) -> tuple[Coding, ...]:
    """A sentence's codings as eventwire emitted them (negated and hypothetical ones left out), deduplicated."""
    return tuple(dict.fromkeys(_coding(m) for m in mentions if m.happened))


def dyadic(coding: Coding) -> bool:
    return NULL not in (coding.source, coding.target)


@dataclass(slots=True)
class Tally:
    expected: int = 0
    found: int = 0
    emitted: int = 0
    correct: int = 0

    def add(self, want: Sequence[Coding], got: Sequence[Coding]) -> None:
        self.expected += len(want)
        self.found += sum(1 for c in want if c in got)
        dyads = [c for c in got if dyadic(c)]
        self.emitted += len(dyads)
        self.correct += sum(1 for c in dyads if c in want)

    def scores(self, prefix: str = "") -> dict:
        return {f"{prefix}expected": self.expected, f"{prefix}emitted": self.emitted,
                f"{prefix}found": self.found, f"{prefix}correct": self.correct,
                f"{prefix}recall": _ratio(self.found, self.expected),
                f"{prefix}precision": _ratio(self.correct, self.emitted)}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _roots(codings: Sequence[Coding]) -> tuple[Coding, ...]:
    return tuple(dict.fromkeys(c.root() for c in codings))


def _dyads(codings: Sequence[Coding]) -> tuple[Coding, ...]:
    return tuple(dict.fromkeys(c.dyad() for c in codings))


def _judged(record: Record, got: Sequence[Coding]) -> tuple[Coding, ...]:
    """The emitted codings a code-level score can judge: none on a dyad expected only with a non-CAMEO code."""
    known = _dyads(record.codings)
    blind = set(_dyads(record.other)) | set(record.unjudged)
    return tuple(c for c in got if c.dyad() in known or c.dyad() not in blind)


def score_records(records: Sequence[Record], coded: Sequence[Sequence[Mention]]) -> dict:
    """Code, root and dyad recall and precision, plus each record's expected and emitted codings."""
    exact, loose, pairs, details = Tally(), Tally(), Tally(), []
    for record, mentions in zip(records, coded, strict=True):
        got = emitted(mentions)
        judged = _judged(record, got)
        exact.add(record.codings, judged)
        loose.add(_roots(record.codings), _roots(judged))
        pairs.add(record.dyads(), [d for d in _dyads(got) if d not in record.unjudged])
        details.append(_detail(record, got, mentions))
    return {**exact.scores(), **loose.scores("root_"), **pairs.scores("dyad_"), "details": details}


def _detail(record: Record, got: Sequence[Coding], mentions: Sequence[Mention]) -> dict:
    return {"id": record.id, "category": record.category, "text": record.text,
            "expected": [_fmt(c) for c in record.codings], "other": [_fmt(c) for c in record.other],
            "emitted": [_fmt(c) for c in got],
            "missed_dyads": [_fmt(d) for d in record.dyads() if d not in _dyads(got)],
            "wrong_dyads": [_fmt(d) for d in _dyads(got) if dyadic(d) and d not in record.dyads()],
            "not_happened": [_fmt(_coding(m)) for m in mentions if not m.happened]}


def _fmt(c: Coding) -> str:
    return f"{c.source}-{c.target}:{c.code}" if c.code else f"{c.source}-{c.target}"


def evaluate_petrarch(folder: Path, settings: Settings) -> dict:
    """Code every evaluable record with the fictional actors loaded; see the module doc for the rules."""
    from ..pipeline import Engine

    folder = Path(folder)
    records, skipped = read_records(folder / RECORDS_FILE, code_table(settings).names)
    with tempfile.TemporaryDirectory() as tmp:
        actors = petrarch_actors(folder, Path(tmp) / "petrarch_actors.tsv")
        engine = Engine(settings.with_(extra_actors=(*settings.extra_actors, actors)))
    articles = [Article(f"petrarch:{r.id}", r.text.replace("_", " "), published=r.date) for r in records]
    result = score_records(records, engine.code(articles))
    noevent = [d for d, r in zip(result["details"], records, strict=True) if r.noevents]
    result.update(records=len(records), counts=dict(sorted(skipped.items())), noevent_records=len(noevent),
                  noevent_false_alarms=sum(len(d["wrong_dyads"]) for d in noevent))
    return result


def summary_line(result: dict) -> str:
    counts = result["counts"]
    return (f"petrarch records={result['records']}/{counts.get('file: records', 0)} "
            f"codings-in-file={counts.get('file: codings', 0)} expected={result['expected']} found={result['found']} "
            f"recall={result['recall']:.2f} precision={result['precision']:.2f} emitted={result['emitted']} "
            f"(root recall={result['root_recall']:.2f} root precision={result['root_precision']:.2f}; "
            f"dyad expected={result['dyad_expected']} recall={result['dyad_recall']:.2f} "
            f"precision={result['dyad_precision']:.2f})")
