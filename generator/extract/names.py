"""Named organisations, events and places, and quoted key terms.

A name is a run of capitalised words, joined only by small words such as
"of", "for", "and" ("Bureau of Fisheries of the Northern
Province"). It is kept only if it has a cue word that says what it is
(Ministry → organisation, Forum → event, Center → place; the last cue
decides, so "Exhibition Center" is a place) and at least two words. Words
that are only capitalised because a sentence starts with them ("At the …",
"The Board") are dropped first: a word is common if the book also uses it in
lower case. Quoted text is read first: a quoted name keeps its subtitle
("Harbour Forum—Cleaner Ports, Quieter City"), and other quoted
phrases of a few plain words are the book's key terms.

The cue must head the name ("Census Bureau", "Bureau of Land Management"),
not qualify another noun ("School Food Plan"); role words, a possessive
name ("EDF’s Cannington Court") and "and the" end a name. Capitals are
Unicode classes of the ``regex`` module, and runs are read in one linear
pass. What only guesses (a "Fund", which may be money; "Red Cross and World
Health Organisation", one name or two?) is marked unsure, for ``briefbook
check`` to ask about.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass

import regex

from ..model import Paragraph
from .acronyms import long_form_before
from .text import FUNCTION_WORDS, QUOTES, TITLE_MODIFIERS, Sentence, is_shouting, sentences

DEFAULT_CUES: dict[str, tuple[str, ...]] = {
    "organisation": (
        "Ministry", "Council", "Office", "Department", "Bureau", "Agency", "Authority", "Commission", "Committee",
        "Administration", "Association", "Institute", "University", "Bank", "Company", "Corporation", "Board",
        "Laboratory", "Fund", "Foundation", "Organization", "Organisation", "Secretariat", "Parliament", "Senate",
        "Court", "Federation", "Alliance", "Chamber", "Union", "Academy", "Trust", "Network", "Coalition", "College",
        "School", "Hospital", "Group", "Holdings", "Unit", "Observatory", "Division", "Directorate", "Society",
        "Cooperative", "Co-operative", "Service", "Police", "Railroad", "Railway", "Forces", "Inc", "LLC", "Ltd",
        "plc", "Conservancy", "Institution",
    ),
    "event": (
        "Forum", "Fair", "Summit", "Conference", "Expo", "Exhibition", "Festival", "Symposium", "Congress",
        "Olympics", "Games", "Week", "Dialogue", "Workshop", "Roundtable",
    ),
    "place": (
        "Center", "Centre", "Park", "Hall", "Square", "Stadium", "Museum", "Airport", "Port", "River", "Lake",
        "Mountains", "Street", "Road", "Avenue", "Bridge", "Valley", "Island", "Bay", "Province", "City", "County",
        "District", "Town", "Village", "Region", "Building", "Plaza", "Harbour", "Harbor", "Coast", "Canal", "Basin",
        "Farm", "Station", "Terminal",
    ),
}

#: A capitalised word, Unicode letters included ("Øresund", "Łódź"); possessive quantifiers read each character once.
_CAP = r"(?>(?:\p{Lu}\.){2,3}|\p{Lu}[\w'’]*+(?:[-–&][\p{L}\p{N}][\w'’]*+)*+)"  # "U.S.", "Øresund", "Clean-up", "A&M"
_JOIN = r"(?:of|for|in|on|and|the|de|du|des|la|le|&)"
#: A run of capitalised words joined by at most three small words; linear: no two parts can match the same text.
_NUMBER_IN_NAME = r"(?:\s\d{1,4}\p{Lu}?(?=\s\p{Lu}))?"  # "Heysham 2 Nuclear Power Station", "Block 1B Office"; not "in Riga on 4 October"
NAME_RUN = regex.compile(rf"(?<![\w.&-]){_CAP}{_NUMBER_IN_NAME}(?:\s(?:{_JOIN}\s){{0,3}}{_CAP}{_NUMBER_IN_NAME})*+")
#: Nouns after a name that make it a publication, not a place: "writing in Harbour Affairs magazine".
_PUBLICATION = regex.compile(r"\s(?:magazine|newspaper|journal|daily|weekly|newsletter|podcast|blog|think[- ]tank)\b")
#: Cue words that leave the kind in doubt: a fund is as often a sum of money as a body that manages one.
_DOUBTFUL_CUES = frozenset({"Fund", "Network", "Court"})  # a network or a court may be a system or a building
_NAME_JOINERS = frozenset({"of", "for", "in", "on", "and", "the", "de", "du", "des", "la", "le", "&", "at"})
#: Place cues that name an organisation when a topic follows: "Center for Strategic Studies" is a think tank.
_TOPICAL_PLACES = frozenset({"Center", "Centre"})
#: Plain English words before "Center" that make it a building or a venue: "Convention Center", "Visitor Center".
_VENUE_BEFORE_CENTRE = frozenset(
    {"Exhibition", "Convention", "Conference", "Congress", "Expo", "Events", "Visitor", "Visitors", "Shopping",
     "Community", "Sports", "Leisure", "Civic", "Arts", "Cultural", "Heritage", "Garden", "Town", "City", "Trade"})
#: Plain English words before "Center" that make it a body doing that work: "Research Center", "Flight Center".
_WORK_BEFORE_CENTRE = frozenset(
    {"Research", "Flight", "Science", "Sciences", "Studies", "Policy", "Innovation", "Technology", "Development",
     "Training", "Information", "Coordination", "Prediction", "Excellence", "Analysis", "Learning", "Education"})
#: Legal forms of a company: "ACME LLC" is a company though its name is an abbreviation.
_COMPANY = frozenset({"Inc", "LLC", "Ltd", "plc", "Corporation", "Company"})
#: A word in capitals, an abbreviation: "SMD", "EPA", "SJSU-NASA".
_ACRONYM = regex.compile(r"[\p{Lu}\d&.-]{2,20}+")


@dataclass(frozen=True)
class Quote:
    text: str
    start: int  # offset of the text inside the paragraph, after the opening quote
    end: int


def quotes(text: str) -> list[Quote]:
    """Quoted stretches, pairing quote marks in order: straight and curly marks may be mixed."""
    marks = [m.start() for m in _QUOTE_MARK.finditer(text)]
    out = []
    for a, b in zip(marks[::2], marks[1::2], strict=False):
        inner = text[a + 1 : b]
        if inner.strip() and len(inner) <= 200:
            out.append(Quote(inner.strip(), a + 1, b))
    return out


@dataclass(frozen=True)
class Cues:
    """Cue word → kind, from the defaults plus book.yml's ``cues``."""

    kinds: Mapping[str, str]

    @staticmethod
    def build(extra: Iterable[tuple[str, tuple[str, ...]]] = ()) -> Cues:
        kinds: dict[str, str] = {}
        for kind, words in [*DEFAULT_CUES.items(), *extra]:
            for word in words:
                kinds[word[:1].upper() + word[1:]] = kind
        return Cues(kinds)

    def kind(self, tokens: list[str]) -> str | None:
        parts = [p for t in tokens for p in _DASHES.split(t)]  # "Agency–Energy" is an agency
        found = [self.kinds[p] for p in parts if p in self.kinds]
        return found[-1] if found else None


