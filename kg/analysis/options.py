"""The choices the analysis offers, in a module that imports nothing, so the CLI can list them cheaply."""

__all__ = ["EXPORT_FORMATS", "MEASURES", "TABLE_FORMATS", "VIEWS"]

MEASURES = ("degree", "betweenness", "pagerank")
"""Centrality measures, in the order tables show them."""

VIEWS = ("actors", "bipartite", "network", "claims")
"""The networkx views of the graph (:func:`kg.analysis.to_networkx`)."""

TABLE_FORMATS = ("table", "csv", "tsv", "json", "jsonl")
"""How ``kg analyze`` prints its tables: the formats of ``kg query`` that hold a table, with the same meaning."""

EXPORT_FORMATS = ("graphml", "gexf")
"""Network files for Gephi and other tools."""
