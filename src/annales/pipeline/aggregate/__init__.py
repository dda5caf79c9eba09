"""pipeline/aggregate."""
