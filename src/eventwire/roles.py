"""Who did it to whom, and how sure: roles and modality from the dependency parse of one sentence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .records import Actor, Token

VERBAL = {"VERB", "AUX"}
CLAUSAL = {"prep", "acl", "relcl", "advcl", "ccomp", "xcomp", "punct", "parataxis"}
SUBJECT = {"nsubj", "csubj"}
PASSIVE_SUBJECT = {"nsubjpass", "csubjpass"}
OBJECT = {"dobj", "dative", "iobj", "attr", "oprd"}
TARGET_PREPS = {"with", "to", "toward", "towards", "on", "against", "for", "between", "from", "into", "upon",
                "of", "over", "among", "about", "at"}
PLACE_PREPS = {"in", "at", "across", "inside", "near", "around", "throughout", "within"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should"}
INTENT_HEADS = {"plan", "intend", "expect", "hope", "want", "seek", "aim", "propose", "prepare", "wish",
                "desire", "eagerness", "intention", "offer", "promise", "pledge", "vow", "threaten",
                "likely", "set", "due", "schedule", "anticipate", "upcoming", "eager", "keen", "ready", "willing"}
OBLIGATION_AUX = {"must"}  # "Israel must end its attacks": a demand on the subject, not an event that happened
REPORT_HEADS = {"say", "tell", "report", "claim", "state", "announce", "add", "accuse", "allege", "according"}
DENY_HEADS = {"deny", "reject", "dismiss", "refute"}
DECLINE_HEADS = {"decline", "refuse", "fail", "avoid", "stop", "cease", "abandon", "cancel"}
PLURAL_ANAPHORS = {"they", "leaders", "sides", "countries", "nations", "both", "parties", "governments",
                   "ministers", "we"}
SINGULAR_PRONOUNS = {"he", "she", "i"}
SPEAKER_PRONOUNS = {"it", "they", "we"}  # the speaker's own side in a reported clause
MEANS_PREPS = {"in", "by", "during", "from", "after"}
OBJECT_PRONOUNS = {"him", "her"}
WEAK_ROLES = {"demonym", "place"}  # actors that can be targets but never sources
RELATIVE = {"who", "which", "that", "whom"}
OBJECT_DEPS = {"pobj", "dobj", "dative", "iobj", "appos", "attr"}
LIST_JOINTS = {",", "and", "or"}


@dataclass(frozen=True, slots=True)
class Parse:
    """Navigation over one parsed sentence."""

    tokens: tuple[Token, ...]
    children: tuple[tuple[int, ...], ...]

    @classmethod
    def of(cls, tokens: Sequence[Token]) -> Parse:
        kids: list[list[int]] = [[] for _ in tokens]
        for t in tokens:
            if t.head != t.i:
                kids[t.head].append(t.i)
        return cls(tuple(tokens), tuple(tuple(k) for k in kids))

    def head(self, i: int) -> int:
        return self.tokens[i].head

    def kids(self, i: int, deps: set[str] | None = None) -> list[int]:
        return [k for k in self.children[i] if deps is None or self.tokens[k].dep in deps]

    def subtree(self, i: int) -> list[int]:
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(self.children[j])
        return sorted(out)

    def noun_phrase(self, i: int) -> list[int]:
        """Token `i` with its modifiers, but without attached phrases or clauses (prep, acl, relcl)."""
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(k for k in self.children[j] if self.tokens[k].dep not in CLAUSAL)
        return sorted(out)

    def clause_verb(self, i: int) -> int:
        """The verb that governs token `i` (itself if it is one)."""
        j, steps = i, 0
        while self.tokens[j].pos not in VERBAL and self.head(j) != j and steps < 6:
            j, steps = self.head(j), steps + 1
        return j

    def path_up(self, i: int, limit: int = 8) -> list[int]:
        out = [i]
        while self.head(out[-1]) != out[-1] and len(out) <= limit:
            out.append(self.head(out[-1]))
        return out


@dataclass(frozen=True, slots=True)
class Roles:
    source: Actor | None
    target: Actor | None
    plural_subject: bool = False  # "the two leaders", "they": resolve from the document
    singular_pronoun: bool = False  # "he", "she": the last person named
    object_pronoun: bool = False  # "congratulated him"
    subject_token: int = -1
    mutual: bool = False  # source and target are coordinated doers ("X and Y agreed"): both directions hold
    beyond_pronoun: Actor | None = None  # "congratulated him on his re-election as President of X": X, if no "him"


class ActorIndex:
    """Actors of one sentence by token index."""

    def __init__(self, parse: Parse, actors: Sequence[tuple[int, int, Actor]],
                 topics: frozenset[str] = frozenset()) -> None:
        self.parse = parse
        self.topics = topics
        self.spans = list(actors)
        self.at: dict[int, Actor] = {i: a for s, e, a in actors for i in range(s, e)}

    def first_in(self, idx: Sequence[int], exclude: Actor | None = None, loose: bool = False) -> Actor | None:
        """The first actor among token indices `idx`. Only `loose` accepts places ("in X", "at X")
        and bare demonyms ("Iranian assets"), which can be targets but never sources."""
        for i in idx:
            a = self.at.get(i)
            if a is None or a is exclude or (exclude is not None and a == exclude):
                continue
            if loose and exclude is not None and a.country == exclude.country and \
                    (a.role in {"place", "seat"} or (self._locative(i) and not a.sector)):
                continue  # "talks at the Kremlin" with Putin: a place of the doer's own country
            if loose and a.role == "demonym" and self.parse.tokens[self.parse.head(i)].lemma in self.topics:
                continue  # "discuss the Ukrainian conflict": a topic, not a party
            if loose or not (self._locative(i) or a.role in WEAK_ROLES):
                return a
        return None

    def all_in(self, idx: Sequence[int]) -> list[Actor]:
        out: list[Actor] = []
        for i in idx:
            a = self.at.get(i)
            if a is not None and a not in out:
                out.append(a)
        return out

    def conjuncts(self, actor: Actor) -> list[Actor]:
        """Actors coordinated with `actor` ("Gondor and Arnor", "Yemen, Algeria and Malaysia"), by the parse
        or, where the parse misses a list, by its surface ("Mordor, the Shire, Fornost and Bree"); an agent of a
        list ("the ambassadors of Arnor, Osgiliath and Gondor") stands for each of its countries."""
        tokens = [t.i for t in self.parse.tokens if actor.start <= t.start < actor.end]
        if not tokens:
            return []
        head = next((i for i in tokens if self.parse.head(i) not in tokens or self.parse.head(i) == i), tokens[0])
        out = self._coordinated(actor, head)
        return out + [a for a in self._agent_of_list(actor, head) if a not in out]

    def _coordinated(self, actor: Actor, head: int) -> list[Actor]:
        out: list[Actor] = []
        stack = [k for k in self.parse.kids(head, {"conj"})]
        while stack:
            j = stack.pop(0)
            other = self.at.get(j) or next((self.at[k] for k in self.parse.noun_phrase(j) if k in self.at), None)
            if other is not None and other is not actor and other.role not in WEAK_ROLES and other not in out:
                out.append(other)
            stack.extend(self.parse.kids(j, {"conj"}))
        return out + [a for a in self.surface_list(actor) if a not in out]

    def surface_list(self, actor: Actor) -> list[Actor]:
        """The other members of a written list `actor` stands in: actors separated only by commas, a final
        "and"/"or", articles and adjectives. A run of commas with no conjunction is no list ("In Syria, Turkey")."""
        order = [a for _, _, a in self.spans]
        if actor not in order:
            return []
        k = order.index(actor)
        left, right = k, k
        while left > 0 and self._list_gap(self.spans[left - 1][1], self.spans[left][0]):
            left -= 1
        while right + 1 < len(order) and self._list_gap(self.spans[right][1], self.spans[right + 1][0]):
            right += 1
        if left == right or not self._list_gap(self.spans[right - 1][1], self.spans[right][0], final=True):
            return []
        return [a for a in order[left:right + 1] if a is not actor and a.role not in WEAK_ROLES]

    def _list_gap(self, end: int, start: int, final: bool = False) -> bool:
        """Do tokens end..start-1 separate two members of a list (", ", " and the ", ", and ")?"""
        gap = self.parse.tokens[end:start]
        words = [t.text.lower() for t in gap]
        joints = [k for k, w in enumerate(words) if w in LIST_JOINTS]
        if not joints or len(gap) > 6 or (final and not set(words) & {"and", "or"}):
            return False
        for k, t in enumerate(gap):
            if words[k] in LIST_JOINTS or t.pos in {"DET", "ADJ"}:
                continue
            if t.pos in {"NOUN", "PROPN"} and (k > joints[-1] and t.text.islower() or joints[0] < k < joints[-1]):
                continue  # "and the evil awful Gondor"; ", the Shire ," (a member that names no actor)
            return False
        return True

    def _agent_of_list(self, actor: Actor, head: int) -> list[Actor]:
        """"The foreign ministers of France, Germany and Italy": the agent once per country of the list."""
        if actor.role != "agent" or not actor.sector:
            return []
        members = [self.at[k] for p in self.parse.kids(head, {"prep"}) if self.parse.tokens[p].text.lower() == "of"
                   for k in self.parse.kids(p, {"pobj"}) if k in self.at]
        if not members or members[0] is actor or members[0].country != actor.country:
            return []
        first = members[0]
        heads = [t.i for t in self.parse.tokens if first.start <= t.start < first.end
                 and not first.start <= self.parse.tokens[self.parse.head(t.i)].start < first.end]
        return [replace(actor, country=m.country, code=m.country + actor.sector, start=m.start, end=m.end)
                for m in self._coordinated(first, heads[0] if heads else head)
                if m.country and m.country != actor.country]

    def _locative(self, i: int) -> bool:
        """An actor inside "in X" / "at X" names a place, not a participant."""
        t = self.parse.tokens
        j = i
        while t[j].dep in {"compound", "amod", "det", "case", "appos", "flat"} and t[j].head != j:
            j = t[j].head
        return t[j].dep == "pobj" and t[t[j].head].text.lower() in PLACE_PREPS


def phrase_head(parse: Parse, matched: Sequence[int]) -> int:
    """The syntactic head of a multi-word trigger ("telephone conversation" -> conversation)."""
    inside = set(matched)
    for i in matched:
        if parse.head(i) not in inside or parse.head(i) == i:
            return i
    return matched[0]


def find_roles(parse: Parse, actors: ActorIndex, trigger: int, matched: Sequence[int], roles: str) -> Roles:
    if parse.tokens[trigger].pos not in VERBAL:
        trigger = phrase_head(parse, [i for i in matched if parse.tokens[i].pos not in {"ADP", "DET", "PART"}]
                              or matched)
    verb = parse.clause_verb(trigger)
    src, tgt = _noun_roles(parse, actors, trigger) if parse.tokens[trigger].pos not in VERBAL else (None, None)
    subj = _subject(parse, verb)
    plural = singular = mutual = False
    if src is None and subj is None and verb == trigger:
        for i in reversed(range(max(0, verb - 4), verb)):
            if parse.tokens[i].dep in OBJECT_DEPS:
                break  # "Spoke with President Putin and congratulated him": Putin is no subject
            actor = actors.at.get(i)
            if actor is not None and actor.role in WEAK_ROLES:
                continue
            if actor is not None or parse.tokens[i].text.lower() in PLURAL_ANAPHORS:
                src, plural = actor, actor is None
                break
    if src is None and subj is not None:
        # "the attack, which killed ...": the antecedent's own phrase, not the clause that hangs off it
        sub = parse.noun_phrase(subj) if verb in parse.subtree(subj) else parse.subtree(subj)
        src = actors.first_in(sub) or _demonym_doer(parse, actors, subj)
        if src is not None and tgt is None and roles == "recip":
            tgt = _conjoined(parse, actors, subj, src)
            mutual = tgt is not None
        words = {parse.tokens[i].text.lower() for i in sub}
        plural = src is None and bool(words & PLURAL_ANAPHORS)
        singular = src is None and bool(words & SINGULAR_PRONOUNS)
        if (singular or words & SPEAKER_PRONOUNS) and _reported_clause(parse, verb):  # "Modi said he had ..."
            speaker = _subject(parse, parse.head(verb))
            src = actors.first_in(parse.subtree(speaker)) if speaker is not None else None
            singular = singular and src is None
            plural = plural and src is None
    if tgt is None and not _has_object_pronoun(parse, trigger, verb):  # "urging him to send troops": him
        tgt = _object(parse, actors, trigger, verb, matched, exclude=src)
        if src is not None and _own_forces(src, tgt):  # "Britain is sending (British) troops to Mali"
            heads = [trigger, verb, *parse.kids(verb, {"xcomp"})]  # "pledged to withdraw its troops from X"
            tgt = _other_party(parse, actors, heads, src, places=True) or (tgt if tgt.country else None)
        elif src is not None and _own_people(parse, tgt):  # "warned its citizens about Haiti"
            tgt = _other_party(parse, actors, [trigger, verb], src, places=True, skip=tgt) or tgt
    if tgt is not None and src is not None and src.kb_id and src.kb_id == tgt.kb_id and verb != trigger:
        # "a suicide bomber from the Islamic State attacked X": the doer's own group, then the verb's object
        tgt = _object(parse, actors, verb, verb, [verb], exclude=src)
    if tgt is None:  # "X rejects and condemns Y": the object of the next verb is shared
        tgt = next((a for c in _shared_object_verbs(parse, verb) if (a := _object(parse, actors, c, c, [c], src))),
                   None)
    if tgt is None and src is not None:
        tgt = _scene(parse, actors, [trigger, verb, *(i for i in matched if parse.tokens[i].pos == "NOUN")], src)
    if tgt is None and src is not None and subj is not None:  # "Russia and Ukraine swapped prisoners"
        tgt = _conjoined(parse, actors, subj, src)
        mutual = tgt is not None
    if trigger == verb and parse.tokens[verb].dep == "acl" and parse.tokens[verb].tag == "VBN" and roles != "recip" \
            and parse.tokens[parse.head(verb)].dep != "ROOT":  # not "A report called for ..." parsed as a noun
        # "Palestinian civilians killed by Israeli strikes", "ten soldiers killed in Ukraine": the noun is the victim
        victim = actors.first_in(parse.noun_phrase(parse.head(verb)), loose=True)
        if victim is not None:
            src, tgt = _agent(parse, actors, verb) or _means_doer(parse, actors, verb), victim
    elif trigger == verb and _passive(parse, verb) and roles != "recip":
        # "X was attacked by Y": Y did it; "five soldiers were killed in an Israeli strike": the demonym on
        # the means; with neither ("X was criticised over ...") the doer is unknown.
        # With no actor as the subject ("the painting was returned by X to Y") the object found stays the target.
        doer = _agent(parse, actors, verb) or _means_doer(parse, actors, verb)
        src, tgt = doer, src if src is not None or tgt is None or (doer is not None and _same(tgt, doer)) else tgt
    if roles == "swap":
        src, tgt = tgt, src
    obj = tgt is None and _has_object_pronoun(parse, trigger, verb)
    beyond = _object(parse, actors, trigger, verb, matched, exclude=src) if obj else None
    mutual = mutual and not _passive(parse, verb)
    return Roles(src, tgt, plural, singular, obj, subj if subj is not None else -1, mutual, beyond)


def _shared_object_verbs(parse: Parse, verb: int) -> list[int]:
    """Verbs that share `verb`'s object: an object-less verb joined to the next one by a bare "and"/"or"
    ("rejects and condemns the decision")."""
    if parse.kids(verb, OBJECT) or verb + 2 >= len(parse.tokens):
        return []
    joint, nxt = parse.tokens[verb + 1], parse.tokens[verb + 2]
    if joint.dep != "cc" or nxt.dep != "conj" or nxt.head != verb or nxt.pos != "VERB":
        return []
    return [verb + 2]


FORCES = {"MIL", "UAF"}


def _own_forces(src: Actor, tgt: Actor | None) -> bool:
    """Is the target the doer's own forces ("withdrew its troops from X", "mobilized the army"): an armed agent
    of the doer's country or of none named?"""
    return tgt is not None and tgt.role == "agent" and tgt.sector in FORCES and tgt.country in {"", src.country} \
        and (bool(src.country) or not tgt.country)


