"""HTTP routes: the JSON API, the server-rendered pages, image serving and health checks."""
