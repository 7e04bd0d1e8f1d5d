"""People with their roles, in the ways news texts name them.

Name first, role in apposition: "Olga Petrov, Party member and Deputy
Director of the Coastal Survey Office, said" → role "Deputy Director",
organisation "Coastal Survey Office". Title first: "Energy Secretary
Jennifer Granholm", "Minister of Ports Ana Ruiz", "Chief Executive of
Nordbank Lena Holm". A name is two to four capitalised words that are not
cue or role words (with initials and particles such as "von der" between
them); an honorific (Dr., Ms.) also marks one. The same person written twice
("Jennifer M. Granholm", "Jennifer Granholm") is one entry, and the family
name alone ("Granholm") is an alias that links later mentions to it.

Sentences are read as tokens (one linear regex pass), and every rule looks
at a bounded number of tokens around a name, so a paragraph of any shape
costs time in proportion to its length. Letters are Unicode classes
(``\\p{Lu}``, ``\\p{Ll}`` of the ``regex`` module), so "Søren Dahl",
"Łukasz Nowak" and "Nguyễn Văn An" are names like "Tom Weber".

Each person found is *sure* or *unsure*: where the rules cannot tell where a
title ends and a name begins ("Minister of Trade Nguyễn Hồng Diên": is
"Trade" part of the name?), the person is kept off the reader's pages and
``briefbook check`` asks the author.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from collections.abc import Container
from dataclasses import dataclass
from typing import NamedTuple

import regex

from ..model import Paragraph
from .text import ABBREVIATIONS, FUNCTION_WORDS, TITLE_MODIFIERS, is_shouting, sentences

DEFAULT_ROLES: tuple[str, ...] = (
    "minister", "secretary", "president", "director", "chairman", "chairwoman", "chairperson", "chair", "governor",
    "mayor", "senator", "ambassador", "administrator", "commissioner", "premier", "chancellor", "professor",
    "spokesperson", "spokesman", "spokeswoman", "head", "chief", "officer", "manager", "executive", "ceo", "cfo",
    "cto", "founder", "ecologist", "engineer", "economist", "scientist", "researcher", "analyst", "adviser",
    "advisor", "leader", "coordinator", "editor", "lawyer", "member", "representative", "envoy", "treasurer",
    "dean", "lecturer", "consultant", "principal", "deputy", "vice", "undersecretary", "superintendent", "curator",
    "councillor", "councilor", "commander", "inspector", "congressman", "congresswoman", "attorney", "assistant",
    "counsellor", "counselor", "rapporteur", "king", "queen", "prince", "princess", "pope", "captain", "mp", "mep",
    "doctor", "nurse", "physician", "surgeon", "novelist", "writer", "author", "journalist", "correspondent",
    "technician", "teacher", "judge", "farmer", "entrepreneur", "owner", "partner", "fellow", "official", "expert",
    "specialist", "campaigner", "activist", "historian", "medic", "trustee", "ceo", "commissioner", "delegate", "agent",
    "negotiator", "controller", "auditor", "registrar", "provost", "rector", "sheriff", "master", "lieutenant",
    # abbreviated titles: "Sen. John Smith", "U.S. Rep. Jane Doe", "Lt. Gov. Tom Weber"
    "rep", "sen", "gov", "lt", "amb", "sec", "asst", "supt", "cllr", "atty", "comm", "adm", "capt", "cmdr",
)
_MONTHS = frozenset(m for m in calendar.month_name if m)
#: Titles that come before a given name, not a family name: "Prince Philip" is a name, not a prince called Philip.
_ROYAL = frozenset({"king", "queen", "prince", "princess", "pope", "lord", "lady", "sir", "dame", "saint"})
#: Role words too weak to stand for a person's role when a stronger one is given: "Party member and Vice Minister".
_WEAK_ROLES = frozenset({"member", "representative", "partner", "fellow"})
#: Words that end a role phrase: what follows is the sentence's verb ("… director at the Council also plays …").
_CLAUSE = frozenset({"who", "whom", "which", "that", "is", "was", "are", "were", "has", "have", "had", "will", "would",
                     "said", "says", "also", "can", "could", "should", "may", "might", "must", "did", "does", "do",
                     "being", "been", "then", "now", "today", "yesterday", "when", "where", "while", "as", "if"})
_SPEECH = frozenset({"said", "says", "told", "pointed", "noted", "added", "explained", "stressed", "announced", "warned",
                     "urged", "stated", "remarked", "commented", "emphasised", "emphasized", "highlighted", "declared"})
_HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "professor", "sir", "dame", "lord", "lady", "rt", "hon",
                         "honourable", "honorable", "rev", "reverend"})
#: Words of praise before a role, which say nothing about the role: "the great novelist".
_PRAISE = frozenset({"great", "famous", "renowned", "celebrated", "well-known", "legendary", "acclaimed",
                     "distinguished", "eminent", "brilliant", "inspiring", "noted", "esteemed"})
#: Letters after a name that are no part of it: "Elizabeth Truss MP, Lord Chancellor".
_POST_NOMINALS = frozenset({"MP", "MEP", "MSP", "AM", "MLA", "OBE", "CBE", "MBE", "KBE", "DBE", "QC", "KC", "PhD", "MD",
                            "Jr", "Sr", "FRS", "FREng", "JP", "DL", "Esq", "AO", "AC", "PSM", "APM", "OAM", "CSC",
                            "CMG", "KCMG", "GCMG", "CVO", "LVO", "MVO", "PC", "MPP", "MNA", "MHA", "MLC", "TD", "SC"})
#: Small words inside a name: "Ursula von der Leyen", "Luiz Inácio Lula da Silva".
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "del", "della", "dos", "das",
                        "bin", "ibn", "al", "el", "ter", "ten", "y"})
#: Words that join a title to its organisation: "Minister *of* Ports", "Envoy *to the* Council".
_PREPOSITIONS = frozenset({"of", "for", "to", "at", "on", "in"})
#: One token: a word (letters, digits, inner hyphens, apostrophes and dots: "U.S.", "O’Brien", "Secretary-General")
#: or a single other character. Possessive quantifiers: each character is read once.
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]++(?:['’.\-‐][\p{L}\p{M}\p{N}]++)*+\.?+|\S")
_NAME_WORD = regex.compile(
    r"(?:\p{Lu}['’])?\p{Lu}[\p{Ll}\p{M}]{1,24}(?:\p{Lu}[\p{Ll}\p{M}]{1,24})?(?:[-‐]\p{Lu}[\p{Ll}\p{M}]{1,24})?"
)
_INITIAL = regex.compile(r"(?:\p{Lu}\.){1,3}")
_POSSESSIVE = regex.compile(r"(.{2,40}?)['’]s?")
#: Longest role phrase after a name, in tokens: longer is a clause, not a title.
_MAX_ROLE_TOKENS = 18
#: How far back a title before a name may reach, in tokens.
_MAX_TITLE_TOKENS = 12


@dataclass(frozen=True)
class Found:
    name: str
    role: str
    organisation: str
    anchor: str
    sure: bool = True
    reason: str = ""  # why the rules are unsure, for ``briefbook check``


class _Token(NamedTuple):  # a tuple: sentences make hundreds of thousands, and a frozen dataclass is slow to make
    text: str
    start: int

    @property
    def bare(self) -> str:
        """The word without a sentence's final full stop ("Granholm." → "Granholm"); initials keep theirs."""
        if self.text.endswith(".") and not _INITIAL.fullmatch(self.text) and "." not in self.text[:-1]:
            return self.text[:-1]
        return self.text


