"""The two blob stores (shared file system and S3) and the key layout they share."""
