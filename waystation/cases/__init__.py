"""Alerts, human dispositions, cases and audit events: the review that precedes any action."""
