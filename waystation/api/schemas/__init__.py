"""Wire schemas: what the API reads and writes, kept apart from the domain dataclasses.

Pydantic lives here, at the trust boundary; each module converts domain objects with a
``from_*`` constructor, so a domain change is a conscious change of the wire format.
"""
