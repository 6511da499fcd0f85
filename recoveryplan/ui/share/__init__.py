"""Sharing the plan: on paper (a PDF or a printout, previewed page by page)
and as a JSON copy that can be brought back in."""

from .controller import ShareActions

__all__ = ["ShareActions"]
