"""Credit lines: which other outlet an article relays (``Article.via``).

A news site that runs another outlet's story says so in a few set ways, and the cross-source
comparison counts such an article as that outlet's (:mod:`kg.compile.sources`). This component
reads:

- a credit phrase in the last lines: "With reporting from X", "Additional reporting by X",
  "Reporting by X", "X contributed reporting" (also "contributed to this report");
- a wire dateline in the first lines: "Almaty (X) -", "MOSCOW, February 10 /X/ -";
- a credit line that is an outlet's name alone ("AFP"), in the first or the last lines;

where X resolves to a registry media outlet other than the article's own. Outlets are kept in
the order found (the credit phrases first); an article that already has ``via`` keeps it.

Examples
--------
>>> from kg.annotate.components import Context, Draft
>>> from kg.model import Article, Entity, Registry
>>> registry = Registry({"afp": Entity("afp", "MediaOutlet", "Agence France-Presse", aliases=("AFP",)),
...                      "site": Entity("site", "MediaOutlet", "Site News")})
>>> text = "Headline\\n\\nAlmaty (AFP) - Kazakhstan said so.\\n\\nShare this"
>>> doc = Draft(article=Article(id="a", text=text, title="", outlet="site"), context=Context(registry))
>>> find_credits(doc).article.via
('afp',)
"""

from __future__ import annotations

import re

from .components import Draft
from .linking import index_of

__all__ = ["HEAD_LINES", "TAIL_LINES", "find_credits"]

HEAD_LINES = 6
"""Lines from the top that may hold a dateline or a credit line (after the headline)."""
TAIL_LINES = 8
"""Lines from the bottom that may hold a credit phrase or a credit line."""

_NAME = r"([A-Z][\w.&'’/-]*(?:\s+(?:[A-Z][\w.&'’/-]*|of|de|du|the|and))*)"
_CREDIT = re.compile(  # the keywords in any case, the outlet's name capitalised
    rf"(?i:(?:(?:with|additional|further)\s+)?reporting\s+(?:by|from))\s+{_NAME}"
    rf"|{_NAME}\s+(?i:contributed\s+(?:reporting|to\s+this\s+(?:report|story|article)))"
)
_DATELINE = re.compile(rf"^[^\n]{{0,80}}?(?:\({_NAME}\)|/{_NAME}/)\s*[-–—]")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def find_credits(doc: Draft) -> Draft:
    """Set ``article.via`` to the outlets the article's credit lines name (see the module)."""
    article = doc.article
    if article.via or doc.context is None:
        return doc
    index = index_of(doc.context)
    entities = doc.context.registry.entities

    def outlet(name: str | None) -> str | None:
        if not name:
            return None
        name = re.sub(r"\s+(?:and|staff|correspondents?|newsroom)\b.*$", "", name.strip(" .,;:()"), flags=re.I)
        scanned = index.scan(name)
        if len(scanned) == 1 and scanned[0].quote == name:
            entity = scanned[0].entities[0]
        else:
            found = index.resolve(name)
            entity = found[0] if found else None
        if entity and entities[entity].type == "MediaOutlet" and entity != article.outlet:
            return entity
        return None

    lines = _lines(article.text)
    head, tail = lines[1 : 1 + HEAD_LINES], lines[-TAIL_LINES:]
    names: list[str | None] = []
    for line in tail:
        for match in _CREDIT.finditer(line):
            names.extend(outlet(part) for part in re.split(r",\s*|\s+and\s+", match.group(1) or match.group(2)))
    for line in head:
        dateline = _DATELINE.match(line)
        if dateline:
            names.append(outlet(dateline.group(1) or dateline.group(2)))
    for line in (*head, *tail):  # a credit line: an outlet's name and nothing else
        found = index.scan(line) if len(line) <= 60 else []
        if len(found) == 1 and found[0].quote == line.strip(" .,;:-–—()/"):
            names.append(outlet(found[0].quote))
    via = tuple(dict.fromkeys(n for n in names if n))
    if via:
        article.via = via
    return doc
