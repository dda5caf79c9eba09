"""pipeline/resolve."""
