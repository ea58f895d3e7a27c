"""The web page of ``sitroom serve``: our own HTML, CSS and JS; map libraries come from npm."""
