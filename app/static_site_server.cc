#include "app/static_site_server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include "common/hash.h"

namespace sightline::app {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::string ContentTypeFor(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  if (ext == ".xml") return "application/xml";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".css") return "text/css";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  return "application/octet-stream";
}

// Maps a request target to a file under root, refusing anything that escapes it.
std::optional<std::filesystem::path> ResolveTarget(const std::filesystem::path& root,
                                                   std::string_view target) {
  std::string path(target.substr(0, target.find_first_of("?#")));
  if (path.empty() || path.front() != '/' || path.find("..") != std::string::npos ||
      path.find('\0') != std::string::npos) {
    return std::nullopt;
  }
  std::filesystem::path file = root / path.substr(1);
  if (path.back() == '/') file /= "index.html";
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) file /= "index.html";
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  return file;
}

bool IsText(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  return ext == ".html" || ext == ".htm" || ext == ".xml" || ext == ".txt";
}

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty() || from == to) return;
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// Where the files were written to be served, and where they are served now.
struct BaseUrls {
  std::string written_for;
  std::string actual;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::filesystem::path root, BaseUrls bases)
      : stream_(std::move(socket)), root_(std::move(root)), bases_(std::move(bases)) {}

  void Start() { Read(); }

 private:
  void Read() {
    request_ = {};
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(stream_, buffer_, request_,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       if (!ec) self->Respond();
                     });
  }

  void Respond() {
    auto response = std::make_shared<http::response<http::string_body>>();
    response->version(request_.version());
    response->keep_alive(request_.keep_alive());
    response->set(http::field::server, "sightline-demo");
    const auto file =
        ResolveTarget(root_, std::string_view(request_.target().data(), request_.target().size()));
    std::string body;
    if (file) {
      std::ifstream in(*file, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      body = text.str();
      // The demo's robots.txt, sitemap and pages name http://127.0.0.1:8765/; on another port
      // they must name that one, or the crawl would follow them to whatever holds 8765.
      if (IsText(*file)) ReplaceAll(body, bases_.written_for, bases_.actual);
    }
    if (!file) {
      response->result(http::status::not_found);
      response->set(http::field::content_type, "text/html; charset=utf-8");
      response->body() = "<!doctype html><title>Not found</title><h1>Not found</h1>";
    } else {
      const std::string etag = "\"" + Fingerprint(body) + "\"";
      response->set(http::field::etag, etag);
      response->set(http::field::content_type, ContentTypeFor(*file));
      if (request_[http::field::if_none_match] == etag) {
        response->result(http::status::not_modified);
      } else {
        response->result(http::status::ok);
        if (request_.method() != http::verb::head) response->body() = std::move(body);
      }
    }
    response->prepare_payload();
    http::async_write(stream_, *response,
                      [self = shared_from_this(), response](beast::error_code ec, size_t) {
                        if (ec || !response->keep_alive()) {
                          beast::error_code ignored;
                          self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
                          return;
                        }
                        self->Read();
                      });
  }

  beast::tcp_stream stream_;
  std::filesystem::path root_;
  BaseUrls bases_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
};

}  // namespace

struct StaticSiteServer::Impl {
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  std::filesystem::path root;
  BaseUrls bases;
  std::thread thread;

  void Accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec) return;  // closed on shutdown
      std::make_shared<Session>(std::move(socket), root, bases)->Start();
      Accept();
    });
  }
};

Result<std::unique_ptr<StaticSiteServer>> StaticSiteServer::Start(const std::filesystem::path& root,
                                                                  uint16_t preferred_port,
                                                                  uint16_t files_port) {
  std::error_code fs_ec;
  if (!std::filesystem::is_directory(root, fs_ec)) {
    return Fail(ErrorCode::kNotFound, "demo site folder missing: " + root.string());
  }
  auto impl = std::make_unique<Impl>();
  impl->root = root;
  beast::error_code ec;
  const auto loopback = asio::ip::make_address_v4("127.0.0.1");
  impl->acceptor.open(tcp::v4(), ec);
  if (!ec) impl->acceptor.bind(tcp::endpoint(loopback, preferred_port), ec);
  if (ec && preferred_port != 0) {
    ec = {};
    impl->acceptor.bind(tcp::endpoint(loopback, 0), ec);
  }
  if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Fail(ErrorCode::kIo, "cannot listen on 127.0.0.1: " + ec.message());
  const auto port = impl->acceptor.local_endpoint(ec).port();
  if (ec) return Fail(ErrorCode::kIo, "cannot listen on 127.0.0.1: " + ec.message());
  impl->bases.actual = "http://127.0.0.1:" + std::to_string(port) + "/";
  if (files_port == 0) files_port = preferred_port;
  impl->bases.written_for =
      files_port != 0 ? "http://127.0.0.1:" + std::to_string(files_port) + "/" : "";
  impl->Accept();
  impl->thread = std::thread([raw = impl.get()] { raw->io.run(); });
  return std::unique_ptr<StaticSiteServer>(new StaticSiteServer(std::move(impl)));
}

StaticSiteServer::StaticSiteServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

StaticSiteServer::~StaticSiteServer() {
  asio::post(impl_->io, [impl = impl_.get()] {
    beast::error_code ignored;
    impl->acceptor.close(ignored);
    impl->io.stop();
  });
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::string StaticSiteServer::BaseUrl() const {
  return "http://127.0.0.1:" + std::to_string(impl_->acceptor.local_endpoint().port()) + "/";
}

}  // namespace sightline::app
