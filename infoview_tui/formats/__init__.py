"""Import and export (LinkedIn, Google, vCard in; Markdown, CSV, iCalendar, JSON out). No Textual."""
