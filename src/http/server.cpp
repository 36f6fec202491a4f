// The only translation unit that includes Boost.Beast and Asio (compile time matters on a
// 2-core machine). Shape follows Beast's awaitable server example: one coroutine per
// connection, each read bounded in size and time, handling kept apart from socket code.

#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <chrono>
#include <csignal>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "core/time_format.hpp"
#include "http/security_headers.hpp"

namespace dateline::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
constexpr auto kTuple = net::experimental::as_tuple(net::use_awaitable);

std::chrono::milliseconds Millis(double seconds) {
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

// One per connection; shared by its coroutine and by shutdown, both on the same strand.
struct Connection {
  explicit Connection(tcp::socket s) : stream(std::move(s)) {}
  beast::tcp_stream stream;
  bool idle = true;  // waiting for the first byte of a request; safe to close at shutdown
  // While streaming events: the timer the stream waits on (cancelled at shutdown).
  std::shared_ptr<net::steady_timer> stream_timer;
};

Method ToMethod(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get:
      return Method::kGet;
    case bhttp::verb::head:
      return Method::kHead;
    case bhttp::verb::post:
      return Method::kPost;
    case bhttp::verb::put:
      return Method::kPut;
    case bhttp::verb::patch:
      return Method::kPatch;
    case bhttp::verb::delete_:
      return Method::kDelete;
    case bhttp::verb::options:
      return Method::kOptions;
    default:
      return Method::kOther;
  }
}

// Date header, formatted once per second per thread.
const std::string& CurrentHttpDate() {
  thread_local int64_t cached_second = -1;
  thread_local std::string cached;
  int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  if (now != cached_second) {
    cached_second = now;
    cached = core::FormatHttpDate(now);
  }
  return cached;
}

// Whether an If-None-Match header value lists this entity tag (weak comparison).
bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match.empty() || etag.empty()) return false;
  auto strip_weak = [](std::string_view t) { return t.rfind("W/", 0) == 0 ? t.substr(2) : t; };
  etag = strip_weak(etag);
  size_t i = 0;
  while (i < if_none_match.size()) {
    size_t j = if_none_match.find(',', i);
    if (j == std::string_view::npos) j = if_none_match.size();
    std::string_view t = if_none_match.substr(i, j - i);
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
    if (t == "*" || strip_weak(t) == etag) return true;
    i = j + 1;
  }
  return false;
}