_DASHES = re.compile(r"[-–—]")
_QUOTE_MARK = re.compile(f"[{re.escape(QUOTES)}]")
_NON_SPACE = re.compile(r"\S+")
_OWNER_S = re.compile(r"['’]s?$")
_ENDS_OWNER = re.compile(r"\w['’]s?$")
_HYPHEN_LOWER = regex.compile(r"-\p{Ll}+$")
_CAPITAL = regex.compile(r"(?<![\w’'-])\p{Lu}")
_DOTTED_REGION = regex.compile(r",\s\p{Lu}\.\p{Lu}\.(?!\w)")  # "Washington, D.C.": the district is the city's name
_INDEFINITE_BEFORE = regex.compile(r"(?<![\w’'-])[Aa]n?\s$")  # "an Accountable Care Organization": a kind of body
_INITIAL_BEFORE = regex.compile(r"(?<![\w.])\p{Lu}\.\s$")  # a person's initial: the run goes on with the name


@functools.lru_cache(maxsize=4096)  # entities and programme names both ask, paragraph by paragraph
def sentence_starts(text: str) -> frozenset[int]:
    starts = set()
    for s in sentences(text):
        lead = len(s.text) - len(s.text.lstrip(QUOTES + "‘'( "))
        starts.add(s.start + lead)
    return frozenset(starts)


def trim_name(text: str, start: int, starts: Container[int], common: Container[str]) -> tuple[str, int]:
    """Drop leading words that are not part of a name: function words, sentence-initial common words, digits."""
    tokens = list(_NON_SPACE.finditer(text))
    i = 0
    while i < len(tokens):
        word = tokens[i].group()
        low = word.lower()
        at_start = start + tokens[i].start() in starts
        if low in FUNCTION_WORDS or (at_start and low in common) or word[:1].isdigit():
            i += 1
            continue
        break
    if i >= len(tokens):
        return "", start
    return text[tokens[i].start() :], start + tokens[i].start()


def _split_and(words: list[str], cues: Cues) -> list[list[str]]:
    """"Lakeside Exhibition Center and Harbour Park" is two places, "Rail and Road" one name.

    Split at every "and" whose left part so far and everything to its right
    each have a cue word; "and the" always splits ("the Ministry of Energy and
    the Port Authority"), and so does an "and" right after a cue that ends a
    name ("Kelby University and NASA"). One pass, right to left for the cues on the right.
    """
    if "and" not in words:
        return [words]
    groups: list[list[str]] = [[]]
    for w in words:
        if w == "and":
            groups.append([])
        else:
            groups[-1].append(w)
    right_has_cue = [False] * (len(groups) + 1)
    for i in range(len(groups) - 1, -1, -1):
        right_has_cue[i] = right_has_cue[i + 1] or cues.kind(groups[i]) is not None
    out: list[list[str]] = [groups[0]]
    for i, group in enumerate(groups[1:], start=1):
        left_cue = cues.kind(out[-1]) is not None
        complete = bool(out[-1]) and out[-1][-1] in cues.kinds and len(out[-1]) >= 2  # "Mesa University and NASA"
        if (left_cue and right_has_cue[i]) or group[:1] == ["the"] or complete:
            out.append(group[1:] if group[:1] == ["the"] else group)
        else:
            out[-1] = [*out[-1], "and", *group]
    return out


def _cue_has_company(words: list[str], cues: Cues) -> bool:
    """A cue word needs another name word on its side of any "and": not "Rail and Road"."""
    groups: list[list[str]] = [[]]
    for w in words:
        if w == "and":
            groups.append([])
        elif w.lower() not in FUNCTION_WORDS:
            groups[-1].append(w)
    return any(len(g) >= 2 and cues.kind(g) is not None for g in groups)


@dataclass(frozen=True)
class Named:
    """A named organisation, event or place found in one paragraph; ``sure`` is False where the rules only guess."""

    name: str
    kind: str
    sure: bool = True
    reason: str = ""


