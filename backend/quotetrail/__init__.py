"""QuoteTrail: who said what, loaded terms and cross-outlet coverage for news articles."""

__version__ = "0.1.0"
