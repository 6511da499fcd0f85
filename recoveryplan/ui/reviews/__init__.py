"""Reviews: recording one, looking at my plan as it was, and what changed."""