#: Words just before "in X" that make X a publication or a medium, not a place: "writing in Harbour Affairs".
_PUBLISHED_IN = regex.compile(
    r"(?:writ\w*|wrote|publish\w*|report\w*|quoted|appear\w*|interview\w*|said|sp[eo]\w*|available|translated"
    r"|printed|broadcast|subtitled|featured)\s++in\s$"
)
#: The longest run of words read as one name; longer runs are lists or headlines.
_MAX_NAME_WORDS = 14


def kind_of(part: list[str], cues: Cues) -> str | None:
    """The kind of a name by its last cue, which must head it: "Census Bureau", "Bureau of Land Management";
    not "School Food Plan" or "County Business Patterns" (the cue only qualifies another noun).
    "Center for …" (a topic after it) is an organisation, a think tank; a place named after "of" does not make
    an organisation a place ("University of Lake County")."""
    heads = [i for i, w in enumerate(part) if cues.kind([w]) is not None]
    if not heads:
        return None
    last = heads[-1]
    if last + 1 < len(part) and part[last + 1] not in _NAME_JOINERS:
        return None
    kind = cues.kind(part)
    of_at = next((i for i, w in enumerate(part) if w in ("of", "for")), len(part))
    before_of = [i for i in heads if i < of_at]
    if kind == "place" and before_of and cues.kind([part[before_of[-1]]]) == "organisation":
        return "organisation"
    if kind == "place":
        for i, w in enumerate(part[:-1]):
            if w in _TOPICAL_PLACES and part[i + 1] in ("for", "on", "of") and not any(
                    cues.kinds.get(x) == "place" for x in part[i + 1 :]):
                return "organisation"
        if part[last] in _TOPICAL_PLACES and last > 0 and part[last - 1] in _WORK_BEFORE_CENTRE:
            return "organisation"  # "Ames Research Center", "Space Flight Center": a body doing that work
    return kind


def _centre_doubt(part: list[str], kind: str) -> str:
    """A centre is a building ("Convention Center") or a body ("Research Center"); other centres are asked about."""
    if kind != "place" or part[-1] not in _TOPICAL_PLACES or len(part) < 2 or part[-2] in _VENUE_BEFORE_CENTRE:
        return ""
    return f"“{part[-1]}” names a building or the body that works in it: is this a place?"


def _up_to_head(part: list[str], cues: Cues, common: Container[str]) -> tuple[list[str], list[str]]:
    """"Kelby Port Authority Eli Dahl" → "Kelby Port Authority": a name ends at its last cue if more capitals follow
    it, and keeps it only if a word before the cue is one the text never writes in lower case ("Annual County
    Audit" is no name). Returns the name and the words cut off after it."""
    heads = [i for i, w in enumerate(part) if cues.kind([w]) is not None]
    if not heads or heads[-1] + 1 >= len(part) or part[heads[-1] + 1] in _NAME_JOINERS:
        return part, []
    cut = part[: heads[-1] + 1]
    proper = any(w not in cues.kinds and w.lower() not in common and w not in _NAME_JOINERS for w in cut)
    return (cut, part[heads[-1] + 1 :]) if proper else (part, [])


def _after_plain_lead(part: list[str], cues: Cues, common: Container[str]) -> list[str]:
    """"Funding for Kelby University Hospital" → "Kelby University Hospital": common words with no cue before the
    first "of" or "for" do not make a name of the one after it ("Bureau of …" and "Port of …" keep theirs, and so
    do proper names: "Occidental of Elk Hills Inc", "Kelby House of Representatives Fiscal Agency")."""
    at = next((i for i, w in enumerate(part) if w in ("of", "for")), None)
    if at is None or at == 0 or cues.kind(part[:at]) is not None or any(w.lower() not in common for w in part[:at]):
        return part
    after = part[at + 1 :]
    if after[:1] == ["the"]:
        after = after[1:]
    return after if len(after) >= 2 and cues.kind(after) is not None else part


def _looks_like_a_person(words: list[str], cues: Cues, common: Container[str]) -> bool:
    """"Eli Dahl" after "Chief Executive of the Kelby Port Authority": two to four capitalised words, none a cue or a
    common word. Anything else after a cue ("Distinguished Service Medal"), or words after a name no title opened
    ("Harbour Services Canada"), says the name goes on, so the cut is a guess."""
    return 2 <= len(words) <= 4 and all(
        w[:1].isupper() and w not in cues.kinds and w.lower() not in common and not w.isupper() for w in words)


def _two_names(part: list[str], cues: Cues) -> bool:
    """"Red Cross and World Health Organisation": two words or more on each side of "and", a cue only on the right."""
    if "and" not in part:
        return False
    i = part.index("and")
    left, right = part[:i], part[i + 1 :]
    return len(left) >= 2 and len(right) >= 2 and cues.kind(left) is None and cues.kind(right) is not None


