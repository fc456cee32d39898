"""Name tables: see README.md for each file's source, licence and derivation."""
