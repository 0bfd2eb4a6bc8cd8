"""kg's data in the tools analysts already use: pandas DataFrames and an rdflib ``Dataset``.

The readers of :mod:`kg.export` return lists of dicts; their companions here return the same rows as
DataFrames, with the same columns even when there are no rows. Query results have their own
:meth:`kg.store.Results.to_dataframe`. pandas is imported only when a DataFrame is asked for.

:func:`dataset` gives an rdflib ``Dataset`` over a store, through oxrdflib (the rdflib store plugin
for Oxigraph): rdflib's graph API and SPARQL engine read the store in place, without a copy.

Examples
--------
>>> import kg
>>> frame = kg.claims_frame("memory:no-such-store")
Traceback (most recent call last):
...
kg.errors.KGError: E201 no store at memory:no-such-store; build one first with `kg build`
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import KGError
from .export import ACTOR_COLUMNS, CLAIM_COLUMNS, ENTITY_COLUMNS, read_actors, read_claims, read_entities
from .store import OxigraphStore, Store, open_store

if TYPE_CHECKING:
    import pandas as pd
    import rdflib

__all__ = ["actors_frame", "claims_frame", "dataset", "entities_frame"]


def _frame(rows: list[dict], columns: tuple[str, ...], what: str) -> pd.DataFrame:
    try:
        import pandas as pd
    except ImportError:
        raise KGError("E311", what=what) from None
    return pd.DataFrame(rows, columns=list(columns))


def claims_frame(store: str | os.PathLike | Store | None = None) -> pd.DataFrame:
    """Every claim as a row of a pandas DataFrame: :func:`kg.read_claims` as a table.

    Parameters
    ----------
    store : str or Store, optional
        A store URL or an open store; default ``$KG_STORE`` or ``.kg``.

    Returns
    -------
    pandas.DataFrame
        The columns of ``kg.export.CLAIM_COLUMNS`` (those of ``kg export claims``), one row per claim.

    Raises
    ------
    KGError
        E311 when pandas is not installed.
    """
    return _frame(read_claims(store), CLAIM_COLUMNS, "kg.claims_frame()")


def actors_frame(store: str | os.PathLike | Store | None = None) -> pd.DataFrame:
    """Every actor as a row of a pandas DataFrame: :func:`kg.read_actors` as a table.

    Parameters
    ----------
    store : str or Store, optional
        A store URL or an open store; default ``$KG_STORE`` or ``.kg``.

    Returns
    -------
    pandas.DataFrame
        The columns of ``kg.export.ACTOR_COLUMNS``, one row per actor, by label.
    """
    return _frame(read_actors(store), ACTOR_COLUMNS, "kg.actors_frame()")


def entities_frame(store: str | os.PathLike | Store | None = None, type: str | None = None) -> pd.DataFrame:
    """Every entity as a row of a pandas DataFrame: :func:`kg.read_entities` as a table.

    Parameters
    ----------
    store : str or Store, optional
        A store URL or an open store; default ``$KG_STORE`` or ``.kg``.
    type : str, optional
        Only entities of this type or superclass (``Place``, ``Actor``, ``Event``, ``Country`` ...).

    Returns
    -------
    pandas.DataFrame
        The columns of ``kg.export.ENTITY_COLUMNS``, one row per entity, by label.
    """
    return _frame(read_entities(store, type=type), ENTITY_COLUMNS, "kg.entities_frame()")


def dataset(store: str | os.PathLike | Store | None = None) -> rdflib.Dataset:
    """An rdflib ``Dataset`` over a store: every named graph, and their union as the default graph.

    An embedded store (a folder, ``oxigraph:PATH``, ``memory:NAME``) is read in place through
    oxrdflib, read-only for a folder: rdflib's ``triples()``, ``quads()``, ``graph()`` and
    ``query()`` run on Oxigraph. A SPARQL endpoint (``http://...``) is copied into memory first
    (every quad, so mind its size).

    Parameters
    ----------
    store : str or Store, optional
        A store URL or an open store; default ``$KG_STORE`` or ``.kg``.

    Returns
    -------
    rdflib.Dataset
        With ``default_union=True``, as ``kg.query`` reads the store.

    Examples
    --------
    >>> import kg, rdflib
    >>> kg.write_store("memory:dataset-doc", [(rdflib.URIRef("urn:a"), rdflib.RDFS.label, rdflib.Literal("A"),
    ...     rdflib.URIRef("urn:g"))], {})
    1
    >>> ds = kg.dataset("memory:dataset-doc")
    >>> [str(label) for label in ds.objects(rdflib.URIRef("urn:a"), rdflib.RDFS.label)]
    ['A']
    >>> [str(g.identifier) for g in ds.graphs() if len(g)]
    ['urn:g']
    """
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore as RdflibOxigraphStore
    from rdflib import Dataset

    opened = store if isinstance(store, Store) else open_store(store)
    try:
        if isinstance(opened, OxigraphStore):
            inner = opened.ox
        else:  # a remote store: copy its quads into an in-memory Oxigraph store
            inner = ox.Store()
            with tempfile.TemporaryDirectory(prefix="kg-dataset-") as folder:
                dump = Path(folder) / "store.nq"
                opened.dump(dump, "nquads")
                inner.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    finally:
        if opened is not store:
            opened.close()
    return Dataset(store=RdflibOxigraphStore(store=inner), default_union=True)