def _possessive_segments(words: list[str], common: Container[str], cues: Cues,
                         roles: frozenset[str] = frozenset()) -> list[tuple[list[str], bool]]:
    """"EDF’s Cannington Court" → "EDF", "Cannington Court": a possessive name ends a name.

    A possessive common word stays inside it ("Women’s Engineering Society", "Department of Veterans’ Affairs"),
    and so does one after "the" ("Ministry of Commerce of the People's Republic of China"), unless the words
    on each side are a name of their own, each with its cue ("Bureau of Fish’ Hatchery Programme"). A
    possessive closing the run is no part of the name ("Department of Energy’s"). A title's possessive is part of
    the name ("Kelby County Sheriff’s Office"); an abbreviation's ends a name even after "the" ("the FBI’s
    Harbour Division"). Each segment comes with
    whether a named body owns it ("Port Agency’s Fifth Conference"): an event so owned may be a name of its own or
    only the body's conference, and goes to the unsure list; a body's centre or a place in it does not.
    """
    out: list[tuple[list[str], bool]] = [([], False)]
    for i, w in enumerate(words):
        owner = _OWNER_S.sub("", w) if _ENDS_OWNER.search(w) and len(w) > 3 else None
        current = out[-1][0]
        plural = w.endswith(("s’", "s'"))  # "Veterans’ Affairs": a plural is a word more often than a name
        rest = words[i + 1 :]
        own = current[len(current) - current[::-1].index("and") :] if "and" in current else current
        named_owner = owner is not None and len(own) >= 1 and cues.kind([*own, owner]) is not None  # not "X and NASA’s"
        if owner is not None and i == len(words) - 1:
            current.append(owner)
        elif owner is None or current[-1:] == ["the"] and not _ACRONYM.fullmatch(owner) or owner.lower() in roles:
            current.append(w)
        elif named_owner and (cues.kind(rest) is not None or plural and len(rest) >= 2):
            current.append(owner)
            out.append(([], True))  # the named body's own conference or programme, or a name of its own?
        elif owner.lower() not in common and not plural:
            current.append(owner)
            out.append(([], False))
        else:
            current.append(w)
    return [(seg, owned) for seg, owned in out if seg]


def _office_of_title(piece: list[str], after: list[str], cues: Cues, roles: frozenset[str]) -> bool:
    """"Office of the National Harbour Director": a title closing an "of the" phrase may be the office's namesake,
    unless a person's name follows it ("Department of the Interior Secretary Deb Haaland")."""
    of_the = any(a == "of" and b == "the" for a, b in zip(piece, piece[1:], strict=False))
    person = len(after) == 2 and all(w[:1].isupper() and w not in cues.kinds and w.lower() not in roles
                                     and w not in _NAME_JOINERS for w in after)
    return of_the and not person


def _unit_of(part: list[str], cues: Cues) -> bool:
    """"Harbour Pilots Section of the Port Safety Division": capitals without "of", then "of the" and a body with its
    own cue: the section's name alone, or one long name? (Not "Ministry of Commerce of the …", nor "Bureau of the
    Census".)"""
    at = next((i for i in range(2, len(part) - 2) if part[i] == "of" and part[i + 1] == "the"), None)
    return at is not None and not set(part[:at]) & _NAME_JOINERS and cues.kind(part[at + 2 :]) is not None


def _two_people(words: list[str], cues: Cues) -> bool:
    """"Ann Lie and Bo Dahl" after a plural title ("Assistant Attorneys …"): names without cue words each side of
    "and" (not "Representatives Fiscal Agency and the …")."""
    if "and" not in words:
        return False
    at = words.index("and")
    return 1 <= at <= 3 and len(words) > at + 1 and all(w[:1].isupper() and w not in cues.kinds
                                                          for w in (*words[:at], words[at + 1]))


def _after_person(words: list[str], cues: Cues, common: Container[str]) -> list[str]:
    """"Ana Ruiz of the Kelby Port Office" after a title → "Kelby Port Office": one to four capitalised words that are
    no cue, no common word and no abbreviation, then "of" or "for", are the titled person's name, not the name's
    start."""
    at = next((i for i, w in enumerate(words[:10]) if w in ("of", "for")), None)
    people = " ".join(words[:at]).split(" and ") if at else []  # "Ana Ruiz and Tom Weber for the …"
    if not at or not all(1 <= len(person.split()) <= 4 and all(
            w[:1].isupper() and w not in cues.kinds and w.lower() not in common and not w.isupper()
            and w not in _NAME_JOINERS for w in person.split()) for person in people):
        return words
    rest = words[at + 1 :]
    return rest[1:] if rest[:1] == ["the"] else rest