def tokens(text: str) -> list[_Token]:
    """A sentence's words and punctuation, in one pass."""
    return [_Token(m.group(), m.start()) for m in _TOKEN.finditer(text)]


#: Words that end a title but are no role alone: "Director General", "Attorney General" (and "General Fund").
_TITLE_TAILS = frozenset({"general"})


_HYPHEN = re.compile(r"[-‐]")


@functools.lru_cache(maxsize=1 << 16)  # words repeat: a book's vocabulary is small next to its word count
def _is_role_word(word: str, roles: frozenset[str]) -> bool:
    low = word.lower().strip(".,")
    return low in roles or low in _TITLE_TAILS or any(part in roles for part in _HYPHEN.split(low) if part)


def _is_acronym(word: str) -> bool:
    return 2 <= len(word) <= 8 and word.isupper() and word.isalpha()


@functools.lru_cache(maxsize=1 << 16)
def is_name_word(word: str) -> bool:
    """A capitalised word that can be part of a person's name: "Søren", "O’Brien", "McDonald", "Jean-Luc", "Ó"."""
    if _NAME_WORD.fullmatch(word):
        return True
    return len(word) == 1 and word.isupper() and not word.isascii()  # "Ó Briain"


@functools.lru_cache(maxsize=1 << 16)
def _possessive(word: str) -> str | None:
    """"Lee’s" → "Lee": a name that ends here, its owner's thing follows."""
    m = _POSSESSIVE.fullmatch(word)
    return m.group(1) if m and is_name_word(m.group(1)) else None


def _acronym_possessive(word: str) -> str | None:
    """"NASA’s" → "NASA": an organisation's abbreviation owning the role after it."""
    owner = _POSSESSIVE_S.sub("", word)
    return owner if owner != word and _is_acronym(owner) else None


_POSSESSIVE_S = re.compile(r"['’]s$")
_ENDS_POSSESSIVE = regex.compile(r"\w['’]s$")


def _particle_before_name(toks: list[_Token], j: int) -> bool:
    """"von der Leyen": particles lead on to a name word within three tokens."""
    for tok in toks[j + 1 : j + 4]:
        if is_name_word(tok.bare):
            return True
        if tok.text not in _PARTICLES:
            return False
    return False


@dataclass(frozen=True)
class _Name:
    words: tuple[str, ...]
    start: int  # token index of the first word
    end: int  # token index after the last word (a possessive word included)

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _name_ends(toks: list[_Token], j: int) -> bool:
    """The name ends with token ``j``: a mark is attached to it, or the next word is not a capitalised one."""
    return toks[j].text != toks[j].bare or j + 1 >= len(toks) or not toks[j + 1].text[:1].isupper()


