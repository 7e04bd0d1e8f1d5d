"""Acronyms defined in the text, by the algorithm of Schwartz and Hearst (2003).

A definition is a short form next to a parenthesis: ``long form (SF)`` or
``SF (long form)``. The long form is found as the paper describes: take at
most min(|SF| + 5, 2·|SF|) words before the parenthesis (|SF| counts the
short form's characters), then match the short form's letters and digits
right to left against the words, each character anywhere in a word except
the first, which must start one (``Ministry of COMmerce`` → ``MOFCOM``,
``gigaWatts`` → ``GW``). The long form runs from the word that matched the
first character to the parenthesis.

Extended beyond the paper for news and policy texts:

- lower-case short forms (``billion cubic metres (bcm)``) and units
  (``MtCO2e``, ``GW``): a digit the long form does not spell is skipped
  (``CO2`` → ``carbon dioxide``);
- a long form of one word only in lower case (``gigawatts (GW)``), never a
  capitalised one (``Norway (NO)`` is not a definition);
- a possessive at the end is dropped (``the Chief Auditor’s (CA) report`` →
  ``Chief Auditor``), and so is a leading article.

A match where every letter starts a word, or starts a prefix of a word
(``Ministry of Commerce`` → ``MOFCOM``), is *sure*. Letters from inside words
across several words are what the algorithm gets wrong most often, so such
a definition is *unsure*: kept off the glossary and listed by ``briefbook
check`` for the author to accept or suppress.

Coordinated definitions share a head: in ``the Departments of Energy (DOE),
Interior (DOI)`` the second long form borrows ``Department of`` from the
first, and both are made singular.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from ..model import Paragraph
from .text import FUNCTION_WORDS, find_word, sentences

_PAREN = re.compile(r"\(([^()]{1,80})\)")
_SHORT = regex.compile(r"[\p{L}][\p{L}\p{N}.\-&/]{1,11}")
_TOKEN = re.compile(r"[^\s\-–—/]+")
_WORDS = re.compile(r"\S+")
#: Small words a long form may skip: "Fair for Trade in Services" → F T S.
_SKIPPABLE = frozenset({"of", "for", "in", "on", "and", "the", "to", "at", "&", "a", "an", "de", "du", "la", "le", "des"})
#: Where a long form may not reach across: another clause.
_CLAUSE_MARK = regex.compile(r"[;:!?\"“”]|(?<=\p{Ll}\p{Ll})\.\s")  # not "U.S. "


@dataclass(frozen=True)
class Definition:
    short: str
    expansion: str
    anchor: str
    sure: bool = True
    reason: str = ""  # why the rules are unsure, for ``briefbook check``


def acronym_like(short: str) -> bool:
    """Mostly capitals, at least two: ``NHB``, ``ARPA-E``, ``NGOs``, ``MtCO2e``; not ``ShotTM`` nor ``Plan``."""
    if not _SHORT.fullmatch(short) or short.endswith("."):
        return False
    letters = [c for c in short if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    if re.search(r"[a-z]TM$", short):  # a flattened trademark sign
        return False
    return upper >= 2 and upper / len(letters) >= 0.5


def short_form_like(short: str) -> bool:
    """A short form the text may define: an acronym, or two to five lower-case letters (``bcm``, ``tcf``)."""
    if acronym_like(short):
        return True
    if " " in short:
        first, _, second = short.partition(" ")
        return acronym_like(first) and acronym_like(second)  # "EU ETS"
    if regex.fullmatch(r"\p{Ll}{2,5}", short):
        return short not in FUNCTION_WORDS
    if regex.fullmatch(r"\p{Lu}\p{Ll}{2,5}", short):
        return True  # "Defra": accepted only where every letter starts a word of the long form
    return bool(regex.fullmatch(r"\p{Ll}{1,3}\p{Lu}\p{Ll}{0,3}", short))  # "kWh", "mmBtu"


def _letters(short: str) -> str:
    """The letters a long form must spell: ``EVs`` → ``ev`` (a plural's "s" is not one of them)."""
    if len(short) > 2 and short.endswith("s") and short[-2].isupper():
        short = short[:-1]
    return "".join(c.lower() for c in short if c.isalpha())


def _unit_like(short: str) -> bool:
    """``MtCO2e``, ``CO2``, ``kWh``: symbols whose long forms spell them from inside words."""
    return any(c.isdigit() for c in short) or (any(c.islower() for c in short[1:]) and not short.endswith("s"))


def _prefix_match(letters: str, tokens: list[str], optional: frozenset[int] = frozenset()) -> bool:
    """Can ``tokens``, in order, spell ``letters`` with a prefix of each (small words may give none)?

    Tokens whose index is in ``optional`` may give none either (the later
    parts of "Nordic-EU"). Reachable (word, letter) states, word by word: no
    recursion, and at most words × letters steps.
    """
    words = [re.sub(r"[^a-z0-9&]", "", t.lower()) for t in tokens]
    if not words or not words[0] or words[0][0] != letters[:1]:
        return False
    paired = {i for i in range(2, len(words)) if words[i - 1] in ("&", "and") and words[i][:1] == words[i - 2][:1]}
    optional = optional | paired  # "Ports & Piers Services (PS)": two words joined, one initial for both
    states = {0}
    for index, word in enumerate(words):
        after: set[int] = set()
        for j in states:
            if word in _SKIPPABLE or index in optional:
                after.add(j)
            k = 0
            while k < len(word) and j + k < len(letters) and word[k] == letters[j + k]:
                k += 1
                after.add(j + k)
        states = after
        if not states:
            return False
    return len(letters) in states


def best_long_form(short: str, window: str) -> str | None:
    """Schwartz and Hearst's match: the long form at the end of ``window`` for ``short``, or None.

    Right to left, each character of the short form is found in the window;
    the first must start a word. If that fails, again without the short
    form's digits, which long forms often spell out or leave out (``CO2``).
    """
    found = _match_right_to_left(short, window)
    if found is None and any(c.isdigit() for c in short):
        found = _match_right_to_left("".join(c for c in short if not c.isdigit()), window)
    return found


def _match_right_to_left(short: str, window: str, matched: list[int] | None = None) -> str | None:
    """The paper's loop; ``matched`` collects the offsets of the letters it took."""
    if matched is None:
        matched = []
    s, i = len(short) - 1, len(window) - 1
    low = window.lower()
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while i >= 0 and (low[i] != c or (s == 0 and i > 0 and low[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        matched.append(i)
        i -= 1
        s -= 1
    start = max(window.rfind(" ", 0, i + 2) + 1, 0)
    return window[start:]


def initials_used(short: str, long_form: str) -> bool:
    """Does the right-to-left match take the first letter of every content word? ("Greenhouse gas" for GHG: yes)."""
    matched: list[int] = []
    if _match_right_to_left(short, long_form, matched) is None:
        return False
    words = regex.finditer(r"[\p{L}\p{N}][\p{L}\p{N}'’]*+", long_form)
    taken = set(matched)
    return all(w.start() in taken for w in words if w.group().lower() not in _SKIPPABLE)


def _after_hyphen(expansion: str) -> frozenset[int]:
    """Indexes of the tokens that follow a hyphen inside a word: "Nordic-EU" → the token "EU"."""
    out: set[int] = set()
    index = 0
    for word in expansion.split():
        parts = [t for t in _TOKEN.findall(word)]
        out.update(range(index + 1, index + len(parts)))
        index += len(parts)
    return frozenset(out)


def _trim(long_form: str) -> str:
    """Drop a leading article and a trailing possessive: "the Chief Auditor’s" → "Chief Auditor"."""
    text = re.sub(r"^(?:the|a|an)\s+", "", long_form.strip(), flags=re.IGNORECASE)
    return re.sub(r"['’]s?$", "", text).strip(" ,")


def long_form_before(short: str, window: str) -> Definition | None:
    """The definition of ``short`` by the words at the end of ``window``, or None."""
    size = len(short.replace(" ", ""))
    limit = min(size + 5, size * 2)
    words = list(_WORDS.finditer(window))[-limit:]
    if not words:
        return None
    tail = window[words[0].start() :].rstrip()
    if quoted := regex.search(r"[“\"]([^“”\"]{1,120})[”\"]$", tail):
        tail = quoted.group(1)  # “Enhanced Efficiency Fertilizer” (EEF)
    cut = max((m.end() for m in _CLAUSE_MARK.finditer(tail)), default=0)
    tail = tail[cut:]  # the long form starts after the last clause mark
    if not any(c.isdigit() for c in short):  # "Security Act of 2006 (GOMESA)": the year is no part of the name
        tail = regex.sub(r"(?:,?\s++(?:of|in)\s++|,\s++)?\d{4}\s*+$", "", tail.rstrip())
    letters = _letters(short)
    runs = list(_WORDS.finditer(tail))
    for size in range(2, len(runs) + 1):  # first, the fewest words whose starts spell it: sure
        for expansion in (_trim(tail[runs[-size].start() :]), tail[runs[-size].start() :].strip()):
            tokens = [m.group() for m in _TOKEN.finditer(expansion)]  # untrimmed: "The Fertilizer Institute (TFI)"
            if _valid(short, expansion, tokens) and _prefix_match(letters, tokens, _after_hyphen(expansion)):
                expansion = _with_qualifier(expansion, tail)
                earlier = _name_goes_on(expansion, window)
                if earlier:  # "International Counter Ransomware Initiative (CRI)": which of the two is the name?
                    return Definition(short, expansion, "", False, f"or “{earlier} {expansion}”: where does it start?")
                return Definition(short, expansion, "")
    found = best_long_form(_letters(short) if short.endswith("s") and not _unit_like(short) else short, tail)
    if found is None or short[:1].isupper() and short[1:].islower() or short.islower() and " " in found.strip():
        return None  # "Defra" and "bcm" must spell the starts of their words
    expansion = _trim(found)
    tokens = [m.group() for m in _TOKEN.finditer(expansion)]
    if not _valid(short, expansion, tokens):
        return None
    if len(tokens) == 1 or _unit_like(short) and len(tokens) <= len(_letters(short)) + 1:
        return Definition(short, expansion, "")  # a unit or a symbol: "gigawatts", "carbon dioxide"
    if initials_used(short, expansion):
        return Definition(short, expansion, "")  # every word gives its first letter, some more: "Greenhouse gas"
    return Definition(short, expansion, "", False, "letters taken from inside words: check the expansion")


_INITIAL = regex.compile(r"\p{Lu}\.")
_QUALIFIER = regex.compile(r"(?:(?:\p{Lu}\.){2,3}|\p{Lu}{2,3}|(?:\p{Lu}[\p{L}.]*+-)++\p{Lu}[\p{L}.]*+)")


def _with_qualifier(expansion: str, window: str) -> str:
    """Keep a leading "U.S.", "EU" or "Canada-EU" with the name it qualifies: "U.S. Geological Survey". Not a pair
    of plain words ("Kelby-Tarvo Ferry Board (FB)"): a region the body serves, as often as part of its name."""
    before = window[: window.rstrip().rfind(expansion.split()[0])].rstrip() if expansion else ""
    last = before.rsplit(None, 1)[-1] if before.split() else ""
    if last and _QUALIFIER.fullmatch(last) and (len(last) <= 5 and "-" not in last
                                                or "-" in last and any(p.isupper() for p in last.split("-"))):
        return f"{last} {expansion}"
    return expansion


def _name_goes_on(expansion: str, window: str) -> str:
    """The capitalised word just before a long form, if the name may start there: "International" before "Counter
    Ransomware Initiative (CRI)". Not a small word, not a possessive, not the sentence's first word; but a
    capitalised word and "of" or "for" ("Office of" before "Land Records (LR)") may start it."""
    at = window.rstrip().rfind(expansion)
    if at <= 0:
        return ""
    words = window[:at].split()
    if len(words) >= 2 and words[-1] in ("of", "for") and regex.fullmatch(r"\p{Lu}\p{Ll}[\p{L}-]*+", words[-2]) \
            and words[-2].lower() not in FUNCTION_WORDS and not (len(words) >= 3 and _INITIAL.fullmatch(words[-3])):
        return f"{words[-2]} {words[-1]}"  # "Department of Health Services (HS)": the department, or only its field?
    # but "Ana K. Lie of Harbour Safety Investigations (HSI)": an initial says the word before "of" ends a name
    if len(words) < 2:
        return ""  # the sentence's first word: capitalised only because it opens the sentence
    word = words[-1]
    if not regex.fullmatch(r"\p{Lu}\p{Ll}[\p{L}-]*+", word) or word.lower() in FUNCTION_WORDS:
        return ""
    return word


def _valid(short: str, expansion: str, tokens: list[str]) -> bool:
    if not tokens or len(expansion) <= len(short):
        return False
    if tokens[0].lower() in FUNCTION_WORDS and not (tokens[0] == "The" and short[:1] == "T"):
        return False  # but "The Nature Conservancy (TNC)" spells its article
    if short.casefold() in expansion.casefold().split():
        return False
    # one word defines a unit ("gigawatts (GW)"), never a name ("Norway") nor a plain word ("deadline (dl)")
    return len(expansion.split()) > 1 or (expansion.islower() and len(_letters(short)) >= 2
                                          and any(c.isupper() for c in short))


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _head(expansion: str) -> tuple[str, str] | None:
    """``Departments of Energy`` → (``Department of``, ``Departments of``): the part coordinated forms share."""
    m = re.match(r"^(.*\b(?:of|for))\s+\S", expansion)
    if not m:
        return None
    head = m.group(1)
    first, _, rest = head.partition(" ")
    return (f"{_singular(first)} {rest}".strip(), head)


def _in_sentence(text: str) -> list[Definition]:
    found: list[Definition] = []
    last_end = 0
    previous: tuple[int, Definition] | None = None  # index in found, for coordination
    for m in _PAREN.finditer(text):
        inside = re.split(r"[;,]|\s+or\s+", m.group(1))[0].strip().strip("“”\"‘’'")  # "(CA; see below)", "(“IP”)"
        inside = _LEAD_IN.sub("", inside).strip("“”\"‘’'")  # "(the DHA)", "(hereafter HSB)", "(HSB’s)"
        inside = re.sub(r"(?<=[A-Z])['’]s$", "", inside)
        window = text[max(last_end, m.start() - 300) : m.start()]  # a long form is a few words: keeps this linear
        last_end = m.end()
        if short_form_like(inside):
            definition = long_form_before(inside, window)
            if definition is None and previous is not None and re.match(r"^\s*(?:,|and\b|or\b)", window):
                definition = _coordinated(inside, window, found, previous)
            if definition is not None:
                found.append(definition)
                previous = (len(found) - 1, found[-1])
            continue
        previous = None
        before = regex.search(r"([\p{L}][\p{L}\p{N}.\-]{1,11})\s*$", window[-20:])
        if before and acronym_like(before.group(1)) and len(m.group(1).split()) >= 2:
            long_form = _trim(m.group(1))
            tokens = [t.group() for t in _TOKEN.finditer(long_form)]
            if _prefix_match(_letters(before.group(1)), tokens) and not re.search(r"[,;:]", long_form):
                found.append(Definition(before.group(1), long_form.strip(" ."), ""))
    return found


#: Words that may lead a short form inside its parenthesis: "(the DHA)", "(hereafter HSB)", "(known as HSB)".
_LEAD_IN = re.compile(r"^(?:the|hereafter|hereinafter|known as|referred to as)\s+", re.IGNORECASE)


def _coordinated(short: str, window: str, found: list[Definition], previous: tuple[int, Definition]) -> Definition | None:
    index, first = previous
    head = _head(first.expansion)
    if head is None:
        return None
    singular, written = head
    item = re.sub(r"^\s*,?\s*(?:and\s+|or\s+)?", "", window).strip()
    if not item or "," in item or len(item.split()) > 4:
        return None
    candidate = f"{singular} {item}"
    definition = long_form_before(short, candidate)
    if definition is None or definition.expansion != candidate:
        return None
    if singular != written:  # "Departments of Energy" names one department once it is coordinated
        found[index] = Definition(first.short, first.expansion.replace(written, singular, 1), first.anchor,
                                  first.sure, first.reason)
    return definition


def find_definitions(paragraphs: tuple[Paragraph, ...]) -> list[Definition]:
    """Every acronym definition, the first of each short form kept (the first sure one, if any is)."""
    return first_definitions(d for p in paragraphs for d in definitions_in(p))


def definitions_in(paragraph: Paragraph) -> list[Definition]:
    """Every acronym definition of one paragraph, in text order, each with the paragraph's anchor."""
    return [Definition(d.short, d.expansion, paragraph.anchor, d.sure, d.reason)
            for s in sentences(paragraph.text) for d in _in_sentence(s.text) if len(d.expansion) > len(d.short)]


def first_definitions(definitions: Iterable[Definition]) -> list[Definition]:
    """The first definition of each short form (the first sure one, if any is), from definitions in book order."""
    found: dict[str, Definition] = {}
    for d in definitions:
        if d.short not in found or d.sure and not found[d.short].sure:
            found[d.short] = d  # a sure one wins
    for short in [s for s in found if s.endswith("s") and s[:-1] in found]:
        del found[short]  # "EEFs" after "EEF": the plural of a short form already defined
    for short, d in found.items():  # "KPA Tidal Survey Office (TSO)", KPA defined too: the owner, not the name
        owner, _, rest = d.expansion.partition(" ")
        if owner in found and owner != short and not short.startswith(owner) and len(rest.split()) >= 2:
            found[short] = Definition(d.short, rest, d.anchor, d.sure, d.reason)
    return list(found.values())


def mentions(short: str, paragraphs: tuple[Paragraph, ...]) -> tuple[str, ...]:
    """Anchors of the paragraphs that use the short form, in book order."""
    return tuple(p.anchor for p in paragraphs if find_word(p.text, short))