def _named(words: list[str], cues: Cues, common: Container[str], roles: frozenset[str], after_in: bool,
           after_title: bool = False, before_title: bool = False) -> list[Named]:
    """The names in one run of capitalised words (already trimmed), with their kinds.

    Role words split the run ("Department of Energy Secretary Jennifer Granholm" → the department; "Interior
    Secretary Deb Haaland and the Bureau of Land Management Director" → the bureau), and so does a bare "the"
    that follows no small word ("In January the Port Agency").
    """
    pieces: list[list[str]] = [[]]
    titled: set[int] = set()  # pieces whose name may go on with the title after them
    for i, w in enumerate(words):
        plural_title = w.endswith("s") and w[:-1].lower() in roles and _two_people(words[i + 1 : i + 9], cues)
        if ((w.lower() in roles or plural_title) and i > 0) or (w == "the" and i > 0 and words[i - 1] not in _NAME_JOINERS):
            if w.lower() in roles and _office_of_title(pieces[-1], words[i + 1 : i + 3], cues, roles):
                titled.add(len(pieces) - 1)
            pieces.append([])
        else:
            pieces[-1].append(w)
    if len(pieces) > 1:
        return [n if k not in titled else Named(n.name, n.kind, False, "does the name go on with the title after it?")
                for k, piece in enumerate(pieces)
                for n in _named(piece, cues, common, roles, after_in and k == 0, k > 0, k < len(pieces) - 1)]
    out: list[Named] = []
    after_title = after_title or bool(words) and words[0].lower() in roles  # a person may follow the name
    while words and (words[0].lower() in roles or words[0].lower() in FUNCTION_WORDS or words[0] in _CALENDAR
                     or _HYPHEN_LOWER.search(words[0])):
        words = words[1:]  # "Director of the Office of …" → the office; "UK-led Training Academy" → the academy
    if after_title:
        words = _after_person(words, cues, common)
    while words and (words[-1].lower() in _NAME_JOINERS or words[-1] in _CALENDAR):
        words = words[:-1]  # "Hai Phong Port on Monday" → the port
    place: list[str] = []
    where = next((i for i in range(1, len(words) - 1) if words[i] in ("in", "at")
                  and (words[i - 1] in cues.kinds or cues.kind(words[i + 1 :]) == "place"
                       or cues.kind(words[:i]) is None)), None)
    if where is not None:  # "Baltic Sea Conference in Riga", "Belridge Field in Kern County", "Peace in Syria"
        words, place = words[:where], words[where + 1 :]
    elif after_in and not cues.kind(words):
        words, place = [], words  # "in Gdansk"
    if place and not cues.kind(place) and _place_name(place, common):
        out.append(Named(" ".join(place), "place"))
    groups = [words, place] if place and cues.kind(place) else [words]
    for group in groups:
        parts = _split_and(group, cues)
        for n, part in enumerate(parts):
            if before_title and n == len(parts) - 1 and part[:1] and part[0].lower() in TITLE_MODIFIERS:
                continue  # "Senior U.S. District Judge": capitals opened by "Senior" or "Acting" qualify the title
            part = _after_plain_lead(part, cues, common)
            part, rest = _up_to_head(part, cues, common)
            kind = kind_of(part, cues)
            if kind and 2 <= len(part) <= _MAX_NAME_WORDS and _cue_has_company(part, cues):
                heads = [w for w in part if w in cues.kinds]
                others = [w for w in part if w not in cues.kinds and w not in _NAME_JOINERS]
                if heads and heads[-1] in _DOUBTFUL_CUES:
                    doubt = f"“{heads[-1]}” names many things: is this {kind}?"
                elif _two_names(part, cues):
                    doubt = "one name, or two joined by “and”?"
                elif _unit_of(part, cues):
                    doubt = "a unit named with the body it belongs to, or one name?"
                elif rest and not (after_title and _looks_like_a_person(rest, cues, common)):
                    doubt = f"does the name go on (“{' '.join([*part, *rest])}”)?"
                elif others and all(_ACRONYM.fullmatch(w) for w in others) and heads[-1] not in _COMPANY:
                    doubt = f"an abbreviation and “{heads[-1]}”: a name, or a programme, a post, a part of something?"
                else:
                    doubt = _centre_doubt(part, kind)
                out.append(Named(" ".join(part), kind, not doubt, doubt))
    return out


