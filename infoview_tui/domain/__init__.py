"""Plain-Python domain of infoview: no Textual, no TinyDB."""
