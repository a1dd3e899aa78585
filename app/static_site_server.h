// StaticSiteServer: serves a folder over HTTP/1.1 on 127.0.0.1 (never another address) for
// `sightline demo`. Owns its io_context and thread; the destructor stops and joins.
// Answers conditional requests (ETag) with 304 so repeat demo audits show the cheap path.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "common/result.h"

namespace sightline::app {

class StaticSiteServer {
 public:
  // Listens on `preferred_port` when it is free (so the demo site keeps its URLs, and its
  // findings their ids, from one run to the next), otherwise on any free port; then every
  // "http://127.0.0.1:<files_port>/" in a served .html, .xml or .txt file names the port
  // actually used (the files' absolute URLs — sitemap, robots.txt — must lead back here).
  // `files_port` 0: the files were written for `preferred_port`.
  static Result<std::unique_ptr<StaticSiteServer>> Start(const std::filesystem::path& root,
                                                         uint16_t preferred_port = 0,
                                                         uint16_t files_port = 0);
  ~StaticSiteServer();
  StaticSiteServer(const StaticSiteServer&) = delete;
  StaticSiteServer& operator=(const StaticSiteServer&) = delete;

  std::string BaseUrl() const;  // "http://127.0.0.1:PORT/"

 private:
  struct Impl;
  explicit StaticSiteServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sightline::app