def entity_candidates(p: Paragraph, cues: Cues, common: Container[str], roles: frozenset[str]) -> list[Named]:
    """The named organisations, events and places in one paragraph, in text order."""
    if is_shouting(p.text):
        return []
    out: list[Named] = []
    pieces: list[str] = []
    done = 0
    for q in quotes(p.text):
        words = q.text.split()
        head = re.split(r"[—–]", q.text)[0]  # "X Forum—Quieter City": the forum, not the city
        kind = kind_of([w.strip(",.;:") for w in head.split()], cues)  # the cue heads it: not "Service Driven …"
        title_case = all(w[:1].isupper() or w.lower() in FUNCTION_WORDS for w in head.split())
        subtitled = ":" in q.text and title_case  # “Tidewatch: Listening to the Harbour”: a title, no name in it
        if q.text[:1].isupper() and kind and title_case and 2 <= len(words) <= _MAX_NAME_WORDS and not subtitled:
            out.append(Named(q.text.strip(" ,.;:"), kind))
        if subtitled or (q.text[:1].isupper() and kind and title_case and 2 <= len(words) <= _MAX_NAME_WORDS):
            pieces += [p.text[done : q.start], " " * (q.end - q.start)]  # read once, as a whole
            done = q.end
    text = "".join([*pieces, p.text[done:]])
    starts = sentence_starts(p.text)
    campus_until = -1
    town_end = -1  # where the last place read after "in" ends: "in Greenbelt, Maryland"
    for m in NAME_RUN.finditer(text):
        if m.group().count(" ") > 4 * _MAX_NAME_WORDS:
            continue  # a list or a headline, not a name
        if m.start() < campus_until:
            continue  # the campus of the university before it, asked about with it
        name, at = trim_name(m.group(), m.start(), starts, common)
        after_in = text[max(0, at - 3) : at].lower() == "in "  # "In London, …" too
        if _PUBLICATION.match(text, m.end()) or re.search(r"think[- ]tank,?\s$", text[max(0, at - 12) : at]):
            continue  # "Harbour Affairs magazine", "the think tank Ocean Futures": not a place
        if after_in and _PUBLISHED_IN.search(text[max(0, at - 16) : at]):
            continue  # "writing in Foreign Affairs": a publication
        quoted = text[max(0, at - 1) : at] == "‘"
        split = name.split()  # a plural possessive inside the run ("Affairs’ Fund") is kept; a closing quote is not
        words = [w.rstrip("’'") if not w.endswith(("’s", "'s")) and (quoted or k == len(split) - 1
                                                                       or not w.endswith(("s’", "s'"))) else w
                 for k, w in enumerate(split)]
        if _INITIAL_BEFORE.search(text[max(0, at - 4) : at]):  # "Nora K. Vatne of the Harbour Division"
            words = _after_person(words, cues, common)
        if quoted:  # ‘Partners in Defence’: a title in single quotes, no place in it
            found = [n for n in _named(words, cues, common, roles, False) if n.kind != "place"]
        else:
            found = [n if not owned or not n.sure or n.kind != "event" else
                     Named(n.name, n.kind, False, "the name of an event, or only the event of the body before it?")
                     for k, (segment, owned) in enumerate(_possessive_segments(words, common, cues, roles))
                     for n in _named(segment, cues, common, roles, after_in and k == 0)]
        doubt = ""
        dropped = m.group()[: at - m.start()].split()
        if dropped and dropped[-1].lower() not in FUNCTION_WORDS and not dropped[-1][:1].isdigit() and found \
                and name.startswith(found[0].name.split()[0]):
            first = found[0]  # "National Citizen Service" opening a sentence: "National" may be part of the name
            found[0] = Named(first.name, first.kind, False, f"does the name begin with “{dropped[-1]}”?")
        if _LIST_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            doubt = "the end of a longer name (“Oil, Gas, and …”)?"
        elif _NUMBER_AFTER.match(text, m.end()):
            doubt = "the name goes on with a number: where does it end?"
        elif found and m.group().endswith(found[-1].name) and (short := _BRACKETED_SHORT.match(text, m.end())) \
                and not _spells(short.group(1), found[-1].name):
            doubt = f"“({short.group(1)})” does not spell this name: is it cut or miswritten?"
        elif found and m.group().endswith(found[-1].name) and _field_at_end(found[-1].name, cues) \
                and (more := _FIELDS_AFTER.match(text, m.end())) and not cues.kind(more.group().split()):
            doubt = f"does the name go on after its comma (“{found[-1].name}{more.group()}…”)?"
        campus = _CAMPUS.match(text, m.end()) if found and _CAMPUS_CUES & set(found[-1].name.split()) \
            and m.group().endswith(found[-1].name) else None  # not "Iowa State University in Ames, Iowa"
        if campus and cues.kind(campus.group(1).split()) in (None, "place"):
            doubt = f"does the name go on after its comma (“{found[-1].name}, {campus.group(1)}”)?"
            campus_until = campus.end()
        if doubt and found:
            found[-1] = Named(found[-1].name, found[-1].kind, False, doubt)
        if found and found[0].sure and _INDEFINITE_BEFORE.search(text[max(0, at - 4) : at]) \
                and name.startswith(found[0].name) and not _BRACKETED_SHORT.match(text, m.end()):
            # "part of an Accountable Harbour Organisation where …"; but "an Office of Tides (OT) grant" names one
            found[0] = Named(found[0].name, found[0].kind, False, "after “a”: a kind of body, or one named body?")
        if not found and m.start() == town_end + 2 and text[town_end : m.start()] == ", " and _place_name(words, common) \
                and (len(words) == 1 or len(words) == 2 and words[0] in _COMPASS) and _REGION_END.match(text, m.end()):
            found = [Named(" ".join(words), "place")]  # "in Greenbelt, Maryland.": the region the town is in
        if found and found[-1].kind == "place" and m.group().endswith(found[-1].name) \
                and (dotted := _DOTTED_REGION.match(text, m.end())):  # "in Kelby, T.R.": one place, as written
            found[-1] = Named(f"{found[-1].name}{dotted.group()}", "place", found[-1].sure, found[-1].reason)
        town = next((n for n in found if n.kind == "place" and n.sure and m.group().endswith(n.name)), None)
        in_town = town is not None and (after_in or m.group().endswith(f" in {town.name}"))  # "Center in Greenbelt"
        town_end = m.end() if in_town else -1
        out.extend(found)
    return out


#: The first word of a two-word region ("New Marland", "South Tarvo"); other pairs after a comma may be a person.
_COMPASS = frozenset({"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "New", "Upper",
                      "Lower"})
#: What may follow "in Town, Region": the sentence or clause goes on after a mark, not with the region's noun.
_REGION_END = regex.compile(r"(?:[,.;:)]|$)")


#: "University of Maryland, Baltimore County": a campus after a comma may belong to the name.
_CAMPUS_CUES = frozenset({"University", "College"})
_CAMPUS = regex.compile(r",\s(\p{Lu}[\w'’-]{0,30}+(?:\s\p{Lu}[\w'’-]{0,30}+){0,2}+)(?=[,.;)]|$|\s(?:and|in|to)\s)")


#: A run right after "Gas, and ": the last item of a list inside a longer name.
_LIST_BEFORE = regex.compile(r"\p{Lu}[\w'’-]{0,30}+,?\s(?:and|or)\s$")
#: "EPA Region 7": a number after the run continues the name.
#: ", Maritime Affairs and Trade": more fields after a comma, the last after "and" (bounded, no backtracking)
_FIELDS_AFTER = regex.compile(r",\s\p{Lu}[\w'’-]{0,30}+(?:\s\p{Lu}[\w'’-]{0,30}+){0,3}+,?\s(?:and|&)\s\p{Lu}")


#: "Office of Land Records (OLR)": a short form in brackets right after a name, which should spell it.
_BRACKETED_SHORT = regex.compile(r"\s\((\p{Lu}[\p{Lu}&]{1,9}+)\)")


def _spells(short: str, name: str) -> bool:
    """Whether the short form spells the name or its end ("Health Services (HS)" of "Department of Health
    Services"), by initials with or without small words and an article ("The Tide Trust (TTT)"), a word in
    capitals giving all its letters ("UK Ports Agency (UKPA)"), or as the acronym rules match a long form."""
    words = [w for w in regex.split(r"[\s-]+", name) if w]
    letters = short.replace("&", "").upper()
    for k in range(len(words)):  # each ending of the name: at most _MAX_NAME_WORDS
        tail = words[k:]
        initials = [w.replace(".", "") if w.replace(".", "").isupper() else w[0].upper() for w in tail]
        big = "".join(i for i, w in zip(initials, tail, strict=True) if w not in _NAME_JOINERS)
        if letters in (big, "".join(initials), "T" + big):
            return True
    definition = long_form_before(short, name)
    return definition is not None and definition.sure


