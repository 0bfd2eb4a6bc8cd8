"""Writing annotated articles as a corpus folder: ``NAME.txt``, ``NAME.yaml`` and ``registry.yaml``.

The files follow ``docs/annotation-format.md`` and re-read with :func:`kg.corpus.read_annotations`
to the same spans, entities, quantities, speakers and provenance. Nothing is overwritten without
``force``, and every file is written to a temporary file first and moved into place, so an
interrupted run never leaves half a file.

Examples
--------
>>> import tempfile
>>> from kg.model import Annotated, Article, Mention, Provenance, Span
>>> text = "Tajikistan repatriated 84 minors.\\n\\nTajikistan thanked Iraq.\\n"
>>> article = Article(id="tajik", text=text, title="Tajikistan repatriated 84 minors.", outlet="wire")
>>> machine = Provenance(method="machine", component="ner", confidence=0.9)
>>> mentions = [Mention(s, ("tajikistan",), machine) for s in (Span(0, 10, "Tajikistan"), Span(35, 45, "Tajikistan"))]
>>> path = write_annotations(Annotated(article, mentions=mentions), tempfile.mkdtemp())
>>> print(path.read_text().split("mentions:")[1].strip())
- {quote: Tajikistan, entity: tajikistan, method: machine, component: ner, confidence: 0.9}
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from ..corpus import REGISTRY_FILE, read_registry
from ..errors import KGError
from ..io import atomic_open, atomic_write
from ..model import (
    ENTITY_TYPES,
    Annotated,
    Claim,
    Entity,
    Kind,
    Mention,
    Operation,
    Provenance,
    Quantity,
    Registry,
    Span,
    Statement,
)
from ..text import find_all, find_repeats, resolve_overlaps

__all__ = ["write_annotations", "write_registry"]

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


# --- YAML as a person would write it ----------------------------------------------------------------


class _Flow(dict):
    """A mapping written on one line: ``{quote: Tokayev, entity: tokayev}``."""


class _FlowList(list):
    """A list written on one line: ``[kazakh-mfa, knb]``."""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter, where present, is ~10x faster
    """One-line entries where marked, multi-line text as ``|``; :func:`_block` lays out block lists."""


# dates are written bare (2019-05-10): kg's loader reads them as text; every other string that a
# YAML 1.1 reader could take for something else ("on", "yes", "2019", "null") is still quoted
_Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def _represent_str(dumper: _Dumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_decimal(dumper: _Dumper, value: Decimal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(
    _Flow, lambda dumper, value: dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=True)
)
_Dumper.add_representer(
    _FlowList, lambda dumper, value: dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)
)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1 << 30)


def _indented(block: str, indent: int) -> str:
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in block.splitlines(keepends=True))


def _block(data: dict[str, Any], indent: int = 0) -> str:
    """A mapping in block style, its block lists indented under their key (``  - item``) as in the seeds.

    YAML emitters put a list that is a mapping value at the key's indentation; here such lists
    (and nested mappings) are laid out one level in. Items of a list are dumped as they are.
    """
    out: list[str] = []
    plain: dict[str, Any] = {}

    def flush() -> None:
        if plain:
            out.append(_indented(_dump(dict(plain)), indent))
            plain.clear()

    for key, value in data.items():
        nested = isinstance(value, dict) and not isinstance(value, _Flow)
        listed = isinstance(value, list) and not isinstance(value, _FlowList)
        if value and (nested or listed):
            flush()
            out.append(" " * indent + _dump([key])[2:].rstrip("\n") + ":\n")
            out.append(_block(value, indent + 2) if nested else _indented(_dump(list(value)), indent + 2))
        else:
            plain[key] = value
    flush()
    return "".join(out)


# --- anchoring as the reader does it ------------------------------------------------------------------


class _Anchors:
    """Works out the ``occurrence`` each quote needs so that :mod:`kg.corpus` anchors the same span."""

    def __init__(self, text: str, boilerplate: Iterable[str], name: str) -> None:
        self.text = text
        self.name = name
        regions: list[Span] = []
        for passage in boilerplate:
            regions.extend(find_all(text, passage))
        self.excluded = (*regions, *find_repeats(text))
        self._hits: dict[str, list[Span]] = {}
        self._default: dict[str, list[Span]] = {}

    def check(self, span: Span, where: str) -> None:
        if not 0 <= span.start <= span.end <= len(self.text) or self.text[span.start : span.end] != span.quote:
            raise KGError(
                "E604", where=where, detail=f"{span.quote!r} is not the text at {span.start}-{span.end} of {self.name}"
            )
        if not span.quote.strip():
            raise KGError("E604", where=where, detail="the quote is empty")

    def hits(self, quote: str) -> list[Span]:
        """What ``occurrence`` counts: occurrences in the prose, or anywhere when none is in the prose."""
        if quote not in self._hits:
            self._hits[quote] = find_all(self.text, quote, excluded=self.excluded) or find_all(self.text, quote)
        return self._hits[quote]

    def occurrence(self, span: Span, where: str) -> int:
        """The 1-based occurrence of ``span`` among :meth:`hits`."""
        starts = [hit.start for hit in self.hits(span.quote)]
        if span.start not in starts:
            raise KGError(
                "E604",
                where=where,
                detail=f"{span.quote!r} at {span.start} lies in boilerplate or a repeated paragraph "
                "and also occurs in the prose, so it cannot be anchored there",
            )
        return starts.index(span.start) + 1

    def mention_occurrence(self, span: Span, where: str) -> int:
        """The ``occurrence`` of a mention: it counts whole-word occurrences in the prose when there are any."""
        whole = [hit.start for hit in find_all(self.text, span.quote, whole_words=True, excluded=self.excluded)]
        if not whole:
            return self.occurrence(span, where)
        if span.start not in whole:
            raise KGError(
                "E604",
                where=where,
                detail=f"the mention {span.quote!r} at {span.start} is not a whole-word place in the prose",
            )
        return whole.index(span.start) + 1

    def default(self, quote: str) -> list[Span]:
        """The spans a mention entry without ``occurrence`` gives (before overlaps are resolved)."""
        if quote not in self._default:
            whole = find_all(self.text, quote, whole_words=True, excluded=self.excluded)
            self._default[quote] = whole or self.hits(quote)[:1]  # as find_quote anchors it
        return self._default[quote]


def _provenance(provenance: Provenance, where: str) -> dict[str, Any]:
    if provenance.method == "curated":
        return {}
    if provenance.method != "machine":
        raise KGError("E604", where=where, detail=f"method must be curated or machine, not {provenance.method!r}")
    out: dict[str, Any] = {"method": "machine"}
    if provenance.component:
        out["component"] = provenance.component
    if provenance.confidence is not None:
        confidence = round(float(provenance.confidence), 2)
        if not 0.0 <= confidence <= 1.0:
            raise KGError("E604", where=where, detail=f"confidence {provenance.confidence} is not from 0 to 1")
        out["confidence"] = confidence
    return out


def _ids(values: tuple[str, ...]) -> str | _FlowList:
    return values[0] if len(values) == 1 else _FlowList(values)


_Key = tuple[str, tuple[str, ...], Provenance]


def _mentions(mentions: list[Mention], anchors: _Anchors, name: str) -> list[_Flow]:
    """One entry per (surface form, entities, provenance), with ``occurrence`` entries where needed."""
    target: dict[tuple[int, int], _Key] = {}
    groups: dict[_Key, list[Span]] = {}
    for i, mention in sorted(enumerate(mentions), key=lambda im: (im[1].span.start, im[1].span.end)):
        where = f"{name}.yaml (mentions[{i}])"
        anchors.check(mention.span, where)
        if not mention.entities:
            raise KGError("E604", where=where, detail=f"the mention {mention.span.quote!r} names no entity")
        written = _provenance(mention.provenance, where)
        place = (mention.span.start, mention.span.end)
        if place in target:
            raise KGError("E604", where=where, detail=f"two mentions of {mention.span.quote!r} at {mention.span.start}")
        # provenance as written (confidence rounded): mentions that read back alike share an entry
        provenance = Provenance(**written) if written else mention.provenance
        key = (mention.span.quote, tuple(mention.entities), provenance)
        target[place] = key
        groups.setdefault(key, []).append(mention.span)

    defaults = {key: anchors.default(key[0]) for key in groups}
    # a bare entry anchors at every whole-word occurrence: it must give this group's spans, and
    # never claim a place that another entry names with the same words (that needs occurrence)
    bare = set()
    for key, spans in groups.items():
        places = {(d.start, d.end) for d in defaults[key]}
        if {(s.start, s.end) for s in spans} <= places and all(target.get(p, key) == key for p in places):
            bare.add(key)

    def candidates() -> list[tuple[Span, _Key]]:
        found = []
        for key, spans in groups.items():
            found.extend((span, key) for span in (defaults[key] if key in bare else spans))
        return found

    while True:
        result = {(span.start, span.end): key for span, key in resolve_overlaps(candidates())}
        if result == target:
            break
        # at fault: bare entries that anchor a span nobody asked for, or one that hides a wanted span
        wrong = {key for place, key in result.items() if target.get(place) != key}
        for place, key in target.items():
            if result.get(place) != key:
                wrong.update(k for p, k in result.items() if p[0] < place[1] and place[0] < p[1])
        wrong &= bare
        if not wrong:
            place = next(p for p in sorted(target) if result.get(p) != target[p])
            raise KGError(
                "E604",
                where=f"{name}.yaml (mentions)",
                detail=f"the mention {target[place][0]!r} at {place[0]} overlaps another one; "
                "resolve overlaps first (kg.text.resolve_overlaps)",
            )
        bare -= wrong

    entries = []
    for key, spans in groups.items():
        quote, entities, provenance = key
        extra = _provenance(provenance, name)
        if key in bare:
            entries.append(_Flow(quote=quote, entity=_ids(entities), **extra))
            continue
        for span in spans:
            n = anchors.mention_occurrence(span, f"{name}.yaml (mentions)")
            entries.append(_Flow(quote=quote, entity=_ids(entities), occurrence=n, **extra))
    return entries


def _anchored(span: Span, anchors: _Anchors, where: str) -> dict[str, Any]:
    anchors.check(span, where)
    entry: dict[str, Any] = {"quote": span.quote}
    n = anchors.occurrence(span, where)
    if n != 1:
        entry["occurrence"] = n
    return entry


def _said(entry: dict[str, Any], item: Claim | Operation | Statement, outlet: str) -> None:
    if item.speaker and item.speaker != outlet:
        entry["speaker"] = item.speaker
    if item.date:
        entry["date"] = item.date


def _quantity(quantity: Quantity) -> _Flow:
    out = _Flow()
    for field in ("value", "lower", "upper"):
        value = getattr(quantity, field)
        if value is not None:
            out[field] = value
    if quantity.approximate:
        out["approximate"] = True
    if quantity.counted is not None:
        out["counted"] = quantity.counted
    if quantity.kind is not None:
        out["kind"] = quantity.kind
    return out


def _event(op: Operation, anchors: _Anchors, outlet: str, where: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"event": op.event, **_anchored(op.span, anchors, where)}
    _said(entry, op, outlet)
    for field in ("start", "end", "on"):
        if getattr(op, field):
            entry[field] = getattr(op, field)
    for field in ("agents", "partners"):
        if getattr(op, field):
            entry[field] = _FlowList(getattr(op, field))
    for field in ("origin", "destination"):
        if getattr(op, field):
            entry[field] = _ids(getattr(op, field))
    if op.phase_of:
        entry["phase_of"] = op.phase_of
    entry.update(_provenance(op.provenance, where))
    return entry


def _claim(claim: Claim, anchors: _Anchors, outlet: str, where: str) -> dict[str, Any]:
    if claim.literal is not None:
        raise KGError(
            "E604", where=where, detail="a date claim is written as an event's start, end or on, not as a claim"
        )
    if (claim.object is None) == (claim.quantity is None):
        raise KGError("E604", where=where, detail="a claim needs exactly one of object and quantity")
    entry = _anchored(claim.span, anchors, where)
    _said(entry, claim, outlet)
    entry["subject"] = claim.subject
    entry["predicate"] = claim.predicate
    if claim.object is not None:
        entry["object"] = claim.object
    else:
        entry["quantity"] = _quantity(claim.quantity)
    if claim.about:
        entry["about"] = claim.about
    # the defaults are not written, so that curated files without these keys read back the same
    if claim.modality != "actual":
        entry["modality"] = claim.modality
    if claim.scope is not None:
        entry["scope"] = claim.scope
    if claim.as_of is not None:
        entry["as_of"] = claim.as_of
    entry.update(_provenance(claim.provenance, where))
    return entry


def _statement(statement: Statement, anchors: _Anchors, outlet: str, where: str) -> dict[str, Any]:
    entry = _anchored(statement.span, anchors, where)
    _said(entry, statement, outlet)
    if statement.about:
        entry["about"] = statement.about
    entry.update(_provenance(statement.provenance, where))
    return entry


def _annotation_yaml(annotated: Annotated) -> str:
    """The text of ``NAME.yaml`` for an annotated article."""
    a = annotated.article
    name = a.id
    where = f"{name}.yaml (article)"
    for field in ("title", "outlet"):
        if not str(getattr(a, field) or "").strip():
            raise KGError("E604", where=where, detail=f"the article has no {field}")
    passages = list(dict.fromkeys(span.quote for span in a.boilerplate if span.quote))
    for span in a.boilerplate:
        if a.text[span.start : span.end] != span.quote:
            raise KGError(
                "E604", where=where, detail=f"boilerplate {span.quote[:40]!r} is not the text at {span.start}"
            )
    article: dict[str, Any] = {"title": a.title, "outlet": a.outlet}
    if a.via:
        article["via"] = _FlowList(a.via)
    for field in ("author", "url", "published"):
        if getattr(a, field):
            article[field] = getattr(a, field)
    if a.published_inferred:
        article["published_inferred"] = True
    for field in ("published_basis", "outlet_basis"):
        if getattr(a, field):
            article[field] = getattr(a, field)
    article["language"] = a.language or "en"
    if passages:
        article["boilerplate"] = passages

    anchors = _Anchors(a.text, passages, name)
    sections: dict[str, Any] = {"article": article}
    if annotated.mentions:
        sections["mentions"] = _mentions(annotated.mentions, anchors, name)
    if annotated.operations:
        sections["events"] = [
            _event(op, anchors, a.outlet, f"{name}.yaml (events[{i}])") for i, op in enumerate(annotated.operations)
        ]
    if annotated.claims:
        sections["claims"] = [
            _claim(c, anchors, a.outlet, f"{name}.yaml (claims[{i}])") for i, c in enumerate(annotated.claims)
        ]
    if annotated.statements:
        sections["statements"] = [
            _statement(s, anchors, a.outlet, f"{name}.yaml (statements[{i}])")
            for i, s in enumerate(annotated.statements)
        ]

    items = [*annotated.mentions, *annotated.operations, *annotated.claims, *annotated.statements]
    header = f"# Annotations of {name}.txt. Format: docs/annotation-format.md.\n"
    if any(item.provenance.method == "machine" for item in items):
        header = (
            f"# Annotations of {name}.txt proposed by kg annotate. Format: docs/annotation-format.md.\n"
            "# Items with method: machine are proposals: check each one, correct it, and delete its\n"
            "# method, component and confidence to mark it curated.\n"
        )
    return header + "\n".join(_block({key: value}) for key, value in sections.items())


def write_annotations(annotated: Annotated, folder: str | os.PathLike, *, force: bool = False) -> Path:
    """Write ``NAME.txt`` (the article text, verbatim) and ``NAME.yaml`` (its annotations) into ``folder``.

    ``NAME`` is the article id. The YAML follows ``docs/annotation-format.md`` and re-reads with
    :func:`kg.corpus.read_annotations` to the same spans: a mention is written once per surface
    form and entities, with ``occurrence`` only where anchoring every whole-word occurrence would
    give other spans; a claim, event or statement gets ``occurrence`` when its span is not the
    first occurrence of its quote in the prose. A speaker equal to the outlet is left out (it is
    the default). Machine-proposed items carry ``method: machine``, ``component`` and
    ``confidence`` (rounded to two decimals).

    Parameters
    ----------
    annotated : Annotated
        The article and its annotations. Mentions must not overlap.
    folder : str or PathLike
        Created if missing.
    force : bool, optional
        Overwrite an existing ``NAME.yaml``, or a ``NAME.txt`` with another text. A ``NAME.txt``
        that already holds exactly this text (the input folder used as output) is left as it is.

    Returns
    -------
    Path
        The ``NAME.yaml`` written.

    Raises
    ------
    KGError
        E602 when a file exists (without ``force``), E604 when an annotation cannot be written
        so that it re-reads the same (a span that is not the text, overlapping mentions, a quote
        inside boilerplate that also occurs in the prose), E603 when the folder is not writable.
        Nothing is written then.

    Examples
    --------
    >>> import tempfile
    >>> from kg.model import Annotated, Article
    >>> folder = tempfile.mkdtemp()
    >>> article = Article(id="a1", text="Kazakhstan evacuated 231 citizens.\\n", title="Kazakhstan evacuated 231 citizens.", outlet="wire")
    >>> write_annotations(Annotated(article), folder).name
    'a1.yaml'
    >>> write_annotations(Annotated(article), folder)
    Traceback (most recent call last):
    ...
    kg.errors.KGError: E602 ...a1.yaml already exists; use --force to overwrite it
    """
    folder = Path(folder)
    name = annotated.article.id
    if not _NAME.match(name) or Path(name).stem == Path(REGISTRY_FILE).stem:
        raise KGError("E604", where=name, detail=f"the article id {name!r} is not a usable file name")
    text_path, yaml_path = folder / f"{name}.txt", folder / f"{name}.yaml"
    document = _annotation_yaml(annotated).encode("utf-8")
    text = annotated.article.text.encode("utf-8")
    if yaml_path.exists() and not force:
        raise KGError("E602", path=yaml_path)
    same_text = text_path.is_file() and text_path.read_bytes() == text
    if text_path.exists() and not same_text and not force:
        raise KGError("E602", path=text_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not same_text:
            atomic_write(text_path, text)
        atomic_write(yaml_path, document)
    except OSError as exc:
        raise KGError("E603", path=exc.filename or folder, detail=exc.strerror or str(exc)) from None
    return yaml_path


# --- the registry ----------------------------------------------------------------------------------------


def _entity_spec(entity: Entity, proposed: bool) -> dict[str, Any]:
    where = f"{REGISTRY_FILE} (entities.{entity.id})"
    if not _ID.match(entity.id):
        raise KGError("E605", where=where, detail=f"id {entity.id!r}: use lower-case letters, digits and '-'")
    if entity.type not in ENTITY_TYPES:
        raise KGError("E605", where=where, detail=f"type {entity.type!r} is not one of {', '.join(ENTITY_TYPES)}")
    if not entity.label:
        raise KGError("E605", where=where, detail="an entity needs a label")
    spec: dict[str, Any] = {"type": entity.type, "label": entity.label}
    if entity.aliases:
        spec["aliases"] = _FlowList(entity.aliases)
    if entity.description:
        spec["description"] = entity.description
    if entity.roles:
        roles = []
        for role in entity.roles:
            entry = _Flow(title=role.title)
            if role.start:
                entry["from"] = role.start
            if role.end:
                entry["to"] = role.end
            roles.append(entry)
        spec["roles"] = roles
    if entity.phase_of:
        spec["phase_of"] = entity.phase_of
    if proposed:
        spec["proposed"] = True
    return spec


def _kind_spec(kind: Kind) -> _Flow:
    spec = _Flow(label=kind.label)
    if kind.broader:
        spec["broader"] = kind.broader
    if kind.aliases:
        spec["aliases"] = _FlowList(kind.aliases)
    return spec


def _after(text: str, node: yaml.Node) -> int:
    """Where the line after a block collection's last entry starts (before blank lines and the next section)."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value and not node.flow_style:
        node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
    at = node.end_mark.index
    if at > 0 and text[at - 1] == "\n":
        return at
    newline = text.find("\n", at)
    return len(text) if newline < 0 else newline + 1


