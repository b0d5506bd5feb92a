"""The local integration practice knowledge base.

Data flows one way: load -> validate -> model -> pages. Only `mkdocs_site`
knows about MkDocs, so the rest outlives any one site generator.
"""
