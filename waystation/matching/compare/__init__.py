"""One small feature per module: names (words, names), dates, documents, countries, gender."""
