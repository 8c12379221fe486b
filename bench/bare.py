"""The baseline of bench.api: a hello-world Flask app, served the same way."""

from flask import Flask

app = Flask(__name__)


@app.get("/hello")
def hello():
    """The least a Flask view can do: a small JSON answer."""
    return {"hello": "world"}
