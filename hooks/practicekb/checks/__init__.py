"""Checks: every function returns problems, with file, line, field and a hint. The schema is the one
definition of the front matter; interface strings and translations are checked here too."""
