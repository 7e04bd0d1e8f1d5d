"""People with their roles, in the two ways news texts name them.

Name first, role in apposition: "Olga Petrov, Party member and Deputy
Director of the Coastal Survey Office, said" → role "Deputy Director",
organisation "Coastal Survey Office". Title first: "Energy Secretary
Jennifer Granholm" → role "Energy Secretary". A name is two to four
capitalised words that are not cue or role words; an honorific (Dr., Ms.)
also marks one. The same person written twice ("Jennifer M. Granholm",
"Jennifer Granholm") is one entry, and the family name alone ("Granholm")
is an alias that links later mentions to it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..model import Paragraph
from .text import FUNCTION_WORDS, is_shouting, sentences

DEFAULT_ROLES: tuple[str, ...] = (
    "minister", "secretary", "president", "director", "chairman", "chairwoman", "chairperson", "chair", "governor",
    "mayor", "senator", "ambassador", "administrator", "commissioner", "premier", "chancellor", "professor",
    "spokesperson", "spokesman", "spokeswoman", "head", "chief", "officer", "manager", "executive", "ceo", "cfo",
    "cto", "founder", "ecologist", "engineer", "economist", "scientist", "researcher", "analyst", "adviser",
    "advisor", "leader", "coordinator", "editor", "lawyer", "member", "representative", "envoy", "treasurer",
    "dean", "lecturer", "consultant", "principal", "deputy", "vice", "undersecretary", "superintendent", "curator",
    "councillor", "councilor", "commander", "inspector",
)
#: Words that make the phrase after a name a clause rather than a title.
_CLAUSE = frozenset({"who", "whom", "which", "that", "is", "was", "are", "were", "has", "have", "had", "will", "would", "said"})
_HONORIFIC = r"(?:(?P<hon>Dr|Mr|Mrs|Ms|Mx|Prof|Sir|Dame)\.?\s+)?"
_NAME_WORD = r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*"
_NAME = rf"(?P<name>{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|[A-Z]\.)){{1,4}})"
_END = r"(?=,|;|\.\s|\.$|\)|\s+(?:said|says|told|pointed|noted|added|explained|stressed|announced|warned|urged)\b|$)"
APPOSITION = re.compile(_HONORIFIC + _NAME + r",\s+(?:the\s+|a\s+|an\s+)?(?P<role>[^,;()“”\"]+?)" + _END)
HONORED = re.compile(r"\b(?P<hon>Dr|Mr|Mrs|Ms|Mx|Prof)\.?\s+" + _NAME)
#: Where a title ends and its organisation starts: only before a capital ("of the Ministry …", not "of public health").
_SPLIT = re.compile(r"\s+(?:of the|of|at the|at|for the|for|in the|with the)\s+(?=[A-Z])")


@dataclass(frozen=True)
class Found:
    name: str
    role: str
    organisation: str
    anchor: str


def _is_role_word(word: str, roles: frozenset[str]) -> bool:
    return word.lower().strip(".,") in roles


def _clean_name(words: list[str], roles: frozenset[str], stop: frozenset[str]) -> tuple[list[str], list[str]]:
    """Split "Energy Secretary Jennifer Granholm" into title words and name words."""
    last_title = max((i for i, w in enumerate(words) if _is_role_word(w, roles)), default=-1)
    title, name = words[: last_title + 1], words[last_title + 1 :]
    while name and (name[0].lower() in FUNCTION_WORDS or name[0] in stop):
        title, name = [*title, name[0]], name[1:]
    return title, name


def _role(phrase: str, roles: frozenset[str]) -> tuple[str, str] | None:
    """"Party member and Vice Minister of the Ministry of X" → ("Vice Minister", "Ministry of X")."""
    owner = ""
    if m := re.match(r"^(?:the\s+)?((?:[\w-]+\s){0,2}[\w-]+?)['’]s\s+", phrase):  # "the Council's director of …"
        owner, phrase = m.group(1), phrase[m.end() :]
    parts: list[str] = []
    for piece in re.split(r"\s+and\s+(?=[A-Za-z])", phrase):  # "member and Vice Minister": two roles
        if parts and not any(_is_role_word(w, roles) for w in piece.split()):
            parts[-1] = f"{parts[-1]} and {piece}"  # "member for environment and transport": one role
        elif piece.strip():
            parts.append(piece.strip())
    best: tuple[int, str, str] | None = None
    for part in parts:
        pieces = _SPLIT.split(part, maxsplit=1)
        title = pieces[0].strip()
        words = title.split()
        if not words or len(words) > 8 or not any(_is_role_word(w, roles) for w in words):
            continue
        if words[0].lower() in FUNCTION_WORDS or any(w.lower() in _CLAUSE for w in words):
            continue  # "who has led the agency": a clause, not a title
        org = re.sub(r"^(?:the)\s+", "", pieces[1]).strip() if len(pieces) > 1 else owner if owner[:1].isupper() else ""
        score = (2 if title[:1].isupper() else 0) + (1 if org else 0)
        if best is None or score > best[0]:
            best = (score, title, org)
    return (best[1], best[2]) if best else None


def people_in(p: Paragraph, roles: frozenset[str], stop: frozenset[str], role_titles: re.Pattern[str]) -> list[Found]:
    if is_shouting(p.text):
        return []
    out: list[Found] = []
    for s in sentences(p.text):
        for m in APPOSITION.finditer(s.text):
            before = s.text[max(0, m.start() - 60) : m.start()]
            title, name = _clean_name(m.group("name").split(), roles, stop)
            if len(name) < 2 or any(w in stop for w in name) or re.search(r"[A-Z][\w'’-]*\s+$", before) and not title:
                continue
            role = _role(m.group("role"), roles)
            if role:
                out.append(Found(" ".join(name), role[0], role[1], p.anchor))
        for m in role_titles.finditer(s.text):
            title, name = _clean_name(m.group(0).split(), roles, stop)
            name = [w for w in name if w[:1].isupper()]
            if title and 2 <= len(name) <= 4 and not any(w in stop for w in name):
                words = " ".join(w for w in title if w.lower() not in FUNCTION_WORDS or w.lower() in ("of", "the"))
                words = re.sub(r"^(?:(?:the|of)\s+)+", "", words)
                if any(_is_role_word(w, roles) for w in words.split()):
                    out.append(Found(" ".join(name), words, "", p.anchor))
        for m in HONORED.finditer(s.text):
            name = m.group("name").split()
            while name and (name[-1] in stop or _is_role_word(name[-1], roles)):
                name.pop()
            if 2 <= len(name) <= 4 and not any(w in stop for w in name):
                out.append(Found(" ".join(name), "", "", p.anchor))
    return out


def title_pattern(roles: frozenset[str]) -> re.Pattern[str]:
    """Capitalised role words before a name: "Energy Secretary Jennifer Granholm", "Vice Minister Li Na"."""
    role_words = "|".join(sorted((r.capitalize() for r in roles if len(r) > 2), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w-])(?:[A-Z][a-z]+\s+){{0,3}}(?:{role_words})(?:\s+of\s+(?:the\s+)?[A-Z][a-z]+)?"
        rf"(?:\s+{_NAME_WORD}|\s+[A-Z]\.){{2,4}}(?![\w-])"
    )


def name_key(name: str) -> str:
    """Fold case, accents and punctuation, so two spellings of one name compare equal."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(re.sub(r"[^a-z ]+", " ", folded).split())


def same_person(a: str, b: str) -> bool:
    """"Jennifer M. Granholm" and "Jennifer Granholm"; "J. Granholm" too; not "Li Na" and "Li Wei"."""
    ka, kb = name_key(a).split(), name_key(b).split()
    if ka == kb:
        return True
    if not ka or not kb or ka[-1] != kb[-1]:
        return False
    return ka[0] == kb[0] or (len(ka[0]) == 1 and kb[0].startswith(ka[0])) or (len(kb[0]) == 1 and ka[0].startswith(kb[0]))
