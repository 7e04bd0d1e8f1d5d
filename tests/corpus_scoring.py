"""Score what briefbook finds in the evaluation corpus against the hand-written labels.

The corpus (``tests/corpus/``, see its README) holds real texts, each a book of
its own, and ``labels*.yml`` with what a careful reader finds in each. This
module runs the real pipeline on a text (``assemble``: read, identify,
classify, extract, exactly what a build shows) and compares what reaches the
reader with the labels, kind by kind. It shares no matching code with the
generator, so a bug in the rules cannot hide in the scoring.

Shared by ``bench/knowledge_quality.py``, which prints the figures, and
``tests/test_corpus_quality.py``, which keeps a floor on the dev set.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CORPUS = Path(__file__).resolve().parent / "corpus"
KINDS = ("acronyms", "people with role", "organisations, events, places", "key terms", "dates", "figures", "key figures")


@dataclass(frozen=True)
class Text:
    """One labelled text of the corpus."""

    id: str
    set: str
    root: Path
    labels: dict[str, Any]


def load(corpus: Path = CORPUS, which: str = "all") -> list[Text]:
    """Every labelled text in ``corpus`` (``labels.yml`` and any ``labels-*.yml``), of set ``which``."""
    texts: list[Text] = []
    for path in sorted(corpus.glob("labels*.yml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if which in ("all", entry["set"]):
                texts.append(Text(entry["id"], entry["set"], corpus / entry["id"], entry))
    return sorted(texts, key=lambda t: t.id)


# --- folding: how two spellings of one thing compare -------------------------------------------

_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_QUOTES = dict.fromkeys(map(ord, "‘’ʼ`´"), "'") | dict.fromkeys(map(ord, "“”„"), '"')
_ARTICLES = {"the", "a", "an"}


def fold(text: str) -> str:
    """Case, dash and quote style, articles, punctuation at the edges and spacing do not matter."""
    text = unicodedata.normalize("NFC", str(text)).translate(_DASHES).translate(_QUOTES).casefold()
    words = [w.strip(".,;:()[]\"'") for w in text.replace("-", " - ").split()]
    return " ".join(w for w in words if w and w not in _ARTICLES and w != "-")


_HONORIFICS = {"dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame", "hon", "rt"}


def name_words(name: str) -> list[str]:
    """A person's name as folded words, without honorifics and initials."""
    words = [w.strip(".") for w in fold(name).split()]
    return [w for w in words if w and w not in _HONORIFICS and len(w) > 1]


