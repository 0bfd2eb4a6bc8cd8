"""Automatic annotation of new articles: reading inputs, proposing annotations, writing them out.

``kg annotate`` reads ``.txt``, ``.html`` and ``.jsonl`` inputs (:func:`read_inputs`), proposes
annotations, and writes each article as ``NAME.txt`` + ``NAME.yaml`` in the corpus format of
``docs/annotation-format.md`` (:func:`write_annotations`, :func:`write_registry`).

The names below are imported on first use, so that ``import kg.annotate.normalise`` (name keys,
used outside annotation) does not load the pipeline, spaCy or trafilatura.
"""

from __future__ import annotations

from ..lazy import lazy_exports

_EXPORTS = {
    "SUFFIXES": "readers",
    "Skipped": "readers",
    "find_boilerplate": "readers",
    "read_inputs": "readers",
    "write_annotations": "write",
    "write_registry": "write",
    "Component": "components",
    "Context": "components",
    "Draft": "components",
    "component": "components",
    "unregister": "components",
    "get_component": "registrations",
    "registered_components": "registrations",
    "EvalReport": "eval",
    "evaluate": "eval",
    "format_report": "eval",
    "held_out_registry": "eval",
    "GoldReport": "gold",
    "evaluate_gold": "gold",
    "format_gold_report": "gold",
    "read_gold": "gold",
    "score_gold": "gold",
    "DEFAULT_PIPELINE": "pipeline",
    "AnnotateReport": "pipeline",
    "Pipeline": "pipeline",
    "PipelineConfig": "pipeline",
    "annotate": "pipeline",
    "read_pipeline_config": "pipeline",
}

__all__ = list(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
