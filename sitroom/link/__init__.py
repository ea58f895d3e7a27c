"""Linking across articles: stories, events merged across sources, summaries, comparisons."""
