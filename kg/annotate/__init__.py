"""Automatic annotation of new articles: reading inputs, proposing annotations, writing them out.

``kg annotate`` reads ``.txt``, ``.html`` and ``.jsonl`` inputs (:func:`read_inputs`), proposes
annotations, and writes each article as ``NAME.txt`` + ``NAME.yaml`` in the corpus format of
``docs/annotation-format.md`` (:func:`write_annotations`, :func:`write_registry`).
"""

from .readers import SUFFIXES, Skipped, find_boilerplate, read_inputs
from .write import write_annotations, write_registry

__all__ = [
    "SUFFIXES",
    "Skipped",
    "find_boilerplate",
    "read_inputs",
    "write_annotations",
    "write_registry",
]

# @@ pipeline exports @@
from .components import Component, Context, Draft, component, registered_components
from .eval import EvalReport, evaluate, format_report, held_out_registry
from .pipeline import (
    DEFAULT_PIPELINE,
    AnnotateReport,
    Pipeline,
    PipelineConfig,
    annotate,
    read_pipeline_config,
)

__all__ += [
    "DEFAULT_PIPELINE",
    "AnnotateReport",
    "Component",
    "Context",
    "Draft",
    "EvalReport",
    "Pipeline",
    "PipelineConfig",
    "annotate",
    "component",
    "evaluate",
    "format_report",
    "held_out_registry",
    "read_pipeline_config",
    "registered_components",
]
