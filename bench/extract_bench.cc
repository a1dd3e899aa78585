// Extraction throughput (MB/s of HTML per core) for ExtractPage on generated pages:
//  - RealisticBlog: a WordPress-style post (~110 KB): inline global styles and scripts,
//    Yoast-like JSON-LD @graph, nav menu, ~1,500-word article with links and srcset images,
//    comments, sidebar widgets and footer: roughly the byte mix of real blog pages.
//  - TextHeavy: an article with almost no CSS/JS (the parser's worst case per byte).
// Target (issue 4): >= 40 MB/s on the realistic page. Run from a release build:
//   cmake --preset release -B build/rel-extract && cmake --build build/rel-extract
//   --target extract_bench && build/rel-extract/bench/extract_bench
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "analyzer/extract/extractor.h"
#include "crawler/fetched_page.h"

namespace {

class Words {
 public:
  std::string Sentence(int n) {
    static const char* kWords[] = {
        "the",      "patient", "was",      "seen",      "in",        "clinic",  "with",
        "a",        "history", "of",       "chest",     "pain",      "and",     "shortness",
        "breath",   "we",      "talked",   "about",     "treatment", "options", "including",
        "changes",  "to",      "diet",     "follow-up", "two",       "weeks",   "her",
        "family",   "doctor",  "sent",     "after",     "abnormal",  "result",  "my",
        "practice", "town",    "hospital", "nurse",     "daughter"};
    std::string s;
    for (int i = 0; i < n; ++i) {
      state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
      if (i > 0) s += ' ';
      s += kWords[(state_ >> 33) % (sizeof kWords / sizeof kWords[0])];
    }
    s += '.';
    s[0] = static_cast<char>(s[0] - 32);
    return s;
  }