OWN = {"its", "their", "his", "her", "our"}


def _own_people(parse: Parse, tgt: Actor | None) -> bool:
    """Is the target the doer's own people ("warned its citizens", "their Ent populations"): a party under a
    possessive pronoun? Then another party the verb governs is the target, if there is one."""
    if tgt is None:
        return False
    inside = [t.i for t in parse.tokens if tgt.start <= t.start < tgt.end]
    heads = {*inside, *(parse.head(i) for i in inside if parse.tokens[i].dep in {"compound", "amod"})}
    return any(parse.tokens[k].text.lower() in OWN for h in heads for k in parse.kids(h, {"poss"}))


def _has_object_pronoun(parse: Parse, trigger: int, verb: int) -> bool:
    return any(parse.tokens[k].text.lower() in OBJECT_PRONOUNS for h in {trigger, verb} for k in parse.kids(h, OBJECT))


LIGHT_VERBS = {"carry", "conduct", "launch", "stage", "make", "order", "mount", "perform", "undertake", "hold",
               "announce", "begin", "start", "complete"}


def _noun_roles(parse: Parse, actors: ActorIndex, noun: int) -> tuple[Actor | None, Actor | None]:
    """A nominal trigger's own arguments: "Putin's visit to India", "talks between X and Y",
    "the release of hostages by Hamas" (by names the doer, of then names the target),
    "an Israeli strike" (a demonym on the event noun names the doer)."""
    src = next((a for k in parse.kids(noun, {"poss"}) if (a := actors.first_in(parse.subtree(k)))), None)
    modifier = next((a for k in parse.kids(noun, {"compound", "amod", "nmod"})
                     if (a := actors.first_in(parse.subtree(k), loose=True)) is not None), None)
    if modifier is not None and _against(parse, modifier):  # "an anti-government protest": whom it is against
        return src, modifier
    by = of = tgt = None
    for prep in parse.kids(noun, {"prep"}):
        word = parse.tokens[prep].text.lower()
        span = [i for k in parse.kids(prep, {"pobj"}) for i in parse.noun_phrase(k)]
        found = [a for a in actors.all_in(span) if a is not src]
        if word == "between" and len(found) >= 2:
            return found[0], found[1]
        if found and word == "by":
            by = found[0]
        elif found and word == "of":
            of = found[0]
        elif found and word in TARGET_PREPS - PLACE_PREPS and tgt is None:
            tgt = found[0]
    if by is not None:
        src, tgt = by, tgt or of or (src if src is not by else None)
    elif of is not None and src is None and of.role not in WEAK_ROLES and not _light_verb_object(parse, noun) \
            and parse.tokens[noun].pos != "ADJ":  # "sceptical of X", "critical of X": X is spoken of
        src = of
    elif of is not None and tgt is None:
        tgt = of
    if modifier is not None and src is None and modifier.role != "place":
        src = modifier
    elif modifier is not None and tgt is None and modifier is not src:
        tgt = modifier
    return src, tgt


