"""Stage 3b: the knowledge layer, read from the paragraphs by rules alone.

Runs after identify (every paragraph has its anchor) and needs nothing from
classification. Each kind has its own module; this one puts them together,
applies book.yml (``acronyms``, ``people``, ``organisations``, ``glossary``
add or correct entries, ``suppress`` removes false detections, ``cues``
adds cue words) and finds every paragraph that mentions each item. No model
and no download: the same text always gives the same knowledge.

Findings the rules are unsure of go to ``Knowledge.unsure``, never to a
page, unless book.yml accepts them; ``briefbook check`` lists them.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

import regex

from ..base.cache import code_digest
from ..knowledge import Acronym, Candidate, Entity, Knowledge, Person, Term
from ..model import BookConfig, Paragraph
from .acronyms import first_definitions
from .dates import MONTHS, chronological, periods_of
from .figures import figures_of
from .names import Cues, kind_of
from .people import DEFAULT_ROLES, Found, name_key, same_person
from .sources import Memo, Rules, SourceFindings, find_all, tasks_of
from .text import has_word, lower_words

_last_postings: list[tuple[tuple[Paragraph, ...], dict[str, frozenset[int]]]] = []


def _postings(paragraphs: tuple[Paragraph, ...]) -> dict[str, frozenset[int]]:
    """Folded word → the positions of the paragraphs that contain it.

    Remembered for the last paragraphs tuple by identity: hashing thousands of
    paragraphs for an lru_cache look-up on each of thousands of calls cost more
    than the look-ups themselves.
    """
    if _last_postings and _last_postings[0][0] is paragraphs:
        return _last_postings[0][1]
    out: dict[str, set[int]] = {}
    for i, p in enumerate(paragraphs):
        for word in set(_WORD.findall(p.text.casefold())):
            out.setdefault(word, set()).add(i)
    index = {word: frozenset(where) for word, where in out.items()}
    _last_postings[:] = [(paragraphs, index)]
    return index


def _mentions(paragraphs: tuple[Paragraph, ...], *phrases: str, case: bool = True) -> tuple[str, ...]:
    """Anchors of the paragraphs that use any of the phrases as whole words.

    A paragraph is only searched if it has every word of the phrase, found
    by intersecting the word → paragraphs index, so the cost grows with the
    mentions, not with items × paragraphs (a 5,000-term glossary included).
    """
    postings = _postings(paragraphs)
    hits: set[int] = set()
    for phrase in (p for p in phrases if p):
        need = sorted((postings.get(w, frozenset()) for w in set(_WORD.findall(phrase.casefold()))), key=len)
        candidates = need[0].intersection(*need[1:]) if need else range(len(paragraphs))
        hits.update(i for i in candidates if i not in hits and has_word(paragraphs[i].text, phrase, case=case))
    return tuple(paragraphs[i].anchor for i in sorted(hits))


def _first_anchor(item_anchor: str, anchors: tuple[str, ...]) -> tuple[str, ...]:
    return anchors if item_anchor in anchors or not item_anchor else (item_anchor, *anchors)


_WORD = re.compile(r"\w+")


class _Suppressed:
    def __init__(self, names: Iterable[str]) -> None:
        self.keys = {n.casefold() for n in names}

    def __call__(self, *names: str) -> bool:
        return any(n.casefold() in self.keys for n in names if n)


def _acronyms(paragraphs: tuple[Paragraph, ...], config: BookConfig, gone: _Suppressed,
              unsure: list[Candidate], findings: list[SourceFindings]) -> dict[str, Acronym]:
    found: dict[str, tuple[str, str, str]] = {}
    accepted = {short for short, _ in config.acronyms}
    for d in first_definitions(d for f in findings for p in f.paragraphs for d in p.definitions):
        if d.sure:
            found[d.short] = (d.expansion, d.anchor, "text")
        elif d.short not in accepted and not gone(d.short):
            unsure.append(Candidate("acronym", d.short, d.expansion, d.reason, d.anchor))
    overrides = dict(config.acronyms)
    overrides.update({t: d for t, d in config.glossary if t in found})
    for short, expansion in overrides.items():
        found[short] = (expansion, found.get(short, ("", "", ""))[1], "book.yml")
    out = {}
    for short, (expansion, anchor, origin) in found.items():
        if not gone(short):
            anchors = _first_anchor(anchor, _mentions(paragraphs, short))
            out[short] = Acronym(short, expansion, anchors, origin)
    return out


def _entities(paragraphs: tuple[Paragraph, ...], config: BookConfig, gone: _Suppressed, unsure: list[Candidate],
              findings: list[SourceFindings]) -> dict[str, Entity]:
    kinds: dict[str, tuple[str, str]] = {}  # folded name → (name, kind)
    doubtful: dict[str, Candidate] = {}
    for p in (p for f in findings for p in f.paragraphs):
        for named in p.named:
            if named.sure:
                kinds.setdefault(named.name.casefold(), (named.name, named.kind))
            else:
                doubtful.setdefault(named.name.casefold(),
                                    Candidate(named.kind, named.name, "", named.reason, p.paragraph.anchor))
    accepted = {name.casefold() for name, _ in config.organisations}
    unsure.extend(c for key, c in doubtful.items() if key not in kinds and key not in accepted and not gone(c.name))
    for name, kind in config.organisations:
        kinds[name.casefold()] = (name, kind)
    out = {}
    for name, kind in kinds.values():
        if not gone(name):
            origin = "book.yml" if (name, kind) in config.organisations else "text"
            out[name] = Entity(name, kind, _mentions(paragraphs, name), origin)
    return out


def _terms(paragraphs: tuple[Paragraph, ...], config: BookConfig, common: frozenset[str], taken: set[str],
           gone: _Suppressed, acronyms: dict[str, Acronym], unsure: list[Candidate],
           findings: list[SourceFindings]) -> list[Term]:
    seen: dict[str, tuple[str, str, str]] = {}  # folded → (term, sentence, anchor)
    named: dict[str, Candidate] = {}  # programmes named without quotes: for ``briefbook check`` to ask about
    for found in (p for f in findings for p in f.paragraphs):
        p = found.paragraph
        for name, _ in found.programmes:
            named.setdefault(name.casefold(), Candidate(
                "term", name, "", "named like a programme (“… scheme”, “… campaign”) but neither quoted nor defined: "
                "a key term?", p.anchor))
        for term, sentence in found.terms:
            head, _, rest = term.partition(" ")
            if head[:1].isupper() and head.lower() in common and rest[:1].islower():
                term = f"{head.lower()} {rest}"  # "Carbon peaking" opened a sentence
            key = term.casefold()
            if key in taken:
                continue
            if key not in seen or (seen[key][0][:1].isupper() and term[:1].islower()):
                first = seen[key][1:] if key in seen else (sentence, p.anchor)
                seen[key] = (term, *first)
    for key in [k for k in seen if " and " in k]:  # "carbon peaking and carbon neutrality": two terms already found
        if all(part in seen for part in key.split(" and ", 1)):
            del seen[key]
    in_glossary = {t.casefold() for t, _ in config.glossary}
    unsure.extend(c for key, c in named.items()
                  if key not in seen and key not in taken and key not in in_glossary and not gone(c.name))
    definitions = {t.casefold(): (t, d) for t, d in config.glossary if t not in acronyms}
    out = []
    for key, (term, sentence, anchor) in seen.items():
        if gone(term):
            continue
        definition = definitions.pop(key, ("", ""))[1]
        anchors = _first_anchor(anchor, _mentions(paragraphs, term, case=False))
        out.append(Term(term, definition, anchors, sentence, "book.yml" if definition else "text"))
    for term, definition in definitions.values():
        if gone(term):
            continue
        out.append(Term(term, definition, _mentions(paragraphs, term, case=False), "", "book.yml"))
    return out


_HEADLINE_NAME_END = regex.compile(r"(?:[.,:;!?)’'”\"]|\s\p{Ll}|\s?[—–-]\s)")


def _people(paragraphs: tuple[Paragraph, ...], config: BookConfig, stop: frozenset[str],
            entities: dict[str, Entity], common: frozenset[str], gone: _Suppressed,
            unsure: list[Candidate], acronyms: dict[str, Acronym], findings: list[SourceFindings]) -> list[Person]:
    everyone: list[Found] = []
    # A speech's title may be the only place its speaker is named with a role ("Remarks by Governor Lind at the Port
    # Forum"). A headline capitalises its verbs ("Governor Lind Opens …"): a name must end where a small word or a
    # mark follows it. Titles first, by source.
    for source in sorted(findings, key=lambda source: source.source):
        title = source.title
        everyone.extend(person for person in source.title_people
                        if _HEADLINE_NAME_END.match(title, title.find(person.name) + len(person.name)))
    for source in findings:
        everyone.extend(person for p in source.paragraphs for person in p.people)
    family_names = {w for f in everyone if f.sure and " " in f.name for w in name_key(f.name).split()[1:]}
    # "Secretary Haaland" after "Deb Haaland": a later mention, not another person; so is "Minister Sola" after
    # "Arne Sola Haug" (a family name of two words, as in Spanish or Portuguese)
    found = [f for f in everyone if f.sure and (" " in f.name or name_key(f.name) not in family_names)]
    sure_by_family: dict[str, list[Found]] = {}
    for f in found:
        sure_by_family.setdefault(_family(f.name), []).append(f)
    for f in everyone:
        if f.sure or gone(f.name) or f.name in entities or any(_accepts(n, f.name) for n, _ in config.people):
            continue
        if not any(same_person(m.name, f.name) for m in sure_by_family.get(_family(f.name), ())):
            detail = ", ".join(x for x in (f.role, f.organisation) if x)  # said for sure elsewhere: nothing to ask
            unsure.append(Candidate("person", f.name, detail, f.reason, f.anchor))
    merged: list[Found] = []
    by_family: dict[str, list[int]] = {}  # the same person has the same family name: only those are compared

    def same_as(name: str) -> int | None:
        return next((i for i in by_family.get(_family(name), ()) if same_person(merged[i].name, name)), None)

    for f in found:
        i = same_as(f.name)
        if i is None:
            by_family.setdefault(_family(f.name), []).append(len(merged))
            merged.append(f)
        elif not merged[i].role and f.role:  # the first role given wins; a later one fills a gap
            m = merged[i]
            merged[i] = Found(m.name if len(m.name) >= len(f.name) else f.name, f.role, f.organisation, m.anchor)
    for name, role in config.people:
        role_part, _, org = role.partition(", ")
        i = same_as(name)
        entry = Found(name, role_part.strip(), org.strip(), merged[i].anchor if i is not None else "")
        if i is None:
            by_family.setdefault(_family(name), []).append(len(merged))
            merged.append(entry)
        else:
            merged[i] = entry
    families = Counter(name_key(m.name).split()[-1] for m in merged)
    out = []
    for f in merged:
        if gone(f.name) or f.name in entities and entities[f.name].kind != "place":
            continue  # "in Ana Ruiz’s view" made her a place: a person with a title is the better reading
        last = f.name.split()[-1]
        alias = (last,) if (families[name_key(last)] == 1 and len(last) >= 3 and last.lower() not in common
                            and last not in stop) else ()
        org = _resolve(f.organisation, entities, acronyms)
        anchors = _first_anchor(f.anchor, _mentions(paragraphs, f.name, *alias))
        origin = "book.yml" if any(same_person(n, f.name) for n, _ in config.people) else "text"
        out.append(Person(f.name, f.role, org, alias, anchors, origin))
    return out


def _names_with_commas(paragraphs: tuple[Paragraph, ...], acronyms: dict[str, Acronym], entities: dict[str, Entity],
                       cues: Cues, gone: _Suppressed) -> None:
    """"Office of Surface Mining, Reclamation and Enforcement (OSMRE)": a comma cut the name short, its acronym did not.

    An expansion that heads with a cue is the entity; the piece before its first comma is dropped.
    """
    for acronym in acronyms.values():
        head, comma, _ = acronym.expansion.partition(",")
        kind = kind_of([w.strip(",") for w in acronym.expansion.split()], cues)
        if not comma or kind is None or gone(acronym.expansion):
            continue
        entities.pop(head.strip(), None)
        entities.setdefault(acronym.expansion, Entity(acronym.expansion, kind, _mentions(paragraphs, acronym.expansion)))


def _same_names(entities: dict[str, Entity], order: dict[str, int]) -> None:
    """"Interior Department" and "Department of the Interior" are one organisation: keep the longer form."""
    by_words: dict[tuple[str, ...], list[str]] = {}
    for name in sorted(entities):
        key = tuple(sorted({w.casefold() for w in name.split()} - {"of", "the", "for", "and"}))
        by_words.setdefault(key, []).append(name)
    for names in by_words.values():
        if len(names) > 1 and len({entities[n].kind for n in names}) == 1:
            keep = max(names, key=lambda n: (len(n), n))
            anchors = sorted({a for n in names for a in entities[n].anchors}, key=lambda a: order.get(a, -1))
            for n in names:
                if n != keep:
                    del entities[n]
            entities[keep] = Entity(keep, entities[keep].kind, tuple(anchors), entities[keep].origin)


def _without_people(entities: dict[str, Entity], people: list[Person], paragraphs: tuple[Paragraph, ...],
                    cues: Cues) -> None:
    """"Director of the Office of Science Ana Ruiz": the office, without the person named after its title."""
    names = {p.name for p in people}
    for name in sorted(entities):
        entity = entities[name]
        words = name.split()
        size = next((n for n in range(2, min(6, len(words))) if " ".join(words[-n:]) in names), None)
        lead = next((n for n in range(2, min(6, len(words))) if " ".join(words[:n]) in names
                     and words[n : n + 1] == ["of"]), None)  # "Kwame Mensah of the University of Ghana"
        if (size is None and lead is None) or entity.origin != "text":
            continue
        cut = " ".join(words[:-size]) if size is not None else " ".join(words[(lead or 0) + 1 :]).removeprefix("the ")
        del entities[name]
        if kind_of(cut.split(), cues) is not None and cut not in entities:
            entities[cut] = Entity(cut, entity.kind, _mentions(paragraphs, cut), entity.origin)


def _family(name: str) -> str:
    """The last word of a name's folded key: two names of one person (see ``same_person``) share it."""
    words = name_key(name).split()
    return words[-1] if words else ""


