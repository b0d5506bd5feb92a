"""The generator adapter: the only package that knows MkDocs (and ProperDocs) and Material. The
plugin delegates each event to a SiteBuild; one build per language."""
