"""gunicorn entry point: `gunicorn quotetrail.wsgi:app`. With --preload, the model and the
readability dictionary load once in the master, before the workers fork."""
from .analysis import readability
from .api import create_app
from .nlp import load

app = create_app()
load()
readability("Warm up the syllable dictionary.")
