#pragma once
// Numbers about the running process, for Prometheus: counters, histograms, and gauges read
// when scraped. Rendered in the text exposition format (version 0.0.4), the format every
// Prometheus-compatible collector reads.
//
// A series is a family name plus label values. Callers keep the reference a lookup returns
// (the series lives as long as the registry), so counting on a hot path is one atomic add.
// Label values must come from small fixed sets (route patterns, method names, status
// codes), never from what a client sends: every distinct value is a series kept for good.

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dateline::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Counter {
 public:
  void Add(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

// Observations in seconds, counted into cumulative buckets (as Prometheus expects).
class Histogram {
 public:
  // Upper bounds in seconds, from 0.5 ms to 10 s.
  static constexpr std::array<double, 14> kBounds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  void Observe(double seconds);
  // Per bucket (not cumulative), then the count past the last bound.
  std::array<uint64_t, kBounds.size() + 1> Buckets() const;
  double Sum() const;
  uint64_t Count() const { return count_.load(std::memory_order_relaxed); }

 private:
  std::array<std::atomic<uint64_t>, kBounds.size() + 1> buckets_{};
  std::atomic<uint64_t> count_{0};
  std::atomic<uint64_t> sum_nanos_{0};
};

class Registry {
 public:
  // The process's registry: services count into it, /metrics renders it.
  static Registry& Global();

  // The series for these labels, made on first use. A family keeps the type and help of
  // its first lookup.
  Counter& GetCounter(std::string_view family, std::string_view help, const Labels& labels = {});
  Histogram& GetHistogram(std::string_view family, std::string_view help,
                          const Labels& labels = {});
  // A value read at each scrape (queue depths, pool use). Registering a name again
  // replaces the reader: a server started twice in one process (tests) reads its own.
  void SetGauge(std::string_view family, std::string_view help, std::function<double()> read);
  void RemoveGauge(std::string_view family);

  // Every family, sorted by name, in the text exposition format.
  std::string Render() const;

 private:
  enum class Type { kCounter, kHistogram, kGauge };
  struct Family {
    Type type;
    std::string help;
    std::map<std::string, std::unique_ptr<Counter>> counters;  // by rendered labels
    std::map<std::string, std::unique_ptr<Histogram>> histograms;
    std::function<double()> gauge;
  };
  Family& FamilyFor(std::string_view name, std::string_view help, Type type);
  // The series of `family` with `labels` in the member map `series`, made on first use.
  template <typename Series>
  Series& GetSeries(std::string_view family, std::string_view help, const Labels& labels, Type type,
                    std::map<std::string, std::unique_ptr<Series>> Family::*series);

  mutable std::shared_mutex mu_;
  std::map<std::string, Family, std::less<>> families_;  // GUARDED_BY(mu_)
};

// `{a="x",b="y"}` with values escaped as the format requires; empty for no labels.
std::string RenderLabels(const Labels& labels);

}  // namespace dateline::metrics