def same_name(a: str, b: str) -> bool:
    """Same family name (last word) and the same first word, or one name is the other's family name alone."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb or wa[-1] != wb[-1]:
        return False
    return wa[0] == wb[0] or len(wa) == 1 or len(wb) == 1


_STOP = _ARTICLES | {"of", "for", "and", "at", "in", "on", "to", "'s", "s"}


def content_words(text: str) -> set[str]:
    return {w.removesuffix("'s") for w in fold(text).split()} - _STOP


# --- figures: the value a figure states, read independently of the generator ---------------------

_SPELLED = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
             "tenth": 10}
_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
              "tenth": 10, "tenths": 10}
_SCALES = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12,
           "tn": 1e12, "k": 1e3}
_NUMBER = re.compile(r"^\d{1,3}(?:[,\u00a0\u2009\u202f]\d{3})+(?:\.\d+)?|^\d+(?:\.\d+)?")
_GROUP = re.compile(r"(?<=\d)[ ](?=\d{3}\b)")


def figure_values(text: str) -> set[float]:
    """Every value a reader could take a figure to state, scales folded in.

    "$7 billion" → 7e9, "2 400 islands" → 2400, "forty" → 40; a share may be read
    as a fraction or a percentage: "two thirds" → 2/3 or 66.67, "Eight out of 10"
    → 8, 0.8 or 80; "a quarter of a million" → 250,000; "fourth-largest" → 4.
    """
    folded = unicodedata.normalize("NFC", text).translate(_DASHES).casefold().replace("-", " ")
    words = [w.strip("$€£¥%.,;:()") for w in _GROUP.sub("", folded).split()]
    values: set[float] = set()
    for i, word in enumerate(words):
        m = _NUMBER.match(word)
        if m:
            value = float(re.sub(r"[,\u00a0\u2009\u202f]", "", m.group()))
            suffix = word[m.end() :]
        elif word in _SPELLED:
            value, suffix = float(_SPELLED[word]), ""
        elif word in ("a", "an", "one") and i + 1 < len(words) and (words[i + 1] in _FRACTIONS or words[i + 1] in _SCALES):
            value, suffix = 1.0, ""
        elif word == "half":  # "half the budget"
            return {0.5, 50.0}
        elif word in _ORDINALS and not (i + 1 < len(words) and (_NUMBER.match(words[i + 1]) or words[i + 1] in _SPELLED)):
            return {float(_ORDINALS[word])}  # "the fourth-largest producer"; not "the first 50 videos"
        else:
            continue
        rest = words[i + 1 :]
        if suffix in _SCALES:
            value *= _SCALES[suffix]
        elif rest and rest[0] in _FRACTIONS:  # "two thirds", "a quarter of a million"
            value /= _FRACTIONS[rest[0]]
            rest = rest[1:]
            if rest[:2] == ["of", "a"] and len(rest) > 2 and rest[2] in _SCALES:
                return {value * _SCALES[rest[2]]}
            return {value, value * 100}
        elif rest[:2] == ["out", "of"] and len(rest) > 2 and (_NUMBER.match(rest[2]) or rest[2] in _SPELLED):
            whole = float(_SPELLED[rest[2]]) if rest[2] in _SPELLED else float(rest[2].replace(",", ""))
            return {value, value / whole, value / whole * 100}
        elif rest and rest[0] in _SCALES and (rest[0] not in ("m", "b", "k")):
            value *= _SCALES[rest[0]]
        values.add(value)
        return values
    return values


def figure_value(text: str) -> float | None:
    """The first reading of :func:`figure_values`, or None when the text states no number."""
    values = figure_values(text)
    return min(values) if values else None


def _same_value(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1.0)


# --- scores ------------------------------------------------------------------------------------


@dataclass
class Score:
    """Found, expected and correct counts of one kind, with what was wrong and what was missed."""

    kind: str
    found: int = 0
    expected: int = 0
    correct_found: int = 0  # found items that are right (precision's numerator)
    correct_expected: int = 0  # labelled items that were found right (recall's numerator)
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct_found / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct_expected / self.expected if self.expected else 1.0

    def add(self, other: Score) -> None:
        self.found += other.found
        self.expected += other.expected
        self.correct_found += other.correct_found
        self.correct_expected += other.correct_expected
        self.wrong += other.wrong
        self.missed += other.missed


@dataclass
class TextScore:
    """Every kind's score for one text, its theme agreement and its junk entries."""

    text: Text
    kinds: dict[str, Score]
    themes_first: int = 0
    themes_any: int = 0
    themes_labelled: int = 0
    themes_unmatched: list[str] = field(default_factory=list)
    theme_errors: list[str] = field(default_factory=list)
    junk: list[str] = field(default_factory=list)


def _role_ok(found_role: str, found_org: str, role: str, organisation: str, acronyms: dict[str, str]) -> bool:
    """The role shown is the labelled one, or a shorter form of it; an organisation shown must be the labelled one.

    A short form the text defines stands for its expansion: "at PHE" names "Public Health England".
    """

    def words(text: str) -> set[str]:
        return content_words(" ".join(acronyms.get(w.strip(".,;:()"), w) for w in text.split()))

    shown, told = words(found_role), words(f"{role} {organisation}")
    if not shown or not shown <= told:
        return False
    return not found_org or words(found_org) <= told


