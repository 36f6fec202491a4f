#pragma once
// The HTTP/1.1 server: Boost.Beast and Asio live in server.cpp alone. Everything above it
// sees Request and Response. Thread model: `threads` I/O threads run the io_context; each
// connection runs on its own strand; the handler is called on that connection's I/O thread.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "http/client_address.hpp"
#include "http/lane.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace dateline::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port; see Server::port()
  int threads = 2;
  int64_t max_header_bytes = 16 * 1024;
  int64_t max_body_bytes = 1024 * 1024;
  // Uploads (POSTs to these paths) may be larger; see ParseLimits.
  int64_t max_upload_bytes = 0;
  std::vector<std::string> upload_paths;
  double header_timeout = 10;
  double body_timeout = 30;
  double idle_timeout = 60;
  double write_timeout = 30;
  int max_connections = 10000;
  // Chunk sizes, extensions and trailers of one request, apart from its body.
  int64_t max_framing_bytes = 64 * 1024;
  // Streamed answers (live comments) hold their connection for long: they are counted
  // apart from page connections, in total and per client address.
  int max_streams = 2000;
  int max_streams_per_client = 8;
  double shutdown_grace = 10;
  bool access_log = true;
  // Peers allowed to name the client in X-Forwarded-For.
  TrustedProxies trusted_proxies = TrustedProxies::Loopback();
  // Added to every response (Strict-Transport-Security on an https site).
  std::vector<std::pair<std::string, std::string>> extra_headers;
  // Requests that may block (database writes) run on a bounded worker pool so they never
  // hold up an I/O thread, and those that hash a password on a smaller pool of their own;
  // beyond `worker_queue` (`hashing_queue`) waiting requests the server answers 503.
  // `lane_of` says where each request runs (Lane); unset, every request runs inline.
  int worker_threads = 4;
  int worker_queue = 1024;
  int hashing_threads = 1;
  int hashing_queue = 64;
  int writer_threads = 16;  // the kWrites lane; queued up to worker_queue
  std::function<Lane(const Request&)> lane_of;
  // Told of every answer once it is written (metrics): the request (null for one refused
  // before it was parsed), the status, and the seconds from the whole request read to the
  // answer written (-1 for an event stream, which has no meaningful duration). Called on
  // an I/O thread: it must be quick.
  std::function<void(const Request*, int status, double seconds)> on_response;
};

using RequestHandler = std::function<Response(Request&)>;
// Renders the pages for failures found below the router: 400, 408, 413, 431, 500, 503.
using ErrorPageRenderer = std::function<Response(int status)>;

class Server {
 public:
  Server(ServerOptions options, RequestHandler handler, ErrorPageRenderer error_page);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket. Fails with a message naming the address and the reason.
  // Raises the open-file limit to its hard maximum and, when the connection caps still do
  // not fit in it, lowers them (and says so in the log).
  core::Result<void> Listen();
  // The caps in force after Listen().
  int max_connections() const;
  int max_streams() const;
  uint16_t port() const;

  // Serves until SIGINT/SIGTERM or Shutdown(): then stops accepting, closes idle
  // connections, lets in-flight requests finish (up to shutdown_grace) and returns.
  void Run();
  // Thread-safe; may be called from a handler or another thread.
  void Shutdown();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dateline::http
