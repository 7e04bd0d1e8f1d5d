"""Propose starter themes from the source texts themselves, for ``briefbook new``.

A first book should hold something before its author writes any YAML. The
proposal works on key phrases, not single words: runs of one to three
content words that the text itself uses ("water quality", "green bond"),
folded for plurals the way the classifier folds them. Then:

1. each phrase is scored like a key phrase (how often it occurs, how few
   paragraphs share it, longer phrases a little more);
2. seeds are picked greedily: the best phrase that reaches paragraphs the
   earlier seeds do not, skipping phrases in nearly every paragraph (they
   would swallow the book) and phrases that share a word with a seed;
3. each seed becomes a theme; the other top phrases join the theme whose
   paragraphs they mostly occur in, as its further keywords;
4. the proposal is checked with the real classifier: a theme that would hold
   no paragraph is dropped, until every starter theme holds some.

Nothing here knows any particular text: the only inputs are the paragraphs.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..base.matcher import stem
from ..base.slugs import RESERVED, slugify, unique
from ..classify import classify
from ..model import Assignment, Paragraph, ThemeSpec


def _wordlist(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS = _wordlist(
    """a about above according across after again against all almost along already also although always am among
    an and another any anyone are around as at away back be became because become been before being below between
    both but by came can cannot could did do does doing done down during each either else enough even ever every
    few first for from further get gets got had has have having he her here hers herself him himself his how
    however i if in including include includes into is it its itself just last later least less like made make
    makes many may me might more most much must my near nearly neither never new next no nor not now of off often
    on once one only onto or other others our ours out over own per perhaps put rather really recent recently said
    same say says second see seen several shall she should since so some something still such than that the their
    theirs them themselves then there therefore these they thing things this those though three through thus to
    today together too took toward towards two under until up upon us used using very via was way ways we well
    went were what whatever when where whether which while who whole whom whose why will with within without would
    year years yet you your yours time times part ago throughout pre post non anti sub everything everyone
    anything nothing someone anyone"""
)
#: Words that only join others: a keyword that starts or ends with one was cut from a longer phrase.
_FUNCTION_WORDS = _wordlist(
    """a an the of and or but nor to in on at for from by with into onto as than that this these those its their
    our your his her which who whom whose"""
)
#: Common verbs: a theme is named by what a text is about, not by what happens in it.
_VERBS = _wordlist(
    """add adhere agree allow appear ask begin bring build buy call carry change choose close come continue cost create cut
    decide expect fall find follow give go grow happen hear help hold hope keep know lead leave let live look lose
    meet move need offer open pass pay plan play promise propose provide raise reach read remain remember replace
    reply report require return run say see seem sell send serve set show sit speak spend stand start stay stop
    suggest take talk tell think try turn understand use wait walk want watch win work worry write
    direct clarify ensure manage conserve protect improve develop reduce announce publish deliver encourage
    recognise recognize believe consider introduce identify include involve receive establish implement enable
    commit seek urge download click visit prepare promote tackle bring brought given taken held told found kept
    built sent spent met led paid won lost chosen begun grown known shown thought bought address welcome
    strengthen secure prevent lay laid govern explore describe operate"""
)
#: Adjectives that say how, not what: never a theme alone, nor the last word of a key phrase.
_ADJECTIVES = _wordlist(
    """important appropriate responsible significant key major local national public federal additional current
    available clear possible necessary various further similar different better best great large small high low
    strong full real true early final annual total overall general particular specific main certain likely
    difficult confident able unable ready aware sure whole wide young old higher lower forward economic social political
    environmental international financial digital global largest biggest highest lowest greatest smallest
    strongest newest oldest female male individual"""
)
#: Counting words: "1.1 million people" is a number of people, not the topic "million people".
_QUANTITIES = _wordlist(
    """million millions billion billions trillion thousand thousands hundred hundreds dozen dozens percent cent
    per half quarter twice"""
)
#: Nouns too general to name a theme: they occur in texts about anything.
_GENERIC = _wordlist("people person day week month thing group lot number statement")
#: Nouns that fit any government text: a theme named by one of them alone would be a catch-all.
_BROAD = _wordlist(
    """state government service sector country area place system programme program plan project process measure
    minister legislation policy issue case fact point level form example result change support action development
    information business community member office department organisation organization company economy nation
    world region law rule report work use need approach opportunity initiative power right side team county"""
)
#: Marks a keyword as an artefact of the page it came from, not a phrase of the text.
_ARTEFACT = re.compile(r"[™®©@/\\|<>{}\[\]=_*#~^]|\bTM$|\b(?:www|http|https|com|html|pdf|PDF|docx?|xlsx?|csv)\b")
_SENTENCE_END = re.compile(r"[.!?:;]['’\"”)]*\s*$")
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_MAX_WORDS = 3
#: A seed or keyword in more than this share of the paragraphs would make its theme a catch-all.
_COMMON_SHARE = 0.4
#: Rubric: a theme holding more than this share of the paragraphs is a catch-all.
CATCH_ALL_SHARE = 0.4
#: Rubric: a theme needs at least this many paragraphs.
MIN_PARAGRAPHS = 2


@dataclass(frozen=True)
class _Phrase:
    key: tuple[str, ...]  # stems, as the matcher folds them
    surface: str  # the spelling most often seen
    paragraphs: frozenset[int]
    count: int
    score: float
    proper: int = 0  # occurrences capitalised in mid-sentence: part of a name ("States" of "United States")


@dataclass
class _Seen:
    """How a candidate phrase occurs: where, how often, and in what position."""

    paragraphs: set[int]
    count: int = 0
    initial: int = 0  # at the start of a sentence
    proper: int = 0  # capitalised (not all capitals) in mid-sentence
    cut: int = 0  # followed by "of": the start of a longer name ("Nevada Department" of Taxation)


def _stop(word: str) -> bool:
    lower = word.lower()
    return (
        len(word) < 3 or lower in _STOPWORDS or lower in _QUANTITIES or lower in _GENERIC or any(ch.isdigit() for ch in word)
    )


def _weak(word: str) -> bool:
    """A word that says little alone (a verb or an adverb), though it may sit inside a phrase."""
    lower = word.lower()
    base = stem(lower)
    return (
        base in _VERBS
        or lower.endswith("ly")
        or (lower.endswith("ed") and not lower.endswith("eed"))
        or any(lower.endswith(s) and (lower[: -len(s)] in _VERBS or lower[: -len(s)] + "e" in _VERBS) for s in ("ed", "ing", "s"))
    )


#: (stem, start, end) of each content word in a run.
_Run = list[tuple[str, int, int]]


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start]  # a few characters: the cost does not grow with the paragraph
    return (start <= 4 and not before.strip()) or bool(_SENTENCE_END.search(before))


def _runs(text: str) -> list[_Run]:
    """Runs of content words, broken by stopwords, digits and punctuation (a hyphen or space joins)."""
    runs: list[_Run] = []
    current: _Run = []
    last_end = 0
    for match in _TOKEN.finditer(text):
        word = match.group()
        gap = text[last_end : match.start()]
        last_end = match.end()
        if gap.strip() not in ("", "-") or _stop(word):
            runs.append(current)
            current = []
        if not _stop(word):
            current.append((stem(word), match.start(), match.end()))
    runs.append(current)
    return [r for r in runs if r]


def key_phrases(paragraphs: list[str]) -> list[_Phrase]:
    """Every candidate phrase of one to three content words, best first."""
    seen: dict[tuple[str, ...], _Seen] = {}
    spellings: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for i, text in enumerate(paragraphs):
        for run in _runs(text):
            for size in range(1, _MAX_WORDS + 1):
                for start in range(len(run) - size + 1):
                    part = run[start : start + size]
                    surface = text[part[0][1] : part[-1][2]]
                    first, last = text[part[0][1] : part[0][2]], text[part[-1][1] : part[-1][2]]
                    if _weak(first) or _weak(last) or last.lower() in _ADJECTIVES:
                        continue
                    if size == _MAX_WORDS and _weak(text[part[1][1] : part[1][2]]):
                        continue  # "programs use funds": a clause, not a phrase  # "asked", "takes place", "important": no theme is named after these
                    key = tuple(s for s, _, _ in part)
                    entry = seen.setdefault(key, _Seen(set()))
                    entry.paragraphs.add(i)
                    entry.count += 1
                    initial = _sentence_start(text, part[0][1])
                    entry.initial += initial
                    entry.proper += not initial and first[:1].isupper() and not first.isupper()
                    entry.cut += text[part[-1][2] : part[-1][2] + 4] == " of "
                    spellings[key][surface] += 1
    n = max(1, len(paragraphs))
    phrases = []
    for key, entry in seen.items():
        count = entry.count
        if len(key) > 1 and count < 2:
            continue  # a phrase said once is not yet a key phrase
        if entry.initial == count and count < 3:
            continue  # only ever opening a sentence ("Download the app."): a command, not a topic
        if len(key) > 1 and entry.cut >= 0.5 * count and entry.proper >= 0.5 * count:
            continue  # "Nevada Department" of Taxation: the first words of a longer name
        df = len(entry.paragraphs)
        score = count * math.log(1 + n / df) * (1 + 0.6 * (len(key) - 1))
        surface = sorted(spellings[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        if _ARTEFACT.search(surface):
            continue
        phrases.append(_Phrase(key, surface, frozenset(entry.paragraphs), count, score, entry.proper))
    phrases.sort(key=lambda p: (-p.score, p.key))
    # A word that mostly occurs inside one longer phrase adds nothing of its own.
    longer = [p for p in phrases if len(p.key) > 1]
    kept = []
    for p in phrases:
        covering = [q for q in longer if len(q.key) > len(p.key) and _contains(q.key, p.key)]
        if any(q.count >= 0.7 * p.count for q in covering):
            continue
        kept.append(p)
    return kept


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    return any(longer[i : i + len(shorter)] == shorter for i in range(len(longer) - len(shorter) + 1))


def _title(surface: str) -> str:
    return surface[:1].upper() + surface[1:]


def _nameable(p: _Phrase) -> bool:
    """Whether a phrase can name a theme: not a lone word of a proper name ("States", "Couch") nor a lone adjective."""
    if len(p.key) > 1:
        return True
    word = p.surface
    if word.isupper():  # an acronym (NHS, BLM) names an organisation or a programme
        return len(word) >= 2
    lower = word.lower()
    return p.proper < 0.5 * p.count and lower not in _ADJECTIVES and stem(lower) not in _BROAD and len(word) >= 4


def _keyword_worthy(p: _Phrase) -> bool:
    """A further keyword: said at least twice, in two paragraphs or more, and able to stand alone."""
    return p.count >= 2 and len(p.paragraphs) >= 2 and _nameable(p)


def _seeds(phrases: list[_Phrase], n: int, count: int) -> list[_Phrase]:
    too_common = max(2, math.ceil(_COMMON_SHARE * n))
    rare = 2 if n >= 6 else 1
    covered: set[int] = set()
    seeds: list[_Phrase] = []
    pool = [p for p in phrases if rare <= len(p.paragraphs) <= too_common and _nameable(p)]
    while len(seeds) < count:
        best, best_gain = None, 0.0
        for p in pool:
            if any(set(p.key) & set(s.key) for s in seeds):
                continue
            fresh = len(p.paragraphs - covered) / len(p.paragraphs)
            if fresh < 0.5:
                continue
            gain = p.score * fresh
            if gain > best_gain:
                best, best_gain = p, gain
        if best is None:
            break
        seeds.append(best)
        covered |= best.paragraphs
    return seeds


def _themes(seeds: list[_Phrase], phrases: list[_Phrase], n: int, keywords_each: int) -> list[tuple[_Phrase, list[_Phrase]]]:
    """Each seed with the top phrases that occur mostly in its paragraphs."""
    home: dict[int, int] = {}  # paragraph → the seed that claims it (the first seed found in it)
    for t, seed in enumerate(seeds):
        for i in seed.paragraphs:
            home.setdefault(i, t)
    extra: list[list[_Phrase]] = [[] for _ in seeds]
    used = {s.key for s in seeds}
    too_common = max(2, math.ceil(_COMMON_SHARE * n))
    for p in phrases[: 12 * max(1, len(seeds))]:
        if p.key in used or len(p.paragraphs) > too_common or not _keyword_worthy(p):
            continue
        if any(_contains(p.key, q) for q in used):
            continue  # "green bond" after "green bond market": the longer phrase already matches
        votes = Counter(home[i] for i in p.paragraphs if i in home)
        if not votes:
            continue
        t, hits = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if hits / len(p.paragraphs) >= 0.6 and len(extra[t]) < keywords_each:
            extra[t].append(p)
            used.add(p.key)
    return list(zip(seeds, extra, strict=True))


def _slug(title: str, taken: set[str], index: int) -> str:
    base = slugify(title) or f"theme-{index}"
    return unique(f"{base}-theme" if base in RESERVED else base, taken)


def _specs(groups: list[tuple[_Phrase, list[_Phrase]]]) -> tuple[ThemeSpec, ...]:
    taken: set[str] = set()
    return tuple(
        ThemeSpec(
            title=_title(seed.surface),
            slug=_slug(seed.surface, taken, i + 1),
            keywords=tuple(p.surface for p in [seed, *extra]),
        )
        for i, (seed, extra) in enumerate(groups)
    )


def _placed(paragraphs: list[str], themes: tuple[ThemeSpec, ...]) -> list[int | None]:
    """Which theme (index) the real classifier gives each paragraph."""
    probe = tuple(Paragraph("s", i + 1, f"p-{i}", text) for i, text in enumerate(paragraphs))
    index = {t.slug: i for i, t in enumerate(themes)}
    return [index[a.theme] if a.theme else None for a in classify(probe, themes)]


def _widen(groups: list[tuple[_Phrase, list[_Phrase]]], phrases: list[_Phrase], placed: list[int | None], n: int) -> None:
    """Give a paragraph no theme claims a keyword: its best phrase that otherwise occurs in one theme's paragraphs."""
    used = {p.key for seed, extra in groups for p in [seed, *extra]}
    too_common = max(2, math.ceil(_COMMON_SHARE * n))
    for i, theme in enumerate(placed):
        if theme is not None:
            continue
        for p in phrases:
            if i not in p.paragraphs or p.key in used or not 2 <= len(p.paragraphs) <= too_common or not _keyword_worthy(p):
                continue
            votes = Counter(placed[j] for j in p.paragraphs if j != i and placed[j] is not None)
            if not votes:
                continue
            t, hits = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0] or 0))[0]
            if t is not None and hits / (len(p.paragraphs) - 1) >= 0.5 and len(groups[t][1]) < 8:
                groups[t][1].append(p)
                used.add(p.key)
                break


