"""Data: the embedded database, snapshot files and their checks against the data contract, loads and undo,
and the Data page's stewardship (who may change data, what it shows)."""
