"""The matching benchmark: quality on the labelled set and a held-out set, speed, scale, reference."""
