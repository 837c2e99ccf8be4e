"""Events: one parsed article -> its event mentions, each with roles, modality, code, date and place."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .actors import ActorKB, chunk_hits, find_hits, members, resolve_chunk, with_phrase
from .codes import CodeTable
from .datafiles import read_tsv, word_set
from .nlp import ParsedArticle
from .patterns import Match, Pattern, PatternSet
from .records import Actor, Article, EventDate, Evidence, Mention, Sentence, Timex, mention_id
from .roles import (
    PLURAL_ANAPHORS,
    WEAK_ROLES,
    ActorIndex,
    Modality,
    Parse,
    Roles,
    clause_doer,
    demands,
    find_roles,
    modality,
    occasion_doer,
    reported_target,
)
from .settings import Settings

DAY_PRECISION = {"day"}
DEFINITE = {"the", "this", "that"}  # determiners that make an event noun refer back


@dataclass(slots=True)
class DocContext:
    """What an article has said so far: the people named and the countries in play."""

    people: dict[str, Actor] = field(default_factory=dict)  # lowercased surname / full name -> actor
    offices: dict[str, Actor] = field(default_factory=dict)  # office (head_of_government...) -> last holder named
    last_person: Actor | None = None
    countries: Counter = field(default_factory=Counter)
    last_dyad: tuple[Actor, Actor] | None = None
    last_source: Actor | None = None  # the doer of the last event: "he" in the next sentence
    prev_person: Actor | None = None  # the last person named before the current sentence

    def remember(self, actor: Actor, office: str = "", person: bool = False) -> None:
        if office:
            self.offices[office] = actor
        if actor.country:
            self.countries[actor.country] += 1
        if person:
            self.last_person = actor
            for key in {actor.text.lower(), actor.name.lower(), actor.name.lower().split(" ")[-1]} - {""}:
                self.people.setdefault(key, actor)

    def dyad(self) -> tuple[Actor, Actor] | None:
        """The pair of actors an article is about: its last dyadic event, else its two main countries."""
        if self.last_dyad is not None:
            return self.last_dyad
        top = [c for c, _ in self.countries.most_common(2)]
        return (Actor(top[0], top[0], "", top[0]), Actor(top[1], top[1], "", top[1])) if len(top) == 2 else None

    def person(self, exclude: Actor | None = None, subject: bool = False) -> Actor | None:
        """Who "he" (subject: from earlier sentences) or "him" (any, but not `exclude`) refers to."""
        for cand in (self.last_source, self.prev_person) if subject else (self.last_person, self.last_source):
            if cand is not None and (exclude is None or cand.kb_id != exclude.kb_id):
                return cand
        return None


@dataclass(slots=True)
class Draft:
    """A mention being built; becomes a frozen `Mention` once the article is done."""

    match: Match
    sentence: Sentence
    roles: Roles
    modality: Modality
    code: str
    timex: Timex | None = None
    date: EventDate | None = None
    refers: Draft | None = None  # the earlier report this one refers back to ("the discussion")
    stated: EventDate | None = None  # the date a referring report gives itself


class Coder:
    """Codes parsed articles. Holds only read-only resources; safe to reuse across articles."""

    def __init__(self, settings: Settings, kb: ActorKB, patterns: PatternSet, codes: CodeTable,
                 timexer, gazetteer) -> None:
        self.settings = settings
        self.kb = kb
        self.patterns = patterns
        self.codes = codes
        self.timexer = timexer
        self.gazetteer = gazetteer
        self.intent = {root: code for _, (root, code) in
                       read_tsv(settings.data_dir / "codes" / "intent.tsv", 2)}
        self.refusal = {act: code for _, (act, code) in read_tsv(settings.data_dir / "codes" / "refusal.tsv", 2)}
        self.converse = {code: (other, where) for _, (code, other, where) in
                         read_tsv(settings.data_dir / "codes" / "converse.tsv", 3)}
        self.topics = word_set(settings.lang_dir("lexicon") / "topics.tsv")
        self.weapons = word_set(settings.lang_dir("lexicon") / "weapons.tsv")
        self.event_nouns = {noun: tuple(roots.split("|")) for _, (noun, roots) in
                            read_tsv(settings.lang_dir("lexicon") / "event_nouns.tsv", 2)}

    def code(self, parsed: ParsedArticle) -> list[Mention]:
        art = parsed.article
        if not any(sent.parsed for sent in parsed.sentences):
            return []  # nothing can be coded: no need to find the article's time expressions
        timexes = self.timexer.find(art.text, art.published) if art.published else \
            self.timexer.find(art.text, None)
        ctx = DocContext()
        drafts: list[Draft] = []
        for sent in parsed.sentences:
            if sent.parsed:
                drafts.extend(self._sentence(art, sent, ctx, timexes) or self._referring(sent, drafts, timexes))
        self._date(drafts, art)
        return [self._mention(art, d, ctx) for d in drafts]

    # -- one sentence ----------------------------------------------------------------------
    def _sentence(self, art: Article, sent: Sentence, ctx: DocContext, timexes: Sequence[Timex]) -> list[Draft]:
        parse = Parse.of(sent.tokens)
        spans = self._actors(art, sent, ctx)
        ctx.prev_person = ctx.last_person
        for _, _, actor in spans:
            term = self.kb.term_at(actor.kb_id, art.published) if actor.kb_id else None
            ctx.remember(actor, term.office if term else "", person=actor.kb_id in self.kb.people)
        index = ActorIndex(parse, spans, self.topics)
        out = []
        for m in self.patterns.matches(sent.tokens):
            roles = find_roles(parse, index, m.trigger, m.tokens, m.pattern.roles)
            roles = self._resolve(roles, ctx, spans, m.pattern.code[:2] in self.settings.reciprocal_roots)
            if roles.source is roles.target or (roles.source is None and not _sourceless_ok(roles)):
                continue
            code, mod = self._modal_code(parse, m)
            if roles.mutual and m.pattern.roles != "recip" and code[:2] in VERBAL_ROOTS:
                roles = replace(roles, target=None, mutual=False)  # "X and Y warned of ...": not each other
            if roles.source is None and code[:2] == CONSULT_ROOT:  # "during a visit to Y"
                roles = replace(roles, source=occasion_doer(parse, index, m.trigger))
            if roles.source is None and code[:2] in VIOLENT_ROOTS:  # "... were killed when X attacked ..."
                doer = clause_doer(parse, index, m.trigger)
                roles = replace(roles, source=doer if doer is not roles.target else None)
            if code in PLAIN_STATEMENTS and roles.target is not None and roles.source is not None \
                    and roles.target.country == roles.source.country:
                roles = replace(roles, target=None)  # "X is about to ..., a (X) official said": no party spoken to
            if code[:2] == STATEMENT_ROOT and roles.target is None and roles.source is not None:
                roles = replace(roles, target=reported_target(parse, index, m.trigger, roles.source))  # "X said Y"
            timex = self._attached(parse, sent, m, roles, timexes) or self._in_sentence(sent, timexes)
            drafts = [Draft(m, sent, r, mod, code, timex) for r in expand_conjuncts(roles, index)]
            out.extend(drafts + [c for d in drafts if (c := self._converse(parse, index, d)) is not None])
            if roles.source is None:
                continue
            if roles.target is not None and roles.target.role not in WEAK_ROLES \
                    and "" != roles.source.country != roles.target.country != "":
                ctx.last_dyad = (roles.source, roles.target)
            ctx.last_source = roles.source
        return drop_media(parse, drop_topics(parse, drop_reporting(parse, out)))

    def _converse(self, parse: Parse, index: ActorIndex, d: Draft) -> Draft | None:
        """"X met Y", "X arrived in Y", "X will meet Y": the same event told from the other side ("Y met X", "Y
        hosted X", "Y will meet X"), when a verb reports it (a visit as the occasion of another act stays one)."""
        base = d.match.pattern.code
        other, where = self.converse.get(base, ("", ""))
        code = other if d.code == base else self._intent(other) if d.code == self._intent(base) != base else ""
        src, tgt = d.roles.source, d.roles.target
        if not code or src is None or tgt is None or d.roles.mutual or tgt.role == "demonym" \
                or src.country == tgt.country:
            return None  # "X and Y met": both directions are there already
        if parse.tokens[d.match.trigger].pos != "VERB" or (where == "object" and not _is_object(parse, index, d, tgt)):
            return None
        host = replace(tgt, role="") if tgt.role == "place" else tgt  # "arrived in Kyiv": Ukraine hosts
        pattern = replace(d.match.pattern, id=d.match.pattern.id + CONVERSE_MARK)
        return replace(d, match=replace(d.match, pattern=pattern), code=code,
                       roles=replace(d.roles, source=host, target=src))

    def _modal_code(self, parse: Parse, m: Match) -> tuple[str, Modality]:
        """The code a match takes with its modality: an intent (03), a refusal (12) or a demand (10)."""
        mod = modality(parse, m.trigger)
        code = self._intent(m.pattern.code) if mod.future else m.pattern.code
        if mod.refused and self._refusal(m.pattern.code):  # "will not lift the ban": a refusal (12)
            code, mod = self._refusal(m.pattern.code), replace(mod, negated=False, future=False, refused=False)
        if code in PLAIN_STATEMENTS and demands(parse, m.trigger):  # "X said Y must end its attacks"
            code = DEMAND
        if code.startswith("03") and not mod.negated:
            mod = replace(mod, future=True)  # an intent: what it announces lies ahead
        return code, mod

    def trigger_codes(self, sent: Sentence) -> list[str]:
        """The code of every trigger of a parsed sentence with its modality, whether or not its actors are known."""
        parse = Parse.of(sent.tokens)
        return [self._modal_code(parse, m)[0] for m in self.patterns.matches(sent.tokens)]

    def _referring(self, sent: Sentence, drafts: Sequence[Draft], timexes: Sequence[Timex]) -> list[Draft]:
        """"The discussion, which took place today, ...": a definite event noun in a sentence that reports no
        event of its own refers back to the article's last event of its kind. Only when it gives a date of its
        own is it worth a report: the date is kept as the report's stated date, the event stays the earlier one."""
        parse = Parse.of(sent.tokens)
        for t in sent.tokens:
            roots = self.event_nouns.get(t.lemma)
            definite = any(parse.tokens[k].lemma in DEFINITE for k in parse.kids(t.i, {"det"}))
            if not roots or t.pos != "NOUN" or not definite:
                continue
            earlier = next((d for d in reversed(drafts) if d.code[:2] in roots and d.refers is None
                            and d.roles.source is not None and d.roles.target is not None
                            and not (d.modality.negated or d.modality.hypothetical or d.modality.future)), None)
            timex = self._noun_date(parse, sent, t.i, timexes)
            if earlier is None or timex is None:
                continue
            pattern = Pattern(f"refers:{earlier.match.pattern.id}", earlier.code, (frozenset({t.lemma}),), "-", "", 0)
            return [Draft(Match(pattern, (t.i,)), sent, earlier.roles, earlier.modality, earlier.code, timex,
                          refers=earlier)]
        return []

    def _noun_date(self, parse: Parse, sent: Sentence, noun: int, timexes: Sequence[Timex]) -> Timex | None:
        """The time expression that dates an event noun: in its relative clause ("which took place today")."""
        return self._governing(parse, sent, {noun, *parse.kids(noun, {"relcl", "acl"})}, timexes, {"DATE"})

    def _actors(self, art: Article, sent: Sentence, ctx: DocContext) -> list[tuple[int, int, Actor]]:
        day = art.published
        out, agents = [], []
        for chunk in chunk_hits(find_hits(self.kb, sent.tokens), sent.tokens):
            actor = resolve_chunk(self.kb, chunk, sent.tokens, day, art.text)
            if actor is None and chunk.kinds() in (["unknown"], ["title"]):
                actor = self._chain(chunk, sent, art, ctx) or self._place(chunk, sent, art, ctx)
            if actor is not None:
                out.append((chunk.start, chunk.end, actor))
            elif "title" in chunk.kinds() and set(chunk.kinds()) <= {"title", "unknown"}:
                agents.append(chunk)
        home = _home(out, ctx)
        out += [span for chunk in agents if sent.tokens[chunk.end - 1].lemma not in self.weapons
                and (span := self._member(chunk, sent, art, out) or self._agent(chunk, sent, art, home))]
        spans = drop_abbreviations(shared_heads(sorted(out, key=lambda span: span[0]), sent), sent)
        return [(s, e, with_phrase(a, sent.tokens)) for s, e, a in spans]

    def _place(self, chunk, sent: Sentence, art: Article, ctx: DocContext) -> Actor | None:
        """A city or region ("shelled Kharkiv") stands for its country, as a target only."""
        if chunk.hits[0].entry.key not in {"GPE", "LOC", "PROPN"} or self.gazetteer is None \
                or _name_goes_on(sent, chunk.end):
            return None
        start, end = sent.tokens[chunk.start].start, sent.tokens[chunk.end - 1].end
        place = self.gazetteer.lookup(art.text[start:end], tuple(ctx.countries))
        if place is None or not place.country:
            return None
        return Actor(art.text[start:end], place.country, "", place.country, "", "", start, end, "place")

    def _member(self, chunk, sent: Sentence, art: Article,
                actors: Sequence[tuple[int, int, Actor]]) -> tuple[int, int, Actor] | None:
        """A generic agent of the party its own phrase names: "activists in Arnor", "soldiers from Gondor", "the
        parliament of Gondor" (an agent of that country), "activists of Amnesty International" (the organisation)."""
        title = [h.entry for h in chunk.hits if h.entry.kind == "title"][-1]
        party = _linked_party(chunk, sent, actors, AFFILIATION_PREPS - ({"in"} if title.sector in ABROAD else set()))
        if party is None:
            return None
        if party.country:
            return self._agent(chunk, sent, art, party.country)
        start, end = sent.tokens[chunk.start].start, sent.tokens[chunk.end - 1].end
        return chunk.start, chunk.end, replace(party, text=art.text[start:end], start=start, end=end, role="agent")

    @staticmethod
    def _agent(chunk, sent: Sentence, art: Article, home: str) -> tuple[int, int, Actor] | None:
        """A generic agent ("protesters", "rebel fighters", "President William Ruto") takes its country
        from the context (`home`); with none, it is an agent of its sector alone ("FDA officials": sector GOV,
        no country and no CAMEO code, as a CAMEO actor code starts with a country or organisation)."""
        title = [h.entry for h in chunk.hits if h.entry.kind == "title"][-1]
        start, end = sent.tokens[chunk.start].start, sent.tokens[chunk.end - 1].end
        text = art.text[start:end]
        head = sent.tokens[chunk.end - 1]
        bare = chunk.end - chunk.start == 1 and head.text.lower() in PLURAL_ANAPHORS  # "leaders", "they"
        if not title.sector or bare or head.pos not in {"NOUN", "PROPN"}:
            return None
        if _of_unknown(chunk, sent):
            return None  # "the Prince of Dol Amroth", "the President of Fooland": an office of an unknown party
        name = next((h.entry.name for h in chunk.hits if h.entry.kind == "unknown"), "")
        actor = Actor(text, home, title.sector, home + title.sector if home else "", name.title(), "", start, end,
                      "agent")
        return chunk.start, chunk.end, actor

    def _chain(self, chunk, sent: Sentence, art: Article, ctx: DocContext) -> Actor | None:
        """A name or bare title seen earlier in the article ("Jaishankar", "the PM")."""
        text = art.text[sent.tokens[chunk.start].start:sent.tokens[chunk.end - 1].end]
        key = text.lower()
        known = ctx.people.get(key) or ctx.people.get(key.split(" ")[-1])
        title = chunk.hits[0].entry
        if known is None and chunk.kinds() == ["title"] and key.split(" ")[-1] == title.key.split(" ")[-1]:
            known = ctx.offices.get(title.office)
        if known is None:
            return None
        start, end = sent.tokens[chunk.start].start, sent.tokens[chunk.end - 1].end
        return replace(known, text=text, start=start, end=end)

    def _resolve(self, roles: Roles, ctx: DocContext, spans: Sequence[tuple[int, int, Actor]],
                 reciprocal: bool) -> Roles:
        """Fill pronouns and "the two leaders" from what the article said before."""
        if roles.source is None and roles.singular_pronoun:
            roles = replace(roles, source=ctx.person(subject=True))
        if roles.source is None and roles.plural_subject:
            roles = self._plural(roles, ctx, spans, reciprocal)
        if roles.target is None and roles.object_pronoun:  # "congratulated him": the last person named
            roles = replace(roles, target=ctx.person(exclude=roles.source) or roles.beyond_pronoun)
        return roles

    @staticmethod
    def _plural(roles: Roles, ctx: DocContext, spans: Sequence[tuple[int, int, Actor]], reciprocal: bool) -> Roles:
        """"They", "the two leaders": the article's pair, unless the sentence names other parties.
        Only a reciprocal event (they met, agreed, cooperated) has one side as the other's target."""
        pair = ctx.dyad()
        if pair is None:
            return roles
        countries = {pair[0].country, pair[1].country}
        if any(a.country not in countries for _, _, a in spans if a.role not in WEAK_ROLES):
            return roles
        return replace(roles, source=pair[0], target=pair[1] if reciprocal else roles.target)

    def _refusal(self, code: str) -> str:
        return next((self.refusal[code[:n]] for n in range(len(code), 1, -1) if code[:n] in self.refusal), "")

    def _intent(self, code: str) -> str:
        return self.intent.get(code[:2], code)

    def _attached(self, parse: Parse, sent: Sentence, m: Match, roles: Roles,
                  timexes: Sequence[Timex]) -> Timex | None:
        """The time expression that governs the event in the parse, if any."""
        anchors = {m.trigger, parse.clause_verb(m.trigger), *m.tokens}
        anchors |= {i for t in sent.tokens for a in (roles.source, roles.target) if a is not None
                    and a.start <= t.start < a.end for i in [t.i]}
        return self._governing(parse, sent, anchors, timexes, {"DATE", "TIME"})

    def _governing(self, parse: Parse, sent: Sentence, anchors: set[int], timexes: Sequence[Timex],
                   types: set[str]) -> Timex | None:
        """The first dated time expression of the sentence that the parse ties to one of `anchors`."""
        for tx in timexes:
            if tx.type in types and tx.day() is not None and sent.start <= tx.start < sent.end:
                idx = [t.i for t in sent.tokens if tx.start <= t.start < tx.end]
                if idx and self._governs(parse, idx, anchors):
                    return tx
        return None

    @staticmethod
    def _in_sentence(sent: Sentence, timexes: Sequence[Timex]) -> Timex | None:
        """An explicit calendar date elsewhere in the sentence ("Since the signing ... in October 2000")."""
        for tx in timexes:
            if sent.start <= tx.start < sent.end and tx.explicit and tx.type == "DATE" and tx.day() is not None:
                return tx
        return None

    @staticmethod
    def _governs(parse: Parse, idx: Sequence[int], anchors: set[int]) -> bool:
        inside = set(idx)
        top = next((i for i in idx if parse.head(i) not in inside or parse.head(i) == i), idx[0])
        for step, j in enumerate(parse.path_up(top, 4)):
            if j in anchors and step > 0:
                return True
            if step > 0 and parse.tokens[j].pos in {"NOUN", "PROPN"} and j not in anchors \
                    and parse.tokens[j].dep not in {"pobj", "npadvmod"}:
                return False
        return False

    # -- dates -----------------------------------------------------------------------------
    def _date(self, drafts: list[Draft], art: Article) -> None:
        pub = art.published
        for d in drafts:
            d.date = self._own_date(d, pub)
            if d.refers is not None:
                d.stated, d.date = d.date, None
        lead = next((d.date for d in drafts if d.date and d.date.source == "attached"
                     and d.date.precision in DAY_PRECISION and not d.date.historical and not d.modality.future), None)
        fallback = replace(lead, source="document", text="") if lead else EventDate(pub, "day", "publication")
        for d in drafts:
            if d.date is None and d.refers is None:
                d.date = fallback
        self._harmonise(drafts)
        for d in drafts:
            if d.refers is not None:
                d.date = d.refers.date

    def _own_date(self, d: Draft, pub: dt.date | None) -> EventDate | None:
        if d.timex is None or d.modality.future:
            return None
        day = d.timex.day()
        if day is None or self._contains(d.timex, pub) or (pub and day > pub):
            return None  # a date after publication is when something is planned, not when it was said
        if d.code.startswith("03") and not d.timex.explicit:
            return None  # "is due to travel on Friday": an intent is dated when it is expressed
        historical = bool(pub and (pub - day).days > self.settings.historical_days)
        end = Timex(0, 0, "", "DATE", d.timex.end_value).day() if d.timex.end_value else None
        return EventDate(day, d.timex.precision or "day", "attached", d.timex.text, historical, end)

    @staticmethod
    def _contains(timex: Timex, pub: dt.date | None) -> bool:
        """"in 2024" in an article of 2024 says less than the article's own date does."""
        if pub is None or timex.precision not in {"month", "year"}:
            return False
        return timex.value[:7 if timex.precision == "month" else 4] == pub.isoformat()[:len(timex.value[:7])] \
            if timex.precision == "month" else timex.value[:4] == str(pub.year)

    @staticmethod
    def _harmonise(drafts: list[Draft]) -> None:
        """Reports of one event in one article share the date its explicit mention gives."""
        best: dict[tuple, EventDate] = {}
        for d in drafts:
            if d.timex is not None and d.timex.explicit and d.date and d.date.source == "attached" \
                    and not d.date.historical:
                best.setdefault(_key(d), d.date)
        for d in drafts:
            date = best.get(_key(d))
            explicit = d.timex is not None and d.timex.explicit
            if date and d.date and d.refers is None and not explicit and not d.date.historical:
                d.date = date

    # -- output ----------------------------------------------------------------------------
    def _mention(self, art: Article, d: Draft, ctx: DocContext) -> Mention:
        info = self.codes.info(d.code)
        trig = d.sentence.tokens[d.match.trigger]
        place = self.gazetteer.locate(d.sentence.text, tuple(ctx.countries)) if self.gazetteer else None
        ev = Evidence(d.sentence.text, d.sentence.start, d.sentence.end, trig.text, trig.start, trig.end)
        source, target = (_phrased(a, d.sentence, frozenset(d.match.tokens)) for a in (d.roles.source, d.roles.target))
        return Mention(
            doc_id=art.id, url=art.url, source=source, target=target, cameo=d.code,
            goldstein=info.goldstein, quad_class=info.quad_class, plover_event=info.plover.event,
            plover_mode=info.plover.mode, date=d.date or EventDate(art.published), evidence=ev,
            negated=d.modality.negated, future=d.modality.future, hypothetical=d.modality.hypothetical,
            reported=d.modality.reported, location=place, outlet=art.outlet, pattern=d.match.pattern.id,
            title=art.title, refers_to=self._id(art, d.refers) if d.refers else "",
            stated_date=d.stated.iso() if d.stated and d.date and d.stated.date != d.date.date else "",
        )

    @staticmethod
    def _id(art: Article, d: Draft) -> str:
        return mention_id(art.id, d.sentence.start, d.code, d.roles.source, d.roles.target)


CONVERSE_MARK = "~converse"  # on the pattern id of a mention told from the other side


def _is_object(parse: Parse, index: ActorIndex, d: Draft, actor: Actor) -> bool:
    """Is `actor` the direct object of the trigger ("received the Brazilian president"), a member of a list that
    is, or its "of" phrase ("met a group of Ukrainian officials")? The object's head word must be a party's
    ("discussed the Russia-Ukraine war" is about a war)."""
    heads = parse.kids(d.match.trigger, {"dobj"})
    for h in heads:  # "met Eriadori and Calenardhon leaders", "met a group of Ukrainian officials"
        heads += [c for c in parse.kids(h, {"conj"}) if c not in heads]
        heads += [c for p in parse.kids(h, {"prep"}) if parse.tokens[p].text.lower() == "of"
                  for c in parse.kids(p, {"pobj"})]
    party_heads = [h for h in heads if h in index.at]  # "met Eriadori and Calenardhon leaders": on the leaders
    return any(actor.start <= parse.tokens[k].start < actor.end
               for h in heads for k in (parse.noun_phrase(h) if h in party_heads else [h]))


MAX_MUTUAL = 5  # "X, Y and Z agreed": every ordered pair of a group this large at most


def expand_conjuncts(roles: Roles, index: ActorIndex) -> list[Roles]:
    """One event per actor of a compound: "Mordor and Rohan welcomed ties with Gondor and Arnor". Coordinated
    doers of a mutual event ("France and the Philippines agree ...") are each the other's target."""
    if roles.mutual and roles.source is not None and roles.target is not None:
        group = list(dict.fromkeys([roles.source, roles.target, *index.conjuncts(roles.source)]))[:MAX_MUTUAL]
        group = [m for a in group for m in members(a)]
        return [replace(roles, source=s, target=t) for s in group for t in group if s is not t and not _one_party(s, t)]
    sources = [m for a in [roles.source, *index.conjuncts(roles.source)] for m in members(a)] if roles.source \
        else [None]
    targets = [m for a in [roles.target, *index.conjuncts(roles.target)] for m in members(a)] if roles.target \
        else [None]
    return [replace(roles, source=s, target=t) for s in sources for t in targets if s is not t
            and not (s is not None and t is not None and _one_party(s, t))]


def _one_party(a: Actor, b: Actor) -> bool:
    """The same span, or one entity named twice in a row ("the European Union (EU)")."""
    if a.start == b.start:
        return True
    adjacent = min(abs(b.start - a.end), abs(a.start - b.end)) <= MAX_RENAME_GAP
    return adjacent and bool(a.kb_id) and a.kb_id == b.kb_id and a.code == b.code


MAX_RENAME_GAP = 3  # characters between a name and its abbreviation: " ("


def _sourceless_ok(roles: Roles) -> bool:
    """An event whose doer is unknown ("five soldiers were killed", "missiles struck Kyiv") is kept when it
    has a target that is a party, not a mere place."""
    return roles.target is not None and roles.target.role != "place"


REPORTING_DEPS = {"parataxis", "ccomp", "advcl"}
VERBAL_ROOTS = {"01", "02", "10", "11", "13"}  # said, appealed, demanded, criticised, threatened
CONSULT_ROOT = "04"  # meetings and visits
VIOLENT_ROOTS = {"18", "19", "20"}  # assault, fight, mass violence: victims in a passive, the doer in a clause
STATEMENT_ROOT = "01"  # statements, claims, denials, optimism: about a party their reported clause names
PLAIN_STATEMENTS = {"01", "010"}  # said, announced, a statement: not claims (015), denials (016) ...
DEMAND = "100"  # a statement of what another party must do


def drop_reporting(parse: Parse, drafts: list[Draft]) -> list[Draft]:
    """"Russia said it had expelled diplomats", "X did Y, an official said": the statement only reports
    the event coded inside it, so the event stands for the sentence and the statement goes. A statement by
    another party about the doer ("The US claimed that ISIL had attacked Iraq") is an event of its own, and so is
    the word of a party other than the doer that comes after the event ("X did Y, a US official said"): a
    statement by that party, with no one spoken to."""
    events = [d for d in drafts if d.code not in PLAIN_STATEMENTS]
    out = []
    for d in drafts:
        reported = [e for e in events if d.code in PLAIN_STATEMENTS
                    and _reports(parse, d.match.trigger, e.match.trigger) and not _third_party(d, e)]
        if not reported:
            out.append(d)
        elif _outside_word(d, reported):
            out.append(replace(d, roles=replace(d.roles, target=None)))
    return out


def _outside_word(statement: Draft, reported: Sequence[Draft]) -> bool:
    """Does a party of another country than every doer, or a speaker of no known country, vouch for the events
    after they are told ("Arnor will restore ties with Gondor, a senior Bree official said", "..., a senior
    official said")?"""
    speaker = statement.roles.source
    if speaker is None or any(e.match.trigger > statement.match.trigger for e in reported):
        return False
    if not speaker.country:
        return speaker.role == "agent"
    return all(e.roles.source is not None and "" != e.roles.source.country != speaker.country for e in reported)


MEDIUM_PREPS = {"in", "through", "via"}


def drop_media(parse: Parse, drafts: list[Draft]) -> list[Draft]:
    """"X, in remarks published on Monday, urged Y ...", "X, in a statement, condemned Y": a statement noun that
    is the medium of another event of the sentence is not a report of its own."""
    verbs = {parse.clause_verb(d.match.trigger) for d in drafts if d.code not in PLAIN_STATEMENTS}
    return [d for d in drafts if not (d.code in PLAIN_STATEMENTS and _medium_of(parse, d.match.trigger, verbs))]


def _medium_of(parse: Parse, noun: int, verbs: set[int]) -> bool:
    tok = parse.tokens[noun]
    prep = parse.tokens[tok.head]
    return tok.pos == "NOUN" and tok.dep == "pobj" and prep.text.lower() in MEDIUM_PREPS and prep.head in verbs


REACTION_ROOTS = {"01", "11", "12"}  # comment on, disapprove of, reject: what they are about is their topic


def drop_topics(parse: Parse, drafts: list[Draft]) -> list[Draft]:
    """"X condemned an attack by Y on Z", "X denied the allegation": an event noun that is the object of a
    comment, a condemnation or a rejection is what that reaction is about, not a report of its own."""
    reactions = {d.match.trigger for d in drafts if d.code[:2] in REACTION_ROOTS}
    return [d for d in drafts if not _topic_of(parse, d, reactions)]


def _topic_of(parse: Parse, d: Draft, reactions: set[int]) -> bool:
    noun = d.match.trigger
    tok = parse.tokens[noun]
    return tok.pos == "NOUN" and tok.dep == "dobj" and tok.head in reactions and tok.head != noun


def _third_party(statement: Draft, event: Draft) -> bool:
    """Does a speaker named first report what a party of another country did ("The US claimed that ISIL had
    attacked Iraq")? Then the statement is an event of its own, about the party it names."""
    speaker, doer = statement.roles.source, event.roles.source
    if speaker is None or doer is None or statement.roles.target is None:
        return False
    if statement.match.trigger > event.match.trigger:
        return False
    return "" != speaker.country != doer.country != ""


def _reports(parse: Parse, say: int, event: int) -> bool:
    """Does the statement verb `say` govern `event`, or hang off the clause of `event` as a parenthetical?"""
    if say == event:
        return False
    if say in parse.path_up(event):
        return True
    verb = parse.clause_verb(event)
    return parse.tokens[say].dep in REPORTING_DEPS and parse.head(say) in parse.path_up(verb)


def shared_heads(spans: list[tuple[int, int, Actor]], sent: Sentence) -> list[tuple[int, int, Actor]]:
    """"Indian and Chinese troops": the first demonym shares the second one's agent (troops, MIL)."""
    out = list(spans)
    for k in range(len(out) - 1):
        (s1, e1, a1), (s2, _, a2) = out[k], out[k + 1]
        gap = {t.text.lower() for t in sent.tokens[e1:s2]}
        if a1.role == "demonym" and a2.sector and gap and gap <= {"and", ","} and a2.text.split(" ")[0][:1].isupper():
            out[k] = (s1, e1, replace(a1, sector=a2.sector, code=a1.country + a2.sector, role="agent"))
    return out


def _phrased(actor: Actor | None, sent: Sentence, trigger: frozenset[int] = frozenset()) -> Actor | None:
    """An actor of the sentence with the span of its noun phrase there (one from an earlier sentence keeps its own)."""
    if actor is None or not sent.start <= actor.start < sent.end:
        return actor
    return with_phrase(actor, sent.tokens, trigger)


AFFILIATION_PREPS = {"of", "from", "in"}
ABROAD = {"MIL", "SPY", "UAF"}  # agents often posted abroad: "troops in Syria" are not Syria's


def _home(actors: Sequence[tuple[int, int, Actor]], ctx: DocContext) -> str:
    """The country a generic agent of no stated country belongs to ("police", "officials"): the one country the
    sentence names, else the article's main country among those it names; none when the sentence names several
    countries and the article has not yet said which is at home."""
    named = list(dict.fromkeys(a.country for _, _, a in actors if a.country and a.role not in WEAK_ROLES))
    top = next((c for c, _ in ctx.countries.most_common(1)), "")
    if len(named) <= 1:
        return named[0] if named else top
    return top if top in named else ""


def _linked_party(chunk, sent: Sentence, actors: Sequence[tuple[int, int, Actor]], preps: set[str]) -> Actor | None:
    """The party a generic agent's own phrase attaches it to ("in Arnor", "from Gondor", "of Amnesty")."""
    head = chunk.end - 1
    for p in sent.tokens:
        if p.head != head or p.dep != "prep" or p.text.lower() not in preps:
            continue
        for k in sent.tokens:
            if k.head == p.i and k.dep == "pobj":
                found = next((a for s, e, a in actors if s <= k.i < e and a.role not in {"demonym", "agent"}
                              and (a.country or a.code)), None)
                if found is not None:
                    return found
    return None


def _name_goes_on(sent: Sentence, end: int) -> bool:
    """Is a name followed by "of" and a capitalised word ("Bay of Belfalas", "University of Texas"), so that its
    first words alone name nothing?"""
    toks = sent.tokens
    return end + 1 < len(toks) and toks[end].text == "of" and toks[end + 1].text[:1].isupper()


def _of_unknown(chunk, sent: Sentence) -> bool:
    """Is a title joined by "of" to a name the dictionaries do not know ("Prince of Dol Amroth")?"""
    kinds = chunk.kinds()
    for k in range(1, len(chunk.hits)):
        gap = {t.text.lower() for t in sent.tokens[chunk.hits[k - 1].end:chunk.hits[k].start]}
        if kinds[k] == "unknown" and kinds[k - 1] == "title" and "of" in gap:
            return True
    return False


def drop_abbreviations(spans: list[tuple[int, int, Actor]], sent: Sentence) -> list[tuple[int, int, Actor]]:
    """"the European Union (EU)": a name in brackets right after an actor's name is that actor again."""
    toks = sent.tokens
    return [span for k, span in enumerate(spans) if not (
        k > 0 and spans[k - 1][1] == span[0] - 1 and toks[span[0] - 1].text == "("
        and span[1] < len(toks) and toks[span[1]].text == ")")]


def _key(d: Draft) -> tuple:
    pair = tuple(sorted(a.country for a in (d.roles.source, d.roles.target) if a is not None))
    return pair, d.code[:2]
