"""Ingestion: expand user paths into input units and read them into articles.

Example:
    >>> from annales.pipeline.ingest import expand_inputs, read_unit
    >>> for unit in expand_inputs(["examples/news"]):  # doctest: +SKIP
    ...     for article in read_unit(unit):
    ...         print(article.doc_id, article.uri, article.status)
"""

from annales.pipeline.ingest.readers import DEFAULT_MAX_BYTES, read_unit
from annales.pipeline.ingest.sniff import content_id, sniff_bytes
from annales.pipeline.ingest.units import InputUnit, expand_inputs, guess_format

__all__ = [
    "DEFAULT_MAX_BYTES",
    "InputUnit",
    "content_id",
    "expand_inputs",
    "guess_format",
    "read_unit",
    "sniff_bytes",
]