def _name_at(toks: list[_Token], i: int, stop: Container[str], roles: frozenset[str],
             cues: frozenset[str] = frozenset()) -> _Name | None:
    """The person's name starting at token ``i``: 2–4 name words with initials and particles between, or None."""
    words: list[str] = []
    honoured = i > 0 and toks[i - 1].text.lower().rstrip(".") in _HONORIFICS  # "Rt Hon Per Lie": a name after all
    quoted = i > 0 and toks[i - 1].text.lower() in _SPEECH  # "said Michael New, deputy …"
    titled = i > 0 and _is_role_word(toks[i - 1].text, roles) and toks[i - 1].text[:1].isupper()
    j = i
    while j < len(toks) and j - i < 8:
        word = toks[j].bare
        owner = _possessive(word)
        if is_name_word(word) or (_INITIAL.fullmatch(word) and j + 1 < len(toks)):
            month_name = word in _MONTHS and bool(words) and not (j + 1 < len(toks) and toks[j + 1].text[:1].isdigit())
            function = word.lower() in FUNCTION_WORDS and not words and not honoured  # "Then …"; not "Nguyễn Văn An"
            family = quoted and len(words) == 1 and word not in cues and word not in _MONTHS \
                and word.lower() not in FUNCTION_WORDS and toks[j + 1 : j + 2] != [] and toks[j + 1].text == ","
            if family and word in stop and not _is_role_word(word, roles):
                words.append(word)  # a family name that is also a common word, closed by the comma of its role
                j += 1
                break
            if titled and len(words) == 1 and word in cues and _name_ends(toks, j):
                words.append(word)  # "Senator Ed Park (D-Kelby)": a family name that is also a cue word, after a
                j += 1  # title and a given name, closing the name
                break
            if ((word in stop or function) and not month_name) or _is_role_word(word, roles):
                break  # but "Theresa May" is a name: a month after a given name, with no day after it
            words.append(word)
        elif owner is not None and words and owner not in stop and not _is_role_word(owner, roles):
            words.append(owner)
            j += 1
            break
        elif word in _PARTICLES and words and _particle_before_name(toks, j):
            words.append(word)
        else:
            break
        if toks[j].text != word and words[-1:] == [word] and len(words) >= 2 and word.lower() in ABBREVIATIONS \
                and word.lower() not in _HONORIFICS and j + 1 < len(toks) and is_name_word(toks[j + 1].bare):
            words[-1] = toks[j].text  # "Karen St. Germain": an abbreviation's full stop inside a name
        elif toks[j].text != word:  # "Granholm." ends the sentence
            j += 1
            break
        j += 1
    while words and (words[-1] in _PARTICLES or _INITIAL.fullmatch(words[-1])):
        words.pop()
        j -= 1
    full = [w for k, w in enumerate(words)
            if is_name_word(w) and (w.lower() not in FUNCTION_WORDS or w in _MONTHS or honoured and k == 0)]
    if not 2 <= len(full) <= 4 or not is_name_word(words[0]) and not _INITIAL.fullmatch(words[0]):
        return None
    return _Name(tuple(words), i, j)


#: Endings of abstract nouns, which name a field of work, not an employer: "of Finance", "of Operations".
_FIELD = regex.compile(r"(?:tions?|ments?|ics|ance|ence|ing|ity|ure|ogy|ness|ship|ism)$")

_JOINERS = frozenset({"of", "for", "and", "the", "on", "&", "de", "du", "des", "la", "le"})


def _is_common(word: str, common: Container[str]) -> bool:
    """A word the text also writes in lower case, or whose singular it does: "Ports" when it says "port"."""
    low = word.lower()
    singular = low[:-3] + "y" if low.endswith("ies") else low[:-1] if low.endswith("s") else low
    return low in common or singular in common


def _organisation_after(rest: list[str]) -> list[str] | None:
    """The capitalised words after a title's preposition ("of the Coastal Survey Office"), or None if more follows."""
    body = rest[1:]
    if body and body[0] == "the":
        body = body[1:]
    if not body or not body[-1][:1].isupper():
        return None
    if not all(w[:1].isupper() or w in _JOINERS or w in ("at", "in") for w in body):
        return None  # "at the National Council also play a leading role": a clause, not a title
    return body


def _split_organisation(part: list[str], common: Container[str], cues: frozenset[str],
                        roles: frozenset[str]) -> tuple[str, str]:
    """One title: "director at the NDA" → ("director", "NDA"); "Secretary of State for Justice" → (all of it, "").

    "at" always introduces the organisation. Otherwise the first preposition
    before a capital does, if what follows names an organisation (a cue word,
    or one word the text never writes in lower case: "of Nordbank"), and is
    part of the title if it only names a field ("of Energy").
    """
    at = next((k for k in range(1, len(part) - 1) if part[k] == "at"), None)
    if at is not None and not any(w in cues for w in part[:at]):  # not "head of the Observation Unit at the Institute"
        body = _organisation_after(part[at:])
        if body is not None:
            return " ".join(part[:at]), " ".join(body)
    cut = next((k for k in range(1, len(part) - 1) if part[k] in _PREPOSITIONS
                and (part[k + 1][:1].isupper() or (part[k + 1] == "the" and part[k + 2 : k + 3] != []
                                                   and part[k + 2][:1].isupper()))), None)
    if cut is None:
        return " ".join(part), ""
    body = _organisation_after(part[cut:])
    if body is None or any(_is_role_word(w, roles) for w in body if w not in cues):
        return " ".join(part), ""  # "Clinical Adviser for the One You campaign", "adviser to the Chief Inspector"
    if part[cut] == "in" and not any(w in cues for w in body):
        return " ".join(part[:cut]), ""  # "a teacher in Kelby": where, not whom, the person works for
    proper = (any(w[:1].isupper() and not _is_common(w, common) and not _FIELD.search(w) for w in body)
              and not {"of", "for"} & set(body)
              and part[cut] != "for")  # "Minister for Fisheries": "for" names a portfolio, not an employer
    if any(w in cues for w in body) or proper:  # "of Nordbank", "of Berg Marine Services"; not "of State for Justice"
        return " ".join(part[:cut]), " ".join(body)
    return " ".join(part), ""


