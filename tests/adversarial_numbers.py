"""Paragraphs built to make a careless figure or date rule backtrack or go quadratic (issue 14, item 3).

Shared by tests/test_extract_linear.py (each shape at the 100,000-character
paragraph limit through ``extract``) and bench/linearity_numbers.py (each
shape timed at n and 10n characters).
"""

from __future__ import annotations

from collections.abc import Callable


def repeated(unit: str) -> Callable[[int], str]:
    """A paragraph of ``unit`` over and over, cut to n characters."""
    return lambda n: (unit * (n // len(unit) + 1))[:n]


#: name → a function giving a paragraph of about n characters of that shape.
SHAPES: dict[str, Callable[[int], str]] = {
    "bare years": repeated("2021 "),  # 25 s at the paragraph limit before the rewrite
    "years after in": repeated("in 2030 "),
    "full dates": repeated("May 4-9, 2019 "),
    "days joined by and": repeated("on 24 and 25 June 2021, "),
    "day ranges without a year": repeated("September 2-7 and "),
    "qualified years": repeated("by the end of 2022 and "),
    "hyphenated year chain": repeated("2021-2022-"),
    "years joined by and": repeated("the 2030 and 2035 goals and "),
    "seasons, quarters, fiscal years": repeated("winter 2023-24, Q3 2024, mid-2025, FY2024 "),
    "months after in": repeated("in March in May in June "),
    "digits without end": repeated("1234567890"),
    "thousands grouped by spaces": repeated("2 400 "),
    "money with scales": repeated("$600-billion and "),
    "qualifiers without a number": repeated("more than about nearly "),
    "numbers inside names": repeated("Type 2 Type 2 "),
    "figures in one endless clause": repeated("5 GW in 2020 and 3% by 2030 and "),
    "spelled numbers and modifiers": repeated("two more three other "),
    "capitalised counts": repeated("300 Harbour Forum Staff "),
    "ratios and denominators": repeated("1 woman to every 7 men out of the 100 "),
    "named periods": repeated("the Ab-Cd Ef Gh period "),
    "capitals without spaces": repeated("ABCDEFGHIJ"),
}
