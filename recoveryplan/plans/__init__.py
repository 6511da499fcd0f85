"""The domain: the plan, its sections and records, validation, the JSON
exchange format and the editing services. No Qt, no SQL."""
