"""Distributed crawling: one crawl split between worker processes through Redis.

A feeder (``crawler harvest --distributed``, ``crawler crawl --distributed``)
writes a job description to Redis and pushes the spider's start requests into
the job's shared queue; ``crawler worker`` processes on one or many machines
read the description, run the same spider and take requests from that queue.

- :mod:`.config`: settings (``REDIS_URL``, ``CRAWLER_REDIS_*``) and key names;
- :mod:`.queue`: the priority queue whose pops are leases, acknowledged when done;
- :mod:`.job`: the job description and the job-wide state (queued, in flight, done);
- :mod:`.scheduler`: the Scrapy scheduler built on both, with heartbeat and idle logic;
- :mod:`.engine_access`: what the scheduler reads of Scrapy's engine (no public API);
- :mod:`.dupefilter`: the shared duplicate filter of a job;
- :mod:`.politeness`: one request per host and delay across all workers (a download handler);
- :mod:`.scope`: spider sets (the hosts in scope) shared between workers;
- :mod:`.runtime`: running a feeder or a worker in this process;
- :mod:`.localserver`: a throw-away Redis server for the tests and the benchmark.
"""