def _body_before_role(part: list[str], cues: frozenset[str], roles: frozenset[str]) -> str:
    """"Science Mission Directorate deputy administrator": capitals ending in a cue word before a lower-case role name
    the body the person works for, as "European Commission" does before "President"."""
    k = 0
    while k < len(part) and part[k][:1].isupper() and not _is_role_word(part[k], roles):
        k += 1
    lower = part[k : k + 3]
    if k >= 2 and part[k - 1] in cues and lower and lower[0][:1].islower() \
            and any(_is_role_word(w, roles) and w[:1].islower() for w in lower):
        return " ".join(part[:k])
    return ""


def _capitalised_title(part: list[str], roles: frozenset[str]) -> list[str]:
    """A title in capitals ends where lower-case words start: "Secretary of State for Justice on the disturbance".

    Only if the capitals hold a role word: in "PACE program executive" or "Harbour Office project scientist"
    the capitals name what the role in lower case works on.
    """
    if not part or not part[0][:1].isupper():
        return part
    k = 0
    while k < len(part):
        word = part[k]
        if word[:1].isupper():
            k += 1
            continue
        nxt = part[k + 1 : k + 3]
        if word in _JOINERS | {"to", "at", "in"} and (nxt[:1] and nxt[0][:1].isupper() or nxt[:1] == ["the"]
                                                       and len(nxt) > 1 and nxt[1][:1].isupper()):
            k += 1
            continue
        break
    return part[:k] if any(_is_role_word(w, roles) for w in part[:k]) else part


def _role(phrase: list[str], roles: frozenset[str], common: Container[str], cues: frozenset[str]) -> tuple[str, str] | None:
    """"Party member and Vice Minister of the Ministry of X" → ("Vice Minister", "Ministry of X").

    Several titles joined by "and" are kept together ("Lord Chancellor and
    Secretary of State for Justice"), but a weak one ("Party member") gives way
    to a stronger one.
    """
    owner = ""
    lead = 1 if phrase and phrase[0].lower() == "the" else 0
    if len(phrase) > lead + 1 and (o := _possessive(phrase[lead]) or _acronym_possessive(phrase[lead])):
        owner, phrase = o, phrase[lead + 1 :]  # "the Council’s director of …"
    elif len(phrase) > lead + 1 and regex.fullmatch(r"\p{Ll}[\p{Ll}-]{0,30}+['’]s?", phrase[lead]):
        phrase = phrase[lead + 1 :]  # "the agency’s director": the owner points back, it names nobody
    else:  # "the Tarvo Port Agency’s chief engineer": capitals ending in a possessive name the employer
        end = next((j for j in range(lead, min(len(phrase) - 1, lead + 6)) if not phrase[j][:1].isupper()
                    or _ENDS_POSSESSIVE.search(phrase[j])), None)
        if end is not None and end > lead and _ENDS_POSSESSIVE.search(phrase[end]) and phrase[end][:1].isupper():
            owner = " ".join([*phrase[lead:end], _POSSESSIVE_S.sub("", phrase[end])])
            phrase = phrase[end + 1 :]
    parts: list[list[str]] = [[]]
    for k, word in enumerate(phrase):  # "member and Vice Minister": two roles; "member for environment and transport": one
        if word == "and" and parts[-1] and any(_is_role_word(w, roles) for w in phrase[k + 1 : k + 4]):
            parts.append([])
        else:
            parts[-1].append(word)
    titles: list[tuple[bool, str, str]] = []  # (weak, role, organisation)
    for part in parts:
        while part and (part[0].lower() in ("the", "a", "an") or part[0].lower() in _PRAISE):
            part = part[1:]  # "the great novelist": the role is "novelist"
        part = _capitalised_title(part, roles)
        if not part or len(part) > 16 or part[0].lower() in FUNCTION_WORDS or part[-1] in FUNCTION_WORDS:
            continue
        if any(w.lower() in _CLAUSE for w in part):
            continue  # "who has led the agency": a clause, not a title
        body = _body_before_role(part, cues, roles)  # "Ocean Office project scientist": the office is the employer
        role, org = _split_organisation(part[len(body.split()) :], common, cues, roles)
        org = body or org
        words = role.split()
        if not words or len(words) > 16 or not any(_is_role_word(w, roles) for w in words):
            continue
        last = max(i for i, w in enumerate(words) if _is_role_word(w, roles))
        if last + 1 < len(words) and words[last + 1] not in _PREPOSITIONS:
            words = words[: last + 1]  # "Harbour Board member since 2010": the title ends at its last role word
            role = " ".join(words)
        weak = all(w.lower() in _WEAK_ROLES for w in words if _is_role_word(w, roles))
        tail = words[max(i for i, w in enumerate(words) if _is_role_word(w, roles)) + 1 :]
        if weak and not org and tail and _is_role_word(words[0], roles) and not any(w[:1].isupper() for w in words):
            continue  # "a member of the public": no title, as no body holds it ("a research fellow" is one)
        titles.append((weak, role, org or (owner if owner[:1].isupper() else "")))
    strong = [t for t in titles if not t[0]] or titles
    return (strong[0][1], strong[0][2]) if strong else None  # the first title given is the one a reader needs


