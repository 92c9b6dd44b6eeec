"""Scrapy settings: polite by default, tuned for slow government portals.

Every value can be overridden per run with ``crawler harvest -s NAME=VALUE``.
Project settings carry the ``CRAWLER_`` prefix.
"""

from crawler import __version__

BOT_NAME = "vn-meetings-crawler"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# An honest User-Agent that says who is crawling and where to read about it.
USER_AGENT = (
    f"vn-meetings-crawler/{__version__} (+research crawler of local government meeting reports; "
    "polite, obeys robots.txt)"
)
ROBOTSTXT_OBEY = True

# Few requests per host, adapted to how fast the host answers.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# Outputs of one callback processed at once: a page yields one article and its
# links, so Scrapy's default of 100 only costs a hundred idle tasks per response.
CONCURRENT_ITEMS = 8
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.5

# Portals are slow and flaky: retry server errors and time-outs with back-off.
DOWNLOAD_TIMEOUT = 40
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
CRAWLER_RETRY_BACKOFF_BASE = 2.0
CRAWLER_RETRY_BACKOFF_MAX = 60.0

# A page larger than this is not an article; warn well before.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

# Redirect chains beyond this are loops.
REDIRECT_MAX_TIMES = 8
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# http_proxy / https_proxy / no_proxy from the environment are honoured by
# Scrapy's HttpProxyMiddleware, which is on by default.
HTTPPROXY_ENABLED = True

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.retry.BackoffRetryMiddleware": 550,
    "crawler.middlewares.proxy.FixedProxyMiddleware": 740,
    # Off unless CRAWLER_REFUSE_PRIVATE is set; first, so no request to a refused host goes out.
    "crawler.middlewares.private.PrivateAddressMiddleware": 50,
}

ITEM_PIPELINES = {
    "pipelines.boilerplate.BoilerplatePipeline": 100,
    "pipelines.meeting.MeetingFieldsPipeline": 200,
    "pipelines.validation.ValidationPipeline": 300,
    "pipelines.storage.StoragePipeline": 400,
}

EXTENSIONS = {
    "crawler.extensions.progress.ProgressExtension": 500,
    "crawler.extensions.coverage.FieldCoverageExtension": 510,
    "crawler.archive.warcout.WarcWriterExtension": 520,
}

# Breadth-first order keeps listing pages ahead of deep link chains.
DEPTH_PRIORITY = 1
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"

LOG_LEVEL = "INFO"
LOG_FORMATTER = "crawler.logformatter.CrawlerLogFormatter"
FEED_EXPORT_ENCODING = "utf-8"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# -- project settings --------------------------------------------------------
#: Database URL or SQLite path; DATABASE_URL in the environment wins over the default.
CRAWLER_DATABASE = ""
#: Store the raw page bodies (compressed) for re-extraction.
CRAWLER_STORE_PAGES = True
#: Only keep articles published on or after this ISO date.
CRAWLER_SINCE = ""
#: Highest listing page number followed (endless pagers).
CRAWLER_MAX_PAGINATION = 2000
#: How many hops through pages that are neither listings nor articles.
CRAWLER_MAX_OTHER_HOPS = 2
#: Show a progress line on a terminal.
CRAWLER_PROGRESS = True
#: A proxy for every request (tests and the demo route through the local sample web).
CRAWLER_FIXED_PROXY = ""
#: Extraction worker processes: "auto" (one per core beyond the reactor's), or N (0 = inline).
CRAWLER_EXTRACT_WORKERS = "auto"
#: Fail the run (exit status) when it stores no article at all.
CRAWLER_FAIL_ON_EMPTY = True
#: Refuse requests whose host resolves to a private, loopback, link-local or
#: unique-local address (for deployments that crawl URLs given by others).
CRAWLER_REFUSE_PRIVATE = False

# -- distributed crawling (`crawler worker`, `--distributed`; REDIS_URL in the environment) --
#: Seconds a worker that stopped answering keeps its in-flight requests before others take them.
CRAWLER_REDIS_LEASE = 30.0
#: Seconds between two requests to one host from all workers ("" = DOWNLOAD_DELAY, 0 = off).
CRAWLER_REDIS_HOST_DELAY = ""
#: Seconds between two looks at the shared queue while a worker has nothing to do.
CRAWLER_REDIS_IDLE_POLL = 0.1
#: Prefix of the Redis keys (several deployments can share one Redis).
CRAWLER_REDIS_PREFIX = "crawler"

# -- archives ----------------------------------------------------------------
#: Write every response to rotating WARC files in this folder (off when empty).
CRAWLER_WARC_OUT = ""
#: Start a new WARC file past this size.
CRAWLER_WARC_MAX_BYTES = 1_000_000_000
#: Wayback Machine CDX API and replay base; point them at a mirror or local pywb.
CRAWLER_WAYBACK_CDX = "https://web.archive.org/cdx/search/cdx"
CRAWLER_WAYBACK_BASE = "https://web.archive.org"
#: Common Crawl index server, collection ("" = every crawl of the requested years) and data host.
CRAWLER_CC_INDEX = "https://index.commoncrawl.org"
CRAWLER_CC_COLLECTION = ""
CRAWLER_CC_DATA = "https://data.commoncrawl.org"
#: Captures asked for per CDX page.
CRAWLER_CDX_PAGE_SIZE = 5000