def _against(parse: Parse, actor: Actor) -> bool:
    """Is the actor's name prefixed with "anti" ("anti-American", "anti- Gondor")?"""
    first = next((t.i for t in parse.tokens if actor.start <= t.start < actor.end), None)
    before = [t.text.lower() for t in parse.tokens[max(0, (first or 0) - 2):first or 0]]
    return first is not None and ("anti" in before or "anti-" in before)


def _demonym_doer(parse: Parse, actors: ActorIndex, head: int) -> Actor | None:
    """"An Israeli strike killed ...", "Russian missiles hit ...": the demonym on the subject is the doer."""
    if parse.tokens[head].lemma in actors.topics or parse.tokens[head].pos not in {"NOUN", "PROPN"}:
        return None
    return next((a for k in parse.kids(head, {"amod", "compound"})
                 if (a := actors.at.get(k)) is not None and a.role == "demonym"), None)


def _light_verb_object(parse: Parse, noun: int) -> bool:
    """"Israel carried out a killing of X": the verb's subject is the doer and "of X" the target."""
    head = parse.head(noun)
    return parse.tokens[noun].dep == "dobj" and parse.tokens[head].lemma in LIGHT_VERBS \
        and bool(parse.kids(head, SUBJECT))


def _subject(parse: Parse, verb: int) -> int | None:
    """The subject of `verb`, or of the clause it hangs from; a participle on an object ("X issued a statement
    calling on Y") takes the subject of the object's verb."""
    j, via_acl = verb, False
    for _ in range(4):
        subj = parse.kids(j, SUBJECT | PASSIVE_SUBJECT)
        if subj and parse.tokens[subj[0]].text.lower() in RELATIVE and parse.tokens[j].dep in {"relcl", "acl"}:
            return parse.head(j)  # "Jaishankar, who is on a visit": the antecedent
        if subj:  # "Old foes Gondor and Osgiliath renewed ...": of two subjects, the one next to the verb
            before = [k for k in subj if k < j]
            return before[-1] if len(before) > 1 else subj[0]
        adjunct = parse.tokens[j].dep == "prep" and parse.tokens[parse.head(j)].pos in VERBAL  # "Before leaving, X"
        carried = via_acl and parse.tokens[j].dep == "dobj"  # "a statement calling": the statement's issuer
        if parse.tokens[j].dep not in {"xcomp", "conj", "advcl", "acl", "pcomp", "relcl", "acomp"} and not adjunct \
                and not carried or parse.head(j) == j:
            return None
        if parse.tokens[j].dep == "relcl":
            return parse.head(j)
        via_acl = parse.tokens[j].dep == "acl" and parse.tokens[j].tag == "VBG"
        j = parse.head(j)
    return None


