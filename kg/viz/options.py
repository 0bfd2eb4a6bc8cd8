"""The views and their size limits, in a module that imports nothing, so the CLI can list them cheaply."""

__all__ = ["FOLD_ABOVE", "MAX_NODES", "PHYSICS_LIMIT", "VIEWS"]

VIEWS = ("graph", "operations", "claims", "disputes")
"""The views ``kg viz`` draws."""

MAX_NODES = 2000
"""Default cap on the nodes of a page: beyond it, the least important are left out (and the page says so)."""

PHYSICS_LIMIT = 300
"""Pages with more nodes than this start with physics off (the precomputed layout stays as it is)."""

FOLD_ABOVE = 1000
"""Pages that would have more nodes than this fold the numbers stated about one thing counted into one box."""
