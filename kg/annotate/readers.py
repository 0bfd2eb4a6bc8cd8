"""Reading new articles for annotation: plain text, HTML pages and JSON Lines corpora.

:func:`read_inputs` turns files and folders into :class:`~kg.model.Article` objects, or a
:class:`Skipped` record with a one-line reason for input that cannot be read (the batch goes on).
Site furniture (navigation, "Related Articles", share widgets, comment counters, author blurbs) is
found by :func:`find_boilerplate` and reported as spans over the text, which itself stays verbatim.

Examples
--------
>>> text = "World\\n\\nKazakhstan brings home 231 citizens\\n\\nKazakhstan said on Friday it had evacuated 231 citizens.\\n\\nRelated Articles\\n\\nBack to top"
>>> [span.quote for span in find_boilerplate(text)]
['World', 'Related Articles\\n\\nBack to top']
"""

from __future__ import annotations

import codecs
import errno
import json
import logging
import os
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import KGError
from ..model import Article, Span
from ..text import find_repeats
from ..vocab import PARTIAL_DATE

__all__ = ["SUFFIXES", "Skipped", "find_boilerplate", "read_inputs"]

SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
"""The file suffixes :func:`read_inputs` reads (case-insensitive); others in a folder are passed over."""

_HTML = (".html", ".htm")
# trafilatura logs pages it cannot parse as errors; they are reported here as Skipped instead
# (a handler on its logger keeps Python's last-resort handler from printing them)
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
_MIN_HTML_WORDS = 10  # fewer words of prose than this in an HTML page: nothing was extracted


@dataclass(frozen=True)
class Skipped:
    """An input that was not read, and why (one line)."""

    path: str
    """The file, with ``:LINE`` for a line of a JSON Lines file."""
    reason: str


# --- boilerplate -----------------------------------------------------------------------------

# Whole lines that are site furniture wherever they stand (matched case-insensitively, after
# stripping). Kept to phrases that do not occur as a line of prose on their own.
_SOCIAL = r"facebook|twitter|x|linkedin|whatsapp|telegram|instagram|youtube|vk|vkontakte|pinterest|reddit|email|e-mail"
_FURNITURE = [
    r"related( articles| posts| stories| news| content| coverage| topics| reading)?",
    r"(you|you might|you may) (also )?(like|enjoy|be interested in)",
    r"(read|see) (more|also)|also read",
    r"(most (read|popular|viewed|shared)|trending( now)?|top stories|editor[’']?s picks?|popular (posts|stories))",
    r"(latest|recent) (news|stories|articles|posts)",
    r"recommended( for you| stories| articles)?|don[’']?t miss|must read",
    r"(previous|next) (article|post|story)",
    r"back to (the )?top( button)?",
    r"(skip|jump) to (main )?(content|navigation)",
    r"connect with us|follow us|stay connected",
    r"subscribe( now| here)?|newsletter",
    r"hi,? what are you looking for\??|search( for)?|what are you looking for\??",
    rf"share( this| the)?( article| story| post| page)?( (on|via) ({_SOCIAL}))?|copy link|print|tweet",
    rf"{_SOCIAL}",
    rf"(in|on|via) ({_SOCIAL})",
    r"\d+ comments?|\d+ comment\(s\)|comments?( \(\d+\))?|no comments( yet)?",
    r"leave a (comment|reply)|post a comment|add (a )?comment|join the (discussion|conversation)",
    r"(do|did) you (like|enjoy) this (article|story|post)\??|was this (article|story) (helpful|useful)\??",
    r"written by|about the author|posted by|by the same author",
    r"advertisement|advertising|sponsored( content)?|promoted( content)?|ad",
    r"all rights reserved\.?",
    r"loading\.*|accept( all)? cookies",
    r"home|menu|log ?in|sign ?in|register|contact( us)?|about( us)?|privacy policy|terms (of use|of service|and conditions)"
    r"|cookie policy",
]
_FURNITURE_RE = re.compile(rf"^(?:{'|'.join(_FURNITURE)})\s*[:»›>.]?$", re.IGNORECASE)
# Furniture lines that go on with a title or a name ("Read more: ...", "More from TCA", "Tags: ...");
# they count only when the line does not read as a sentence of prose.
_FURNITURE_OPEN = [
    r"(read|see) (more|also)\b",
    r"also read\b",
    r"more (from|stories|news|articles|on this)\b",
    r"view (all|more) (posts|articles|stories)\b",
    r"(previous|next) (article|post|story)\b",
    r"follow us\b|join us on\b",
    r"(sign up|subscribe)\b.*\b(newsletter|updates|channel)\b",
    r"type (here )?to search\b",
    r"share on\b",
    r"leave a (comment|reply)\b|comment policy\b",
    r"(©|\(c\)|copyright\s)",
    r"(tags?|filed under|categor(y|ies)|topics?):",
    r"please enable javascript\b|(we use|this (site|website) uses) cookies\b",
]
_FURNITURE_OPEN_RE = re.compile(rf"^(?:{'|'.join(_FURNITURE_OPEN)})", re.IGNORECASE)
# Furniture that opens the end of a page: what follows it is teasers, comments or widgets.
_TAIL = [
    r"related( articles| posts| stories| news| content| coverage| reading)?",
    r"(you|you might|you may) (also )?(like|enjoy|be interested in)",
    r"more (from|stories|news|articles)\b.*",
    r"view (all|more) (posts|articles|stories)\b.*",
    r"(most (read|popular|viewed|shared)|trending( now)?|top stories|editor[’']?s picks?|popular (posts|stories))",
    r"(latest|recent) (news|stories|articles|posts)",
    r"recommended( for you| stories| articles)?|don[’']?t miss",
    r"\d+ comments?|\d+ comment\(s\)|leave a (comment|reply)\b.*|comment policy\b.*|join the (discussion|conversation)",
]
_TAIL_RE = re.compile(rf"^(?:{'|'.join(_TAIL)})\s*[:»›>.]?$", re.IGNORECASE)
# Words of an author or agency blurb ("X has worked for ... as a journalist", "AFP covers the world as a ... news agency").
_BLURB_RE = re.compile(
    r"\b(journalist|journalism|reporter|correspondent|editor|columnist|contributor|freelance|news agency|newsroom"
    r"|translator|bureau chief|has (worked|written|reported) (for|at|as|on)|writes (for|about)|covers)\b",
    re.IGNORECASE,
)
_SENTENCE_END = tuple('.!?"”’…;')
_WORD = re.compile(r"\w+(?:[-’']\w+)*")


