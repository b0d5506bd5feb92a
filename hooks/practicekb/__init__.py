"""The local integration practice knowledge base.

Stages, each importing only the ones before it: core → source → checks → model → pages →
exports → adapter. Only `adapter` knows MkDocs, so the rest outlives any one site generator;
`cli` (`kb`) reuses source → checks → model.
"""