def _field_at_end(name: str, cues: Cues) -> bool:
    """"Institute for Ports": the name ends in the field its "of" or "for" names, with no cue word after it."""
    words = name.split()
    at = max((i for i, w in enumerate(words) if w in ("of", "for")), default=-1)
    return 0 < at < len(words) - 1 and not any(w in cues.kinds for w in words[at + 1 :])


_NUMBER_AFTER = regex.compile(r"\s(?:\([\p{L}\p{N}.&-]{1,12}+\)\s)?\d")  # "Fiscal Year (FY) 2021"
#: Endings of abstract nouns and of languages, never a place's: "growth in Employment", "in Danish", "in Japanese".
_ABSTRACT = regex.compile(r"(?:tions?|ments?|ics|ogy|ism|ish|ese)$")


def _place_name(words: list[str], common: Container[str]) -> bool:
    """A name that can be a place: a plain name with no abstract noun or language in it."""
    return _plain_name(words, common) and not any(_ABSTRACT.search(w) for w in words)


_CALENDAR = frozenset(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
     "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Spring", "Summer",
     "Autumn", "Fall", "Winter"]
)


def _plain_name(words: list[str], common: Container[str]) -> bool:
    """Capitalised words that can only be a name: not common words, dates, acronyms or function words."""
    return 1 <= len(words) <= 3 and all(
        w[:1].isupper() and not w.isupper() and w.lower() not in common and w not in _CALENDAR
        and w.lower() not in FUNCTION_WORDS
        for w in words
    )


#: ‘single quotes’ (British house style): an opening mark before a letter, a closing one not followed by a letter, so
#: the apostrophe of "PHE’s" neither opens nor closes; bounded to 80 characters, read from each opening mark once.
_SINGLE_QUOTE = regex.compile(r"(?<![\w’'])[‘'](?=\p{L})(?P<inner>[^‘’'\n]{1,80}?)(?<=[\p{L}\p{N}.?!,])[’'](?!\p{L})")
#: Nouns after a quoted name that make it a named programme: "the “Clean Harbours” campaign".
_PROGRAMME_AFTER = regex.compile(
    r"[’'”\"]?,?\s(?:campaign|scheme|programme|program|initiative|project|plan|strategy|tool|grants?|fund|award|"
    r"challenge|policy|standard|framework|pledge|partnership|pilot|label|brand|app|platform)s?\b"
)
#: "the so-called Y", "known as Y", "referred to as Y": the text names a term; Y is quoted, capitalised ("Block 1B")
#: or a few lower-case words that end the clause ("known as hydraulic fracturing,").
_NAMED_AS = regex.compile(
    r"(?<![\w-])(?i:so-called|known\sas|referred\sto\sas|dubbed)\s(?:the\s)?"
    r"(?:(?P<name>\p{Lu}[\p{L}\p{N}'’-]{0,30}(?:\s(?:(?:of|and|for|to|the|in|on)\s){0,2}[\p{Lu}\p{N}][\p{L}\p{N}'’-]{0,30}){0,7})"
    r"|(?P<plain>\p{Ll}[\p{Ll}-]{0,30}(?:\s\p{Ll}[\p{Ll}-]{0,30}){0,2})(?=[,.;:)]|$))"
)
#: Words that make a quote something someone said, not a term: "“We are ready,” she said".
_SPOKEN = frozenset({"i", "we", "you", "our", "us", "my", "your", "me"})
_SPEECH_AFTER = regex.compile(
    r"[,’'”\"]{0,3}\s(?:[\w’'-]{1,30}\s){0,3}(?:said|says|added|adds|explained|explains|according|told|asked)\b"
)


#: After a quoted word, what makes it the word defined: punctuation ("“blocks,” the areas …") or "is", "means".
_DEFINING_AFTER = regex.compile(r"[’'”\"]?(?:[,;:)]|\.(?!\w)|\s(?:is|are|means|refers|describes)\b)")


#: Before a quote, what makes it something someone said: a verb of saying or a verb the quote completes ("said the
#: plan would “pay for itself”", "is “necessary to …”"). A quote after an article or adjective is a noun: maybe a term.
_SPEECH_BEFORE = regex.compile(
    r"(?<![\w-])(?:said|says|say|told|added|adds|warned|promised|insisted|argued|would|will|could|should|can|may|might"
    r"|must|to|was|were|is|are|be|been|being|that)\s[‘'“\"]$"
)


def _quoted(text: str) -> list[Quote]:
    """Double and single quoted stretches, in order."""
    found = quotes(text)
    found.extend(Quote(m.group("inner").strip(), m.start("inner"), m.end("inner")) for m in _SINGLE_QUOTE.finditer(text))
    return sorted(found, key=lambda q: q.start)


#: A lower-case programme noun right after a capitalised name: "the Help to Save scheme", "PHE’s One You campaign".
_PROGRAMME_NOUN = regex.compile(r"\s(?:scheme|programme|program|initiative|campaign|tool|strategy|pledge|app)s?(?![\w-])")
_JOINED_NAME = regex.compile(r"[\p{L}\p{N}’'-]{1,40}+(?:\s(?:(?:to|of|for|in|on|and|the|a)\s){0,2}[\p{Lu}\p{N}][\p{L}\p{N}’'-]{0,40}+){0,5}")


