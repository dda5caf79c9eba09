"""The blind real-article evaluation set: manifest, source texts (read from ../shared) and gold annotations."""
