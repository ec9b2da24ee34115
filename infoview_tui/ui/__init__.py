"""Everything Textual: screens and widgets."""