def _apposition(toks: list[_Token], name: _Name, roles: frozenset[str], common: Container[str],
                cues: frozenset[str]) -> tuple[str, str] | None:
    """The role in "NAME, ROLE of ORG," or "NAME – ROLE –" or "NAME is the ROLE at ORG".

    The phrase ends at a comma, dash, semicolon or bracket, at the sentence's
    end, or where the sentence's verb starts ("has", "also", "said"); a phrase
    that goes on longer than a title can is no title.
    """
    k = name.end
    while k < len(toks) and _post_nominal(toks[k]):
        k += 1
    while k + 2 < len(toks) and toks[k].text == "," and _post_nominal(toks[k + 1]) and toks[k + 2].text == ",":
        k += 2  # "Ana Ruiz, Ph.D., director of …", "Tom Weber, P.C., M.P., Minister of …"
    if k < len(toks) and toks[k].text == "(":  # "Ana Ruiz (Анна Руис), a director of …": an aside, then the role
        close = next((j for j in range(k + 1, min(k + 12, len(toks))) if toks[j].text in ("(", ")")), None)
        if close is not None and toks[close].text == ")" and close + 1 < len(toks) and toks[close + 1].text == "," \
                and not any(_is_role_word(t.text, roles) for t in toks[k + 1 : close]):
            k = close + 1
    if k >= len(toks):
        return None
    opener = toks[k].text
    if k > name.end and opener[:1].isupper():  # "Stephen Harper MP Prime Minister of Canada": a signature line
        end = _phrase_end(toks, k - 1)
    elif opener in ("is", "was") and k + 1 < len(toks) and toks[k + 1].text in ("the", "a", "an"):
        end = _phrase_end(toks, k, copula=True)
    elif opener == "as" and k == name.end and k + 1 < len(toks) and toks[k + 1].text in ("the", "its", "their"):
        end = _phrase_end(toks, k, copula=True)  # "selected Ana Ruiz as the Harbour Programme manager"
        if end - k > 10 or not _is_role_word(toks[end - 1].bare, roles):
            return None
    elif opener in (",", "–", "—", "("):  # "Ana Ruiz (Director, Kelby Port Agency) said"
        if k + 2 < len(toks) and toks[k + 1].text.isdigit() and toks[k + 2].text == ",":
            k += 2  # "Ana Ruiz, 54, a former director …": the age first
        end = _phrase_end(toks, k)
    elif opener == "the" and k == name.end:  # "Jane Austen the great novelist, …": short, and ends in a role word
        end = _phrase_end(toks, k)
        if end - k > 4 or end >= len(toks) and not toks[-1].text.endswith(".") or \
                not _is_role_word(toks[end - 1].bare, roles):
            return None
        k -= 1  # the phrase keeps its "the"
    else:
        return None
    if end - k - 1 > _MAX_ROLE_TOKENS:
        return None  # runs on: not a title
    phrase = [tok.bare for tok in toks[k + 1 : end]]
    role = _role(phrase, roles, common, cues) if phrase else None
    if role is not None and not role[1] and end < len(toks) and toks[end].text == ",":
        after = _phrase_end(toks, end)  # "Ana Ruiz, Press Officer, Port Agency, …": the organisation next
        org = [tok.bare for tok in toks[end + 1 : after]]
        if 2 <= len(org) <= 6 and org[-1] in cues and all(w[:1].isupper() or w in _JOINERS for w in org):
            return role[0], " ".join(org)
    return role


_PHRASE_ENDS = frozenset({",", ";", ")", "(", ":", "—", "–", '"', "“", "”"})


def _phrase_end(toks: list[_Token], opener: int, copula: bool = False) -> int:
    """Index of the token that ends the phrase after ``opener`` (looks at most one token past the limit)."""
    k = opener + 1
    while k < len(toks) and k - opener <= _MAX_ROLE_TOKENS + 1:
        word = toks[k].bare
        if word in _PHRASE_ENDS or word.lower() in _SPEECH or word.lower() in _CLAUSE:
            return k
        if copula and word == "and" and k + 2 < len(toks) and is_name_word(toks[k + 1].bare) \
                and is_name_word(toks[k + 2].bare):
            return k  # "… director at RWM and Kinna Kintrea, …": the next person
        k += 1
        if toks[k - 1].text != word:  # the sentence's last word
            return k
    return k