def _lines(text: str) -> list[Span]:
    """The non-blank lines of ``text``, stripped, with their offsets."""
    lines = []
    for match in re.finditer(r"[^\n]+", text):
        stripped = match.group().strip()
        if stripped:
            at = match.start() + match.group().index(stripped)
            lines.append(Span(at, at + len(stripped), stripped))
    return lines


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def _is_short(line: str) -> bool:
    """A navigation-like line: three words or fewer, no sentence ending, no number (a list of figures is prose)."""
    return _words(line) <= 3 and not line.endswith(_SENTENCE_END) and not any(ch.isdigit() for ch in line)


def _is_punctuation(line: str) -> bool:
    return not any(ch.isalnum() for ch in line)


def _is_furniture(line: str) -> bool:
    if _FURNITURE_RE.match(line):
        return True
    if not _FURNITURE_OPEN_RE.match(line):
        return False
    return line.startswith(("©", "(c)")) or _words(line) <= 4 or not line.endswith(tuple('.!?”"'))


def _is_headline(line: str) -> bool:
    return 4 <= _words(line) <= 25 and not line.endswith(".")


def find_boilerplate(text: str) -> tuple[Span, ...]:
    """Site furniture in an article text, as spans over the text (adjacent lines merged).

    General rules, not fitted to any site: lines that are well-known furniture ("Related
    Articles", "Back to top", share buttons, comment counters, "You may also like", cookie and
    copyright notices); lines of punctuation only; short navigation lines before the headline;
    everything after a tail marker ("You may also like", "Related Articles", "3 Comments") in the
    second half of the page or followed only by short teasers; and, walking back from the end,
    short lines, furniture and author or agency blurbs.

    Parameters
    ----------
    text : str
        The article text.

    Returns
    -------
    tuple of Span
        In text order; each span's quote is the verbatim passage.

    Examples
    --------
    >>> text = "Tajikistan repatriated 84 minors from Iraq.\\n\\n0 Comment(s)\\n\\nComment Policy"
    >>> find_boilerplate(text)
    (Span(start=45, end=73, quote='0 Comment(s)\\n\\nComment Policy'),)
    """
    lines = _lines(text)
    if not lines:
        return ()
    known = [_is_furniture(line.quote) for line in lines]
    marked = [k or _is_punctuation(line.quote) for k, line in zip(known, lines, strict=True)]

    # the end of the page: after a tail marker, teasers, comments and widgets
    end = len(lines)
    for i, line in enumerate(lines):
        if known[i] and _TAIL_RE.match(line.quote):
            after = [other.quote for other in lines[i + 1 :]]
            if line.start >= len(text) / 2 or all(len(a) <= 300 for a in after):
                end = i
                for j in range(i, len(lines)):
                    marked[j] = True
                break

    # walking back from the end: short lines, furniture, and blurbs once furniture has been seen
    seen_furniture = end < len(lines)
    i = end - 1
    while i >= 0:
        line = lines[i].quote
        if known[i] or _is_punctuation(line) or _is_short(line):
            seen_furniture = seen_furniture or known[i]
        elif not (seen_furniture and _BLURB_RE.search(line)):
            break
        marked[i] = True
        i -= 1
    last_prose = i

    # before the headline: short navigation lines ("World", "Middle EastWar")
    lead = 0
    while lead <= last_prose and (known[lead] or _is_punctuation(lines[lead].quote) or _is_short(lines[lead].quote)):
        lead += 1
    if lead <= last_prose and _is_headline(lines[lead].quote):
        for j in range(lead):
            marked[j] = True

    spans: list[Span] = []
    first = None
    for j, line in enumerate(lines):
        if marked[j] and first is None:
            first = line
        if first is not None and (j + 1 == len(lines) or not marked[j + 1]):
            spans.append(Span(first.start, line.end, text[first.start : line.end]))
            first = None
    return tuple(spans)


