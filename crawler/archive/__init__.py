"""Web archives as a source: the district portals closed on 1 July 2025 live on there.

- :mod:`crawler.archive.cdx`: request URLs and response parsing for the
  Wayback CDX server and the Common Crawl index (pure functions), and the
  choice of one capture per article.
- :mod:`crawler.archive.warcin`: WARC/ARC files in, as fetched pages, and
  their import into the storage.
- :mod:`crawler.archive.replay`: reading an archive's answer (original
  headers, the capture actually served).
- :mod:`crawler.archive.warcout`: a Scrapy extension that writes every
  response of a crawl into rotating WARC files.
- :mod:`crawler.archive.reextract`: records rebuilt from stored pages when the
  extractor has changed.

The archive spider itself is ``spiders.archive.ArchiveSpider``.
"""