def _accepts(accepted: str, candidate: str) -> bool:
    """book.yml's "Jorun Mette Holm" accepts the unsure "Mette Holm": the same person, or the name it cut short."""
    full, part = name_key(accepted).split(), name_key(candidate).split()
    return same_person(accepted, candidate) or (bool(part) and full[-len(part) :] == part)


def _resolve(org: str, entities: dict[str, Entity], acronyms: dict[str, Acronym]) -> str:
    """"Authority" → the one named entity it abbreviates ("Northern Waters Regional Authority"), if exactly one;
    "PHE" → the acronym's expansion ("Public Health England")."""
    if org in acronyms:
        return acronyms[org].expansion
    if not org or " " in org.strip():
        return org
    matches = [name for name in entities if name.split()[-1] == org]
    return matches[0] if len(matches) == 1 else org


def _rules_digest(config: BookConfig) -> str:
    """A digest of what the per-source rules read of book.yml (its cues) and of the rules themselves (the code)."""
    return hashlib.sha256(repr(config.cues).encode() + code_digest()).hexdigest()  # a changed rule must not reuse old findings


def extract(paragraphs: tuple[Paragraph, ...], config: BookConfig, published: Mapping[str, str] | None = None,
            titles: Mapping[str, str] | None = None, memo: Memo | None = None) -> Knowledge:
    """All knowledge in the paragraphs, with book.yml's additions, corrections and suppressions applied.

    ``published`` maps a source to its publication date, against which "today" or "last year" are dated;
    ``titles`` maps a source to its title, where a speech names its speaker ("Remarks by Governor Lind at …").
    Each source is read on its own (see :mod:`.sources`); ``memo`` holds findings remembered from an earlier
    run, reused where still true, and is left holding this run's.
    """
    gone = _Suppressed(config.suppress)
    common = lower_words(p.text for p in paragraphs)
    extra = dict(config.cues)
    roles = frozenset({*DEFAULT_ROLES, *(w.lower() for w in extra.pop("role", ()))})
    cues = Cues.build(extra.items())
    stop = frozenset({*cues.kinds, *(w.capitalize() for w in common), *(m.capitalize() for m in MONTHS)})
    rules = Rules(cues, roles, common, stop, _rules_digest(config))
    findings = find_all(tasks_of(paragraphs, published or {}, titles or {}), rules, memo)
    unsure: list[Candidate] = []
    acronyms = _acronyms(paragraphs, config, gone, unsure, findings)
    entities = _entities(paragraphs, config, gone, unsure, findings)
    _names_with_commas(paragraphs, acronyms, entities, cues, gone)
    _same_names(entities, {p.anchor: i for i, p in enumerate(paragraphs)})
    people = _people(paragraphs, config, stop, entities, common, gone, unsure, acronyms, findings)
    _without_people(entities, people, paragraphs, cues)
    for person in people:
        if person.name in entities and entities[person.name].origin == "text":
            del entities[person.name]
    taken = {k.casefold() for k in acronyms} | {a.expansion.casefold() for a in acronyms.values()}
    taken |= {e.casefold() for e in entities} | {p.name.casefold() for p in people}
    taken |= {a.casefold() for p in people for a in p.aliases}  # "the Ruiz campaign" names a person, not a term
    terms = _terms(paragraphs, config, common, taken, gone, acronyms, unsure, findings)
    figures = tuple(f for f in figures_of(k for f in findings for p in f.paragraphs for k in p.figures) if not gone(f.text))
    timeline = tuple(t for t in chronological([t for f in findings for t in f.timeline], paragraphs) if not gone(t.phrase))
    periods = tuple(p for p in periods_of((p.paragraph.anchor, name) for f in findings for p in f.paragraphs
                                          for name in p.periods) if not gone(p.name))
    fold: Callable[[str], str] = str.casefold
    return Knowledge(
        acronyms=tuple(sorted(acronyms.values(), key=lambda a: (fold(a.short), a.short))),
        terms=tuple(sorted(terms, key=lambda t: (fold(t.term), t.term))),
        figures=figures,
        timeline=timeline,
        periods=tuple(periods),
        people=tuple(sorted(people, key=lambda p: (fold(p.name), p.name))),
        entities=tuple(sorted(entities.values(), key=lambda e: (e.kind, fold(e.name), e.name))),
        unsure=tuple(sorted({(c.kind, c.name.casefold()): c for c in reversed(unsure)}.values(),
                            key=lambda c: (c.kind, fold(c.name), c.name, c.detail, c.anchor))),  # each once, first ¶
    )


__all__ = ["extract"]