def _trim_catch_all(
    groups: list[tuple[_Phrase, list[_Phrase]]], phrases: list[_Phrase], placed: list[int | None], n: int
) -> bool:
    """Narrow a theme that holds too many paragraphs; False if there was none to narrow.

    First its commonest further keyword goes; a theme left with its seed alone
    takes the best longer phrase that holds the seed ("school" → "school food");
    failing that, the theme goes (a lone word every other paragraph mentions).
    """
    used = {p.key for seed, extra in groups for p in [seed, *extra]}
    for t, (seed, extra) in enumerate(groups):
        if placed.count(t) <= CATCH_ALL_SHARE * n:
            continue
        if extra:
            extra.remove(max(extra, key=lambda p: (len(p.paragraphs), p.key)))
            return True
        narrower = [
            p for p in phrases
            if len(p.key) > len(seed.key) and _contains(p.key, seed.key) and p.key not in used
            and 2 <= len(p.paragraphs) < len(seed.paragraphs) and _nameable(p)
        ]
        if narrower:
            groups[t] = (narrower[0], [])
            return True
        if len(groups) > 2:
            del groups[t]
            return True
    return False


def propose_themes(paragraphs: list[str], count: int | None = None) -> tuple[ThemeSpec, ...]:
    """A few starter themes, each with keywords, each holding paragraphs when the book is built.

    ``count`` defaults to about one theme per three paragraphs, between two and six.
    A theme that would hold fewer than :data:`MIN_PARAGRAPHS` paragraphs is dropped
    (unless it is the last), and a catch-all loses its commonest keywords.
    """
    n = len(paragraphs)
    if count is None:
        count = max(2, min(6, n // 3))
    phrases = key_phrases(paragraphs)
    if not phrases:
        return ()
    groups = _themes(_seeds(phrases, n, count), phrases, n, keywords_each=5)
    if not groups:  # a tiny text: its best phrase is the whole proposal
        groups = [(phrases[0], [])]
    widened = False
    for _ in range(4 * len(groups) + 8 * count + 4):  # each round drops a theme or a keyword, or ends
        placed = _placed(paragraphs, _specs(groups))
        if _trim_catch_all(groups, phrases, placed, n):
            continue
        sizes = [placed.count(i) for i in range(len(groups))]
        thin = {i for i, size in enumerate(sizes) if size < min(MIN_PARAGRAPHS, n)}
        if thin and len(groups) > 1:
            keep = [g for i, g in enumerate(groups) if i not in thin] or [groups[sizes.index(max(sizes))]]
            if len(keep) < len(groups):
                groups = keep
                continue
        if widened or None not in placed:
            break
        _widen(groups, phrases, placed, n)
        widened = True
    return _specs(groups)


def rubric_problems(themes: tuple[ThemeSpec, ...], assignments: tuple[Assignment, ...]) -> list[str]:
    """What the mechanical part of the starter-theme rubric finds wrong, one line per problem.

    The rubric (README, "Starter themes"): a theme is named after a topic, not a
    stray word; it holds at least :data:`MIN_PARAGRAPHS` paragraphs; it holds no
    more than :data:`CATCH_ALL_SHARE` of them; its keywords are neither fragments
    ("million project") nor artefacts (a trailing "TM"). ``assignments`` are the
    classifier's for the book's paragraphs with these themes. Whether a title
    names a real topic needs a reader; this checks what a rule can: a title that
    is a lone counting word, adjective, verb, generic noun, or a single word of
    a proper name as the text uses it.
    """
    problems = []
    texts = [a.paragraph.text for a in assignments]
    total = len(assignments)
    sizes = Counter(a.theme for a in assignments)
    phrases = {p.key: p for p in key_phrases(texts)} if texts else {}
    for theme in themes:
        name = f"theme '{theme.title}'"
        size = sizes.get(theme.slug, 0)
        if size < MIN_PARAGRAPHS:
            problems.append(f"{name} holds {size} paragraph(s): fewer than {MIN_PARAGRAPHS}")
        if total and size > CATCH_ALL_SHARE * total:
            problems.append(f"{name} holds {size} of {total} paragraphs: a catch-all (over {CATCH_ALL_SHARE:.0%})")
        if stray := _stray(theme.title, phrases):
            problems.append(f"{name}: title is {stray}")
        for keyword in theme.keywords:
            if bad := _bad_keyword(keyword):
                problems.append(f"{name}: keyword '{keyword}' is {bad}")
    return problems


def _stray(title: str, phrases: dict[tuple[str, ...], _Phrase]) -> str:
    """Why a title is a stray word rather than a topic ("" if it is not)."""
    tokens = _TOKEN.findall(title)
    if not tokens:
        return "not a word"
    if len(tokens) > 1:
        return "a fragment" if _bad_keyword(title) else ""
    word = tokens[0]
    lower = word.lower()
    if lower in _QUANTITIES or any(ch.isdigit() for ch in word):
        return "a counting word"
    if lower in _STOPWORDS or lower in _GENERIC:
        return "a word that names no topic"
    if stem(lower) in _BROAD:
        return "a word too broad to name a topic"
    if lower in _ADJECTIVES:
        return "an adjective alone"
    if _weak(word):
        return "a verb"
    if word.isupper():
        return ""
    if len(word) < 4:
        return "too short to name a topic"
    seen = phrases.get((stem(word),))
    if seen is not None and seen.proper >= 0.5 * seen.count:
        return "one word of a name in the text"
    return ""


def _bad_keyword(keyword: str) -> str:
    """Why a keyword is a fragment or an artefact ("" if it is neither)."""
    if _ARTEFACT.search(keyword):
        return "an artefact of the page, not the text's words"
    tokens = _TOKEN.findall(keyword)
    if not tokens:
        return "not a word"
    edges = {tokens[0].lower(), tokens[-1].lower()}
    if edges & _QUANTITIES or any(ch.isdigit() for ch in keyword):
        return "a fragment: it starts or ends with a number"
    if edges & _FUNCTION_WORDS:
        return "a fragment: it starts or ends with a word like 'the' or 'of'"
    if len(tokens) > 1 and tokens[-1].lower() in _ADJECTIVES:
        return "a fragment: it ends with an adjective"
    return ""
