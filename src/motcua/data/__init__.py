"""Data shipped with motcua: official schedules (each entry with its source)."""