def _title_before(toks: list[_Token], name: _Name, roles: frozenset[str], common: Container[str],
                  cues: frozenset[str]) -> tuple[str, str] | None:
    """The title just before a name: "Energy Secretary", "Minister of Ports", "Chief Executive of Nordbank".

    Returns (role, organisation). Words before the role words that hold a cue
    are the organisation ("European Commission President"); words after it,
    behind a preposition, are the organisation if they name one ("of
    Nordbank") and part of the title if they only name a field ("of Ports").
    """
    words: list[str] = []
    k = name.start - 1
    while k >= 0 and toks[k].text.lower().rstrip(".") in _HONORIFICS:
        k -= 1  # "Chief Medical Officer Dame Sally Davies", "… Management Dr. Steve Feldgus"
    owner = ""  # "Kelby Port Agency’s director Tom Hale": the possessive names the organisation and ends the title
    while k >= 0 and name.start - k <= _MAX_TITLE_TOKENS:
        word = toks[k].text
        if words and _ENDS_POSSESSIVE.search(word):
            owner = _owner_before(toks, k)
            break
        if not (word[:1].isupper() or word in _PREPOSITIONS or word in ("the", "and", "&") or word.lower() in roles):
            break
        words.insert(0, word)
        k -= 1
    last_role = max((i for i, w in enumerate(words) if _is_role_word(w, roles)), default=-1)
    if last_role < 0:
        return None
    first_role = last_role  # the role words and the words that qualify them: "U.S. Special Advisor", "Energy Secretary"
    sentence_start = 0 if k < 0 else -1  # the title starts the sentence
    while first_role > 0 and last_role - first_role < 5:
        word = words[first_role - 1]
        if word in cues or word.lower() in FUNCTION_WORDS or not (word[:1].isupper() or _is_role_word(word, roles)):
            break  # "chief economist": a lower-case role word qualifies the role too
        first_role -= 1
    before, title, between = words[:first_role], words[first_role : last_role + 1], words[last_role + 1 :]
    if "and" in before or "&" in before:  # "… Kathy Hochul and Senate Majority Leader": another person's words
        cut = max(i for i, w in enumerate(before) if w in ("and", "&"))
        before, owner = before[cut + 1 :], ""
    if sentence_start == 0 and first_role == 0 and len(title) > 2 and not _is_role_word(title[0], roles) \
            and title[0].lower() not in TITLE_MODIFIERS and _is_role_word(title[1], roles):
        title = title[1:]  # "Watch Chief Medical Officer …": capitalised only because it starts the sentence
    org = ""
    while before and before[0].lower() in FUNCTION_WORDS:
        before = before[1:]
    while first_role < last_role and _is_acronym(words[first_role]):  # "BLM Director": the bureau's director
        before, first_role = [*before, words[first_role]], first_role + 1
        title = words[first_role : last_role + 1]
    named = len(before) >= 2 and before[-1] in cues and any(w not in cues and not _is_common(w, common) for w in before)
    if before and before[0].lower() in TITLE_MODIFIERS:
        title, before = [*before, *title], []  # "Senior U.S. District Judge": the capitals qualify the title
    elif named or (len(before) == 1 and _is_acronym(before[0])):
        org = " ".join(before)  # "European Commission President", "BLM Director"; not "National Harbour Advisor"
    elif before and all(w[:1].isupper() and w.lower() not in FUNCTION_WORDS for w in before):
        title = [*before, *title]  # "Harbour master": a cue word alone is no organisation
    role = " ".join(title)
    if between:
        if between[0] not in _PREPOSITIONS:
            return None
        body = _organisation_after(between)
        if body is None or any(w in cues and n in _JOINERS for w, n in zip(body, body[1:], strict=False)):
            return None  # "Director of the Office of Clean Energy Demonstrations": the office's name goes on
        role, found = _split_organisation([*title, *between], common, cues, roles)
        org = found or org
    return role, org or owner


def _owner_before(toks: list[_Token], k: int) -> str:
    """The possessive name ending at token ``k`` with the capitalised words before it: "Kelby Port Agency’s"."""
    words = [_POSSESSIVE_S.sub("", toks[k].text)]
    j = k - 1
    while j >= 0 and k - j <= 5 and toks[j].text[:1].isupper() and toks[j].text.lower() not in FUNCTION_WORDS:
        words.insert(0, toks[j].text)
        j -= 1
    return " ".join(words) if words[0][:1].isupper() else ""


def _split_title_from_name(name: _Name) -> tuple[_Name | None, str]:
    """After "of": "Nordbank Lena Holm" is the organisation "Nordbank" and the name "Lena Holm".

    The name keeps its last two words. That is forced for three words (the
    organisation needs one); with four or more, the third from last could be
    either, so the reason to be unsure is returned ("" when sure).
    """
    words = name.words
    reason = ""
    if not is_name_word(words[-2]):
        return None, ""  # "Hinkley Point B. Bethany": an initial cannot start a name after a title
    if len(words) >= 4:
        reason = f"title and name run together: is “{words[-3]}” part of the name “{' '.join(words[-2:])}”?"
    return _Name(words[-2:], name.end - 2, name.end), reason


def people_in(p: Paragraph, roles: frozenset[str], stop: Container[str], common: Container[str] = frozenset(),
              cues: frozenset[str] = frozenset()) -> list[Found]:
    """Everyone named in one paragraph with a role, a title or an honorific, in text order."""
    if is_shouting(p.text):
        return []
    out: list[Found] = []
    for s in sentences(p.text):
        toks = tokens(s.text)
        if _title_case(toks):
            continue  # "Secretary Granholm Announces New Funding": a heading, where capitals say nothing
        plural = _plural_titles(toks, roles)
        if plural:
            toks = [t if k not in plural else _Token(t.text[:-1], t.start) for k, t in enumerate(toks)]
        i = 0
        while i < len(toks):
            word = toks[i].bare
            owner = _possessive(word)
            if owner is not None and owner not in stop:
                single = _single_name(toks, i, roles, stop, common, cues)
                if single is not None:
                    out.append(Found(*single, p.anchor))  # "President Lee’s Green Ports agenda"
                i += 1
                continue
            if (not (is_name_word(word) or _INITIAL.fullmatch(word)) or word in stop or _is_role_word(word, roles)
                    or word.lower().rstrip(".") in _HONORIFICS):
                i += 1
                continue
            name = _name_at(toks, i, stop, roles, cues)
            if name is None:
                single = _single_name(toks, i, roles, stop, common, cues)
                if single is not None:
                    out.append(Found(*single, p.anchor))
                i += 1
                continue
            found = _found(toks, name, roles, stop, common, cues, p.anchor)
            if found is not None:
                out.append(found)
                other = _name_at(toks, name.end + 1, stop, roles, cues) if name.start - 1 in plural else None
                if other is not None:  # "Assistant Attorneys Ann Lie and Bo Dahl": the title is both their titles
                    out.append(Found(other.text, found.role, found.organisation, found.anchor, found.sure, found.reason))
                    name = other
            i = max(name.end, i + 1)
            if found is not None and found.role and i < len(toks) and toks[i].text == ",":
                end = _phrase_end(toks, i)  # the role phrase names no one: "…, chief executive of Berg Marine Services,"
                if found.role.split()[0] in [t.bare for t in toks[i + 1 : end]]:
                    i = end  # but "Deputy Mayor Kari Lund, Council Leader Per Moe": the next person
    return out