def _conjoined(parse: Parse, actors: ActorIndex, subj: int, first: Actor) -> Actor | None:
    for i in parse.subtree(subj):
        if parse.tokens[i].dep == "conj":
            other = actors.first_in(parse.subtree(i), exclude=first)
            if other is not None and other is not first:
                return other
    return None


def _object(parse: Parse, actors: ActorIndex, trigger: int, verb: int, matched: Sequence[int],
            exclude: Actor | None) -> Actor | None:
    heads = list(dict.fromkeys([trigger, *matched, verb]))
    found = next((a for h in heads if (a := _object_of(parse, actors, h, exclude, False))), None)
    if found is None:  # "stood by Taiwan": a preposition that is part of the pattern names the target
        found = next((a for i in matched if parse.tokens[i].pos == "ADP" for k in parse.kids(i, {"pobj"})
                      if (a := actors.first_in(parse.noun_phrase(k), exclude=exclude, loose=True))), None)
    found = found or next((a for h in heads if (a := _object_of(parse, actors, h, exclude, True))), None)
    return found or _deep_object(parse, actors, [trigger, verb], exclude)


DEEP_DEPS = {"dobj", "dative", "prep", "xcomp", "advcl", "pobj"}


def _deep_object(parse: Parse, actors: ActorIndex, heads: Sequence[int], exclude: Actor | None) -> Actor | None:
    """Last resort: an actor inside the object or a purpose clause ("attacked a military base in Borno",
    "allocated 95 million euros to help people in Yemen"), never the subject's side nor a clause of its own."""
    for h in dict.fromkeys(heads):
        for k in parse.kids(h, DEEP_DEPS):
            if (k < h and parse.tokens[k].dep != "pobj") or _circumstance(parse, k):
                continue
            span = [i for i in parse.subtree(k) if not _in_clause(parse, i, k, participles=True)]
            found = actors.first_in(span, exclude=exclude, loose=True)
            if found is not None and not (exclude is not None and found.country == exclude.country
                                          and found.role in WEAK_ROLES | {"seat", "agent"}):
                return found
    return None