def programme_names(p: Paragraph, common: Container[str]) -> list[tuple[str, str]]:
    """(name, sentence) for each programme, tool or campaign the text names without quotes: "a new Help to Save
    scheme", "PHE’s One You campaign".

    The name is the capitalised run right before a lower-case programme noun, after a possessive ("PHE’s"), after
    "for the" ("Adviser for the One You campaign") and without words capitalised only because they open the
    sentence. Whether the text uses it as a key term is a guess: these go to ``briefbook check``, not to a page.
    """
    text = p.text
    spans = sentences(text)
    starts = sentence_starts(text)
    offsets = [s.start for s in spans]
    out = []
    covered = 0
    for m in _CAPITAL.finditer(text):
        if m.start() < covered:
            continue  # inside the run already read: "Save" of "Help to Save"
        run = _JOINED_NAME.match(text, m.start())
        if run is None:
            continue
        covered = run.end()
        if not _PROGRAMME_NOUN.match(text, run.end()):
            continue
        words = run.group().rstrip("’'").split()  # "the ‘Best Use of Dry Docks’ scheme": a quoted name, read above
        cut = max((i + 1 for i, w in enumerate(words) if w.endswith(("’s", "'s"))), default=0)  # "PHE’s One You"
        cut = max([cut] + [i + 1 for i, w in enumerate(words) if w == "the" and i > 0
                           and (words[i - 1] in _NAME_JOINERS or m.start() in starts)])  # "Access the Heart Age"
        name, _ = trim_name(" ".join(words), m.start(), starts, common) if cut == 0 else (" ".join(words[cut:]), 0)
        words = name.split()
        if not words or words[-1] in _NAME_JOINERS or words[0] in _CALENDAR or any(
                w[:1].islower() and w not in _NAME_JOINERS and w != "to" for w in words):
            continue
        if len(words) == 1 and (words[0].isupper() or words[0].lower() in common or m.start() in starts):
            continue  # an acronym, a common word, or a word capitalised because it opens the sentence
        at = bisect.bisect_right(offsets, m.start()) - 1
        out.append((name, spans[at].text if at >= 0 else text))
    return out


def term_candidates(p: Paragraph, cues: Cues) -> list[tuple[str, str]]:
    """(term, sentence) for each phrase the text defines as a key term: not a name, a quotation, a title or a slogan.

    A quoted phrase of a few words with a lower-case word ("“heart age”", "“Fair market value” is") is a term;
    a quoted capitalised phrase is a title or a name unless a programme noun follows it ("the “Pretty Curious”
    campaign") or it is the short name a parenthesis defines ("(the “Act”)"). A quote that ends a sentence with
    "?" or "!", speaks ("we", "you") or sits in a sentence quoting a longer passage is a quotation. "So-called Y"
    and "known as Y" name a term without quotes.
    """
    out = []
    text = p.text
    spans = sentences(text) or [Sentence(text, 0)]
    starts = [s.start for s in spans]

    def sentence_at(offset: int) -> int:  # a binary search keeps many quotes in many sentences linear
        return max(0, bisect.bisect_right(starts, offset) - 1)

    found = _quoted(text)
    passages: dict[int, int] = {}  # sentence → how many passages of more than five words it quotes
    for q in found:
        if len(q.text.split()) > 5:
            passages[sentence_at(q.start)] = passages.get(sentence_at(q.start), 0) + 1
    for q in found:
        term = re.sub(r"^(?:the|a|an)\s+", "", q.text.strip(" ,.;:'’"), flags=re.IGNORECASE)
        words = term.split()
        if not 1 <= len(words) <= 6 or not term[:1].isalpha() or re.search(r"[.!?;:,()]", term) or q.text[-1:] in "?!":
            continue
        content = [w for w in words if w.lower() not in FUNCTION_WORDS]
        if not content or any(w.lower() in _SPOKEN for w in words):
            continue
        where = sentence_at(q.start)
        if passages.get(where, 0) > (len(q.text.split()) > 5):
            continue  # a fragment of a passage the sentence quotes: "rather than just “expedient”"
        after, before = text[q.end : q.end + 80], text[max(0, q.start - 6) : q.start]
        said = text[max(spans[where].start, q.start - 120) : q.start]
        if _SPEECH_AFTER.match(after) or _SPEECH_BEFORE.search(said) or re.match(r"(?:a|an)\s", q.text, re.IGNORECASE):
            continue  # something someone said, or a judgement ("called it “a turning point”"), not a term
        last = words[-1].lower().rstrip("s")
        programme = bool(_PROGRAMME_AFTER.match(after)) or (
            len(words) > 1 and bool(_PROGRAMME_AFTER.match(" " + last)) and not cues.kind(words[-1:]))  # “… Grants”
        defined = bool(re.search(r"\((?:the\s)?.?$", before)) and bool(re.match(r".?\)", after))
        if all(w[:1].isupper() for w in content) and not (programme or defined):
            continue  # a title or a name, not a term ("“Harbour Forum”", "the “Programme”")
        if not (programme or defined) and cues.kind([w for w in words[1:] if w[:1].isupper()]):
            continue
        if len(words) == 1 and term.islower() and "-" not in term and q.text[-1:] not in ",;:." \
                and not _DEFINING_AFTER.match(after):
            continue  # a word in scare quotes ("a ‘healthy’ body") unless the sentence defines it ("“blocks,” the …")
        out.append((term, spans[where].text))
    for m in _NAMED_AS.finditer(text):
        term = (m.group("name") or m.group("plain") or "").strip()
        term = re.sub(r"(?:\s(?:of|and|for|to|the|in|on))+$", "", term)
        if term and not term.isupper() and len(term.split()) <= 8:
            out.append((term, spans[sentence_at(m.start())].text))
    return out
