"""Spider sets shared by all workers of a job, such as the hosts in scope.

The site spider keeps the hosts it may crawl in ``spider.hosts`` and adds one
when a start URL redirects to a new host (a portal that moved). That happens
on one worker; the others must follow that host's links too. This extension
replaces each named set attribute of the spider by a :class:`SharedSet`: an
addition is written to Redis before it is used, and a member missing locally
is looked up in Redis (and then kept), so a worker never refuses a member
another worker added before it created the requests that lead here.

``CRAWLER_REDIS_SHARED_SETS`` names the attributes (default: ``hosts``);
attributes a spider does not have, or that are not sets, are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from redis import Redis
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.distributed.config import DistributedConfig, connect


class SharedSet(set[str]):
    """A set of strings mirrored in a Redis set; local members are a cache."""

    def __init__(self, server: Redis, key: str, members: Iterable[str] = ()) -> None:
        super().__init__()
        self.server = server
        self.key = key
        for member in members:
            self.add(member)

    def add(self, member: str) -> None:
        if not super().__contains__(member):
            self.server.sadd(self.key, member)
            super().add(member)

    def __contains__(self, member: object) -> bool:
        if super().__contains__(member):
            return True
        if isinstance(member, str) and self.server.sismember(self.key, member):
            super().add(member)
            return True
        return False


class SharedScopeExtension:
    def __init__(self, server: Redis, config: DistributedConfig, names: list[str]) -> None:
        self.server = server
        self.config = config
        self.names = names

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedScopeExtension:
        config = DistributedConfig.from_settings(crawler.settings)
        names = crawler.settings.getlist("CRAWLER_REDIS_SHARED_SETS", ["hosts"])
        extension = cls(connect(config.url), config, names)
        if not names:
            raise NotConfigured("no shared spider sets")
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        for name in self.names:
            current = getattr(spider, name, None)
            if isinstance(current, set) and not isinstance(current, SharedSet):
                shared = SharedSet(self.server, self.config.keys.shared_set(name), current)
                setattr(spider, name, shared)