def _merge(existing: str, kinds: dict[str, _Flow], entities: dict[str, dict], path: Path) -> str:
    """``existing`` with new kinds and entities inserted at the end of their sections, comments kept."""
    root = yaml.compose(existing, Loader=yaml.SafeLoader)
    if root is None:
        root = yaml.MappingNode("tag:yaml.org,2002:map", [])
    if not isinstance(root, yaml.MappingNode):
        raise KGError("E603", path=path, detail="the existing registry is not a mapping")
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in the existing text
    tail = ""
    for section, new in (("kinds", kinds), ("entities", entities)):
        if not new:
            continue
        node = next((value for key, value in root.value if getattr(key, "value", None) == section), None)
        if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
            indent = node.value[0][0].start_mark.column
            at = _after(existing, node)
            block = _block(dict(new), indent)
            if at == len(existing) and not existing.endswith("\n"):
                block = "\n" + block
            edits.append((at, at, block))
        elif node is None:
            tail += "\n" + _block({section: dict(new)})
        elif (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null") or (
            isinstance(node, yaml.MappingNode) and not node.value
        ):
            start = node.start_mark.index
            while start > 0 and existing[start - 1] in " \t":
                start -= 1
            block = "\n" + _block(dict(new), 2).rstrip("\n")
            edits.append((start, node.end_mark.index, block))
        else:
            raise KGError("E603", path=path, detail=f"cannot add to its {section} section (write it in block style)")
    merged = existing
    for start, end, replacement in sorted(edits, reverse=True):
        merged = merged[:start] + replacement + merged[end:]
    if tail:
        merged = (merged if merged.endswith("\n") or not merged else merged + "\n") + tail
    return merged


