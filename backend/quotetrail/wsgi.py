"""gunicorn entry point: `gunicorn quotetrail.wsgi:app`; with --preload the model loads once before fork."""
from .api import create_app
from .nlp import load

app = create_app()
load()
