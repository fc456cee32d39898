"""One small feature per module: words and names, dates, documents, countries, gender.

Each returns a :class:`~waystation.matching.types.Feature` (or the name comparison's parts): a
weight of evidence in nats, the values compared, and a sentence; the algorithm adds them up.
"""

__all__: list[str] = []
