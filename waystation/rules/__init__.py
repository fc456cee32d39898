"""Targeting rules as data, with the protected-attribute safeguard."""
