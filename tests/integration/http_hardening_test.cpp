// What a security review found in the HTTP layer, each as the request that broke it:
// trailers and headers that killed the process, framing that grew it without bound,
// smuggling through Transfer-Encoding, resets past the connection cap, streams that
// starved pages, every reader behind a proxy counted as one, and running out of
// descriptors.

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "harness.hpp"

namespace dateline::testing {
namespace {

using std::chrono::milliseconds;
constexpr const char* kDemo = "/articles/kerry-lavrov-syria-truce";

class HttpHardeningTest : public ::testing::Test {
 protected:
  void StartWith(const std::string& toml, const ServerEnvironment& environment = {}) {
    std::ofstream(site_.File("dateline.toml")) << toml;
    server_ = ServerProcess::Start(site_, {"--config", site_.File("dateline.toml")}, environment);
    ASSERT_NE(server_, nullptr);
  }
  // The server still answers (it did not die, and it is not wedged).
  void ExpectServing() {
    auto r = Fetch(server_->port(), "GET", "/");
    ASSERT_TRUE(r) << "the server stopped answering";
    EXPECT_EQ(r->status, 200);
  }
  std::optional<HttpResponse> SendRaw(const std::string& bytes) {
    HttpConnection c(server_->port());
    if (!c.Send(bytes)) return std::nullopt;
    return c.Read(false, milliseconds(5000));
  }
  TestSite site_;
  std::unique_ptr<ServerProcess> server_;
};

std::string ChunkedPost(const std::string& path, const std::string& trailer) {
  return "POST " + path +
         " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
         "5\r\nhello\r\n0\r\n" +
         trailer + "\r\n";
}

TEST_F(HttpHardeningTest, TrailersOf64KiBOrMoreDoNotKillTheServer) {
  ASSERT_NO_FATAL_FAILURE(StartWith(""));
  auto long_name = SendRaw(ChunkedPost("/", "X-" + std::string(70000, 'n') + ": v\r\n"));
  ASSERT_TRUE(long_name);
  EXPECT_EQ(long_name->status, 413);
  ExpectServing();
  auto long_value = SendRaw(ChunkedPost("/", "X-Trailer: " + std::string(70000, 'v') + "\r\n"));
  ASSERT_TRUE(long_value);
  EXPECT_EQ(long_value->status, 413);
  ExpectServing();
  // Ordinary small trailers are read and ignored.
  auto small = SendRaw(ChunkedPost("/", "X-Checksum: abc\r\n"));
  ASSERT_TRUE(small);
  EXPECT_EQ(small->status, 405);  // POST / is not a route: the request itself was read whole
}

TEST_F(HttpHardeningTest, HeadersAbove64KiBAreServedWhenTheLimitAllowsThem) {
  ASSERT_NO_FATAL_FAILURE(StartWith("[http]\nmax_header_bytes = 300000\n"));
  auto big_value = Fetch(server_->port(), "GET", "/", {"X-Big: " + std::string(100000, 'h')});
  ASSERT_TRUE(big_value);
  EXPECT_EQ(big_value->status, 200);
  auto big_name = Fetch(server_->port(), "GET", "/", {"X-" + std::string(70000, 'n') + ": 1"});
  ASSERT_TRUE(big_name);
  EXPECT_EQ(big_name->status, 200);
  auto over = Fetch(server_->port(), "GET", "/", {"X-Big: " + std::string(310000, 'h')});
  ASSERT_TRUE(over);
  EXPECT_EQ(over->status, 431);
  ExpectServing();
}

TEST_F(HttpHardeningTest, ACookieSentOnlyAsATrailerSignsNobodyIn) {
  ASSERT_NO_FATAL_FAILURE(StartWith(""));
  std::string password =
      OneTimePasswordIn(RunDateline(site_.With({"user", "add", "trailer@example.org"})));
  Browser browser(server_->port());
  ASSERT_EQ(
      browser.Submit("/login", "/login", {{"email", "trailer@example.org"}, {"password", password}})
          .status,
      303);
  std::string session = browser.CookieValue("dl_session");
  ASSERT_FALSE(session.empty());
  // The same cookie in the header does sign in...
  auto header = Fetch(server_->port(), "GET", "/account", {"Cookie: dl_session=" + session});
  ASSERT_TRUE(header);
  EXPECT_NE(header->status, 303);
  // ...but as a trailer it is dropped.
  auto trailer = SendRaw(
      "GET /account HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
      "Cookie: dl_session=" +
      session + "\r\n\r\n");
  ASSERT_TRUE(trailer);
  EXPECT_EQ(trailer->status, 303);
  EXPECT_NE(trailer->Header("location").find("/login"), std::string::npos);
}

TEST_F(HttpHardeningTest, ChunkFramingIsCountedAndMemoryStaysBounded) {
  ASSERT_NO_FATAL_FAILURE(StartWith(""));
  long before = server_->ResidentKiB();
  // One endless chunk extension.
  {
    HttpConnection c(server_->port());
    ASSERT_TRUE(c.Send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1;x="));
    std::string junk(64 * 1024, 'e');
    for (int i = 0; i < 160 && c.Send(junk); ++i) {
    }  // up to 10 MiB, until the server stops reading
    auto r = c.Read(false, milliseconds(5000));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
  }
  // Many small chunks, each with an extension under any per-line limit.
  {
    HttpConnection c(server_->port());
    ASSERT_TRUE(c.Send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"));
    std::string chunk = "1;e=" + std::string(4000, 'e') + "\r\nx\r\n";
    for (int i = 0; i < 2000 && c.Send(chunk); ++i) {
    }
    auto r = c.Read(false, milliseconds(5000));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
  }
  EXPECT_LT(server_->ResidentKiB() - before, 32 * 1024) << "KiB grown";
  ExpectServing();
}

TEST_F(HttpHardeningTest, ATransferEncodingThatDoesNotEndInChunkedIsRefused) {
  ASSERT_NO_FATAL_FAILURE(StartWith(""));
  struct Case {
    std::string head;
    int status;
  } cases[] = {
      {"Transfer-Encoding: gzip\r\n", 400},
      {"Transfer-Encoding: chunked, gzip\r\n", 400},
      {"Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n", 400},
      {"Transfer-Encoding: gzip, chunked\r\n", 501},
      {"Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", 400},
      {"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", 400},
  };
  for (const auto& c : cases) {
    HttpConnection conn(server_->port());
    // The "body" is a second request: a server that ignores the coding would answer it.
    ASSERT_TRUE(conn.Send("POST /login HTTP/1.1\r\nHost: x\r\n" + c.head +
                          "\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto r = conn.Read(false, milliseconds(5000));
    ASSERT_TRUE(r) << c.head;
    EXPECT_EQ(r->status, c.status) << c.head;
    EXPECT_EQ(r->Header("connection"), "close") << c.head;
    EXPECT_TRUE(conn.WaitForClose(milliseconds(5000))) << c.head;
    EXPECT_EQ(conn.received().find("ok\n"), std::string::npos) << "smuggled: " << c.head;
  }
  // HTTP/1.0 has no transfer codings at all.
  auto old = SendRaw("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->status, 400);
  ExpectServing();
}

TEST_F(HttpHardeningTest, FormMediaTypesAreReadWhateverTheirCase) {
  ASSERT_NO_FATAL_FAILURE(StartWith(""));
  Browser b(server_->port());
  std::string csrf = CsrfIn(b.Get("/reset").body);
  auto r = b.Post("/reset", FormEncode({{"email", "case@example.org"}, {"csrf", csrf}}),
                  {"Content-Type: Application/X-WWW-Form-URLencoded; Charset=UTF-8"});
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(HttpHardeningTest, AbsoluteFormTargetsAreServed) {
  ASSERT_NO_FATAL_FAILURE(StartWith(""));
  std::string port = std::to_string(server_->port());
  auto front = SendRaw("GET http://127.0.0.1:" + port + "/ HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(front);
  EXPECT_EQ(front->status, 200);
  auto article = SendRaw("GET http://news.example" + std::string(kDemo) +
                         "?from=proxy HTTP/1.1\r\nHost: news.example\r\n\r\n");
  ASSERT_TRUE(article);
  EXPECT_EQ(article->status, 200);
  EXPECT_NE(article->body.find("GENEVA"), std::string::npos);
}

TEST_F(HttpHardeningTest, ExpectContinueGetsAnInterimAnswerBeforeTheBody) {
  ASSERT_NO_FATAL_FAILURE(StartWith(""));
  HttpConnection c(server_->port());
  ASSERT_TRUE(
      c.Send("POST /login HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
             "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\n"));
  ASSERT_TRUE(c.ReadUntil("HTTP/1.1 100 Continue\r\n\r\n", milliseconds(5000)));
  ASSERT_TRUE(c.Send("email=x"));
  ASSERT_TRUE(c.ReadUntil("\r\n\r\n", milliseconds(5000)));
  // A body over the limit is refused without the interim answer.
  HttpConnection big(server_->port());
  ASSERT_TRUE(
      big.Send("POST /login HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
               "Content-Length: 99999999\r\n\r\n"));
  auto r = big.Read(false, milliseconds(5000));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
}

TEST_F(HttpHardeningTest, PastTheConnectionCapEveryClientGetsItsAnswer) {
  ASSERT_NO_FATAL_FAILURE(StartWith("[http]\nmax_connections = 2\n"));
  HttpConnection a(server_->port()), b(server_->port());
  ASSERT_TRUE(a.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n") && a.Read());
  ASSERT_TRUE(b.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n") && b.Read());
  // Twenty clients send a request with a body at once; unread input at close would make
  // the kernel reset the connection and throw the 503 away.
  std::string request = "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n\r\n" +
                        std::string(200000, 'x');
  std::atomic<int> answered = 0;
  std::vector<std::thread> clients;
  for (int i = 0; i < 20; ++i) {
    clients.emplace_back([&] {
      HttpConnection c(server_->port());
      if (!c.Send(request)) return;  // reset while sending: what a browser reports
      auto r = c.Read(false, milliseconds(5000));
      if (r && r->status == 503 && c.ClosedWithoutReset(milliseconds(5000))) ++answered;
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(answered.load(), 20);
}

TEST_F(HttpHardeningTest, ClientAddressesComeFromTrustedProxiesOnly) {
  ASSERT_NO_FATAL_FAILURE(StartWith("login_attempts_per_ip = 3\n"));
  auto attempt = [&](const std::string& forwarded) {
    Browser b(server_->port());
    return b
        .Submit("/login", "/login", {{"email", "nobody@example.org"}, {"password", "wrong one!"}},
                {"X-Forwarded-For: " + forwarded})
        .status;
  };
  // The peer is loopback (trusted by default): each forwarded address has its own count.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(attempt("198.51.100.7, 203.0.113.7"), 401);
  EXPECT_EQ(attempt("203.0.113.7"), 429);
  EXPECT_EQ(attempt("203.0.113.8"), 401);
  // A forged left part changes nothing: the right-most untrusted hop is the client.
  EXPECT_EQ(attempt("192.0.2.99, 203.0.113.7"), 429);
  // IPv6 is counted per /64.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(attempt("2001:db8:1:2::" + std::to_string(i + 1)), 401);
  EXPECT_EQ(attempt("2001:db8:1:2::ffff"), 429);
  EXPECT_EQ(attempt("2001:db8:1:3::1"), 401);
  // The access log names the client, not the proxy.
  EXPECT_NE(server_->Output().find("203.0.113.8 \"POST /login"), std::string::npos);
}

TEST_F(HttpHardeningTest, WithoutTrustedProxiesTheHeaderIsIgnored) {
  ASSERT_NO_FATAL_FAILURE(StartWith("login_attempts_per_ip = 2\n[http]\ntrusted_proxies = []\n"));
  for (int i = 0; i < 3; ++i) {
    Browser b(server_->port());
    int status =
        b.Submit("/login", "/login", {{"email", "nobody@example.org"}, {"password", "wrong one!"}},
                 {"X-Forwarded-For: 203.0.113." + std::to_string(i)})
            .status;
    EXPECT_EQ(status, i < 2 ? 401 : 429) << i;
  }
}

TEST_F(HttpHardeningTest, BadTrustedProxiesStopTheServerNamingTheSetting) {
  std::ofstream(site_.File("bad.toml")) << "[http]\ntrusted_proxies = [\"10.0.0.0/33\"]\n";
  auto r = RunDateline(
      site_.With({"serve", "--listen", "127.0.0.1:0", "--config", site_.File("bad.toml")}));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("http.trusted_proxies"), std::string::npos) << r.output;
}

TEST_F(HttpHardeningTest, HttpsSitesSendStrictTransportSecurity) {
  ASSERT_NO_FATAL_FAILURE(StartWith("site_url = \"https://news.example\"\n"));
  auto r = Fetch(server_->port(), "GET", "/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->Header("strict-transport-security"), "max-age=31536000");
  auto error = Fetch(server_->port(), "GET", "/no-such-page");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->Header("strict-transport-security"), "max-age=31536000");
}

TEST_F(HttpHardeningTest, PlainHttpSitesDoNot) {
  ASSERT_NO_FATAL_FAILURE(StartWith(""));
  auto r = Fetch(server_->port(), "GET", "/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->Header("strict-transport-security"), "");
}

TEST_F(HttpHardeningTest, TheAccessLogKeepsQueryValuesOut) {
  ASSERT_NO_FATAL_FAILURE(StartWith(""));
  ASSERT_TRUE(Fetch(server_->port(), "GET", "/verify?token=SECRETTOKENVALUE&x"));
  ASSERT_TRUE(Fetch(server_->port(), "GET", "/search?q=PRIVATESEARCH"));
  std::string log = server_->Output();
  EXPECT_EQ(log.find("SECRETTOKENVALUE"), std::string::npos);
  EXPECT_EQ(log.find("PRIVATESEARCH"), std::string::npos);
  EXPECT_NE(log.find("\"GET /verify?token=*&x\""), std::string::npos) << log;
}

TEST_F(HttpHardeningTest, StreamsAreCappedPerClientAndLeavePagesTheirConnections) {
  ASSERT_NO_FATAL_FAILURE(StartWith("[http]\nmax_connections = 3\nmax_streams_per_client = 2\n"));
  std::string events = std::string(kDemo) + "/comments/events";
  auto open_stream = [&](const std::string& client) {
    auto c = std::make_unique<HttpConnection>(server_->port());
    c->Send("GET " + events + " HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: " + client + "\r\n\r\n");
    return c;
  };
  auto a1 = open_stream("203.0.113.1"), a2 = open_stream("203.0.113.1");
  ASSERT_TRUE(a1->ReadUntil("retry:", milliseconds(5000)));
  ASSERT_TRUE(a2->ReadUntil("retry:", milliseconds(5000)));
  auto a3 = open_stream("203.0.113.1");
  auto refused = a3->Read(false, milliseconds(5000));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503);
  auto b1 = open_stream("203.0.113.2");
  ASSERT_TRUE(b1->ReadUntil("retry:", milliseconds(5000)));
  // Three streams are open and the page cap is three: pages are still served.
  for (int i = 0; i < 3; ++i) {
    auto page = Fetch(server_->port(), "GET", "/");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
  }
}

TEST_F(HttpHardeningTest, RunningOutOfDescriptorsNeitherSpinsNorFloodsTheLog) {
  // A sanitizer's runtime needs descriptors of its own to check types and report: with
  // none left it reports what it cannot check. The release build runs this test.
  if (std::getenv("DATELINE_SANITIZED_RUN"))
    GTEST_SKIP() << "descriptor exhaustion under a sanitizer";
  ASSERT_NO_FATAL_FAILURE(StartWith("", ServerEnvironment{{}, 100}));
  EXPECT_NE(server_->Output().find("lowering max_connections"), std::string::npos);
  // Far more clients than descriptors, each holding its connection open.
  std::vector<std::unique_ptr<HttpConnection>> clients;
  for (int i = 0; i < 200; ++i) {
    clients.push_back(std::make_unique<HttpConnection>(server_->port()));
    clients.back()->Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  }
  std::this_thread::sleep_for(milliseconds(500));
  double cpu_before = server_->CpuSeconds();
  std::this_thread::sleep_for(milliseconds(2000));
  double cpu_used = server_->CpuSeconds() - cpu_before;
  EXPECT_LT(cpu_used, 0.5) << "the accept loop spins";
  std::string log = server_->Output();
  size_t reports = 0;
  for (size_t at = log.find("accept failed"); at != std::string::npos;
       at = log.find("accept failed", at + 1)) {
    ++reports;
  }
  EXPECT_LE(reports, 3u);
  clients.clear();
  // Once descriptors are free again, new clients are served.
  bool served = false;
  for (int i = 0; i < 50 && !served; ++i) {
    auto r = Fetch(server_->port(), "GET", "/");
    served = r && r->status == 200;
    if (!served) std::this_thread::sleep_for(milliseconds(100));
  }
  EXPECT_TRUE(served) << server_->Output().substr(0, 3000);
}

}  // namespace
}  // namespace dateline::testing
