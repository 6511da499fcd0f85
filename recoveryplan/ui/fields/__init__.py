"""Plan-aware controls: they know records, the plan's context or its rules
(``ui/widgets/`` holds the generic Qt pieces they are built from)."""
