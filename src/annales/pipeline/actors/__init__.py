"""pipeline/actors."""
