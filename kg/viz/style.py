"""How each kind of node and edge looks: colour, shape, legend text. One table, used by the views and the page."""

from __future__ import annotations

__all__ = ["EDGE_STYLES", "NODE_STYLES", "STATUS_STYLES", "node_style"]

NODE_STYLES: dict[str, dict[str, str]] = {
    # type: vis-network shape, fill colour, legend text
    "Person": {"shape": "dot", "color": "#4e79a7", "legend": "person"},
    "Country": {"shape": "hexagon", "color": "#f28e2b", "legend": "country"},
    "GovernmentBody": {"shape": "square", "color": "#76b7b2", "legend": "government body"},
    "Organisation": {"shape": "triangle", "color": "#b07aa1", "legend": "organisation"},
    "ArmedGroup": {"shape": "triangleDown", "color": "#9c755f", "legend": "armed group"},
    "MediaOutlet": {"shape": "star", "color": "#edc948", "legend": "media outlet"},
    "Group": {"shape": "dot", "color": "#ff9da7", "legend": "group of people"},
    "Place": {"shape": "diamond", "color": "#8cd17d", "legend": "place"},
    "Operation": {"shape": "diamond", "color": "#e15759", "legend": "operation"},
    "Event": {"shape": "dot", "color": "#bab0ac", "legend": "event"},
    "Document": {"shape": "square", "color": "#d4a6c8", "legend": "document"},
    "Quantity": {"shape": "box", "color": "#f2f2f2", "legend": "number stated"},
    "ClaimGroup": {"shape": "box", "color": "#ffffff", "legend": "what is counted"},
    "Value": {"shape": "box", "color": "#f2f2f2", "legend": "value stated"},
    "Folded": {"shape": "box", "color": "#f2f2f2", "legend": "numbers folded into one box"},
    "Other": {"shape": "dot", "color": "#cccccc", "legend": "other"},
}

STATUS_STYLES: dict[str, dict[str, str]] = {
    # claim status: edge colour, box fill and border for numbers, legend text
    "conflicting": {"color": "#d62728", "fill": "#fde0e0", "legend": "conflicting: another source disagrees"},
    "corroborated": {"color": "#2ca02c", "fill": "#dff3df", "legend": "corroborated by 2+ outlets"},
    "single-source": {"color": "#8c8c8c", "fill": "#f2f2f2", "legend": "single source"},
}

EDGE_STYLES: dict[str, dict] = {
    "conflict": {
        "color": "#d62728",
        "dashes": True,
        "width": 2.5,
        "label": "conflicts",
        "legend": "values that conflict",
    },
    "agreement": {"color": "#2ca02c", "dashes": [2, 6], "width": 1.5, "label": "agrees", "legend": "values that agree"},
    "source": {
        "color": "#c0a030",
        "dashes": [1, 4],
        "width": 1.2,
        "label": "reported",
        "legend": "outlet that reported it",
    },
}


def node_style(type_: str) -> dict[str, str]:
    """The style of a node type (``Other`` for a type the table does not know).

    Examples
    --------
    >>> node_style("Person")["shape"]
    'dot'
    >>> node_style("Spaceship")["legend"]
    'other'
    """
    return NODE_STYLES.get(type_, NODE_STYLES["Other"])
