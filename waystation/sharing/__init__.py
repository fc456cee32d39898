"""Share packages for partner agencies, under handling marks."""
