"""One module per command group; cli.main attaches them."""
