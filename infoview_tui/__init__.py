"""infoview: informational interviews for a career transition, in the terminal."""

__version__ = "0.1.0"
