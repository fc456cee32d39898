"""The link graph between travellers, and the paths from them to listed or confirmed subjects."""
