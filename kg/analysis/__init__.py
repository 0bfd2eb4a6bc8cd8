"""Network analysis of actors, operations and claims (networkx).

Turn the graph into the networkx view that fits the question (:func:`to_networkx`), then run plain
functions over it, networkx style::

    from kg.analysis import actor_graph, actor_centrality, actor_communities
    G = actor_graph(".kg")                      # actors linked through shared claims and operations
    scores = actor_centrality(G)                # {"degree": {...}, "betweenness": {...}, "pagerank": {...}}
    groups = actor_communities(G)               # Louvain, the largest first

Every edge keeps the claims and articles it comes from (``G.edges[u, v]["claims"]``), so a result
can be traced back to its quotes. The ``analyze_*`` functions are the ``kg analyze`` commands.

The names below are imported on first use, so that listing the choices (:mod:`kg.analysis.options`)
does not load networkx.
"""

from __future__ import annotations

from ..lazy import lazy_exports

_EXPORTS = {
    "actor_centrality": "centrality",
    "call_backend": "centrality",
    "ranking": "centrality",
    "GroupSupport": "claims",
    "ValueSupport": "claims",
    "claim_support": "claims",
    "analyze_centrality": "commands",
    "analyze_claims": "commands",
    "analyze_communities": "commands",
    "analyze_ego": "commands",
    "analyze_path": "commands",
    "analyze_timeline": "commands",
    "export_network": "commands",
    "actor_communities": "communities",
    "community_index": "communities",
    "ACTOR_TYPES": "convert",
    "ClaimData": "convert",
    "EVENT_TYPES": "convert",
    "GraphData": "convert",
    "actor_graph": "convert",
    "actor_operation_graph": "convert",
    "claim_source_graph": "convert",
    "network_graph": "convert",
    "read_claim_data": "convert",
    "read_graph_data": "convert",
    "to_networkx": "convert",
    "EXPORT_FORMATS": "options",
    "MEASURES": "options",
    "TABLE_FORMATS": "options",
    "VIEWS": "options",
    "EgoMember": "paths",
    "Hop": "paths",
    "check_date": "paths",
    "claim_dates": "paths",
    "connection": "paths",
    "connections": "paths",
    "ego_members": "paths",
    "resolve": "paths",
    "suggest": "paths",
    "ANALYSIS_GRAPH": "readwrite",
    "analysis_triples": "readwrite",
    "GEXF_VERSION": "readwrite",
    "gephi_graph": "readwrite",
    "node_colour": "readwrite",
    "write_analysis": "readwrite",
    "write_network": "readwrite",
    "Table": "tables",
    "format_table": "tables",
    "TimelineEntry": "timeline",
    "timeline": "timeline",
}

__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