CIRCUMSTANCE_MARKS = {"after", "before", "when", "while", "since", "as", "because", "although", "though", "if",
                      "until", "unless", "whereas", "once"}


def _circumstance(parse: Parse, clause: int) -> bool:
    """An adverbial clause of time, cause or condition ("after crowds trashed its embassy"), not of purpose."""
    return parse.tokens[clause].dep == "advcl" and any(
        parse.tokens[k].text.lower() in CIRCUMSTANCE_MARKS for k in parse.kids(clause, {"mark", "advmod"}))


SCENE_PREPS = {"in", "across", "throughout", "inside", "on"}


def _scene(parse: Parse, actors: ActorIndex, heads: Sequence[int], src: Actor) -> Actor | None:
    """Last of all, where the act took place, even in the doer's own country: "imposed a curfew in Algiers",
    "resigned after protests in Peru", "declared a ceasefire in Tripoli", "a curfew on Basra" (a place as the
    target of a domestic act)."""
    for h in dict.fromkeys([*heads, *_scene_heads(parse, heads)]):
        for prep in parse.kids(h, {"prep"}):
            if parse.tokens[prep].text.lower() not in SCENE_PREPS:
                continue
            for k in parse.kids(prep, {"pobj"}):
                found = next((a for i in parse.noun_phrase(k) if (a := actors.at.get(i)) is not None
                              and a is not src and a.start != src.start), None)
                if found is not None:
                    return found
    return None


