"""pipeline/extract."""