def _prose_lines(text: str, boilerplate: Sequence[Span]) -> list[str]:
    return [
        line.quote for line in _lines(text) if not any(b.start <= line.start and line.end <= b.end for b in boilerplate)
    ]


# --- ids ------------------------------------------------------------------------------------------


def _slug(value: str, limit: int = 80) -> str:
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9_-]+", "-", ascii_text.lower()).strip("-_")
    return slug[:limit].rstrip("-_")


class _Ids:
    """Unique, filesystem-safe article ids within one batch."""

    def __init__(self) -> None:
        self.taken: set[str] = {"registry"}  # registry.yaml is not an article

    def __call__(self, wanted: str) -> str:
        base = _slug(wanted) or "article"
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate


# --- bytes to text ---------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf_32"),
    (codecs.BOM_UTF32_BE, "utf_32"),
    (codecs.BOM_UTF16_LE, "utf_16"),
    (codecs.BOM_UTF16_BE, "utf_16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# The Western single-byte encodings: a detector cannot tell them from the Central European and Baltic
# ones by statistics on a short text (it took French in Latin-1 for cp1250 or cp775), and they are
# the likeliest legacy encoding of an article in a Latin script, so they win a tie.
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15"})
_TIE = 0.01  # detector scores (share of odd characters) closer than this are a tie
_CONFIDENT = 0.1  # at most this share of odd characters: the detector's guess is decoded


def _printable(text: str) -> bool:
    return all(ch.isprintable() or ch in "\t\n\r\f\v" for ch in text)


def _legacy_encoding(raw: bytes) -> tuple[str | None, str | None]:
    """The encoding to read bytes that are not UTF-8 with, and the detector's guess (None: not text).

    The detector's best guess when it is confident, unless a Western encoding scores as well and cp1252
    gives only printable characters: then cp1252, as it is when the detector is not confident. The
    encoding is None when neither holds.
    """
    from charset_normalizer import from_bytes

    matches = from_bytes(raw[:200_000])
    best = matches.best()
    if best is None:
        return None, None
    western = _decodes_printable(raw, "cp1252")
    tie = any(_WESTERN & {m.encoding, *m.could_be_from_charset} for m in matches if m.chaos <= best.chaos + _TIE)
    if best.chaos <= _CONFIDENT and not (western and tie):
        return best.encoding, best.encoding
    return ("cp1252" if western else None), best.encoding


def _decodes_printable(raw: bytes, encoding: str) -> bool:
    try:
        return _printable(raw.decode(encoding))
    except UnicodeDecodeError:
        return False


def _decode(raw: bytes, *, html: bool = False) -> tuple[str, str | None]:
    """The text, and the encoding it was read with when not UTF-8 (None); or raise ``_Unreadable``.

    UTF-8 loses a byte-order mark; an HTML page is read in the encoding it declares; other bytes in
    the encoding :func:`_legacy_encoding` finds.
    """
    for bom, name in _BOMS:
        if raw.startswith(bom):
            raise _Unreadable(f"not UTF-8: it starts with a {name} byte-order mark; convert it to UTF-8")
    if b"\x00" in raw:
        raise _Unreadable("binary file (NUL bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        declared = _META_CHARSET.search(raw[:4096]) if html else None
        if declared:
            # an encoding the page declares itself is not a guess
            try:
                text = raw.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                text = None
            if text is not None:
                return _check_text(text), None
        where = f"byte 0x{raw[exc.start]:02x} at offset {exc.start}"
        encoding, guess = _legacy_encoding(raw)
        if guess is None:
            raise _Unreadable("binary file (not text in any known encoding)") from None
        if encoding is None:
            raise _Unreadable(f"not UTF-8 ({where}): looks like {guess}; convert it to UTF-8") from None
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:  # past the part the detector read
            raise _Unreadable(f"not UTF-8 ({where}): looks like {guess}; convert it to UTF-8") from None
        note = f"not UTF-8 ({where}): read as {encoding}; if its accented letters look wrong, convert it to UTF-8"
        return _check_text(text), note
    return _check_text(text.removeprefix("\ufeff")), None


def _check_text(text: str) -> str:
    if "\x00" in text:
        raise _Unreadable("binary file (NUL bytes)")
    sample = text[:100_000]
    control = sum(1 for ch in sample if (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v") or ch == "\ufffd")
    if sample and control / len(sample) > 0.05:
        raise _Unreadable(f"binary file ({control} control characters in the first {len(sample)})")
    return text


class _Unreadable(Exception):
    pass


def _size(nbytes: int) -> str:
    return f"{nbytes / 1_000_000:.1f} MB"


# --- metadata --------------------------------------------------------------------------------------

_BYLINE = re.compile(r"^By\s+([A-Z][\w’'.-]+(?:\s+(?:and\s+)?[A-Z][\w’'.-]+){0,4})$")


def _iso_date(value: object) -> str | None:
    """An ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) from metadata, or None."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    # a one-line stamp starting with the date: "2019-05-10", "2019-05-10T08:00:00Z", "2019-05 (print)"
    head = re.split(r"[T ]", text, maxsplit=1)[0]
    if "\n" not in text and PARTIAL_DATE.fullmatch(head):
        return head
    try:
        import dateparser
    except ImportError:  # pragma: no cover - dateparser comes with kg[nlp]
        return None
    parsed = dateparser.parse(text, settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return None if parsed is None else parsed.date().isoformat()


def _language(value: object) -> str:
    text = str(value or "").strip().lower()
    primary = re.split(r"[-_]", text)[0] if text else ""
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else "en"


def _txt_article(text: str, article_id: str, source: str, **meta: object) -> Article:
    """An article from its verbatim text; metadata given overrides what the text says."""
    boilerplate = find_boilerplate(text)
    prose = _prose_lines(text, boilerplate)
    title = meta.get("title") or (prose[0] if prose else "")
    if len(title) > 200:  # no headline: the text starts with its first paragraph
        title = " ".join(str(title).split()[:12]) + " …"
    author = meta.get("author")
    if author is None:
        for line in prose[:8]:
            byline = _BYLINE.match(line)
            if byline:
                author = byline.group(1)
                break
    return Article(
        id=article_id,
        text=text,
        title=str(title),
        outlet=str(meta.get("outlet") or "unknown"),
        language=_language(meta.get("language")),
        author=None if author is None else str(author),
        url=None if meta.get("url") is None else str(meta["url"]),
        published=_iso_date(meta.get("published")),
        source_file=source,
        boilerplate=boilerplate,
        repeats=find_repeats(text),
    )


def _html_article(html: str, article_id: str, source: str, **meta: object) -> Article | None:
    """An article from an HTML page: main text by trafilatura, title first; None when there is no text."""
    try:
        import trafilatura
    except ImportError as exc:
        raise KGError("E606", what="HTML", package=f"trafilatura ({exc})") from None
    if not re.search(r"<(html|body)\b", html[:10_000], re.IGNORECASE):
        html = f"<html><body>{html}</body></html>"  # a fragment: lxml needs a document
    tree = trafilatura.load_html(html)
    if tree is None:
        return None
    lang = tree.get("lang") or tree.get("xml:lang")
    document = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        # only dates the page states (markup, metadata, URL), no guess from a copyright line
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = (document.text or "") if document is not None else ""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    title = str(meta.get("title") or (document.title if document is not None else None) or "").strip()
    if title and (not lines or lines[0] != title):
        lines.insert(0, title)
    text = "\n\n".join(lines) + "\n" if lines else ""
    found = {
        "title": title or None,
        "outlet": document.sitename if document is not None else None,
        "author": document.author if document is not None else None,
        "url": document.url if document is not None else None,
        "published": document.date if document is not None else None,
        "language": (document.language if document is not None else None) or lang,
    }
    found.update({key: value for key, value in meta.items() if value is not None})
    article = _txt_article(text, article_id, source, **found)
    if sum(_words(line) for line in _prose_lines(text, article.boilerplate)) < _MIN_HTML_WORDS:
        return None
    return article


# --- files -------------------------------------------------------------------------------------------


def _dangling(path: Path) -> str | None:
    """Why a symbolic link leads to no file (a loop, a missing target), or None when it is no such link."""
    if not path.is_symlink():
        return None
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop: following it never reaches a file"
        if exc.errno == errno.ENOENT:
            return f"broken symbolic link: its target {os.readlink(path)} does not exist"
        return f"cannot read: {exc.strerror}"
    return None


def _expand(paths: Sequence[str | os.PathLike]) -> list[Path | Skipped]:
    files: list[Path | Skipped] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found: list[Path | Skipped] = []
            for p in sorted(path.iterdir()):
                if p.name.startswith(".") or p.suffix.lower() not in SUFFIXES:
                    continue
                if p.is_file():
                    found.append(p)
                elif reason := _dangling(p):  # listed, not dropped: the user meant it as an input
                    found.append(Skipped(str(p), reason))
            if not found:
                raise KGError("E601", path=path)
            pages = {p.stem: p.name for p in found if isinstance(p, Path) and p.suffix.lower() in _HTML}
            for p in found:
                if isinstance(p, Path) and p.suffix.lower() == ".txt" and p.stem in pages:
                    # the text an earlier run extracted from the page (the input folder used as output)
                    files.append(Skipped(str(p), f"the text of {pages[p.stem]}, which is read instead"))
                else:
                    files.append(p)
        elif path.exists():
            files.append(path)
        elif reason := _dangling(path):
            files.append(Skipped(str(path), reason))
        else:
            raise KGError("E600", path=path)
    return files


def _read_file(path: Path, ids: _Ids, max_bytes: int, warn: Callable[[str], None]) -> Iterator[Article | Skipped]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield Skipped(str(path), f"unsupported file type {path.suffix or '(none)'}: use {', '.join(SUFFIXES)}")
        return
    if suffix == ".jsonl":
        yield from _read_jsonl(path, ids, max_bytes, warn)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Skipped(str(path), f"too large: {_size(size)} (the limit is {_size(max_bytes)})")
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield Skipped(str(path), f"cannot read: {exc.strerror}")
        return
    if not raw:
        yield Skipped(str(path), "empty file")
        return
    try:
        text, note = _decode(raw, html=suffix in _HTML)
    except _Unreadable as exc:
        yield Skipped(str(path), str(exc))
        return
    if note:
        warn(f"{path}: {note}")
    if not text.strip():
        yield Skipped(str(path), "whitespace only")
        return
    if suffix in _HTML:
        article = _html_article(text, ids(path.stem), str(path))
        if article is None:
            yield Skipped(str(path), "HTML with no extractable article text")
            return
        yield article
    else:
        yield _txt_article(text, ids(path.stem), str(path))


_JSONL_META = ("title", "url", "outlet", "author", "published", "language")


def _read_jsonl(path: Path, ids: _Ids, max_bytes: int, warn: Callable[[str], None]) -> Iterator[Article | Skipped]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Skipped(str(path), f"cannot read: {exc.strerror}")
        return
    with handle:
        count = 0
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if len(raw) > max_bytes:
                yield Skipped(where, f"line too large: {_size(len(raw))} (the limit is {_size(max_bytes)})")
                continue
            if not raw.strip():
                continue
            count += 1
            try:
                line, note = _decode(raw.rstrip(b"\r\n"))
                record = json.loads(line)
            except _Unreadable as exc:
                yield Skipped(where, str(exc))
                continue
            except json.JSONDecodeError as exc:
                yield Skipped(where, f"malformed JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}")
                continue
            if note:
                warn(f"{where}: {note}")
            if not isinstance(record, dict):
                yield Skipped(where, f"each line must be a JSON object, not {type(record).__name__}")
                continue
            text, html = record.get("text"), record.get("html")
            if text is None and html is None:
                yield Skipped(where, "no 'text' or 'html' key")
                continue
            body = text if text is not None else html
            if not isinstance(body, str):
                yield Skipped(where, f"'{'text' if text is not None else 'html'}' must be a string")
                continue
            if not body.strip():
                yield Skipped(where, "empty text")
                continue
            meta = {key: record.get(key) for key in _JSONL_META}
            meta = {key: value for key, value in meta.items() if value not in (None, "")}
            wanted = record.get("id")
            if wanted in (None, ""):
                title = str(meta.get("title") or "")
                wanted = f"{_slug(title, 50) or path.stem}-{number}"
            article_id = ids(str(wanted))
            if text is not None:
                title = str(meta.get("title") or "").strip()
                if title and not text.lstrip().startswith(title):
                    text = f"{title}\n\n{text}"
                try:
                    text = _check_text(text)
                except _Unreadable as exc:
                    yield Skipped(where, str(exc))
                    continue
                yield _txt_article(text, article_id, where, **meta)
            else:
                article = _html_article(html, article_id, where, **meta)
                if article is None:
                    yield Skipped(where, "HTML with no extractable article text")
                    continue
                yield article
        if count == 0:
            yield Skipped(str(path), "empty file")


def _python_warning(message: str) -> None:
    warnings.warn(message, UnicodeWarning, stacklevel=4)  # the loop over read_inputs


def read_inputs(
    paths: Sequence[str | os.PathLike], *, max_bytes: int = 20_000_000, warn: Callable[[str], None] | None = None
) -> Iterator[Article | Skipped]:
    """Articles from files and folders: ``.txt``, ``.html``/``.htm`` and ``.jsonl``.

    A folder is read in name order, not recursively; files with other suffixes in it (such as
    ``registry.yaml`` and annotation files) are passed over, and so is a ``NAME.txt`` beside a
    ``NAME.html`` (the text written from the page by an earlier run into the same folder). A JSON Lines file holds one article a
    line: an object with ``text`` (the article text) or ``html`` (a page), and optionally ``id``,
    ``title``, ``url``, ``outlet``, ``author``, ``published`` and ``language``.

    The text of a ``.txt`` file (or a ``text`` record) is kept verbatim; site furniture in it is
    reported in ``Article.boilerplate``. For HTML, the main text is extracted with trafilatura,
    headline first, one paragraph per block; metadata come from the page. ``outlet`` is the name
    as found (``"unknown"`` when the input does not say), for the linker to resolve.

    Text should be UTF-8. Text in another encoding is read in the encoding its HTML page declares,
    else in the one a detector finds when it is confident, else as cp1252 (Western) when that gives
    only printable characters; a Western encoding wins a tie, as statistics cannot tell Latin-1 from
    cp1250 in a short text. Such a file is read with a warning that names the encoding.

    Parameters
    ----------
    paths : sequence of str or PathLike
        Files and folders.
    max_bytes : int, optional
        Files (and JSON Lines lines) larger than this are skipped.
    warn : callable, optional
        Called with a one-line warning (``PATH: not UTF-8 ...: read as cp1252; ...``) for each input
        read in an encoding it does not declare; default: a Python :class:`UnicodeWarning`.

    Returns
    -------
    iterator of Article or Skipped
        In input order; unreadable input (empty, whitespace only, binary, text in no encoding found,
        too large, HTML without text, a malformed JSON line, a symbolic link that is broken or a loop)
        gives a :class:`Skipped` with the reason, and the rest goes on.

    Raises
    ------
    KGError
        E600 when a path does not exist, E601 when a folder holds no input files; both are raised
        by the call itself, before anything is read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "tajik.txt").write_text("Tajikistan repatriates 84 minors\\n\\nOn April 30, Tajikistan repatriated 84 minors from Iraq.\\n")
    >>> _ = (folder / "empty.txt").write_text("")
    >>> for item in read_inputs([folder]):
    ...     print(item.id if isinstance(item, Article) else item.reason)
    empty file
    tajik
    """
    files = _expand(paths)
    ids = _Ids()
    report = warn or _python_warning

    def generate() -> Iterator[Article | Skipped]:
        for path in files:
            if isinstance(path, Skipped):
                yield path
            else:
                yield from _read_file(path, ids, max_bytes, report)

    return generate()
