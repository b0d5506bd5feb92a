"""Shared by every stage: problems (file:line: field: message), languages and plural rules,
countries and regions, the file cache and background workers. Imports nothing of the package
but itself."""
