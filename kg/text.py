"""Finding quotes in article text: the prose, repeated paragraphs, whole-word surface forms.

Examples
--------
>>> text = "Tokayev said so.\\n\\nA line.\\n\\nTokayev said so."
>>> [(s.start, s.end) for s in find_repeats(text, min_chars=5)]
[(27, 43)]
>>> find_quote(text, "said so", excluded=find_repeats(text, min_chars=5)).start
8
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from .model import Span

__all__ = [
    "closest_passage",
    "find_all",
    "find_quote",
    "find_repeats",
    "normalise",
    "paragraph_spans",
    "QuoteNotFound",
]

_FOLD = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)


class QuoteNotFound(LookupError):
    """Raised by :func:`find_quote`; ``hint`` says what in the text comes closest."""

    def __init__(self, quote: str, hint: str = "", count: int = 0) -> None:
        super().__init__(quote)
        self.quote = quote
        self.hint = hint
        self.count = count


def normalise(text: str) -> str:
    """Fold typographic quotes, dashes, ellipses and runs of white space, for comparison only.

    >>> normalise("“On January 6 this year…  47”")
    '"On January 6 this year... 47"'
    """
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return re.sub(r"\s+", " ", text).strip()


def _normalised_with_map(text: str) -> tuple[str, list[int]]:
    """``normalise`` that also returns, for each output character, its index in ``text``."""
    out: list[str] = []
    index: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        folded = unicodedata.normalize("NFKC", ch).translate(_FOLD)
        for c in folded:
            if c.isspace():
                if in_space:
                    continue
                in_space = True
                c = " "
            else:
                in_space = False
            out.append(c)
            index.append(i)
    return "".join(out), index


def paragraph_spans(text: str) -> list[Span]:
    """Paragraphs: runs of text separated by blank lines, stripped."""
    spans = []
    start = 0
    for separator in [*re.finditer(r"\n[ \t\r\f\v]*\n", text), None]:
        end = separator.start() if separator else len(text)
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            at = start + chunk.index(stripped)
            spans.append(Span(at, at + len(stripped), stripped))
        if separator:
            start = separator.end()
    return spans


def find_repeats(text: str, min_chars: int = 20) -> tuple[Span, ...]:
    """Later copies of paragraphs that occur more than once on the page.

    Copies are compared after :func:`normalise`, so a copy with typographic quotes repeats one
    with straight quotes. Paragraphs shorter than ``min_chars`` (section names, dashes) are not
    considered.
    """
    seen: set[str] = set()
    repeats = []
    for span in paragraph_spans(text):
        key = normalise(span.quote)
        if len(key) < min_chars:
            continue
        if key in seen:
            repeats.append(span)
        else:
            seen.add(key)
    return tuple(repeats)


def _inside(start: int, end: int, regions: Sequence[Span]) -> bool:
    return any(r.start <= start and end <= r.end for r in regions)


def find_all(text: str, quote: str, *, whole_words: bool = False, excluded: Sequence[Span] = ()) -> list[Span]:
    """Every occurrence of ``quote`` outside the ``excluded`` regions."""
    if not quote:
        return []
    pattern = re.escape(quote)
    if whole_words:
        pattern = rf"(?<!\w){pattern}(?!\w)"
    return [
        Span(m.start(), m.end(), quote) for m in re.finditer(pattern, text) if not _inside(m.start(), m.end(), excluded)
    ]


def find_quote(text: str, quote: str, *, occurrence: int | None = None, excluded: Sequence[Span] = ()) -> Span:
    """Anchor ``quote``: its first occurrence in the prose (or the ``occurrence``-th, 1-based).

    A quote found only inside an excluded region (boilerplate, a repeated copy) is anchored there.

    Raises
    ------
    QuoteNotFound
        When the quote is not in the text, or the occurrence does not exist.
    """
    hits = find_all(text, quote, excluded=excluded) or find_all(text, quote)
    if not hits:
        raise QuoteNotFound(quote, closest_passage(text, quote))
    if occurrence is None:
        return hits[0]
    if not 1 <= occurrence <= len(hits):
        raise QuoteNotFound(quote, count=len(hits))
    return hits[occurrence - 1]


def closest_passage(text: str, quote: str) -> str:
    """A hint for a quote that is not in the text: the passage that comes closest."""
    folded, index = _normalised_with_map(text)
    wanted = normalise(quote)
    at = folded.find(wanted)
    if wanted and at >= 0:
        original = text[index[at] : index[at + len(wanted) - 1] + 1]
        return f"; the text differs only in quote marks, dashes or spaces: {original!r}"
    from rapidfuzz import fuzz

    alignment = fuzz.partial_ratio_alignment(wanted, folded, score_cutoff=60)
    if alignment is None:
        return ""
    start, end = alignment.dest_start, alignment.dest_end
    if end <= start:
        return ""
    original = text[index[start] : index[end - 1] + 1]
    return f"; closest passage: {original!r}"


def resolve_overlaps(candidates: Iterable[tuple[Span, object]]) -> list[tuple[Span, object]]:
    """Keep the longest of overlapping spans (leftmost on ties), in text order."""
    kept: list[tuple[Span, object]] = []
    taken: list[tuple[int, int]] = []
    for span, payload in sorted(candidates, key=lambda c: (-(c[0].end - c[0].start), c[0].start)):
        if any(span.start < e and s < span.end for s, e in taken):
            continue
        kept.append((span, payload))
        taken.append((span.start, span.end))
    return sorted(kept, key=lambda c: c[0].start)