def _scene_heads(parse: Parse, heads: Sequence[int]) -> list[int]:
    """Where else the scene of an act is named: on its object ("a curfew in Algiers", "lay down weapons in X") or
    in a purpose clause ("a ceasefire initiative to halt the fighting in Yemen")."""
    out = []
    for h in dict.fromkeys(heads):
        purposes = [c for c in parse.kids(h, {"xcomp", "advcl", "acl"}) if not _circumstance(parse, c)
                    and parse.tokens[c].pos in VERBAL]
        for v in [h, *purposes, *(c for k in parse.kids(h, {"dobj"}) for c in parse.kids(k, {"acl"})
                                   if parse.tokens[c].pos in VERBAL)]:
            out += [v, *parse.kids(v, {"dobj", "nsubjpass"})]
    return out


def _in_clause(parse: Parse, i: int, top: int, participles: bool = False) -> bool:
    """Is token `i` inside a relative or reported clause below `top`? With `participles`, a participle that
    describes a noun ("the roads leading into X", "a ship belonging to Y") is part of the noun's phrase."""
    j = i
    while j != top and parse.head(j) != j:
        if parse.tokens[j].dep in {"relcl", "ccomp", "parataxis", "acl"} and not (
                participles and parse.tokens[j].dep == "acl" and parse.tokens[j].tag in PARTICIPLES
                and parse.tokens[parse.head(j)].pos == "NOUN"):
            return True
        j = parse.head(j)
    return False


PARTICIPLES = {"VBG", "VBN"}


def _object_of(parse: Parse, actors: ActorIndex, head: int, exclude: Actor | None, loose: bool) -> Actor | None:
    """The actor in an object or prepositional phrase of `head`. A loose (second) pass also takes a
    place ("opened an embassy in the UAE") or a demonym on the object itself ("unfroze Iranian funds")."""
    objects = list(parse.kids(head, OBJECT))
    preps = TARGET_PREPS | (PLACE_PREPS if loose else set())
    objects += [o for k in parse.kids(head, {"prep", "dative"}) if parse.tokens[k].text.lower() in preps
                for o in (parse.kids(k, {"pobj"}) or [k])]
    objects += [s for c in parse.kids(head, {"ccomp"}) if c > head  # "demanded that X ...", not "X is ..., Y said"
                for s in parse.kids(c, SUBJECT)]
    objects += [s for c in parse.kids(head, {"acl"}) if _that_clause(parse, c)  # "its demand that X ..."
                for s in parse.kids(c, SUBJECT)]
    for k in objects:
        own = [k, *parse.kids(k, {"amod", "compound", "poss", "nmod"})]
        found = actors.first_in(parse.subtree(k) if not loose else own, exclude=exclude, loose=loose)
        if found is not None and not loose and parse.tokens[k].pos == "NOUN" and k not in actors.at \
                and not any(found.start <= parse.tokens[i].start < found.end for i in parse.noun_phrase(k)):
            # "attacked an Israeli village near the West Bank": the demonym on the object, not a place beyond it
            found = actors.first_in(own, exclude=exclude, loose=True) or found
        if found is not None:
            return found
    return None


def _that_clause(parse: Parse, clause: int) -> bool:
    return any(parse.tokens[k].text.lower() == "that" for k in parse.kids(clause, {"mark"}))


def _same(a: Actor, b: Actor) -> bool:
    return a.start == b.start or (bool(a.kb_id) and a.kb_id == b.kb_id)


REPORTED_DEPS = {"ccomp", "acl"}  # "said (that) Y ...", "optimism that Y ..."


