"""Pages: render contexts and templates (overrides/kb/), the share panel, and the sanitizer
that contributor HTML passes before it is published."""
