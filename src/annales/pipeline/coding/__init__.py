"""pipeline/coding."""
