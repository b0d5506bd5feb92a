"""Reading files: YAML with line numbers, bounded, and practice files split into front matter and body.
Never judges: the checks do."""
