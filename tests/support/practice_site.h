// A small practice site served by the loopback server for end-to-end CLI tests. Pages can be
// changed, removed or added between audits; every page carries an ETag and answers
// If-None-Match with 304, as a well-configured practice server does.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "tests/support/loopback_http_server.h"

namespace sightline::testing {

class PracticeSite {
 public:
  PracticeSite();

  std::string Url(const std::string& path = "/") const { return server_.Url(path); }
  LoopbackHttpServer& server() { return server_; }

  void SetPage(const std::string& path, std::string html);
  void RemovePage(const std::string& path);
  // Every page answers after `delay` (kill tests need an audit that takes a while).
  void SetDelay(std::chrono::milliseconds delay);

  // The bundled fixture pages.
  static std::string ContactPage();
  static std::string WilsonStory();    // rare condition + age + occupation + "last Friday"
  static std::string HiddenComment();  // a patient's name and date of birth in a comment
  static std::string GenericAdvice();  // no patient
  static std::string TriplesStory();   // added later in lifecycle tests
  static std::string Page(const std::string& title, const std::string& body,
                          const std::string& head_extra = "");

 private:
  Response Serve(const RecordedRequest& request);
  std::string IndexPage() const;  // links to every page; caller holds mu_

  mutable std::mutex mu_;
  std::map<std::string, std::string> pages_;
  std::chrono::milliseconds delay_{0};
  // Declared last so that it is destroyed first: its thread serves from the members above
  // until it is joined (ThreadSanitizer saw the pages freed under a live server thread).
  LoopbackHttpServer server_;
};

}  // namespace sightline::testing