def reported_target(parse: Parse, actors: ActorIndex, trigger: int, src: Actor) -> Actor | None:
    """The party a statement is about, from the clause it reports: "X said Y had ..." -> Y, "X said it would
    help Y" -> Y (the speaker's own "it" is skipped). Nested reports are followed ("said it hoped that Y ...")."""
    verb = parse.clause_verb(trigger)
    clauses = [c for h in dict.fromkeys([trigger, verb]) for c in parse.kids(h, REPORTED_DEPS)
               if parse.tokens[c].pos in VERBAL]
    if not clauses and trigger == verb and parse.tokens[verb].dep in {"parataxis", "ccomp"} \
            and parse.head(verb) < verb:
        clauses = [parse.head(verb)]
    for clause in clauses[:1]:
        if _quoted(parse, clause):
            return None  # a direct quotation is the speaker's own words, about whatever it names
        if clause < trigger:
            # "Iraq is ready to help Afghanistan, a US official said": the speaker vouches for what the clause
            # tells; its act is the event (when coded), and the statement is addressed to no one
            return None
        found = _clause_party(parse, actors, clause, src, 0)
        if found is not None:
            return found
    return _other_party(parse, actors, [trigger, verb], src)


QUOTE_MARKS = {'"', "“", "”", "``", "''"}


def _quoted(parse: Parse, i: int) -> bool:
    """Is token `i` inside quotation marks (an odd number of them before it)?"""
    return sum(1 for t in parse.tokens[:i] if t.text in QUOTE_MARKS) % 2 == 1


def _other_party(parse: Parse, actors: ActorIndex, heads: Sequence[int], src: Actor,
                 places: bool = False, skip: Actor | None = None) -> Actor | None:
    """"Nigeria announced the deployment of (Nigerian) troops to Liberia": the first actor of another country
    in what the verb governs, not one of the doer's own (`places`: also "in X"; `skip`: nor this one)."""
    preps = TARGET_PREPS | (PLACE_PREPS if places else set())
    for h in dict.fromkeys(heads):
        for k in parse.kids(h, OBJECT | {"prep", "dative"}):
            if k < h or (parse.tokens[k].dep == "prep" and parse.tokens[k].text.lower() not in preps):
                continue
            for i in parse.subtree(k):
                a = actors.at.get(i)
                if a is not None and a is not skip and a.country and a.country != src.country \
                        and not _in_clause(parse, i, k):
                    return a
    return None


def _clause_party(parse: Parse, actors: ActorIndex, clause: int, src: Actor, depth: int) -> Actor | None:
    """The subject of a reported clause, else its object, else the party of a clause nested in it."""
    for s in parse.kids(clause, SUBJECT | PASSIVE_SUBJECT):
        span = [i for i in parse.subtree(s) if not _in_clause(parse, i, s)]
        found = actors.first_in(span, exclude=src, loose=True)
        if found is not None and not _same(found, src):
            return found
    found = _object(parse, actors, clause, clause, [clause], exclude=src)
    if found is not None and not _same(found, src):
        return found
    nested = [c for c in parse.kids(clause, {"ccomp", "xcomp", "acomp"}) if parse.tokens[c].pos in VERBAL | {"ADJ"}]
    return next((a for c in nested[:1] if depth < 2
                 and (a := _clause_party(parse, actors, c, src, depth + 1)) is not None), None)


def _reported_clause(parse: Parse, verb: int) -> bool:
    """A clause under a verb of saying or intending: "Russia said it would ...", "rebels said they will ..."."""
    return parse.tokens[verb].dep == "ccomp" and parse.head(verb) != verb


def _means_doer(parse: Parse, actors: ActorIndex, verb: int) -> Actor | None:
    """"killed in an Israeli air strike", "wounded by Russian shelling": a demonym on the means of a passive."""
    for prep in parse.kids(verb, {"prep", "agent"}):
        if parse.tokens[prep].text.lower() not in MEANS_PREPS:
            continue
        for k in parse.kids(prep, {"pobj"}):
            found = _demonym_doer(parse, actors, k)
            if found is not None:
                return found
    return None


OCCASION_PREPS = {"during", "on"}


def occasion_doer(parse: Parse, actors: ActorIndex, noun: int) -> Actor | None:
    """"X did not clash over ... during a brief visit to Y": the doer of an event noun that names the occasion of
    a clause is the subject of that clause."""
    prep = parse.head(noun)
    if parse.tokens[noun].dep != "pobj" or parse.tokens[prep].text.lower() not in OCCASION_PREPS \
            or parse.kids(noun, {"poss"}):
        return None
    for j in parse.path_up(parse.head(prep), 4):
        subj = parse.kids(j, SUBJECT)
        if subj:
            return actors.first_in(parse.noun_phrase(subj[0]))
    return None


CAUSE_MARKS = {"when", "as", "after"}
ACT_PREPS = {"on", "against", "at"}


