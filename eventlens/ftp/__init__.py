"""The FTP server cameras push photos to (`eventlens run`, `eventlens ftp`)."""
