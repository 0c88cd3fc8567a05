"""gunicorn entry point: `gunicorn quotetrail.wsgi:app`. With --preload, the model and the
readability dictionary load once in the master, before the workers fork."""
from .analysis import readability
from .api import create_app
from .nlp import load
from .syllables import warm

app = create_app()
load()
warm()                                      # the whole pronouncing dictionary, shared by the workers
readability("Warm up the syllable dictionary.")
