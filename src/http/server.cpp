// The only translation unit that includes Asio and Beast's streams (compile time matters
// on a 2-core machine; request_parser.cpp uses Beast's tokenizer alone). Shape follows Beast's
// awaitable server example: one coroutine per connection, each read bounded in size and time,
// handling kept apart from socket code.

#include "http/server.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <csignal>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/log_context.hpp"
#include "http/exchange.hpp"
#include "http/request_parser.hpp"
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
  std::string stream_client;  // set while counted as a stream (per-client cap)
};

// File descriptors kept back for the store, logs, static files, timers and the like.
constexpr int kReservedDescriptors = 64;
// Connections past the cap that are answered 503 and drained before closing; beyond this
// many at once they are closed at once.
constexpr int kMaxRefusing = 64;
constexpr size_t kReadSize = 16 * 1024;

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, RequestHandler handler, ErrorPageRenderer error_page)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        error_page_(std::move(error_page)),
        ioc_(options_.threads),
        workers_(static_cast<size_t>(std::max(1, options_.worker_threads))),
        hashing_(static_cast<size_t>(std::max(1, options_.hashing_threads))),
        writers_(static_cast<size_t>(std::max(1, options_.writer_threads))),
        acceptor_(net::make_strand(ioc_)),
        signals_(ioc_, SIGINT, SIGTERM),
        grace_timer_(acceptor_.get_executor()) {}

  core::Result<void> Listen() {
    FitCapsToDescriptorLimit();
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
  int max_connections() const { return options_.max_connections; }
  int max_streams() const { return options_.max_streams; }

  void Run() {
    signals_.async_wait([this](const beast::error_code& ec, int) {
      if (!ec) Shutdown();
    });
    net::co_spawn(acceptor_.get_executor(), AcceptLoop(), net::detached);
    std::vector<std::thread> extra;
    for (int i = 1; i < options_.threads; ++i) extra.emplace_back([this] { RunLoop(); });
    RunLoop();
    for (auto& t : extra) t.join();
    workers_.join();
    hashing_.join();
    writers_.join();
  }

  void Shutdown() {
    net::post(acceptor_.get_executor(), [this] { BeginShutdown(); });
  }

 private:
  // Connections catch their own exceptions (Session); this is the last line, for a handler
  // that throws outside any connection. Asio lets run() be called again afterwards.
  void RunLoop() {
    for (;;) {
      try {
        ioc_.run();
        return;
      } catch (const std::exception& e) {
        spdlog::error("an I/O handler threw: {}; serving on", e.what());
      } catch (...) {
        spdlog::error("an I/O handler threw a non-exception; serving on");
      }
    }
  }

  // Every connection holds a descriptor: raise the soft limit to the hard one, and if the
  // caps still do not fit, lower them rather than spin on EMFILE later.
  void FitCapsToDescriptorLimit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
    if (limit.rlim_cur < limit.rlim_max) {
      rlimit raised = limit;
      raised.rlim_cur = limit.rlim_max;
      if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
    }
    int64_t available =
        limit.rlim_cur == RLIM_INFINITY ? int64_t{1} << 30 : static_cast<int64_t>(limit.rlim_cur);
    int64_t budget = available - kReservedDescriptors - kMaxRefusing - options_.worker_threads;
    int64_t wanted = int64_t{options_.max_connections} + options_.max_streams;
    if (wanted <= budget) return;
    int64_t usable = std::max<int64_t>(budget, 16);
    int connections = static_cast<int>(std::max<int64_t>(8, usable * 4 / 5));
    int streams = static_cast<int>(std::max<int64_t>(4, usable - connections));
    spdlog::warn(
        "only {} file descriptors may be open (RLIMIT_NOFILE); lowering max_connections {} -> {} "
        "and max_streams {} -> {} (raise the limit, e.g. LimitNOFILE= in the systemd unit)",
        available, options_.max_connections, std::min(connections, options_.max_connections),
        options_.max_streams, std::min(streams, options_.max_streams));
    options_.max_connections = std::min(connections, options_.max_connections);
    options_.max_streams = std::min(streams, options_.max_streams);
  }

  void BeginShutdown() {
    if (stopping_.exchange(true)) return;
    beast::error_code ignored;
    acceptor_.close(ignored);
    // Logged once the listener is closed: from here on nobody new gets in.
    spdlog::info("shutting down: no new connections; letting in-flight requests finish");
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
    if (open_.load() == 0) grace_timer_.cancel();
  }

  void Register(const std::shared_ptr<Connection>& c) {
    std::lock_guard lock(connections_mu_);
    connections_.insert(c);
  }

  void Unregister(const std::shared_ptr<Connection>& c) {
    {
      std::lock_guard lock(connections_mu_);
      connections_.erase(c);
      if (!c->stream_client.empty()) {
        auto it = streams_by_client_.find(c->stream_client);
        if (it != streams_by_client_.end() && --it->second == 0) streams_by_client_.erase(it);
        --streams_;
      } else {
        active_.fetch_sub(1);
      }
    }
    if (open_.fetch_sub(1) == 1 && stopping_.load()) {
      net::post(acceptor_.get_executor(), [this] { grace_timer_.cancel(); });
    }
  }

  // Moves a connection from the page count to the stream count, if the stream caps allow.
  bool AdmitStream(Connection& c, const std::string& client) {
    std::lock_guard lock(connections_mu_);
    if (streams_ >= options_.max_streams) return false;
    int& mine = streams_by_client_[client];
    if (mine >= options_.max_streams_per_client) {
      if (mine == 0) streams_by_client_.erase(client);
      return false;
    }
    ++mine;
    ++streams_;
    c.stream_client = client;
    active_.fetch_sub(1);
    return true;
  }

  net::awaitable<void> AcceptLoop() {
    std::chrono::milliseconds backoff{0};
    int64_t failures_unreported = 0;
    Clock::time_point last_report{};
    net::steady_timer pause(acceptor_.get_executor());
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(net::make_strand(ioc_), kTuple);
      if (stopping_.load()) co_return;
      if (ec) {
        if (ec == net::error::operation_aborted) co_return;
        // Out of descriptors (or memory): retrying at once only spins. Pause, doubling up
        // to a second, and report at most every ten seconds.
        backoff = std::min(std::chrono::milliseconds(1000),
                           backoff.count() == 0 ? std::chrono::milliseconds(10) : backoff * 2);
        ++failures_unreported;
        if (Clock::now() - last_report >= std::chrono::seconds(10)) {
          spdlog::warn("accept failed {} time(s): {}; pausing new connections up to {} ms",
                       failures_unreported, ec.message(), backoff.count());
          failures_unreported = 0;
          last_report = Clock::now();
        }
        pause.expires_after(backoff);
        co_await pause.async_wait(kTuple);
        continue;
      }
      backoff = std::chrono::milliseconds(0);
      if (active_.load() >= options_.max_connections) {
        Refuse(std::move(socket));
        continue;
      }
      active_.fetch_add(1);
      open_.fetch_add(1);
      auto connection = std::make_shared<Connection>(std::move(socket));
      Register(connection);
      auto executor = connection->stream.get_executor();
      net::co_spawn(executor, Session(connection), net::detached);
    }
  }

  // Past the connection cap: answer 503, then drain what the client already sent before
  // closing, so the answer is not lost to a reset.
  void Refuse(tcp::socket socket) {
    if (refusing_.fetch_add(1) >= kMaxRefusing) {
      refusing_.fetch_sub(1);
      beast::error_code ignored;
      socket.close(ignored);
      return;
    }
    auto executor = socket.get_executor();
    net::co_spawn(
        executor,
        [this,
         s = std::make_shared<beast::tcp_stream>(std::move(socket))]() -> net::awaitable<void> {
          static constexpr std::string_view kBusy =
              "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n"
              "Retry-After: 1\r\n\r\n";
          s->expires_after(std::chrono::seconds(1));
          auto [wec, wn] = co_await net::async_write(*s, net::buffer(kBusy), kTuple);
          if (!wec) co_await Drain(*s, std::chrono::seconds(1), 256 * 1024);
          beast::error_code ignored;
          s->socket().close(ignored);
          refusing_.fetch_sub(1);
        },
        net::detached);
  }

  // Stops sending, then reads and discards for a while (a lingering close).
  static net::awaitable<void> Drain(beast::tcp_stream& s, std::chrono::milliseconds how_long,
                                    size_t at_most) {
    beast::error_code ignored;
    s.socket().shutdown(tcp::socket::shutdown_send, ignored);
    s.expires_after(how_long);
    std::array<char, 16 * 1024> sink;
    size_t drained = 0;
    while (drained < at_most) {
      auto [ec, n] = co_await s.async_read_some(net::buffer(sink), kTuple);
      if (ec) break;
      drained += n;
    }
  }

  net::awaitable<void> Session(std::shared_ptr<Connection> c) {
    std::string peer;
    {
      beast::error_code ec;
      auto ep = c->stream.socket().remote_endpoint(ec);
      if (!ec) peer = ep.address().to_string();
    }
    // No exception leaves a connection: whatever one request does, this connection
    // closes and the others carry on.
    try {
      co_await ServeConnection(*c, peer);
    } catch (const std::exception& e) {
      spdlog::error("connection from {} failed: {}", peer, e.what());
    } catch (...) {
      spdlog::error("connection from {} failed with a non-exception", peer);
    }
    beast::error_code ignored;
    c->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    c->stream.socket().close(ignored);
    Unregister(c);
  }

  ParseLimits Limits() const {
    return {static_cast<size_t>(options_.max_header_bytes),
            static_cast<uint64_t>(options_.max_body_bytes),
            static_cast<size_t>(options_.max_framing_bytes),
            static_cast<uint64_t>(options_.max_upload_bytes), options_.upload_paths};
  }

  // Reads one request into `parser`. Every read is bounded: the buffer never holds more
  // than the parser's BufferLimit(), and the parser counts every byte against a limit.
  // False if the connection ended or timed out (nobody to answer).
  net::awaitable<bool> ReadRequest(Connection& c, beast::flat_buffer& buffer,
                                   RequestParser& parser) {
    c.stream.expires_after(Millis(options_.header_timeout));
    bool in_body = false;
    for (;;) {
      auto data = buffer.data();
      size_t used = parser.Feed({static_cast<const char*>(data.data()), data.size()});
      buffer.consume(used);
      if (!parser.NeedsMore()) co_return true;
      if (parser.HeaderDone() && !in_body) {
        in_body = true;
        c.stream.expires_after(Millis(options_.body_timeout));
        if (parser.ExpectsContinue()) {
          static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
          auto [ec, n] = co_await net::async_write(c.stream, net::buffer(kContinue), kTuple);
          if (ec) co_return false;
          c.stream.expires_after(Millis(options_.body_timeout));
        }
      }
      if (buffer.size() >= parser.BufferLimit()) {
        parser.FailBufferFull();
        co_return true;
      }
      size_t room = std::min(kReadSize, parser.BufferLimit() - buffer.size());
      auto [ec, n] = co_await c.stream.async_read_some(buffer.prepare(room), kTuple);
      if (ec) co_return false;  // timeout, reset, or the client left mid-request
      buffer.commit(n);
    }
  }

  net::awaitable<void> ServeConnection(Connection& c, const std::string& peer) {
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

      RequestParser parser(Limits());
      if (!co_await ReadRequest(c, buffer, parser)) co_return;
      if (parser.ErrorStatus() != 0) {
        co_await WriteErrorAndClose(c, parser.ErrorStatus(), peer, parser.ErrorReason());
        co_return;
      }

      auto started = Clock::now();
      Request& request = parser.request();
      Response response;
      bool parsed = CompleteRequest(request, peer, options_.trusted_proxies);
      Lane lane = parsed && options_.lane_of ? options_.lane_of(request) : Lane::kInline;
      if (parsed && lane == Lane::kInline) {
        {
          InlineScope running_inline;
          response = CallHandler(request);
        }
        // A cache miss: built on a worker, never here (see RunningInline).
        if (response.on_worker) lane = Lane::kWorkers;
      }
      if (!parsed) {
        response = error_page_(400);
      } else if (lane != Lane::kInline) {
        bool hashing = lane == Lane::kHashing, writes = lane == Lane::kWrites;
        std::atomic<int>& queued = hashing ? hashing_queued_ : writes ? writes_queued_ : queued_;
        net::thread_pool& pool = hashing ? hashing_ : writes ? writers_ : workers_;
        if (queued.fetch_add(1) >= (hashing ? options_.hashing_queue : options_.worker_queue)) {
          queued.fetch_sub(1);
          response = error_page_(503);
          response.SetHeader("Retry-After", "1");
        } else {
          // Runs on its pool; this coroutine resumes on its own strand afterwards.
          response = co_await net::co_spawn(
              pool.get_executor(),
              [this, &request]() -> net::awaitable<Response> { co_return CallHandler(request); },
              net::use_awaitable);
          queued.fetch_sub(1);
        }
      }
      bool keep_alive = parsed && parser.KeepAlive() && !stopping_.load();
      bool head = request.method == Method::kHead;
      if (parsed) FinishAnswer(request, response, head);
      if (response.stream && !head && response.status == 200) {
        if (!AdmitStream(c, request.remote_address)) {
          response = error_page_(503);
          response.SetHeader("Retry-After", "10");
          keep_alive = false;
        } else {
          co_await StreamEvents(c, response, parser.Version());
          Observe(&request, response.status, -1);
          if (options_.access_log) LogAccess(request, response.status, 0, -1);
          co_return;
        }
      }
      // Counted before the bytes leave: a client that reads /metrics right after its
      // answer finds the answer counted (after the write, the next request could be
      // served first on the other I/O thread). The duration is the time to the answer.
      Observe(&request, response.status,
              std::chrono::duration<double>(Clock::now() - started).count());
      bool ok = co_await Write(c, response, parser.Version(), keep_alive, head);
      auto micros =
          std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count();
      if (options_.access_log) {
        LogAccess(request, response.status, head ? 0 : response.Body().size(), micros);
      }
      if (!ok || !keep_alive) co_return;
    }
  }

  Response CallHandler(Request& request) {
    core::ScopedRequestId logged_as(request.request_id);
    try {
      return handler_(request);
    } catch (const std::exception& e) {
      spdlog::error("handler for {} {} threw: {}", request.method_text,
                    LoggableTarget(request.target), e.what());
    } catch (...) {
      spdlog::error("handler for {} {} threw a non-exception", request.method_text,
                    LoggableTarget(request.target));
    }
    return error_page_(500);
  }

  net::awaitable<void> WriteErrorAndClose(Connection& c, int status, const std::string& peer,
                                          const std::string& reason) {
    Response response = error_page_(status);
    co_await Write(c, response, 11, false, false);
    // Lingering close: the client may still be sending the body we refused. Closing now
    // would reset the connection and could destroy the answer before it is read.
    co_await Drain(c.stream, std::chrono::seconds(2), 64 * 1024 * 1024);
    Observe(nullptr, status, -1);
    if (options_.access_log) {
      spdlog::info("{} \"-\" {} rejected: {}", peer, status, reason);
    }
  }

  void Observe(const Request* request, int status, double seconds) {
    if (options_.on_response) options_.on_response(request, status, seconds);
  }

  template <class Message>
  void AddCommonHeaders(Message& res, const Response& response) {
    res.set(bhttp::field::date, CurrentHttpDate());
    for (const auto& [name, value] : kSecurityHeaders) res.set(name, value);
    for (const auto& [name, value] : options_.extra_headers) res.set(name, value);
    for (const auto& [name, value] : response.headers) res.set(name, value);
  }

  // Sends the head of a streamed response, then its events as they come, until the
  // stream ends, the client leaves, or the server stops. The body runs to the close.
  net::awaitable<void> StreamEvents(Connection& c, Response& response, unsigned version) {
    static constexpr auto kKeepalive = std::chrono::seconds(15);
    bhttp::response<bhttp::empty_body> res{static_cast<bhttp::status>(response.status), version};
    res.set(bhttp::field::content_type, response.content_type);
    AddCommonHeaders(res, response);
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
    if (!response.content_type.empty() && response.status != 304) {
      res.set(bhttp::field::content_type, response.content_type);
    }
    AddCommonHeaders(res, response);
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
  net::thread_pool hashing_;
  net::thread_pool writers_;
  std::atomic<int> queued_{0};          // requests waiting for or running on a worker
  std::atomic<int> hashing_queued_{0};  // the same on the hashing pool
  std::atomic<int> writes_queued_{0};   // and on the writers' pool
  tcp::acceptor acceptor_;
  net::signal_set signals_;
  net::steady_timer grace_timer_;  // on the acceptor's strand
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> active_{0};    // page connections, against max_connections
  std::atomic<int> open_{0};      // every open connection, pages and streams
  std::atomic<int> refusing_{0};  // connections past the cap being answered 503
  std::mutex connections_mu_;
  std::unordered_set<std::shared_ptr<Connection>> connections_;  // GUARDED_BY(connections_mu_)
  int streams_ = 0;                                              // GUARDED_BY(connections_mu_)
  std::unordered_map<std::string, int> streams_by_client_;       // GUARDED_BY(connections_mu_)
};

Server::Server(ServerOptions options, RequestHandler handler, ErrorPageRenderer error_page)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(error_page))) {
}
Server::~Server() = default;
core::Result<void> Server::Listen() { return impl_->Listen(); }
uint16_t Server::port() const { return impl_->port(); }
int Server::max_connections() const { return impl_->max_connections(); }
int Server::max_streams() const { return impl_->max_streams(); }
void Server::Run() { impl_->Run(); }
void Server::Shutdown() { impl_->Shutdown(); }

}  // namespace dateline::http
