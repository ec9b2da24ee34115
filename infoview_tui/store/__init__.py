"""Saving infoview's data: one JSON file, written so that nothing typed is lost."""
