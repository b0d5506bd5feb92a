"""The knowledge base: typed records, vocabularies, indexes, related practices, facets; `pipeline`
reads everything, checks everything, then builds it (shared by the build and the CLI)."""
