"""Practice history: the SQLite schema, queries over past answers, and export. No Textual."""
