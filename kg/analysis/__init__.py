"""Network analysis of actors, operations and claims (networkx).

Turn the graph into the networkx view that fits the question (:func:`to_networkx`), then run plain
functions over it, networkx style::

    from kg.analysis import actor_graph, actor_centrality, actor_communities
    G = actor_graph(".kg")                      # actors linked through shared claims and operations
    scores = actor_centrality(G)                # {"degree": {...}, "betweenness": {...}, "pagerank": {...}}
    groups = actor_communities(G)               # Louvain, the largest first

Every edge keeps the claims and articles it comes from (``G.edges[u, v]["claims"]``), so a result
can be traced back to its quotes. The ``analyze_*`` functions are the ``kg analyze`` commands.
"""

from .centrality import MEASURES, actor_centrality, call_backend, ranking
from .claims import GroupSupport, ValueSupport, claim_support
from .commands import (
    analyze_centrality,
    analyze_claims,
    analyze_communities,
    analyze_ego,
    analyze_path,
    analyze_timeline,
    export_network,
)
from .communities import actor_communities, community_index
from .convert import (
    ACTOR_TYPES,
    EVENT_TYPES,
    VIEWS,
    ClaimData,
    GraphData,
    actor_graph,
    actor_operation_graph,
    claim_source_graph,
    network_graph,
    read_claim_data,
    read_graph_data,
    to_networkx,
)
from .names import resolve, suggest
from .paths import EgoMember, Hop, connection, ego_members
from .readwrite import ANALYSIS_GRAPH, EXPORT_FORMATS, analysis_triples, gephi_graph, write_analysis, write_network
from .tables import TABLE_FORMATS, Table, format_table
from .timeline import TimelineEntry, timeline

__all__ = [
    "ACTOR_TYPES",
    "ANALYSIS_GRAPH",
    "EVENT_TYPES",
    "EXPORT_FORMATS",
    "MEASURES",
    "TABLE_FORMATS",
    "VIEWS",
    "ClaimData",
    "EgoMember",
    "GraphData",
    "GroupSupport",
    "Hop",
    "Table",
    "TimelineEntry",
    "ValueSupport",
    "actor_centrality",
    "actor_communities",
    "actor_graph",
    "actor_operation_graph",
    "analysis_triples",
    "analyze_centrality",
    "analyze_claims",
    "analyze_communities",
    "analyze_ego",
    "analyze_path",
    "analyze_timeline",
    "call_backend",
    "claim_source_graph",
    "claim_support",
    "community_index",
    "connection",
    "ego_members",
    "export_network",
    "format_table",
    "gephi_graph",
    "network_graph",
    "ranking",
    "read_claim_data",
    "read_graph_data",
    "resolve",
    "suggest",
    "timeline",
    "to_networkx",
    "write_analysis",
    "write_network",
]
