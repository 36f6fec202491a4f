#include "metrics/registry.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace dateline::metrics {
namespace {

TEST(RegistryTest, RendersCountersWithEscapedLabelsOnce) {
  Registry r;
  r.GetCounter("t_requests_total", "Requests.", {{"route", "/a/{slug}"}, {"status", "200"}}).Add(2);
  // The same labels are the same series.
  r.GetCounter("t_requests_total", "ignored", {{"route", "/a/{slug}"}, {"status", "200"}}).Add();
  r.GetCounter("t_requests_total", "", {{"route", "say \"hi\"\\\n"}}).Add();
  EXPECT_EQ(r.Render(),
            "# HELP t_requests_total Requests.\n"
            "# TYPE t_requests_total counter\n"
            "t_requests_total{route=\"/a/{slug}\",status=\"200\"} 3\n"
            "t_requests_total{route=\"say \\\"hi\\\"\\\\\\n\"} 1\n");
}

TEST(RegistryTest, HistogramBucketsAreCumulativeAndEndInInf) {
  Registry r;
  Histogram& h = r.GetHistogram("t_seconds", "Time.", {{"route", "/"}});
  h.Observe(0.0001);  // first bucket
  h.Observe(0.003);   // 0.005
  h.Observe(0.003);
  h.Observe(99);  // past every bound
  std::string text = r.Render();
  EXPECT_NE(text.find("# TYPE t_seconds histogram\n"), std::string::npos);
  EXPECT_NE(text.find("t_seconds_bucket{route=\"/\",le=\"0.0005\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("t_seconds_bucket{route=\"/\",le=\"0.0025\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("t_seconds_bucket{route=\"/\",le=\"0.005\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("t_seconds_bucket{route=\"/\",le=\"10\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("t_seconds_bucket{route=\"/\",le=\"+Inf\"} 4\n"), std::string::npos);
  EXPECT_NE(text.find("t_seconds_count{route=\"/\"} 4\n"), std::string::npos);
  EXPECT_NEAR(h.Sum(), 99.0061, 1e-6);
}

TEST(RegistryTest, GaugesAreReadAtEachScrapeAndCanBeRemoved) {
  Registry r;
  double depth = 3;
  r.SetGauge("t_depth", "Depth.", [&depth] { return depth; });
  EXPECT_EQ(r.Render(), "# HELP t_depth Depth.\n# TYPE t_depth gauge\nt_depth 3\n");
  depth = 7.5;
  EXPECT_NE(r.Render().find("t_depth 7.5\n"), std::string::npos);
  r.RemoveGauge("t_depth");
  EXPECT_EQ(r.Render(), "");
}

TEST(RegistryTest, CountsFromManyThreadsAddUp) {
  Registry r;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&r, t] {
      for (int i = 0; i < 10000; ++i) {
        r.GetCounter("t_total", "", {{"status", std::to_string(200 + (i + t) % 2)}}).Add();
      }
    });
  }
  for (auto& t : threads) t.join();
  std::string text = r.Render();
  EXPECT_NE(text.find("t_total{status=\"200\"} 20000\n"), std::string::npos) << text;
  EXPECT_NE(text.find("t_total{status=\"201\"} 20000\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace dateline::metrics
