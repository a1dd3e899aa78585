"""The minimal Scrapy spider bench/compare runs: follow every same-site link, keep nothing."""
import scrapy
from scrapy.linkextractors import LinkExtractor


class SiteSpider(scrapy.Spider):
    name = "site"
    custom_settings = {
        "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "DOWNLOAD_DELAY": 0,
        "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": False,
    }

    def __init__(self, start=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_urls = [start]
        self.allowed_domains = ["127.0.0.1"]
        # No allow_domains here: the extractor compares it with the netloc, port included, so
        # "127.0.0.1" never matched "127.0.0.1:PORT". OffsiteMiddleware (allowed_domains, on the
        # host name) keeps the crawl on the site.
        self.links = LinkExtractor(deny_extensions=["jpg"])

    def parse(self, response):
        yield {"url": response.url}
        for link in self.links.extract_links(response):
            yield response.follow(link.url, callback=self.parse)
