"""Every bound on input, in one place (the README's "Limits" table lists these)."""

MAX_BODY_BYTES = 2_000_000          # one HTTP request body, or one article file / JSON line
MAX_PARAGRAPHS = 2_000              # paragraphs in one article
MAX_PARAGRAPH_CHARS = 100_000       # characters in one paragraph
MAX_ARTICLE_CHARS = 200_000         # characters of article text, all paragraphs together (~33,000 words)
MAX_HTML_BYTES = 5_000_000          # raw HTML given as "html" or fetched from a URL
MAX_TITLE_CHARS = 1_000
MAX_OUTLET_CHARS = 200
MAX_URL_CHARS = 2_048
MAX_ID_CHARS = 200                  # an article's 'id', as a string or in digits
MAX_JSON_DEPTH = 20                 # nesting of any JSON we accept
REQUEST_SECONDS = 30                # deadline of one analysis (HTTP and CLI); $QUOTETRAIL_REQUEST_SECONDS
FETCH_SECONDS = 15                  # deadline of one network fetch, redirects included (ingest, watch)
INGEST_BATCH = 32                   # articles per nlp.pipe batch during ingestion
