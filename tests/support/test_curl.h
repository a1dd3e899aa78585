// A minimal libcurl client for the support tests (which link PkgConfig::CURL): one easy
// handle per CurlClient, reused across Get() calls so that keep-alive can be observed.
// Every transfer is bounded by CURLOPT_TIMEOUT_MS. Not thread-safe: one client per thread.
#pragma once

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sightline::testing {

struct CurlOptions {
  long timeout_ms = 5000;
  bool follow_redirects = false;
  long max_redirects = 50;
  std::optional<std::string> accept_encoding;  // "" = everything curl can decode
  std::vector<std::string> request_headers;    // "Name: value"
  std::uint64_t max_body_bytes = 0;            // abort the transfer beyond this; 0 = no cap
  bool keep_body = true;                       // false: only count the bytes
  bool head = false;
  std::vector<std::string> resolve;  // CURLOPT_RESOLVE entries, "host:port:127.0.0.1"
};

struct CurlResult {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
  std::uint64_t body_bytes = 0;                // decoded bytes received
  std::map<std::string, std::string> headers;  // last response; lower-case names
  long new_connections = 0;                    // CURLINFO_NUM_CONNECTS
  std::string error;
};

class CurlClient {
 public:
  CurlClient() : handle_(curl_easy_init()) {}
  ~CurlClient() { curl_easy_cleanup(handle_); }
  CurlClient(const CurlClient&) = delete;
  CurlClient& operator=(const CurlClient&) = delete;

  CurlResult Get(const std::string& url, const CurlOptions& options = {}) {
    CurlResult result;
    State state{&result, &options};
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_reset(handle_);
    curl_easy_setopt(handle_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(handle_, CURLOPT_TIMEOUT_MS, options.timeout_ms);
    curl_easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(handle_, CURLOPT_FOLLOWLOCATION, options.follow_redirects ? 1L : 0L);
    curl_easy_setopt(handle_, CURLOPT_MAXREDIRS, options.max_redirects);
    curl_easy_setopt(handle_, CURLOPT_PROTOCOLS_STR, "http");
    curl_easy_setopt(handle_, CURLOPT_REDIR_PROTOCOLS_STR, "http");
    if (options.head) curl_easy_setopt(handle_, CURLOPT_NOBODY, 1L);
    if (options.accept_encoding) {
      curl_easy_setopt(handle_, CURLOPT_ACCEPT_ENCODING, options.accept_encoding->c_str());
    }
    curl_slist* resolve = nullptr;
    for (const auto& r : options.resolve) resolve = curl_slist_append(resolve, r.c_str());
    curl_easy_setopt(handle_, CURLOPT_RESOLVE, resolve);
    curl_slist* headers = nullptr;
    for (const auto& h : options.request_headers) headers = curl_slist_append(headers, h.c_str());
    curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(handle_, CURLOPT_WRITEFUNCTION, &CurlClient::OnBody);
    curl_easy_setopt(handle_, CURLOPT_WRITEDATA, &state);
    curl_easy_setopt(handle_, CURLOPT_HEADERFUNCTION, &CurlClient::OnHeader);
    curl_easy_setopt(handle_, CURLOPT_HEADERDATA, &state);
    result.code = curl_easy_perform(handle_);
    curl_slist_free_all(headers);
    curl_slist_free_all(resolve);
    curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &result.status);
    curl_easy_getinfo(handle_, CURLINFO_NUM_CONNECTS, &result.new_connections);
    result.error = error[0] ? error : curl_easy_strerror(result.code);
    return result;
  }

 private:
  struct State {
    CurlResult* result;
    const CurlOptions* options;
  };

  static size_t OnBody(char* data, size_t size, size_t count, void* user) {
    auto* state = static_cast<State*>(user);
    const size_t n = size * count;
    state->result->body_bytes += n;
    if (state->options->max_body_bytes &&
        state->result->body_bytes > state->options->max_body_bytes) {
      return 0;  // makes curl fail with CURLE_WRITE_ERROR
    }
    if (state->options->keep_body) state->result->body.append(data, n);
    return n;
  }

  static size_t OnHeader(char* data, size_t size, size_t count, void* user) {
    auto* state = static_cast<State*>(user);
    const size_t n = size * count;
    std::string line(data, n);
    if (line.starts_with("HTTP/")) state->result->headers.clear();  // a new response begins
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      std::string value = line.substr(colon + 1);
      auto first = value.find_first_not_of(" \t");
      auto last = value.find_last_not_of(" \t\r\n");
      value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
      state->result->headers[name] = value;
    }
    return n;
  }

  CURL* handle_;
};

}  // namespace sightline::testing
