#include "tests/support/practice_site.h"

#include "common/hash.h"

namespace sightline::testing {

PracticeSite::PracticeSite() {
  pages_["/contact.html"] = ContactPage();
  pages_["/blog/wilson.html"] = WilsonStory();
  pages_["/blog/notes.html"] = HiddenComment();
  pages_["/blog/flu-season.html"] = GenericAdvice();
  server_.SetDefault([this](const RecordedRequest& r) { return Serve(r); });
  server_.Route("/robots.txt", Response::Text("User-agent: *\nDisallow: /drafts/\n"));
}

void PracticeSite::SetPage(const std::string& path, std::string html) {
  std::lock_guard lock(mu_);
  pages_[path] = std::move(html);
}

void PracticeSite::RemovePage(const std::string& path) {
  std::lock_guard lock(mu_);
  pages_.erase(path);
}

void PracticeSite::SetDelay(std::chrono::milliseconds delay) {
  std::lock_guard lock(mu_);
  delay_ = delay;
}

std::string PracticeSite::IndexPage() const {
  std::string links;
  for (const auto& [path, html] : pages_)
    links += "<li><a href=\"" + path + "\">" + path + "</a></li>";
  return Page("Maple Grove Family Practice", "<h1>Welcome</h1><ul>" + links + "</ul>");
}

Response PracticeSite::Serve(const RecordedRequest& request) {
  std::string body;
  std::chrono::milliseconds delay;
  {
    std::lock_guard lock(mu_);
    delay = delay_;
    if (request.path == "/" || request.path == "/index.html") {
      body = IndexPage();
    } else if (auto it = pages_.find(request.path); it != pages_.end()) {
      body = it->second;
    } else {
      Response missing = Response::Status(404, Page("Not found", "<p>No such page.</p>"));
      missing.headers.push_back({"Content-Type", "text/html; charset=utf-8"});
      return missing;
    }
  }
  const std::string etag = "\"" + Fingerprint(body) + "\"";
  Response response =
      request.Header("if-none-match") == etag ? Response::Status(304) : Response::Html(body);
  response.headers.push_back({"ETag", etag});
  response.delay = delay;
  return response;
}

std::string PracticeSite::Page(const std::string& title, const std::string& body,
                               const std::string& head_extra) {
  return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title +
         "</title>" + head_extra +
         "</head><body><nav><a href=\"/\">Home</a> <a href=\"/contact.html\">Contact</a></nav>"
         "<main>" +
         body + "</main><footer>Maple Grove Family Practice</footer></body></html>";
}

std::string PracticeSite::ContactPage() {
  return Page("Contact",
              "<h1>Contact us</h1><p>Maple Grove Family Practice, 12 Main Street, "
              "Millersburg, Ohio 44654. Phone (330) 555-0142.</p>",
              R"(<script type="application/ld+json">{"@context":"https://schema.org",
"@type":"MedicalClinic","name":"Maple Grove Family Practice","address":{"@type":
"PostalAddress","streetAddress":"12 Main Street","addressLocality":"Millersburg",
"addressRegion":"OH","postalCode":"44654"}}</script>)");
}

std::string PracticeSite::WilsonStory() {
  return Page("An unusual tremor",
              "<article><h1>An unusual tremor</h1><p><time datetime=\"2024-03-14\">March 14, "
              "2024</time></p><p>Last Friday a 41-year-old bus driver came to see me with a "
              "tremor in her right hand. She was diagnosed with Wilson's disease after we "
              "found copper deposits in her eyes.</p></article>");
}

std::string PracticeSite::HiddenComment() {
  return Page(
      "Clinic notes",
      "<article><h1>Clinic notes</h1><p>Our new patient portal is live.</p>"
      "<!-- follow up: patient Harold Whitcombe, DOB 03/14/1931, MRN 4471203 --></article>");
}

std::string PracticeSite::GenericAdvice() {
  return Page("Flu season",
              "<article><h1>Flu season is here</h1><p>Many of my patients ask whether they "
              "need a flu shot. One in ten adults catches the flu each year. Wash your hands "
              "and get vaccinated.</p></article>");
}

std::string PracticeSite::TriplesStory() {
  return Page("Triplets!",
              "<article><h1>Triplets!</h1><p><time datetime=\"2024-05-02\">May 2, 2024</time>"
              "</p><p>This week I delivered triplets to a 38-year-old teacher from "
              "Millersburg, the first triplets born at Pomerene Hospital.</p></article>");
}

}  // namespace sightline::testing
