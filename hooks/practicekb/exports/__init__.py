"""Exports: the knowledge base in, files out (feed, open data, redirects, robots.txt, QR codes,
social cards, link previews, the search index). No generator inside."""
