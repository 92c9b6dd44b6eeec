"""Meetings as entities: near-duplicate reports and the meetings they describe.

A district plenum is reported by the district portal, the district Party site
and the provincial paper, sometimes as one text republished, sometimes in
different words. This package turns stored articles into meetings:

- :mod:`crawler.meetings.neardup`: word-shingle MinHash signatures and an LSH
  index find republished texts whatever site and URL they come from.
- :mod:`crawler.meetings.identity`: the identity key of a meeting, built only
  from stable record fields (never titles or URLs).
- :mod:`crawler.meetings.reconcile`: one value per field from several reports,
  the most specific winning, disagreements kept as conflicts.
- :mod:`crawler.meetings.linking`: reports -> meetings (pure).
- :mod:`crawler.meetings.build`: rebuild the derived tables of a storage.
- :mod:`crawler.meetings.export`: the meeting table's columns and rows.

Nothing here imports Scrapy.
"""