def score_text(text: Text) -> TextScore:
    """Run the pipeline on one text and compare what a reader would see with its labels."""
    from generator.pipeline import assemble

    book, _ = assemble(text.root)
    k = book.knowledge
    labels = text.labels
    kinds = {kind: Score(kind) for kind in KINDS}
    label_names: set[str] = set()

    # Acronyms: the short form with the expansion the text gives.
    expected_acronyms = {str(s): fold(x) for s, x in (labels.get("acronyms") or {}).items()}
    label_names |= set(expected_acronyms.values()) | {fold(s) for s in expected_acronyms}
    s = kinds["acronyms"]
    s.expected = len(expected_acronyms)
    found_acronyms = {a.short: fold(a.expansion) for a in k.acronyms}
    s.found = len(found_acronyms)
    for short, expansion in sorted(found_acronyms.items()):
        if expected_acronyms.get(short) == expansion:
            s.correct_found += 1
        else:
            s.wrong.append(f"{short} = {expansion}" + (f" (label: {expected_acronyms[short]})" if short in expected_acronyms else ""))
    for short, expansion in sorted(expected_acronyms.items()):
        if found_acronyms.get(short) == expansion:
            s.correct_expected += 1
        else:
            s.missed.append(f"{short} = {expansion}")

    # People: every person shown must be a labelled one, with a right role if a role is shown.
    people = labels.get("people") or []
    short_forms = {str(a): str(x) for a, x in (labels.get("acronyms") or {}).items()}
    label_names |= {fold(p["name"]) for p in people}
    s = kinds["people with role"]
    with_role = [p for p in people if p.get("role")]
    s.expected = len(with_role)
    s.found = len(k.people)
    for person in k.people:
        match = next((p for p in people if same_name(person.name, p["name"])), None)
        if match is not None and (not person.role or _role_ok(person.role, person.organisation, match.get("role", ""),
                                                              match.get("organisation", ""), short_forms)):
            s.correct_found += 1
        else:
            s.wrong.append(f"{person.name}: {person.role} / {person.organisation}")
    for label in with_role:
        found = next((p for p in k.people if same_name(p.name, label["name"])), None)
        if found is not None and found.role and _role_ok(found.role, found.organisation, label["role"], label.get("organisation", ""), short_forms):
            s.correct_expected += 1
        else:
            got = f" (found: {found.role} / {found.organisation})" if found else ""
            s.missed.append(f"{label['name']}: {label['role']} / {label.get('organisation', '')}{got}")

    # Organisations, events and places: the name and the kind.
    entities = labels.get("entities") or []
    label_names |= {fold(e["name"]) for e in entities}
    expected_entities: dict[str, set[str]] = {}
    for e in entities:
        kind = e["kind"]
        expected_entities.setdefault(fold(e["name"]), set()).update([kind] if isinstance(kind, str) else kind)
    s = kinds["organisations, events, places"]
    s.expected = len(expected_entities)
    s.found = len(k.entities)
    found_entities: dict[str, set[str]] = {}
    for entity in k.entities:
        found_entities.setdefault(fold(entity.name), set()).add(entity.kind)
        if entity.kind in expected_entities.get(fold(entity.name), set()):
            s.correct_found += 1
        else:
            s.wrong.append(f"{entity.name} ({entity.kind})")
    for name, kinds_ in sorted(expected_entities.items()):
        if found_entities.get(name, set()) & kinds_:
            s.correct_expected += 1
        else:
            s.missed.append(f"{name} ({'/'.join(sorted(kinds_))})")

    # Key terms.
    expected_terms = {fold(t["term"] if isinstance(t, dict) else t) for t in labels.get("terms") or []}
    label_names |= expected_terms
    s = kinds["key terms"]
    s.expected = len(expected_terms)
    found_terms = {fold(t.term) for t in k.terms}
    s.found = len(found_terms)
    s.correct_found = s.correct_expected = len(found_terms & expected_terms)
    s.wrong = sorted(found_terms - expected_terms)
    s.missed = sorted(expected_terms - found_terms)

    # Dates: each timeline entry once, at the labelled precision.
    expected_dates = {(str(d["start"]), str(d["end"])) for d in labels.get("dates") or []}
    # A source's own release date (from book.yml or the file's metadata) is not read from the text: not scored here.
    timeline = [e for e in k.timeline if getattr(e, "kind", "") != "published"]
    s = kinds["dates"]
    s.expected = len(expected_dates)
    s.found = len(timeline)
    seen: set[tuple[str, str, str]] = set()
    for entry in timeline:
        key = (entry.start, entry.end, entry.anchor)
        if (entry.start, entry.end) in expected_dates and key not in seen:
            s.correct_found += 1
        else:
            s.wrong.append(f"{entry.start}/{entry.end} “{entry.phrase}”" + (" (again in its ¶)" if key in seen else ""))
        seen.add(key)
    found_dates = {(e.start, e.end) for e in timeline}
    s.correct_expected = len(expected_dates & found_dates)
    s.missed = [f"{a}/{b}" for a, b in sorted(expected_dates - found_dates)]

    # Figures: the value is a labelled figure's; once per value and paragraph. Key figures: recall of the key ones,
    # counted only when the figure says what it measures in the labelled words.
    figures = labels.get("figures") or []
    readings = [(figure_values(str(f["number"])), f) for f in figures]
    s = kinds["figures"]
    s.expected = len(figures)
    s.found = len(k.figures)
    # A value may be stated as often as the labels list it: once more is the same figure listed twice.
    allowed: dict[float, int] = {}
    for figure in k.figures:
        labelled = sum(1 for values, _ in readings if any(_same_value(figure.value, v) for v in values))
        used = allowed.get(figure.value, 0)
        if labelled > used:
            s.correct_found += 1
        else:
            s.wrong.append(figure.text + (" (listed again)" if labelled else ""))
        allowed[figure.value] = used + 1
    key_score = kinds["key figures"]
    for values, label in readings:
        hits = [f for f in k.figures if any(_same_value(f.value, v) for v in values)]
        if hits:
            s.correct_expected += 1
        else:
            s.missed.append(str(label["number"]))
        if not label.get("key"):
            continue
        key_score.expected += 1
        words = content_words(str(label.get("counts", "")))
        said = [f for f in hits if not words or words & content_words(_figure_clause(f))]
        if said:
            key_score.correct_expected += 1
        else:
            key_score.missed.append(f"{label['number']} ({label.get('counts', '')})" + (" — found without what it counts" if hits else ""))
    key_score.found = key_score.correct_found = key_score.correct_expected  # recall only: which figures are key is a judgement

    result = TextScore(text, kinds)

    # Junk: names shown that name nothing the labeller found (a fragment, a role read as a name).
    for name in [p.name for p in k.people] + [e.name for e in k.entities]:
        folded = fold(name)
        if folded not in label_names and not any(same_name(name, n) for n in label_names if n):
            result.junk.append(name)

    # Paragraph → theme.
    titles = {t.slug: t.title for t in book.config.themes}
    by_start = list(book.assignments)
    for entry in labels.get("themes") or []:
        start = " ".join(str(entry["starts"]).split())
        match = next((a for a in by_start if " ".join(a.paragraph.text.split()).startswith(start)), None)
        result.themes_labelled += 1
        if match is None:
            result.themes_unmatched.append(start)
            continue
        acceptable = [fold(t) for t in entry.get("themes") or []]
        shown = [fold(titles[t]) for t in _themes_of(match, titles)]
        if (not acceptable and not shown) or (acceptable and shown and shown[0] == acceptable[0]):
            result.themes_first += 1
        if (not acceptable and not shown) or (shown and all(t in acceptable for t in shown)):
            result.themes_any += 1
        else:
            where = f"¶{match.paragraph.number}"
            result.theme_errors.append(f"{where} → {shown or ['Other']} (label: {acceptable or ['Other']}) “{start[:50]}”")
    return result


