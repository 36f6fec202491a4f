// Hostile and broken clients: oversized bodies and headers, malformed requests, slow
// senders, and shutdown while a request is in flight.

#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <thread>

#include "../support/temp_dir.hpp"
#include "harness.hpp"

namespace dateline::testing {
namespace {

using std::chrono::milliseconds;

class HttpLimitsTest : public ::testing::Test {
 protected:
  void StartWith(const std::string& http_table) {
    std::ofstream(site_.File("dateline.toml")) << "[http]\n" << http_table;
    server_ = ServerProcess::Start(site_, {"--config", site_.File("dateline.toml")});
    ASSERT_NE(server_, nullptr);
  }
  TestSite site_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(HttpLimitsTest, OversizedBodyIs413) {
  StartWith("max_body_bytes = 1024\n");
  auto r = Fetch(server_->port(), "POST", "/", {}, std::string(4096, 'x'));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_NE(r->body.find("Request too large"), std::string::npos);
  // A declared length over the limit is refused before the body is sent.
  HttpConnection c(server_->port());
  ASSERT_TRUE(c.Send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n"));
  auto declared = c.Read();
  ASSERT_TRUE(declared);
  EXPECT_EQ(declared->status, 413);
  // The server is still fine afterwards.
  EXPECT_EQ(Fetch(server_->port(), "GET", "/")->status, 200);
}

TEST_F(HttpLimitsTest, OversizedHeaderIs431) {
  StartWith("max_header_bytes = 2048\n");
  auto r = Fetch(server_->port(), "GET", "/", {"X-Big: " + std::string(8000, 'h')});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
}

TEST_F(HttpLimitsTest, MalformedRequestsAre400) {
  StartWith("");
  const char* bad[] = {
      "GARBAGE\r\n\r\n",
      "GET / HTTP/9.9\r\nHost: x\r\n\r\n",
      "G(T / HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET / HTTP/1.1\r\nBad Header Name: x\r\n\r\n",
      "GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET ftp://other.example/ HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET other.example HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
  };
  for (const char* request : bad) {
    HttpConnection c(server_->port());
    ASSERT_TRUE(c.Send(request));
    auto r = c.Read();
    ASSERT_TRUE(r) << request;
    EXPECT_EQ(r->status, 400) << request;
    EXPECT_NE(r->body.find("Bad request"), std::string::npos);
    EXPECT_FALSE(r->Header("content-security-policy").empty());
  }
  EXPECT_EQ(Fetch(server_->port(), "GET", "/")->status, 200);
}

TEST_F(HttpLimitsTest, SlowClientIsCutOff) {
  StartWith("header_timeout = 0.5\nbody_timeout = 0.5\n");
  // Sends half a request head and then nothing: the server must not wait forever.
  HttpConnection slow_head(server_->port());
  ASSERT_TRUE(slow_head.Send("GET / HTTP/1.1\r\nHost: x\r\n"));
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(slow_head.WaitForClose(milliseconds(5000)));
  EXPECT_LT(std::chrono::steady_clock::now() - started, milliseconds(4000));
  // The same for a body that never finishes.
  HttpConnection slow_body(server_->port());
  ASSERT_TRUE(slow_body.Send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc"));
  EXPECT_TRUE(slow_body.WaitForClose(milliseconds(5000)));
  EXPECT_EQ(Fetch(server_->port(), "GET", "/")->status, 200);
}

TEST_F(HttpLimitsTest, IdleKeepAliveConnectionIsClosed) {
  StartWith("idle_timeout = 0.5\n");
  HttpConnection c(server_->port());
  ASSERT_TRUE(c.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(c.Read());
  EXPECT_TRUE(c.WaitForClose(milliseconds(5000)));
}

TEST_F(HttpLimitsTest, GracefulShutdownFinishesTheRequestInFlight) {
  StartWith("shutdown_grace = 10\n");
  HttpConnection idle(server_->port());
  ASSERT_TRUE(idle.connected());
  HttpConnection busy(server_->port());
  // The request head and half the body arrive; then the server is told to stop.
  ASSERT_TRUE(busy.Send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhello"));
  std::this_thread::sleep_for(milliseconds(200));
  server_->Signal(SIGTERM);
  // The idle connection is closed at once; no new connections are taken.
  EXPECT_TRUE(idle.WaitForClose(milliseconds(3000)));
  for (int i = 0; i < 100 && server_->Output().find("shutting down") == std::string::npos; ++i) {
    std::this_thread::sleep_for(milliseconds(20));
  }
  ASSERT_NE(server_->Output().find("shutting down"), std::string::npos);
  HttpConnection late(server_->port());
  if (late.connected()) {
    late.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_FALSE(late.Read(false, milliseconds(500)).has_value());
  }
  // The in-flight request still completes, with Connection: close.
  ASSERT_TRUE(busy.Send("world"));
  auto r = busy.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->Header("connection"), "close");
  EXPECT_EQ(server_->WaitForExit(milliseconds(5000)), 0);
  EXPECT_NE(server_->Output().find("stopped"), std::string::npos);
}

TEST_F(HttpLimitsTest, ConnectionCapTurnsAwayTheExcess) {
  StartWith("max_connections = 2\n");
  HttpConnection a(server_->port()), b(server_->port());
  ASSERT_TRUE(a.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n") && a.Read());
  ASSERT_TRUE(b.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n") && b.Read());
  HttpConnection c(server_->port());
  ASSERT_TRUE(c.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
}

}  // namespace
}  // namespace dateline::testing