def write_registry(
    registry: Registry,
    folder: str | os.PathLike,
    *,
    proposed: Iterable[Entity] = (),
    force: bool = False,
) -> Path:
    """Write ``folder/registry.yaml``: the registry's kinds and entities, plus proposed new entities.

    Proposed entities (actors, places, operations and events the annotator did not find in the
    registry) are marked ``proposed: true``, which :func:`kg.corpus.read_registry` passes over;
    annotations name them by id, so that a person can rename one (its label) or merge it into
    another (delete it, add its id to the other's ``aliases``) and the next ``kg build`` follows.
    When ``registry.yaml``
    already exists, every entry in it is kept as it is, comments included, and only kinds and
    entities with new ids are added at the end of their sections; ``force=True`` writes the file
    afresh instead. The result is checked with :func:`~kg.corpus.read_registry` before it replaces
    anything.

    Parameters
    ----------
    registry : Registry
        Kinds and entities to write.
    folder : str or PathLike
        Created if missing.
    proposed : iterable of Entity, optional
        New entities; those whose id is already in ``registry`` are left out.
    force : bool, optional
        Replace an existing ``registry.yaml`` instead of merging into it.

    Returns
    -------
    Path
        The registry file.

    Raises
    ------
    KGError
        E605 for an entity that cannot be written (a bad id or type), E603 when the result would
        not read back or the folder is not writable; the existing file is unchanged then.

    Examples
    --------
    >>> import tempfile
    >>> from kg.model import Entity, Registry
    >>> folder = tempfile.mkdtemp()
    >>> registry = Registry(entities={"iraq": Entity("iraq", "Country", "Iraq")})
    >>> path = write_registry(registry, folder, proposed=[Entity("unicef", "Organisation", "UNICEF")])
    >>> print(path.read_text().split("entities:")[1])
    <BLANKLINE>
      iraq:
        type: Country
        label: Iraq
      unicef:
        type: Organisation
        label: UNICEF
        proposed: true
    <BLANKLINE>
    """
    folder = Path(folder)
    path = folder / REGISTRY_FILE
    entities: dict[str, dict] = {eid: _entity_spec(e, False) for eid, e in registry.entities.items()}
    for entity in proposed:
        if entity.id not in entities:
            entities[entity.id] = _entity_spec(entity, True)
    kinds = {kid: _kind_spec(kind) for kid, kind in registry.kinds.items()}

    if path.exists() and not force:
        read_registry(path)  # a broken registry is reported as such, not merged into
        existing = path.read_text(encoding="utf-8")
        data = yaml.safe_load(existing) or {}
        have_kinds = set((data.get("kinds") or {}) if isinstance(data, dict) else ())
        have_entities = set((data.get("entities") or {}) if isinstance(data, dict) else ())
        kinds = {k: v for k, v in kinds.items() if k not in have_kinds}
        entities = {k: v for k, v in entities.items() if k not in have_entities}
        if not kinds and not entities:
            return path
        content = _merge(existing, kinds, entities, path)
    else:
        content = (
            "# The entity registry (docs/annotation-format.md). Entries marked `proposed: true` were added\n"
            "# by kg annotate: check each one, then delete `proposed`. Rename an entry by editing its label;\n"
            "# merge it into another by deleting it and adding its id to the other's aliases.\n"
        )
        parts = []
        if kinds:
            parts.append(_block({"kinds": kinds}))
        parts.append(_block({"entities": entities}) if entities else "entities: {}\n")
        content += "\n".join(parts)

    try:
        folder.mkdir(parents=True, exist_ok=True)
        with atomic_open(path, "wb") as handle:
            handle.write(content.encode("utf-8"))
            handle.flush()
            try:
                read_registry(handle.name)
            except KGError as exc:
                raise KGError("E603", path=path, detail=f"the result would not read back: {exc}") from None
    except OSError as exc:
        raise KGError("E603", path=path, detail=exc.strerror or str(exc)) from None
    return path