// Read errors that deserve an answer before the connection closes; 0 means just close.
int StatusForReadError(const beast::error_code& ec) {
  if (ec == bhttp::error::body_limit) return 413;
  if (ec == bhttp::error::header_limit) return 431;
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) return 0;
  // Every other parser error means the request itself is malformed.
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category()) return 400;
  return 0;  // timeouts, resets, aborts: nobody is listening for an answer
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, RequestHandler handler, ErrorPageRenderer error_page)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        error_page_(std::move(error_page)),
        ioc_(options_.threads),
        workers_(static_cast<size_t>(std::max(1, options_.worker_threads))),
        acceptor_(net::make_strand(ioc_)),
        signals_(ioc_, SIGINT, SIGTERM),
        grace_timer_(acceptor_.get_executor()) {}

  core::Result<void> Listen() {
    beast::error_code ec;
    auto address = net::ip::make_address(options_.host, ec);
    if (ec) {
      return core::Error::InvalidArgument("listen address '" + options_.host +
                                          "' is not an IP address");
    }
    tcp::endpoint endpoint(address, options_.port);
    std::string where = options_.host + ":" + std::to_string(options_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return core::Error::Unavailable("cannot listen on " + where + ": " + ec.message());
    port_ = acceptor_.local_endpoint().port();
    return {};
  }

  uint16_t port() const { return port_; }

  void Run() {
    signals_.async_wait([this](const beast::error_code& ec, int) {
      if (!ec) Shutdown();
    });
    net::co_spawn(acceptor_.get_executor(), AcceptLoop(), net::detached);
    std::vector<std::thread> extra;
    for (int i = 1; i < options_.threads; ++i) extra.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (auto& t : extra) t.join();
    workers_.join();
  }

  void Shutdown() {
    net::post(acceptor_.get_executor(), [this] { BeginShutdown(); });
  }

 private:
  void BeginShutdown() {
    if (stopping_.exchange(true)) return;
    spdlog::info("shutting down: no new connections; letting in-flight requests finish");
    beast::error_code ignored;
    acceptor_.close(ignored);
    signals_.cancel(ignored);
    std::vector<std::shared_ptr<Connection>> open;
    {
      std::lock_guard lock(connections_mu_);
      open.assign(connections_.begin(), connections_.end());
    }
    for (auto& c : open) {
      net::post(c->stream.get_executor(), [c] {
        if (c->idle) c->stream.socket().close();
        // An event stream has no end of its own: end it, and its client reconnects
        // (to another node, behind a proxy).
        if (c->stream_timer) {
          c->stream.socket().close();
          c->stream_timer->cancel();
        }
      });
    }
    grace_timer_.expires_after(Millis(options_.shutdown_grace));
    grace_timer_.async_wait([this](const beast::error_code& ec) {
      if (ec) return;  // cancelled: every connection finished in time
      spdlog::warn("shutdown grace period over; closing remaining connections");
      ioc_.stop();
    });
    if (active_.load() == 0) grace_timer_.cancel();
  }

  void Register(const std::shared_ptr<Connection>& c) {
    std::lock_guard lock(connections_mu_);
    connections_.insert(c);
  }

  void Unregister(const std::shared_ptr<Connection>& c) {
    {
      std::lock_guard lock(connections_mu_);
      connections_.erase(c);
    }
    if (active_.fetch_sub(1) == 1 && stopping_.load()) {
      net::post(acceptor_.get_executor(), [this] { grace_timer_.cancel(); });
    }
  }

  net::awaitable<void> AcceptLoop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(net::make_strand(ioc_), kTuple);
      if (stopping_.load()) co_return;
      if (ec) {
        if (ec == net::error::operation_aborted) co_return;
        spdlog::warn("accept failed: {}", ec.message());
        continue;  // e.g. out of file descriptors: keep serving those we have
      }
      if (active_.load() >= options_.max_connections) {
        static constexpr std::string_view kBusy =
            "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n"
            "Retry-After: 1\r\n\r\n";
        beast::error_code ignored;
        socket.non_blocking(true, ignored);
        net::write(socket, net::buffer(kBusy), ignored);
        socket.close(ignored);
        continue;
      }
      active_.fetch_add(1);
      auto connection = std::make_shared<Connection>(std::move(socket));
      Register(connection);
      auto executor = connection->stream.get_executor();
      net::co_spawn(executor, Session(connection), net::detached);
    }
  }

  net::awaitable<void> Session(std::shared_ptr<Connection> c) {
    std::string remote;
    {
      beast::error_code ec;
      auto ep = c->stream.socket().remote_endpoint(ec);
      if (!ec) remote = ep.address().to_string();
    }
    try {
      co_await ServeConnection(*c, remote);
    } catch (const std::exception& e) {
      spdlog::error("connection from {} failed: {}", remote, e.what());
    }
    beast::error_code ignored;
    c->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    c->stream.socket().close(ignored);
    Unregister(c);
  }

  net::awaitable<void> ServeConnection(Connection& c, const std::string& remote) {
    beast::flat_buffer buffer;
    for (;;) {
      c.idle = true;
      if (stopping_.load()) co_return;
      if (buffer.size() == 0) {
        // Waiting for the first byte is the keep-alive idle time, not a slow request.
        c.stream.expires_after(Millis(options_.idle_timeout));
        auto [ec, n] = co_await c.stream.async_read_some(buffer.prepare(4096), kTuple);
        if (ec) co_return;
        buffer.commit(n);
      }
      c.idle = false;

      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
      parser.body_limit(static_cast<std::uint64_t>(options_.max_body_bytes));
      c.stream.expires_after(Millis(options_.header_timeout));
      auto [hec, hn] = co_await bhttp::async_read_header(c.stream, buffer, parser, kTuple);
      if (!hec && !parser.is_done()) {
        c.stream.expires_after(Millis(options_.body_timeout));
        auto [bec, bn] = co_await bhttp::async_read(c.stream, buffer, parser, kTuple);
        hec = bec;
      }
      if (hec) {
        int status = StatusForReadError(hec);
        if (status != 0) co_await WriteErrorAndClose(c, status, remote, hec.message());
        co_return;
      }

      auto started = Clock::now();
      auto& raw = parser.get();
      Request request;
      Response response;
      bool parsed = BuildRequest(raw, remote, request);
      if (!parsed) {
        response = error_page_(400);
      } else if (!options_.runs_inline || options_.runs_inline(request)) {
        response = CallHandler(request);
      } else if (queued_.fetch_add(1) >= options_.worker_queue) {
        queued_.fetch_sub(1);
        response = error_page_(503);
        response.SetHeader("Retry-After", "1");
      } else {
        // Runs on the worker pool; this coroutine resumes on its own strand afterwards.
        response = co_await net::co_spawn(
            workers_.get_executor(),
            [this, &request]() -> net::awaitable<Response> { co_return CallHandler(request); },
            net::use_awaitable);
        queued_.fetch_sub(1);
      }
      bool keep_alive = parsed && raw.keep_alive() && !stopping_.load();
      bool head = request.method == Method::kHead;
      if (response.status == 200 &&
          EtagMatches(request.Header("if-none-match"), response.Header("ETag"))) {
        response.status = 304;
        response.body.clear();
        response.shared_body.reset();
        head = true;
      }
      if (response.stream && !head && response.status == 200) {
        co_await StreamEvents(c, response, raw.version());
        if (options_.access_log) {
          spdlog::info("{} \"{} {}\" {} stream closed", remote, request.method_text, request.target,
                       response.status);
        }
        co_return;
      }
      bool ok = co_await Write(c, response, raw.version(), keep_alive, head);
      if (options_.access_log) {
        auto micros =
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count();
        spdlog::info("{} \"{} {}\" {} {} {}us", remote, request.method_text, request.target,
                     response.status, head ? 0 : response.Body().size(), micros);
      }
      if (!ok || !keep_alive) co_return;
    }
  }

  bool BuildRequest(bhttp::request<bhttp::string_body>& raw, const std::string& remote,
                    Request& out) {
    out.method = ToMethod(raw.method());
    out.method_text = std::string(raw.method_string());
    out.target = std::string(raw.target());
    out.remote_address = remote;
    auto url = boost::urls::parse_origin_form(raw.target());
    if (!url) return false;
    out.path = url->path();
    if (out.path.find('\0') != std::string::npos) return false;
    out.query = std::string(url->encoded_query());
    out.headers.reserve(8);
    for (const auto& field : raw) {
      std::string name(field.name_string());
      for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      out.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    out.body = std::move(raw.body());
    return true;
  }

  Response CallHandler(Request& request) {
    try {
      return handler_(request);
    } catch (const std::exception& e) {
      spdlog::error("handler for {} {} threw: {}", request.method_text, request.target, e.what());
    } catch (...) {
      spdlog::error("handler for {} {} threw a non-exception", request.method_text, request.target);
    }
    return error_page_(500);
  }

  net::awaitable<void> WriteErrorAndClose(Connection& c, int status, const std::string& remote,
                                          const std::string& reason) {
    Response response = error_page_(status);
    co_await Write(c, response, 11, false, false);
    // Lingering close: the client may still be sending the body we refused. Closing now
    // would reset the connection and could destroy the answer before it is read, so stop
    // sending and drain for a short while first.
    beast::error_code ignored;
    c.stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    c.stream.expires_after(std::chrono::seconds(2));
    std::array<char, 16 * 1024> sink;
    size_t drained = 0;
    while (drained < 64 * 1024 * 1024) {
      auto [ec, n] = co_await c.stream.async_read_some(net::buffer(sink), kTuple);
      if (ec) break;
      drained += n;
    }
    if (options_.access_log) {
      spdlog::info("{} \"-\" {} rejected: {}", remote, status, reason);
    }
  }

  // Sends the head of a streamed response, then its events as they come, until the
  // stream ends, the client leaves, or the server stops. The body runs to the close.
  net::awaitable<void> StreamEvents(Connection& c, Response& response, unsigned version) {
    static constexpr auto kKeepalive = std::chrono::seconds(15);
    bhttp::response<bhttp::empty_body> res{static_cast<bhttp::status>(response.status), version};
    res.set(bhttp::field::date, CurrentHttpDate());
    res.set(bhttp::field::content_type, response.content_type);
    for (const auto& [name, value] : kSecurityHeaders) res.set(name, value);
    for (const auto& [name, value] : response.headers) res.set(name, value);
    res.keep_alive(false);
    bhttp::response_serializer<bhttp::empty_body> sr{res};
    c.stream.expires_after(Millis(options_.write_timeout));
    auto [hec, hn] = co_await bhttp::async_write_header(c.stream, sr, kTuple);
    if (hec) co_return;
    auto timer = std::make_shared<net::steady_timer>(c.stream.get_executor());
    auto pending = std::make_shared<std::atomic<bool>>(false);
    c.stream_timer = timer;
    // The wake-up runs on this connection's strand, so it cannot slip in between the
    // check of `pending` below and the start of the wait.
    response.stream->OnReady([timer, pending, executor = c.stream.get_executor()] {
      pending->store(true);
      net::post(executor, [timer] { timer->cancel(); });
    });
    for (;;) {
      if (stopping_.load()) break;
      std::optional<std::string> chunk = response.stream->Take();
      if (!chunk) break;
      if (chunk->empty()) {
        if (pending->exchange(false)) continue;
        timer->expires_after(kKeepalive);
        auto [ec] = co_await timer->async_wait(kTuple);
        if (ec) continue;  // woken: something to take (or shutting down)
        chunk = ": keepalive\n\n";
      }
      c.stream.expires_after(Millis(options_.write_timeout));
      auto [wec, wn] = co_await net::async_write(c.stream, net::buffer(*chunk), kTuple);
      if (wec) break;
    }
    c.stream_timer.reset();
  }

  // Sends one response; false if the connection failed.
  net::awaitable<bool> Write(Connection& c, const Response& response, unsigned version,
                             bool keep_alive, bool head) {
    std::string_view body = response.Body();
    bhttp::response<bhttp::span_body<const char>> res{static_cast<bhttp::status>(response.status),
                                                      version};
    res.set(bhttp::field::date, CurrentHttpDate());
    if (!response.content_type.empty() && response.status != 304) {
      res.set(bhttp::field::content_type, response.content_type);
    }
    for (const auto& [name, value] : kSecurityHeaders) res.set(name, value);
    for (const auto& [name, value] : response.headers) res.set(name, value);
    res.keep_alive(keep_alive);
    if (response.status == 304) {
      res.body() = {};
    } else {
      res.content_length(body.size());
      if (!head) res.body() = {body.data(), body.size()};
    }
    c.stream.expires_after(Millis(options_.write_timeout));
    bhttp::response_serializer<bhttp::span_body<const char>> sr{res};
    auto [ec, n] = co_await bhttp::async_write(c.stream, sr, kTuple);
    co_return !ec;
  }

  ServerOptions options_;
  RequestHandler handler_;
  ErrorPageRenderer error_page_;
  net::io_context ioc_;
  net::thread_pool workers_;
  std::atomic<int> queued_{0};  // requests waiting for or running on a worker
  tcp::acceptor acceptor_;
  net::signal_set signals_;
  net::steady_timer grace_timer_;  // on the acceptor's strand
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> active_{0};
  std::mutex connections_mu_;
  std::unordered_set<std::shared_ptr<Connection>> connections_;  // GUARDED_BY(connections_mu_)
};

Server::Server(ServerOptions options, RequestHandler handler, ErrorPageRenderer error_page)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(error_page))) {
}
Server::~Server() = default;
core::Result<void> Server::Listen() { return impl_->Listen(); }
uint16_t Server::port() const { return impl_->port(); }
void Server::Run() { impl_->Run(); }
void Server::Shutdown() { impl_->Shutdown(); }

}  // namespace dateline::http