def _plural_titles(toks: list[_Token], roles: frozenset[str]) -> frozenset[int]:
    """Where a capitalised plural title heads two names: "Assistant Attorneys Ann Lie and Bo Dahl" (not "Technicians
    at the Kelby Yard"): a role word with an "s", a name word after it, and "and" then a name word within five
    tokens."""
    out = set()
    for k, tok in enumerate(toks[:-1]):
        word = tok.text
        if not (word[:1].isupper() and word.endswith("s") and word[:-1].lower() in roles and is_name_word(toks[k + 1].text)):
            continue
        ahead = [t.text for t in toks[k + 2 : k + 7]]
        if "and" in ahead and ahead.index("and") + 1 < len(ahead) and is_name_word(ahead[ahead.index("and") + 1]):
            out.add(k)
    return frozenset(out)


def _post_nominal(tok: _Token) -> bool:
    """"MP", "OBE", "Ph.D.", "Jr.": letters after a name."""
    return tok.text.replace(".", "") in _POST_NOMINALS


def _title_case(toks: list[_Token]) -> bool:
    """A heading in Title Case: no full stop or comma, and most words of four letters or more capitalised."""
    if not toks or toks[-1].text[-1:] in ".!?:\"”’)" or any(t.text == "," for t in toks):
        return False
    if any(_post_nominal(t) or t.text.lower().rstrip(".") in _HONORIFICS for t in toks):
        return False  # "The Rt. Hon. Stephen Harper MP Prime Minister of Canada": a signature, not a heading
    long = [t.text for t in toks if len(t.text) >= 4 and t.text[:1].isalpha()]
    return len(long) >= 4 and sum(w[:1].isupper() for w in long) >= 0.8 * len(long)


def _single_name(toks: list[_Token], i: int, roles: frozenset[str], stop: Container[str], common: Container[str],
                 cues: frozenset[str]) -> tuple[str, str, str] | None:
    """A family name alone right after a capitalised title: "President Biden", "Minister Lee’s plan"."""
    word = toks[i].bare
    owner = _possessive(word)
    if i == 0 or owner is None and i + 1 < len(toks) and toks[i + 1].text[:1].isupper():
        return None  # "Chief Medical Officer": the title goes on
    name = owner or word
    prev = toks[i - 1].text
    if not is_name_word(name) or name in stop or name in cues or name.lower() in common or _is_role_word(name, roles):
        return None
    if not (prev[:1].isupper() and _is_role_word(prev, roles) and prev.lower() not in _WEAK_ROLES | _ROYAL
            and "-" not in prev):
        return None
    titled = _title_before(toks, _Name((name,), i, i + 1), roles, common, cues)
    return (name, *titled) if titled is not None else None


def _proper_after_of(toks: list[_Token], k: int, common: Container[str]) -> str:
    """"of Tarvo" right after a titled name: one to three capitalised words the text never writes in lower case."""
    if k >= len(toks) or toks[k].text != "of":
        return ""
    words: list[str] = []
    for tok in toks[k + 1 : k + 5]:
        if not is_name_word(tok.bare) or _is_common(tok.bare, common):
            break
        words.append(tok.bare)
        if tok.text != tok.bare:
            break
    return " ".join(words) if 1 <= len(words) <= 3 else ""


def _organisation_named_after(toks: list[_Token], k: int, cues: frozenset[str]) -> str:
    """"of the University of Ghana" right after a name: the organisation, if a cue word heads it."""
    if k >= len(toks) or toks[k].text not in ("of", "at"):
        return ""
    words: list[str] = []
    for tok in toks[k + 1 : k + 10]:
        word = tok.bare
        if not (word[:1].isupper() or word in _JOINERS):
            break
        if word in ("and", "&") and words and words[-1] in cues:
            break  # "of Kelby University and Dr Ravi Shah": the name ended at its cue word; another begins
        words.append(word)
        if tok.text != word:
            break
    if words[:1] == ["the"]:
        words = words[1:]
    while words and words[-1] in _JOINERS:
        words.pop()
    return " ".join(words) if any(w in cues for w in words) else ""


def _found(toks: list[_Token], name: _Name, roles: frozenset[str], stop: Container[str], common: Container[str],
           cues: frozenset[str], anchor: str) -> Found | None:
    found = _found_in_text(toks, name, roles, stop, common, cues, anchor)
    if found is None or not found.organisation:
        return found
    return Found(found.name, found.role, _employer(found.organisation, cues), found.anchor, found.sure, found.reason)


def _employer(org: str, cues: frozenset[str]) -> str:
    """The organisation itself, without where it sits: "Harbour Institute in Kelby" → "Harbour Institute",
    "Kelby Agency Headquarters" → "Kelby Agency", "NASA’s Flight Center" → "Flight Center" (its parent's
    possessive goes when the rest is a name in its own right)."""
    words = org.split()
    cut = next((k for k in range(1, len(words)) if words[k] == "in" and words[k + 1 : k + 2] != ["the"]
                and any(w in cues for w in words[:k])), len(words))  # not "Women in Nuclear UK"
    words = words[:cut]
    if len(words) >= 2 and words[-1].lower() == "headquarters":
        words = words[:-1]
    if len(words) >= 3 and _ENDS_POSSESSIVE.search(words[0]) and any(w in cues for w in words[1:]):
        words = words[1:]
    owner = next((k for k in range(len(words) - 2, 0, -1) if _ENDS_POSSESSIVE.search(words[k])), None)
    if owner is not None and any(_POSSESSIVE_S.sub("", w) in cues for w in words[:owner + 1]) \
            and any(w in cues for w in words[owner + 1 :]):
        words = words[owner + 1 :]  # "Justice Department’s Criminal Division": the division the person works in
    return " ".join(words) or org


