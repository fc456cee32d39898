"""The HTTP API (FastAPI): carrier gateway and the versioned REST resources."""