def clause_doer(parse: Parse, actors: ActorIndex, trigger: int) -> Actor | None:
    """"Two people were killed when ISIL launched an attack on ...", "... as Syrian forces shelled the town":
    for a passive with no agent, the named doer of the act in the clause that tells how it came about."""
    verb = parse.clause_verb(trigger)
    if not _passive(parse, verb) or _agent(parse, actors, verb) is not None:
        return None
    for c in parse.kids(verb, {"advcl"}):
        marks = {parse.tokens[k].text.lower() for k in parse.kids(c, {"mark", "advmod"})}
        acts = parse.kids(c, {"dobj"}) or [k for k in parse.kids(c, {"prep"})
                                            if parse.tokens[k].text.lower() in ACT_PREPS]
        if c < verb or not marks & CAUSE_MARKS or not acts or _passive(parse, c):
            continue
        for subj in parse.kids(c, SUBJECT):
            found = actors.first_in(parse.noun_phrase(subj)) or _demonym_doer(parse, actors, subj)
            if found is not None:
                return found
    return None


def _passive(parse: Parse, verb: int) -> bool:
    return bool(parse.kids(verb, PASSIVE_SUBJECT)) or any(
        parse.tokens[k].dep == "auxpass" for k in parse.children[verb])


def _agent(parse: Parse, actors: ActorIndex, verb: int) -> Actor | None:
    for k in parse.kids(verb, {"agent"}):
        found = actors.first_in(parse.subtree(k))
        if found is not None:
            return found
    return None


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    reported: bool = False
    refused: bool = False  # negated by "not", "never", "refuse to": withheld, not denied to have happened


def modality(parse: Parse, trigger: int) -> Modality:
    verb = parse.clause_verb(trigger)
    near = {trigger, verb}
    kids = [k for h in near for k in parse.children[h]]
    words = {parse.tokens[k].text.lower() for k in kids}
    heads = [parse.tokens[h].lemma for h in governors(parse, verb, 4)]
    negated = any(parse.tokens[k].dep == "neg" for k in kids) or bool(words & {"never", "no"}) \
        or (parse.tokens[verb].dep == "xcomp" and bool(heads[:1]) and heads[0] in DECLINE_HEADS) \
        or _denied_around(parse, verb)
    amods = {parse.tokens[k].lemma for k in parse.kids(trigger, {"amod", "compound"})}
    future = bool(words & FUTURE_AUX) or bool(set(heads[:2]) & INTENT_HEADS) or bool(amods & INTENT_HEADS)
    sentence_words = {t.text.lower() for t in parse.tokens}
    conditional = any(parse.tokens[k].dep == "mark" and parse.tokens[k].text.lower() in {"if", "unless"}
                      for k in parse.children[verb])
    hypothetical = conditional or (bool(words & HYPOTHETICAL_AUX) and "if" in sentence_words) \
        or bool(words & OBLIGATION_AUX)
    future = future or (bool(words & {"would"}) and not hypothetical)
    denied = bool(set(heads[:2]) & DENY_HEADS)
    reported = bool(set(heads[:3]) & REPORT_HEADS) or denied
    return Modality(negated or denied, future and not negated, hypothetical, reported,
                    negated and not denied and not hypothetical)


NOT_ONLY = {"only", "just", "merely", "simply"}


def _denied_around(parse: Parse, verb: int) -> bool:
    """A negation one step away: on the verb an infinitive hangs from ("won't try to clash"), on an adverb
    ("did not even ever clash"), or on the subject ("Neither X nor Y boycotted ...")."""
    head = parse.head(verb)
    if parse.tokens[verb].dep == "xcomp" and any(parse.tokens[k].dep == "neg" for k in parse.children[head]):
        return True
    if any(parse.tokens[g].dep == "neg" for k in parse.kids(verb, {"advmod"}) for g in parse.children[k]
           if parse.tokens[k].text.lower() not in NOT_ONLY):  # not "X not only attacked Y but also ..."
        return True
    return any(parse.tokens[d].text.lower() == "neither" for k in parse.kids(verb, SUBJECT) for d in parse.children[k])


def governors(parse: Parse, i: int, n: int) -> list[int]:
    """Up to `n` heads above token `i`, skipping the link from a conjunct to the first one: in "X rejects and
    condemns Y", "condemns" is not governed by "rejects"."""
    out, j = [], i
    while len(out) < n and parse.head(j) != j:
        if parse.tokens[j].dep != "conj":
            out.append(parse.head(j))
        j = parse.head(j)
    return out


def demands(parse: Parse, trigger: int) -> bool:
    """Does a statement report an obligation ("X said that Y must ...", "X says Y must be avoided")?"""
    verb = parse.clause_verb(trigger)
    return any(parse.tokens[a].text.lower() in OBLIGATION_AUX
               for c in parse.kids(verb, {"ccomp"}) for a in parse.kids(c, {"aux"}))
