"""How am I doing: the check-in chart, its table and goal progress."""

from .chart import CheckInChart
from .models import ChartTableModel, GoalProgressModel
from .view import ProgressView

__all__ = ["CheckInChart", "ChartTableModel", "GoalProgressModel", "ProgressView"]
