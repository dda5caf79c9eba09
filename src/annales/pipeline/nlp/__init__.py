"""pipeline/nlp."""