def _found_in_text(toks: list[_Token], name: _Name, roles: frozenset[str], stop: Container[str],
                   common: Container[str], cues: frozenset[str], anchor: str) -> Found | None:
    prev = toks[name.start - 1].text if name.start else ""
    after_preposition = prev in _PREPOSITIONS or prev == "the" and name.start >= 2 and \
        toks[name.start - 2].text in _PREPOSITIONS
    in_title = prev[:1].isupper() and not _is_role_word(prev, roles)  # "… for the European Green Deal Maroš Šefčovič"
    if (after_preposition or in_title) and len(name.words) >= 3:  # "Chief Executive of Nordbank Lena Holm"
        split, reason = _split_title_from_name(name)
        titled = _title_before(toks, split, roles, common, cues) if split is not None else None
        if split is not None and titled is not None and (titled[0][:1].isupper() or in_title):
            return Found(split.text, titled[0], titled[1], anchor, not reason, reason)
        if after_preposition and titled is not None:
            return None  # "a director at Kelby Shipping Lines": a lower-case role, then an organisation, no name
    apposed = _apposition(toks, name, roles, common, cues)
    titled = _title_before(toks, name, roles, common, cues)
    if apposed is not None and (titled is None and prev.lower().rstrip(".") in _HONORIFICS
                                or titled is not None and apposed[0][:1].islower()):
        return Found(name.text, apposed[0], apposed[1], anchor)  # "Councillor Priya Shah, cabinet member for …"
    if titled is not None:
        org = titled[1] or _organisation_named_after(toks, name.end, cues) or _proper_after_of(toks, name.end, common)
        return Found(name.text, titled[0], org, anchor)  # "Governor Jo Lie of Tarvo"
    if prev.lower().rstrip(".") in _HONORIFICS:  # "Professor Kwame Mensah of the University of Ghana"
        org = _organisation_named_after(toks, name.end, cues)
        if not org and name.start >= 2 and toks[name.start - 2].text == ",":
            titled = _title_in_commas(toks, name, roles, common, cues, name.start - 2)  # "The Chief Scientist, Dr …"
            if titled is not None:
                return Found(name.text, titled[0], titled[1], anchor)
        return Found(name.text, prev if org and _is_role_word(prev, roles) else "", org, anchor)
    if prev[:1].isupper() and prev not in stop and prev.lower() not in FUNCTION_WORDS:
        return None  # "Harbour Board Olga Petrov": the run started earlier
    if apposed is None and prev == ",":
        apposed = _title_in_commas(toks, name, roles, common, cues)
    if apposed is None:
        return None
    return Found(name.text, apposed[0], apposed[1], anchor)


_DETERMINERS = frozenset({"the", "its", "his", "her", "their", "our"})


def _title_in_commas(toks: list[_Token], name: _Name, roles: frozenset[str], common: Container[str],
                     cues: frozenset[str], comma: int | None = None) -> tuple[str, str] | None:
    """"The Secretary of State for Transport, Grant Shapps, said": a title between a determiner and a comma.

    The name must be closed off by a comma, a speech verb or the sentence's end. A possessive name is a
    determiner too, and the title's organisation: "Kelby’s Minister of Ports, Kim Ek, signed".
    """
    after = toks[name.end].bare if name.end < len(toks) else ""
    if after not in (",", ")") and after.lower() not in _SPEECH and name.end < len(toks) \
            and toks[name.end - 1].text == toks[name.end - 1].bare:
        return None
    comma = name.start - 1 if comma is None else comma
    k = comma - 1
    while k >= 0 and comma - k <= _MAX_TITLE_TOKENS and toks[k].text.lower() not in _DETERMINERS \
            and _possessive(toks[k].text) is None:
        if toks[k].text in _PHRASE_ENDS or toks[k].text.lower() in _CLAUSE:
            return None
        k -= 1
    owner = _possessive(toks[k].text) if k >= 0 else None
    if k < 0 or toks[k].text.lower() not in _DETERMINERS and owner is None:
        return None
    phrase = [t.bare for t in toks[k + 1 : comma]]
    role = _role(phrase, roles, common, cues) if phrase else None
    return (role[0], role[1] or owner) if role is not None and owner is not None else role


@functools.lru_cache(maxsize=1 << 14)
def name_key(name: str) -> str:
    """Fold case, accents and punctuation, so two spellings of one name compare equal."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(_NOT_NAME_LETTERS.sub(" ", folded).split())


_NOT_NAME_LETTERS = re.compile(r"[^a-z ]+")


def same_person(a: str, b: str) -> bool:
    """"Jennifer M. Granholm" and "Jennifer Granholm"; "J. Granholm" too; not "Li Na" and "Li Wei"."""
    ka, kb = name_key(a).split(), name_key(b).split()
    if ka == kb:
        return True
    if not ka or not kb or ka[-1] != kb[-1]:
        return False
    return ka[0] == kb[0] or (len(ka[0]) == 1 and kb[0].startswith(ka[0])) or (len(kb[0]) == 1 and ka[0].startswith(kb[0]))
