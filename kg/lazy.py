"""Package attributes imported on first use (PEP 562), so that a light submodule stays light.

Examples
--------
In a package's ``__init__.py``::

    _EXPORTS = {"read_inputs": "readers", "annotate": "pipeline"}   # name -> submodule
    __all__ = sorted(_EXPORTS)
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(package: str, exports: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A module ``__getattr__`` and ``__dir__`` that import ``exports`` (name -> submodule) when first asked.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    exports : mapping
        Each public name and the submodule (relative to ``package``) that defines it.

    Returns
    -------
    tuple
        ``(__getattr__, __dir__)`` for the package's namespace.

    Examples
    --------
    >>> getattr_, dir_ = lazy_exports("kg.analysis", {"MEASURES": "options"})
    >>> getattr_("MEASURES")
    ('degree', 'betweenness', 'pagerank')
    """

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{module}", package), name)
        setattr(sys.modules[package], name, value)  # found once, then an ordinary attribute
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *exports})

    return __getattr__, __dir__
