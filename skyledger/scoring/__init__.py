"""Scoring extraction against gold annotations, exactly as ``eval/FORMAT.md`` describes."""

from skyledger.scoring.gold import Gold, read_gold
from skyledger.scoring.score import Report, score_documents

__all__ = ["Gold", "Report", "read_gold", "score_documents"]
