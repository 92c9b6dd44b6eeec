"""The sample web the product ships for its demo and its tests.

- :mod:`crawler.demo.server`: a threaded HTTP/1.1 server on 127.0.0.1 that
  plays many virtual hosts and works as a forward proxy (``VirtualWeb``).
- :mod:`crawler.demo.families`: renderers of the CMS families Vietnamese
  district portals and provincial newspapers run.
- :mod:`crawler.demo.content`: the articles of the demo sites, written for
  this project, each with the labels a correct extractor gives it.
- :mod:`crawler.demo.sites`: the demo web (``build_demo_web``,
  ``DEMO_START_URLS``, ``expected_articles``).
- :mod:`crawler.demo.generate`: large synthetic portals for benchmarks.
"""