 private:
  uint64_t state_ = 42;
};

std::string Repeat(const std::string& unit, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += unit;
  return out;
}

std::string RealisticBlog() {
  Words w;
  std::string h = "<!DOCTYPE html>\n<html lang=\"en-US\">\n<head>\n<meta charset=\"UTF-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<meta name='robots' content='index, follow, max-image-preview:large'>\n";
  h += "<title>What a quiet Tuesday taught me - Notes from a small practice</title>\n";
  h += "<meta name=\"description\" content=\"" + w.Sentence(25) + "\">\n";
  h += "<link rel=\"canonical\" href=\"https://drnotes.example/2024/03/14/quiet-tuesday/\">\n";
  for (const char* p :
       {"og:locale", "og:type", "og:title", "og:description", "og:url", "og:site_name",
        "article:published_time", "article:modified_time", "og:image", "og:image:width",
        "og:image:height", "twitter:card", "twitter:title", "twitter:description"}) {
    h += std::string("<meta property=\"") + p + "\" content=\"" + w.Sentence(6) + "\">\n";
  }
  h += "<script type=\"application/ld+json\" class=\"yoast-schema-graph\">{\"@context\":"
       "\"https://schema.org\",\"@graph\":[{\"@type\":\"Article\",\"@id\":\"https://"
       "drnotes.example/2024/03/14/quiet-tuesday/#article\",\"author\":{\"name\":\"Dr Ann "
       "Example\",\"@id\":\"https://drnotes.example/#/schema/person/1\"},\"headline\":\"What a "
       "quiet Tuesday taught me\",\"datePublished\":\"2024-03-14T08:00:00+00:00\","
       "\"dateModified\":\"2024-03-15T10:00:00+00:00\",\"wordCount\":1500,\"publisher\":{\"@id\":"
       "\"https://drnotes.example/#organization\"}},{\"@type\":\"WebPage\",\"@id\":\"https://"
       "drnotes.example/2024/03/14/quiet-tuesday/\",\"name\":\"What a quiet Tuesday\","
       "\"breadcrumb\":{\"@id\":\"#breadcrumb\"}},{\"@type\":\"BreadcrumbList\","
       "\"itemListElement\":[{\"@type\":\"ListItem\",\"position\":1,\"name\":\"Home\"},{\"@type\":"
       "\"ListItem\",\"position\":2,\"name\":\"Quiet Tuesday\"}]},{\"@type\":\"Person\",\"@id\":"
       "\"https://drnotes.example/#/schema/person/1\",\"name\":\"Dr Ann Example\",\"sameAs\":["
       "\"https://social.example/@ann\"]}]}</script>\n";
  for (int i = 0; i < 12; ++i) {
    h += "<link rel='stylesheet' id='block-" + std::to_string(i) +
         "-css' href='https://drnotes.example/wp-includes/css/dist/block-library/style.min.css"
         "?ver=6.4.3' media='all' />\n";
  }
  h += "<script>window._wpemojiSettings = {\"baseUrl\":\"https:\\/\\/s.w.org\\/images\\/core"
       "\\/emoji\\/14.0.0\\/72x72\\/\",\"ext\":\".png\"};\n" +
       Repeat(
           "!function(i,n){var o,s,e;function c(e){try{var t={supportTests:e,timestamp:(new "
           "Date).valueOf()};sessionStorage.setItem(o,JSON.stringify(t))}catch(e){}}}\n",
           40) +
       "</script>\n";
  h += "<style id='global-styles-inline-css'>\nbody{--wp--preset--color--black: #000000;"
       "--wp--preset--color--white: #ffffff;}\n" +
       Repeat(
           ".has-vivid-red-background-color{background-color: var(--wp--preset--color--"
           "vivid-red) !important;}.wp-block-button__link{color:#fff;padding:calc(.667em + "
           "2px) calc(1.333em + 2px);font-size:1.125em}\n",
           160) +
       "</style>\n</head>\n";
  h += "<body class=\"post-template-default single single-post postid-1234 single-format-"
       "standard wp-embed-responsive\">\n<div id=\"page\" class=\"site\">\n<a class=\"skip-"
       "link screen-reader-text\" href=\"#content\">Skip to content</a>\n";
  h += "<header id=\"masthead\" class=\"site-header\"><div class=\"site-branding\"><p "
       "class=\"site-title\"><a href=\"/\" rel=\"home\">Notes from a small practice</a></p>"
       "</div><nav id=\"site-navigation\" class=\"main-navigation\"><ul id=\"primary-menu\" "
       "class=\"menu\">";
  for (int i = 0; i < 18; ++i) {
    h += "<li id=\"menu-item-" + std::to_string(i) +
         "\" class=\"menu-item menu-item-type-taxonomy menu-item-object-category\"><a "
         "href=\"https://drnotes.example/category/topic-" +
         std::to_string(i) + "/\">Topic " + std::to_string(i) + "</a></li>";
  }
  h += "</ul></nav></header>\n<div id=\"content\" class=\"site-content\"><main id=\"primary\" "
       "class=\"site-main\"><article id=\"post-1234\" class=\"post-1234 post type-post status-"
       "publish format-standard hentry category-stories\"><header class=\"entry-header\"><h1 "
       "class=\"entry-title\">What a quiet Tuesday taught me</h1><div class=\"entry-meta\">"
       "<span class=\"posted-on\">Posted on <a href=\"/2024/03/14/quiet-tuesday/\" rel=\""
       "bookmark\"><time class=\"entry-date published\" datetime=\"2024-03-14T08:00:00+00:00\">"
       "March 14, 2024</time></a></span></div></header><div class=\"entry-content\">\n";
  for (int i = 0; i < 26; ++i) {
    h += "<p>" + w.Sentence(22) + " <a href=\"https://drnotes.example/2023/0" +
         std::to_string(1 + i % 9) + "/post-" + std::to_string(i) + "/\">" + w.Sentence(3) +
         "</a> " + w.Sentence(18) + " <em>" + w.Sentence(4) + "</em> " + w.Sentence(12) + "</p>\n";
    if (i % 6 == 0) {
      h += "<h2 class=\"wp-block-heading\">" + w.Sentence(5) +
           "</h2>\n<figure class=\"wp-"
           "block-image size-large\"><img decoding=\"async\" width=\"1024\" height=\"683\" "
           "src=\"https://drnotes.example/wp-content/uploads/2024/03/img" +
           std::to_string(i) + "-1024x683.jpg\" alt=\"" + w.Sentence(6) +
           "\" class=\"wp-image-99\" srcset=\"https://drnotes.example/wp-content/uploads/2024/"
           "03/img-1024x683.jpg 1024w, https://drnotes.example/wp-content/uploads/2024/03/img-"
           "300x200.jpg 300w, https://drnotes.example/wp-content/uploads/2024/03/img-768x512"
           ".jpg 768w\" sizes=\"(max-width: 1024px) 100vw, 1024px\" /><figcaption class=\"wp-"
           "element-caption\">" +
           w.Sentence(8) + "</figcaption></figure>\n";
    }
  }
  h += "</div></article>\n<div id=\"comments\" class=\"comments-area\"><h2 class=\"comments-"
       "title\">5 thoughts</h2><ol class=\"comment-list\">";
  for (int i = 0; i < 5; ++i) {
    h += "<li id=\"comment-" + std::to_string(i) +
         "\" class=\"comment even thread-even depth-1\"><article class=\"comment-body\"><footer "
         "class=\"comment-meta\"><div class=\"comment-author vcard\"><img alt='' src='https://"
         "secure.gravatar.com/avatar/abc?s=32&#038;d=mm&#038;r=g' class='avatar avatar-32 photo' "
         "height='32' width='32' loading='lazy'/><b class=\"fn\">Reader " +
         std::to_string(i) +
         "</b></div><div class=\"comment-metadata\"><a href=\"#comment\"><time datetime=\"2024-"
         "03-16T10:00:00+00:00\">March 16, 2024</time></a></div></footer><div class=\"comment-"
         "content\"><p>" +
         w.Sentence(30) + "</p></div></article></li>";
  }
  h += "</ol></div></main>\n<aside id=\"secondary\" class=\"widget-area\">";
  for (int i = 0; i < 4; ++i) {
    h += "<section class=\"widget widget_recent_entries\"><h2 class=\"widget-title\">" +
         w.Sentence(2) + "</h2><ul>";
    for (int j = 0; j < 6; ++j) {
      h += "<li><a href=\"https://drnotes.example/2023/11/recent-" + std::to_string(j) + "/\">" +
           w.Sentence(5) + "</a></li>";
    }
    h += "</ul></section>";
  }
  h += "</aside></div>\n<footer id=\"colophon\" class=\"site-footer\"><div class=\"site-info\">"
       "<p>&copy; 2024 Notes from a small practice &middot; <a href=\"/privacy/\">Privacy"
       "</a></p></div></footer></div><!-- #page -->\n";
  h += "<script id=\"comment-reply-js\" src=\"https://drnotes.example/wp-includes/js/comment-"
       "reply.min.js\"></script>\n<script>\n" +
       Repeat(
           "(function(){var e=document.querySelector('.menu-toggle');if(!e)return;e."
           "addEventListener('click',function(){document.body.classList.toggle('nav-open')"
           "})})();\n",
           60) +
       "</script>\n</body>\n</html>\n";
  return h;
}

std::string TextHeavy() {
  Words w;
  std::string h =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Case notes</title>"
      "</head><body><article><h1>Case notes</h1>";
  for (int i = 0; i < 400; ++i) {
    h += "<p>" + w.Sentence(30) + " <a href=\"/p/" + std::to_string(i) + "\">" + w.Sentence(3) +
         "</a> " + w.Sentence(20) + "</p>\n";
  }
  h += "</article></body></html>";
  return h;
}

sightline::crawler::FetchedPage MakePage(std::string body) {
  sightline::crawler::FetchedPage page;
  page.url = page.final_url = "https://drnotes.example/2024/03/14/quiet-tuesday/";
  page.status = 200;
  page.content_type = "text/html";
  page.headers.emplace_back("content-type", "text/html; charset=UTF-8");
  page.body = std::move(body);
  return page;
}

void Run(benchmark::State& state, const sightline::crawler::FetchedPage& page) {
  size_t blocks = 0;
  for (auto _ : state) {
    sightline::analyzer::PageContent content = sightline::analyzer::ExtractPage(page);
    blocks = content.blocks.size();
    benchmark::DoNotOptimize(content);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(page.body.size()));
  state.counters["page_kb"] = static_cast<double>(page.body.size()) / 1024.0;
  state.counters["blocks"] = static_cast<double>(blocks);
}

void BM_ExtractRealisticBlog(benchmark::State& state) {
  static const auto page = MakePage(RealisticBlog());
  Run(state, page);
}
BENCHMARK(BM_ExtractRealisticBlog)->Unit(benchmark::kMicrosecond);

void BM_ExtractTextHeavy(benchmark::State& state) {
  static const auto page = MakePage(TextHeavy());
  Run(state, page);
}
BENCHMARK(BM_ExtractTextHeavy)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
