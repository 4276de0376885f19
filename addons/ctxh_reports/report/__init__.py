# printed documents
# xlsx reports
