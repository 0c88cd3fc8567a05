"""gunicorn entry point: `gunicorn quotetrail.wsgi:app`. With --preload, the spaCy model, the
embedding model, the readability dictionary and the word frequencies load once in the master,
before the workers fork."""
import sys

from .analysis import readability
from .embed import EmbeddingError, load as load_embeddings
from .api import create_app
from .nlp import load
from .own_words import warm as warm_word_frequencies
from .settings import SettingError
from .syllables import warm

try:
    app = create_app()
except SettingError as exc:   # one line and a clean exit, not a traceback from gunicorn's loader
    print(f"quotetrail: setting error: {exc}", file=sys.stderr)
    sys.exit(2)
load()
try:
    load_embeddings()                       # shared by the workers too, not loaded by each
except EmbeddingError as exc:               # each analysis with coverage then answers 503 embedding_unavailable
    print(f"quotetrail: {exc}", file=sys.stderr)
warm()                                      # the whole pronouncing dictionary, shared by the workers
readability("Warm up the syllable dictionary.")
warm_word_frequencies()                     # wordfreq's English list, for the marked words of mixed quotes
