#include "store/postgres/pg_listener.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "core/text.hpp"

namespace dateline::store {

PgListener::PgListener(std::string url, std::vector<std::string> channels, ChangeCallback callback)
    : url_(std::move(url)), channels_(std::move(channels)), callback_(std::move(callback)) {
  wake_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

PgListener::~PgListener() {
  Stop();
  if (wake_fd_ >= 0) close(wake_fd_);
}

void PgListener::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void PgListener::Stop() {
  stop_ = true;
  uint64_t one = 1;
  if (wake_fd_ >= 0) (void)!write(wake_fd_, &one, sizeof one);
  if (thread_.joinable()) thread_.join();
}

void PgListener::Loop() {
  int backoff_ms = 100;
  bool had_connection = false;
  while (!stop_) {
    PGconn* conn = PQconnectdb(url_.c_str());
    bool ok = PQstatus(conn) == CONNECTION_OK;
    for (size_t i = 0; ok && i < channels_.size(); ++i) {
      char* quoted = PQescapeIdentifier(conn, channels_[i].c_str(), channels_[i].size());
      PGresult* r = PQexec(conn, ("LISTEN " + std::string(quoted)).c_str());
      ok = PQresultStatus(r) == PGRES_COMMAND_OK;
      PQclear(r);
      PQfreemem(quoted);
    }
    if (!ok) {
      spdlog::warn("event listener cannot reach PostgreSQL: {}", core::Trim(PQerrorMessage(conn)));
      PQfinish(conn);
      pollfd p{wake_fd_, POLLIN, 0};
      poll(&p, 1, backoff_ms);
      backoff_ms = std::min(backoff_ms * 2, 5000);
      continue;
    }
    backoff_ms = 100;
    if (had_connection) {
      spdlog::info("event listener reconnected");
      for (const auto& channel : channels_) callback_(channel, "");  // re-check after a gap
    }
    had_connection = true;
    while (!stop_) {
      pollfd fds[2] = {{PQsocket(conn), POLLIN, 0}, {wake_fd_, POLLIN, 0}};
      // A timeout bounds how long a silently dead connection can go unnoticed.
      int n = poll(fds, 2, 10000);
      if (stop_) break;
      if (n == 0) {
        PGresult* r = PQexec(conn, "SELECT 1");
        bool alive = PQresultStatus(r) == PGRES_TUPLES_OK;
        PQclear(r);
        if (!alive) break;
      }
      if (n > 0 && (fds[0].revents & (POLLIN | POLLERR | POLLHUP))) {
        if (!PQconsumeInput(conn)) break;
      }
      while (PGnotify* note = PQnotifies(conn)) {
        callback_(note->relname, note->extra ? note->extra : "");
        PQfreemem(note);
      }
      if (PQstatus(conn) != CONNECTION_OK) break;
    }
    PQfinish(conn);
  }
}

}  // namespace dateline::store