def _figure_clause(figure: Any) -> str:
    """Everything the book shows of a figure's clause."""
    return " ".join(str(getattr(figure, name, "")) for name in ("text", "counts", "lead", "tail", "clause", "when"))


def _themes_of(assignment: Any, titles: dict[str, str]) -> list[str]:
    """The theme a paragraph is shown on, then any further themes it is shared with."""
    out = [assignment.theme] if assignment.theme else []
    out += [t for t in getattr(assignment, "also", ()) or () if t in titles and t not in out]
    return out


@dataclass
class SetScore:
    """A set's totals over its texts."""

    name: str
    texts: list[TextScore]
    kinds: dict[str, Score] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.kinds = {kind: Score(kind) for kind in KINDS}
        for t in self.texts:
            for kind, s in t.kinds.items():
                self.kinds[kind].add(s)

    @property
    def themes_first(self) -> float:
        labelled = sum(t.themes_labelled - len(t.themes_unmatched) for t in self.texts)
        return sum(t.themes_first for t in self.texts) / labelled if labelled else 1.0

    @property
    def themes_any(self) -> float:
        labelled = sum(t.themes_labelled - len(t.themes_unmatched) for t in self.texts)
        return sum(t.themes_any for t in self.texts) / labelled if labelled else 1.0

    @property
    def most_junk(self) -> int:
        return max((len(t.junk) for t in self.texts), default=0)


def score_set(texts: Iterable[Text], name: str) -> SetScore:
    return SetScore(name, [score_text(t) for t in texts])


def rows(score: SetScore) -> Iterator[str]:
    """The set's table as Markdown rows: kind, found, expected, precision, recall."""
    yield f"| kind ({score.name}, {len(score.texts)} texts) | found | labelled | precision | recall |"
    yield "|---|---:|---:|---:|---:|"
    for kind, s in score.kinds.items():
        precision = "—" if kind == "key figures" else f"{s.precision:.2f}"
        yield f"| {kind} | {s.found if kind != 'key figures' else '—'} | {s.expected} | {precision} | {s.recall:.2f} |"
    yield f"| paragraph → theme, first choice / any acceptable | | | {score.themes_first:.2f} / {score.themes_any:.2f} | |"
    yield f"| junk names, most in one text | {score.most_junk} | | | |"
